//! A forgiving JSON / JSONC tokenizer that keeps byte ranges of strings.
