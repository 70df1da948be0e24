//! A forgiving JSON / JSONC tokenizer that keeps byte ranges of strings.
//!
//! [`tokenize`] accepts anything: `//` and `/* */` comments, trailing commas, single-quoted
//! strings, bare words (numbers, `true`, JSON5 keys, garbage) and unterminated strings (which
//! end at the end of their line). It never panics and every range it returns lies on char
//! boundaries of the input.
//!
//! [`walk`] runs over the tokens keeping the stack of enclosing keys and array indices, and
//! reports every object member and array element as an [`Entry`]; this is what the
//! `vercel.json` and `turbo.json` readers use ("the keys of the object at `build.env`",
//! "the strings of an array whose key is `globalEnv`"). Mismatched brackets, missing colons
//! and missing commas are recovered from rather than reported.

use std::ops::Range;

/// A string literal: `"..."` (or `'...'`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrLit {
    /// The content with escapes decoded (invalid escapes are kept as the escaped char,
    /// invalid `\u` code units become U+FFFD).
    pub value: String,
    /// The whole literal, quotes included (no closing quote when unterminated).
    pub range: Range<usize>,
    /// The content between the quotes, as written.
    pub content: Range<usize>,
    /// False when the closing quote is missing (the literal stops at the end of its line).
    pub terminated: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    String(StrLit),
    /// A bare word: a number, `true` / `false` / `null`, a JSON5 unquoted key, or garbage.
    Scalar,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Comma,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range of the token in the text.
    pub range: Range<usize>,
}

/// The tokens of `text`, comments and whitespace (including a BOM) skipped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        let punct = match b {
            b'{' => Some(TokenKind::LBrace),
            b'}' => Some(TokenKind::RBrace),
            b'[' => Some(TokenKind::LBracket),
            b']' => Some(TokenKind::RBracket),
            b':' => Some(TokenKind::Colon),
            b',' => Some(TokenKind::Comma),
            _ => None,
        };
        if let Some(kind) = punct {
            out.push(Token {
                kind,
                range: i..i + 1,
            });
            i += 1;
            continue;
        }
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0c => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = find_byte(bytes, i, b'\n').unwrap_or(n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find_seq(bytes, i + 2, b"*/").map_or(n, |p| p + 2);
            }
            b'"' | b'\'' => {
                let lit = lex_string(text, i, b);
                i = lit.range.end.max(i + 1);
                out.push(Token {
                    range: lit.range.clone(),
                    kind: TokenKind::String(lit),
                });
            }
            _ if bytes[i..].starts_with(&[0xEF, 0xBB, 0xBF]) => i += 3,
            _ => {
                // A bare word: up to the next ASCII delimiter, so it ends on a char boundary.
                let mut j = i + 1;
                while j < n && !ends_bare_word(bytes, j) {
                    j += 1;
                }
                out.push(Token {
                    kind: TokenKind::Scalar,
                    range: i..j,
                });
                i = j;
            }
        }
    }
    out
}

fn ends_bare_word(bytes: &[u8], j: usize) -> bool {
    match bytes[j] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"' => {
            true
        }
        b'/' => matches!(bytes.get(j + 1), Some(b'/' | b'*')),
        _ => false,
    }
}

fn find_byte(bytes: &[u8], from: usize, b: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&x| x == b)
        .map(|p| from + p)
}

fn find_seq(bytes: &[u8], from: usize, seq: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(seq.len())
        .position(|w| w == seq)
        .map(|p| from + p)
}

/// Lexes the string literal whose opening `quote` is at `start`.
fn lex_string(text: &str, start: usize, quote: u8) -> StrLit {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut value = String::new();
    let mut j = start + 1;
    let unterminated = |content_end: usize, value: String| {
        // A string cut by a line break does not own the `\r` of a CRLF.
        let mut end = content_end;
        if end > start + 1 && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        StrLit {
            value,
            range: start..end,
            content: start + 1..end,
            terminated: false,
        }
    };
    while j < n {
        let b = bytes[j];
        if b == quote {
            return StrLit {
                value,
                range: start..j + 1,
                content: start + 1..j,
                terminated: true,
            };
        }
        if b == b'\n' {
            if value.ends_with('\r') {
                value.pop();
            }
            return unterminated(j, value);
        }
        let Some(c) = text.get(j..).and_then(|s| s.chars().next()) else {
            break;
        };
        if c != '\\' {
            value.push(c);
            j += c.len_utf8();
            continue;
        }
        let Some(e) = text.get(j + 1..).and_then(|s| s.chars().next()) else {
            // A backslash at the very end.
            return unterminated(n, value);
        };
        if e == '\n' || e == '\r' {
            // An escaped line break: the string ends there, backslash included.
            return unterminated(j + 1, value);
        }
        j += 1 + e.len_utf8();
        match e {
            'n' => value.push('\n'),
            't' => value.push('\t'),
            'r' => value.push('\r'),
            'b' => value.push('\u{8}'),
            'f' => value.push('\u{c}'),
            'u' => match hex4(text, j) {
                Some(unit) => {
                    j += 4;
                    if (0xD800..0xDC00).contains(&unit) {
                        // A high surrogate: combine with a following `\uDC00`-`\uDFFF`.
                        let low = (bytes.get(j) == Some(&b'\\') && bytes.get(j + 1) == Some(&b'u'))
                            .then(|| hex4(text, j + 2))
                            .flatten()
                            .filter(|l| (0xDC00..0xE000).contains(l));
                        match low {
                            Some(low) => {
                                j += 6;
                                let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                value.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                            }
                            None => value.push('\u{FFFD}'),
                        }
                    } else {
                        value.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
                    }
                }
                None => value.push('u'),
            },
            other => value.push(other),
        }
    }
    unterminated(n, value)
}

/// Four hex digits at `at`, as a number.
fn hex4(text: &str, at: usize) -> Option<u32> {
    let digits = text.get(at..at + 4)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// One step of the path from the root value to a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// The member with this (unescaped) key; empty for a value whose key is missing.
    Key(String),
    /// The element at this index.
    Index(usize),
}

/// Where an entry sits in its container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// An object member with this key (a bare JSON5 key is given as a literal whose content
    /// is the word itself).
    Member(StrLit),
    /// An array element at this index.
    Element(usize),
}

/// The value of an entry, as far as the walker looks at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    String(StrLit),
    /// A bare word (number, literal, garbage): its range.
    Scalar(Range<usize>),
    /// An object: the range of its `{`.
    Object(Range<usize>),
    /// An array: the range of its `[`.
    Array(Range<usize>),
}

/// One object member or array element, reported by [`walk`] when its value starts (or, for a
/// member without a value, when the member ends).
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// The path of the container holding the entry, from the root value: `[]` for the members
    /// of the top-level object, `[Key("build"), Key("env")]` for the members of `build.env`.
    pub path: &'a [Seg],
    pub slot: &'a Slot,
    /// `None` when a member has no value (`{"a": }`, `{"a"}`).
    pub value: Option<&'a Value>,
}

impl Entry<'_> {
    /// The key, for an object member.
    pub fn key(&self) -> Option<&StrLit> {
        match self.slot {
            Slot::Member(k) => Some(k),
            Slot::Element(_) => None,
        }
    }

    /// The value when it is a string.
    pub fn string_value(&self) -> Option<&StrLit> {
        match self.value {
            Some(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// True when the container path is `pattern`: each item names a key, `"*"` matches any one
    /// segment (key or index).
    pub fn container_is(&self, pattern: &[&str]) -> bool {
        path_matches(self.path, pattern)
    }

    /// The key of the innermost container, when that container is an object member's value
    /// (for an element of `"env": [...]`, `Some("env")`).
    pub fn container_key(&self) -> Option<&str> {
        match self.path.last() {
            Some(Seg::Key(k)) => Some(k),
            _ => None,
        }
    }
}

/// True when `path` is `pattern` (`"*"` matches any one segment).
pub fn path_matches(path: &[Seg], pattern: &[&str]) -> bool {
    path.len() == pattern.len()
        && path.iter().zip(pattern).all(|(seg, &pat)| match seg {
            _ if pat == "*" => true,
            Seg::Key(k) => k == pat,
            Seg::Index(_) => false,
        })
}

/// Tokenizes `text` and walks it; see [`walk_tokens`].
pub fn walk(text: &str, f: impl FnMut(Entry<'_>)) {
    walk_tokens(text, &tokenize(text), f);
}

#[derive(Debug)]
enum ObjState {
    /// Waiting for a key (after `{` or `,`).
    Key,
    /// Have a key, waiting for `:`.
    Colon(StrLit),
    /// Have `key:`, waiting for the value.
    Value(StrLit),
    /// After a value, waiting for `,` or `}`.
    After,
}

#[derive(Debug)]
enum Frame {
    Object(ObjState),
    Array(usize),
}

/// Calls `f` for every object member and array element of the token stream, in order.
/// `text` is the text the tokens came from (bare keys take their name from it).
pub fn walk_tokens(text: &str, tokens: &[Token], mut f: impl FnMut(Entry<'_>)) {
    let mut w = Walker {
        frames: Vec::new(),
        path: Vec::new(),
        objects: 0,
        arrays: 0,
    };
    for tok in tokens {
        w.token(text, tok, &mut f);
    }
    // Members still waiting for a value at the end of the text.
    while !w.frames.is_empty() {
        w.pop(&mut f);
    }
}

struct Walker {
    frames: Vec<Frame>,
    /// `path[i]` leads from `frames[i]` into `frames[i + 1]`, so
    /// `path.len() == frames.len().saturating_sub(1)` and the members of the innermost
    /// frame sit at `path`.
    path: Vec<Seg>,
    objects: usize,
    arrays: usize,
}

impl Walker {
    fn token(&mut self, text: &str, tok: &Token, f: &mut impl FnMut(Entry<'_>)) {
        let value = match &tok.kind {
            TokenKind::String(s) => Some(Value::String(s.clone())),
            TokenKind::Scalar => Some(Value::Scalar(tok.range.clone())),
            TokenKind::LBrace => Some(Value::Object(tok.range.clone())),
            TokenKind::LBracket => Some(Value::Array(tok.range.clone())),
            _ => None,
        };
        let opens = matches!(tok.kind, TokenKind::LBrace | TokenKind::LBracket);
        // The segment under which the container this token opens (if any) sits.
        let mut child_seg = Seg::Key(String::new());
        match self.frames.last_mut() {
            None => {
                // Top level: only containers matter.
            }
            Some(Frame::Array(index)) => match tok.kind {
                TokenKind::Comma | TokenKind::Colon => {}
                TokenKind::RBracket => self.pop(f),
                TokenKind::RBrace => {
                    if self.objects > 0 {
                        self.pop_until(true, f);
                    }
                }
                _ => {
                    let i = *index;
                    *index += 1;
                    let slot = Slot::Element(i);
                    f(Entry {
                        path: &self.path,
                        slot: &slot,
                        value: value.as_ref(),
                    });
                    child_seg = Seg::Index(i);
                }
            },
            Some(Frame::Object(state)) => match &tok.kind {
                TokenKind::Comma => {
                    let old = std::mem::replace(state, ObjState::Key);
                    flush_key(&old, &self.path, f);
                }
                TokenKind::Colon => {
                    // A stray colon anywhere else changes nothing.
                    if matches!(state, ObjState::Colon(_))
                        && let ObjState::Colon(k) = std::mem::replace(state, ObjState::After)
                    {
                        *state = ObjState::Value(k);
                    }
                }
                TokenKind::RBrace => self.pop(f),
                TokenKind::RBracket => {
                    if self.arrays > 0 {
                        self.pop_until(false, f);
                    }
                }
                TokenKind::String(_) | TokenKind::Scalar
                    if !matches!(state, ObjState::Value(_)) =>
                {
                    // A key; after `"a"` without a colon, `"a"` had no value.
                    let old = std::mem::replace(state, ObjState::Colon(key_lit(text, tok)));
                    flush_key(&old, &self.path, f);
                }
                _ => match std::mem::replace(state, ObjState::After) {
                    // The value of the pending key (a colon may be missing before a container).
                    ObjState::Value(k) | ObjState::Colon(k) => {
                        let name = k.value.clone();
                        let slot = Slot::Member(k);
                        f(Entry {
                            path: &self.path,
                            slot: &slot,
                            value: value.as_ref(),
                        });
                        child_seg = Seg::Key(name);
                    }
                    // A container without a key.
                    ObjState::Key | ObjState::After => {}
                },
            },
        }
        if opens {
            if !self.frames.is_empty() {
                self.path.push(child_seg);
            }
            if matches!(tok.kind, TokenKind::LBrace) {
                self.frames.push(Frame::Object(ObjState::Key));
                self.objects += 1;
            } else {
                self.frames.push(Frame::Array(0));
                self.arrays += 1;
            }
        }
    }

    /// Closes the innermost container, reporting a member left without a value.
    fn pop(&mut self, f: &mut impl FnMut(Entry<'_>)) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame {
            Frame::Object(state) => {
                flush_key(&state, &self.path, f);
                self.objects -= 1;
            }
            Frame::Array(_) => self.arrays -= 1,
        }
        self.path.truncate(self.frames.len().saturating_sub(1));
    }

    /// A mismatched closer closes everything up to the nearest opener of its kind.
    fn pop_until(&mut self, object: bool, f: &mut impl FnMut(Entry<'_>)) {
        while let Some(frame) = self.frames.last() {
            let was_object = matches!(frame, Frame::Object(_));
            self.pop(f);
            if was_object == object {
                return;
            }
        }
    }
}

/// Reports a member that ends without a value.
fn flush_key(state: &ObjState, path: &[Seg], f: &mut impl FnMut(Entry<'_>)) {
    if let ObjState::Colon(k) | ObjState::Value(k) = state {
        let slot = Slot::Member(k.clone());
        f(Entry {
            path,
            slot: &slot,
            value: None,
        });
    }
}

/// A key token as a literal (a bare word becomes a literal without quotes).
fn key_lit(text: &str, tok: &Token) -> StrLit {
    match &tok.kind {
        TokenKind::String(s) => s.clone(),
        _ => StrLit {
            value: text.get(tok.range.clone()).unwrap_or_default().to_string(),
            range: tok.range.clone(),
            content: tok.range.clone(),
            terminated: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact view of the tokens: punctuation as itself, strings as `s:<value>`, bare
    /// words as `w:<text>`.
    fn kinds(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| match t.kind {
                TokenKind::String(s) => format!("s:{}", s.value),
                TokenKind::Scalar => format!("w:{}", &text[t.range]),
                TokenKind::LBrace => "{".into(),
                TokenKind::RBrace => "}".into(),
                TokenKind::LBracket => "[".into(),
                TokenKind::RBracket => "]".into(),
                TokenKind::Colon => ":".into(),
                TokenKind::Comma => ",".into(),
            })
            .collect()
    }

    fn strings(text: &str) -> Vec<StrLit> {
        tokenize(text)
            .into_iter()
            .filter_map(|t| match t.kind {
                TokenKind::String(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn token_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("{}", &["{", "}"]),
            (
                r#"{"a": [1, -2.5e3, true, null]}"#,
                &[
                    "{", "s:a", ":", "[", "w:1", ",", "w:-2.5e3", ",", "w:true", ",", "w:null",
                    "]", "}",
                ],
            ),
            (
                "// c\n{ /* x */ \"k\" // y\n : 1 }",
                &["{", "s:k", ":", "w:1", "}"],
            ),
            ("[1,2,]", &["[", "w:1", ",", "w:2", ",", "]"]),
            ("\u{feff}[\"x\"]", &["[", "s:x", "]"]),
            (
                r#""a\"b\\c\/d\n\t\u00e9\uD83D\uDE00""#,
                &["s:a\"b\\c/d\n\té😀"],
            ),
            (
                r#""\uD800x" "\uDC00" "\u12" "\q""#,
                &["s:\u{FFFD}x", "s:\u{FFFD}", "s:u12", "s:q"],
            ),
            ("'single' key", &["s:single", "w:key"]),
            ("{a:1}", &["{", "w:a", ":", "w:1", "}"]),
            ("a/b 1//c", &["w:a/b", "w:1"]),
            ("\"unterminated\n, 1", &["s:unterminated", ",", "w:1"]),
            ("\"crlf\r\n1", &["s:crlf", "w:1"]),
            ("/* never closed \"x\"", &[]),
            ("é✓ \"ü\"", &["w:é✓", "s:ü"]),
            ("\"x\\", &["s:x"]),
            ("\"x\\\ny\"", &["s:x", "w:y", "s:"]),
        ];
        for (text, want) in cases {
            assert_eq!(kinds(text), *want, "tokens of {text:?}");
        }
    }

    #[test]
    fn string_ranges() {
        let text = "{\"key\": \"va\\\"l\", 'q'}";
        let s = strings(text);
        assert_eq!(s.len(), 3);
        assert_eq!(&text[s[0].range.clone()], "\"key\"");
        assert_eq!(&text[s[0].content.clone()], "key");
        assert_eq!(&text[s[1].range.clone()], "\"va\\\"l\"");
        assert_eq!(&text[s[1].content.clone()], "va\\\"l");
        assert_eq!(s[1].value, "va\"l");
        assert_eq!(&text[s[2].content.clone()], "q");
        assert!(s.iter().all(|s| s.terminated));

        let text = "[\"open\r\n]";
        let s = strings(text);
        assert!(!s[0].terminated);
        assert_eq!(&text[s[0].range.clone()], "\"open");
        assert_eq!(&text[s[0].content.clone()], "open");
    }

    /// (path, key or index, value text) of every entry.
    fn entries(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        walk(text, |e| {
            let path: Vec<String> = e
                .path
                .iter()
                .map(|s| match s {
                    Seg::Key(k) => k.clone(),
                    Seg::Index(i) => format!("#{i}"),
                })
                .collect();
            let slot = match e.slot {
                Slot::Member(k) => k.value.clone(),
                Slot::Element(i) => format!("#{i}"),
            };
            let value = match e.value {
                None => "-".to_string(),
                Some(Value::String(s)) => format!("{:?}", s.value),
                Some(Value::Scalar(r)) => text[r.clone()].to_string(),
                Some(Value::Object(_)) => "{}".to_string(),
                Some(Value::Array(_)) => "[]".to_string(),
            };
            out.push(format!("{}|{slot}={value}", path.join(".")));
        });
        out
    }

    #[test]
    fn walk_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                r#"{"env": {"A": "1", "B": 2}, "build": {"env": {"C": "x"}}}"#,
                &[
                    "|env={}",
                    "env|A=\"1\"",
                    "env|B=2",
                    "|build={}",
                    "build|env={}",
                    "build.env|C=\"x\"",
                ],
            ),
            (
                r#"{"tasks": {"b": {"env": ["X", "Y"]}}}"#,
                &[
                    "|tasks={}",
                    "tasks|b={}",
                    "tasks.b|env=[]",
                    "tasks.b.env|#0=\"X\"",
                    "tasks.b.env|#1=\"Y\"",
                ],
            ),
            (
                r#"[{"a": 1}, [2]]"#,
                &["|#0={}", "#0|a=1", "|#1=[]", "#1|#0=2"],
            ),
            // Trailing commas and comments.
            (
                "{\"a\": [1,], // c\n \"b\": 2,}",
                &["|a=[]", "a|#0=1", "|b=2"],
            ),
            // A key without a value, a missing colon, missing commas.
            (
                r#"{"a", "b": , "c" "d": 1 "e": 2}"#,
                &["|a=-", "|b=-", "|c=-", "|d=1", "|e=2"],
            ),
            (r#"{"a" {"b": 1}}"#, &["|a={}", "a|b=1"]),
            // Mismatched closers close up to their opener.
            (
                r#"{"a": [1, {"b": 2]], "c": 3}"#,
                &["|a=[]", "a|#0=1", "a|#1={}", "a.#1|b=2", "|c=3"],
            ),
            (
                r#"{"a": {"b": [1}, "c": 2}"#,
                &["|a={}", "a|b=[]", "a.b|#0=1", "|c=2"],
            ),
            // Truncated: pending keys are still reported.
            (r#"{"a": {"b": "#, &["|a={}", "a|b=-"]),
            (r#"{"a": "x"#, &["|a=\"x\""]),
            // A container without a key, stray colons, top-level garbage.
            (
                r#"x "y" {"a": 1, {"b": 2}, : "c": 3}"#,
                &["|a=1", "|b=2", "|c=3"],
            ),
            // JSON5 bare keys.
            ("{env: {A: 'x'}}", &["|env={}", "env|A=\"x\""]),
        ];
        for (text, want) in cases {
            assert_eq!(entries(text), *want, "entries of {text}");
        }
    }

    #[test]
    fn entry_helpers() {
        let text = r#"{"build": {"env": {"A": "1", "B": 2}}, "globalEnv": ["C"]}"#;
        let mut seen = Vec::new();
        walk(text, |e| {
            if e.container_is(&["build", "env"]) {
                let k = e.key().map(|k| k.value.clone());
                let v = e.string_value().map(|s| s.value.clone());
                seen.push((k, v));
            }
            if e.container_is(&["*"]) && e.container_key() == Some("globalEnv") {
                seen.push((None, e.string_value().map(|s| s.value.clone())));
            }
        });
        assert_eq!(
            seen,
            vec![
                (Some("A".to_string()), Some("1".to_string())),
                (Some("B".to_string()), None),
                (None, Some("C".to_string())),
            ]
        );
        assert!(path_matches(
            &[Seg::Key("a".into()), Seg::Index(3)],
            &["a", "*"]
        ));
        assert!(!path_matches(
            &[Seg::Key("a".into()), Seg::Index(3)],
            &["a", "3"]
        ));
        assert!(!path_matches(&[Seg::Key("a".into())], &["a", "*"]));
    }

    #[test]
    fn never_panics() {
        let mut inputs: Vec<String> = [
            "",
            "\u{feff}",
            "\"",
            "'",
            "\\",
            "\"\\",
            "\"\\u",
            "\"\\u12",
            "\"\\uD800\\u",
            "\"\\uD800\\uZZZZ\"",
            "\"\\\u{e9}\"",
            "/",
            "/*",
            "/*/",
            "//",
            "{\"a\"",
            "{\"a\":",
            "{:}",
            "{,,,}",
            "]]]}}}",
            "[[[}}}",
            "{\"a\":[}]",
            "\r\n\"x\r\n",
            "\0\u{1}\u{7f}",
            "é\"✓",
            "{\"✓\": \"\u{1F600}",
            "{'a': 'b",
            "tru fals nul 1e+-",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        inputs.push("[".repeat(50_000));
        inputs.push("{\"a\":".repeat(20_000));
        inputs.push("]}".repeat(20_000));
        // Pseudo-random bytes, decoded lossily, and random structural soup.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: Vec<char> = "{}[]:,\"'\\/*\n\r \tab1-éu\u{feff}".chars().collect();
        for round in 0..1_000usize {
            let len = (next() % 80) as usize;
            if round % 2 == 0 {
                let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                inputs.push(String::from_utf8_lossy(&bytes).into_owned());
            } else {
                inputs.push(
                    (0..len)
                        .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                        .collect(),
                );
            }
        }
        let ok = |text: &str, r: &Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        for text in &inputs {
            let tokens = tokenize(text);
            let mut last_end = 0;
            for t in &tokens {
                assert!(ok(text, &t.range), "{:?} in {text:?}", t.range);
                assert!(
                    t.range.start >= last_end && t.range.end > t.range.start,
                    "{text:?}"
                );
                last_end = t.range.end;
                if let TokenKind::String(s) = &t.kind {
                    assert!(ok(text, &s.content), "{:?} in {text:?}", s.content);
                    assert_eq!(s.range, t.range);
                }
            }
            walk_tokens(text, &tokens, |e| {
                if let Slot::Member(k) = e.slot {
                    assert!(ok(text, &k.range) && ok(text, &k.content));
                }
                if let Some(Value::String(s)) = e.value {
                    assert!(ok(text, &s.range) && ok(text, &s.content));
                }
            });
        }
    }
}
