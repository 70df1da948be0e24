//! Rust source files, parsed once with `syn` (a full syntax tree, no macro expansion).
//!
//! Spans come from `proc-macro2`'s `span-locations` fallback: outside a procedural macro every
//! token records its byte range in the text it was parsed from. Those ranges are kept per
//! thread, so a file must be parsed and its spans read on the same thread; [`RustFile::range`]
//! turns a span into a byte range of the original text (a leading BOM and a shebang line are
//! accounted for).

use std::ops::Range;

use proc_macro2::Span;

/// One parsed `.rs` file, or the reason it could not be parsed.
pub struct RustFile {
    /// `None` when syn could not parse the file (see `parse_error`).
    pub ast: Option<syn::File>,
    /// The byte range and message of the first syntax error.
    pub parse_error: Option<(Range<usize>, String)>,
    /// Bytes before the text syn saw (a UTF-8 BOM).
    offset: usize,
    len: usize,
}

impl RustFile {
    /// Parses `text`; never panics. A shebang line (`#!/usr/bin/env ...`, not `#![attr]`) is
    /// blanked so that offsets stay those of `text`.
    pub fn parse(text: &str) -> RustFile {
        let (offset, body) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (text.len() - rest.len(), rest),
            None => (0, text),
        };
        let blanked;
        let body = if body.starts_with("#!") && !body[2..].trim_start().starts_with('[') {
            let end = body.find('\n').unwrap_or(body.len());
            blanked = format!("{}{}", " ".repeat(end), &body[end..]);
            blanked.as_str()
        } else {
            body
        };
        let parsed = std::panic::catch_unwind(|| syn::parse_file(body));
        match parsed {
            Ok(Ok(ast)) => RustFile {
                ast: Some(ast),
                parse_error: None,
                offset,
                len: text.len(),
            },
            Ok(Err(err)) => {
                let r = err.span().byte_range();
                let range = (r.start + offset).min(text.len())..(r.end + offset).min(text.len());
                RustFile {
                    ast: None,
                    parse_error: Some((range, err.to_string())),
                    offset,
                    len: text.len(),
                }
            }
            Err(_) => RustFile {
                ast: None,
                parse_error: Some((0..0, "the Rust parser failed on this file".to_owned())),
                offset,
                len: text.len(),
            },
        }
    }

    /// The byte range of `span` in the original text (empty at 0 for a span with no
    /// location, such as one made by a macro).
    pub fn range(&self, span: Span) -> Range<usize> {
        let r = span.byte_range();
        (r.start + self.offset).min(self.len)..(r.end + self.offset).min(self.len)
    }
}

/// Frees the span table of the current thread. Every span of every file parsed on this thread
/// becomes meaningless: call it once the facts (with byte ranges) have been taken out.
pub fn release_spans() {
    proc_macro2::extra::invalidate_current_thread_spans();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::LineIndex;
    use syn::spanned::Spanned;

    fn first_fn_line(text: &str) -> Option<u32> {
        let file = RustFile::parse(text);
        let ast = file.ast.as_ref()?;
        let syn::Item::Fn(f) = ast.items.iter().find(|i| matches!(i, syn::Item::Fn(_)))? else {
            return None;
        };
        let range = file.range(f.sig.span());
        Some(LineIndex::new(text).pos(text, range.start).line)
    }

    #[test]
    fn spans_map_to_the_original_text() {
        let cases: &[(&str, Option<u32>)] = &[
            ("async fn a() {}\n", Some(1)),
            ("use x::y;\n\n#[get(\"/\")]\nasync fn a() {}\n", Some(4)),
            ("\u{feff}// bom\nfn a() {}\n", Some(2)),
            ("#!/usr/bin/env run-cargo-script\nfn a() {}\n", Some(2)),
            ("#![allow(dead_code)]\nfn a() {}\n", Some(2)),
            ("// ünïcödé\nfn a() {}\n", Some(2)),
        ];
        for (text, line) in cases {
            assert_eq!(first_fn_line(text), *line, "{text:?}");
            let file = RustFile::parse(text);
            let ast = file.ast.as_ref().unwrap();
            let f = ast.items.last().unwrap();
            let r = file.range(f.span());
            assert!(text[r].contains("fn a()"), "{text:?}");
        }
    }

    #[test]
    fn syntax_errors_are_reported_not_panicked() {
        let cases: &[(&str, bool)] = &[
            ("fn a() {}", false),
            ("fn a( {}", true),
            ("let x = 1;", true),
            ("", false),
            ("\u{feff}", false),
            ("#!", false),
            ("fn ü() {", true),
        ];
        for (text, error) in cases {
            let file = RustFile::parse(text);
            assert_eq!(file.parse_error.is_some(), *error, "{text:?}");
            if let Some((range, message)) = &file.parse_error {
                assert!(range.end <= text.len());
                assert!(!message.is_empty());
            }
        }
        release_spans();
    }
}
