//! The `.env` parser: hand-written, with byte ranges, never expanding `$VAR`.
//!
//! INTERFACE FIXED (rules use it).
//!
//! The accepted syntax is what the `dotenv` npm package (used by Next.js) accepts: optional
//! `export ` prefix, `KEY=value` or `KEY: value`, unquoted / `'` / `"` / `` ` `` values (quoted
//! ones may span lines), `#` comments, CRLF / lone CR line endings and a leading BOM. Lines
//! that are not assignments are recorded as errors and skipped.

use std::ops::Range;

use crate::source::EnvDef;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quote {
    None,
    Single,
    Double,
    Backtick,
}

/// A `$VAR` or `${VAR}` inside a value: recorded, never expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    pub name: String,
    /// Byte range of the whole reference (`$VAR` / `${VAR}`) in the file.
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvEntry {
    pub key: String,
    pub key_range: Range<usize>,
    /// The value after unquoting (and, inside double quotes only, `\n`/`\r` expanded);
    /// inline comments removed.
    pub value: String,
    /// Byte range of the value as written, quotes included; empty range at the end of the
    /// separator for `KEY=`.
    pub value_range: Range<usize>,
    pub quote: Quote,
    /// The line had an `export ` prefix.
    pub exported: bool,
    /// References inside the value (not inside single quotes, not escaped as `\$`).
    pub references: Vec<VarRef>,
}

/// A line that is neither blank, a comment nor an assignment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvSyntaxError {
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvFile {
    pub entries: Vec<EnvEntry>,
    /// Byte ranges of comments (full-line and inline), `#` included.
    pub comments: Vec<Range<usize>>,
    pub errors: Vec<EnvSyntaxError>,
}

impl EnvFile {
    /// Parses `.env` text the way the `dotenv` npm package (used by Next.js) reads it.
    ///
    /// Never fails and never panics: lines that are not assignments go to [`EnvFile::errors`].
    /// All ranges are byte ranges into `text` (a leading BOM is kept, so they stay valid).
    pub fn parse(text: &str) -> EnvFile {
        let mut parser = Parser::new(text);
        let mut pos = 0;
        while pos < text.len() {
            pos = parser.line(pos);
        }
        parser.file
    }

    /// The entries as generic definitions.
    pub fn defs(&self) -> Vec<EnvDef> {
        self.entries
            .iter()
            .map(|e| EnvDef {
                name: e.key.clone(),
                name_range: e.key_range.clone(),
                value: Some(e.value.clone()),
                value_range: Some(e.value_range.clone()),
            })
            .collect()
    }
}

const EXPECTED_ASSIGNMENT: &str = "expected `KEY=value`";

/// JavaScript's `\s` without the line terminators: what dotenv's regex skips inside a line.
/// Includes U+FEFF (so a BOM is skipped like leading whitespace) and excludes U+0085.
fn is_space(c: char) -> bool {
    c == '\u{feff}' || (c.is_whitespace() && !matches!(c, '\n' | '\r' | '\u{85}'))
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn quote_kind(b: u8) -> Option<Quote> {
    match b {
        b'"' => Some(Quote::Double),
        b'\'' => Some(Quote::Single),
        b'`' => Some(Quote::Backtick),
        _ => None,
    }
}

/// One parsed assignment line (or lines, for a multi-line quoted value).
struct Assignment {
    entry: EnvEntry,
    comment: Option<Range<usize>>,
    /// Where the next line starts.
    resume: usize,
}

/// Every occurrence of one quote character, with what dotenv's backtracking regex
/// `"(?:\\"|[^"])*"` needs to pick the closing quote in O(1) per opening quote.
struct QuoteTable {
    /// Byte offsets of the quote character, ascending.
    pos: Vec<usize>,
    /// For index `i`: the first index `>= i` whose quote is not preceded by `\`
    /// (`pos.len()` when there is none).
    next_unescaped: Vec<usize>,
    /// For index `i`: the last index `<= i` whose quote may close a value, i.e. is followed
    /// on its line only by whitespace and an optional `# comment`.
    prev_closing: Vec<Option<usize>>,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Built on first use; indexed double, single, backtick.
    quotes: [Option<QuoteTable>; 3],
    file: EnvFile,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            quotes: [None, None, None],
            file: EnvFile::default(),
        }
    }

    /// Offset of the line terminator (`\n` or `\r`) at or after `from`, or the text length.
    fn line_end(&self, from: usize) -> usize {
        self.bytes[from..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(self.bytes.len(), |i| from + i)
    }

    /// The start of the next line, given the offset of a line terminator (or the text end).
    /// `\r\n`, `\n` and a lone `\r` each end a line, as in dotenv.
    fn after_terminator(&self, end: usize) -> usize {
        match self.bytes.get(end) {
            None => self.bytes.len(),
            Some(b'\r') if self.bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
        }
    }

    /// The first offset in `from..end` that is not whitespace (or `end`).
    fn skip_space(&self, from: usize, end: usize) -> usize {
        end - self.text[from..end].trim_start_matches(is_space).len()
    }

    /// `end` moved back over trailing whitespace, not before `from`.
    fn trim_end(&self, from: usize, end: usize) -> usize {
        from + self.text[from..end].trim_end_matches(is_space).len()
    }

    /// Can a quote at `close` end a quoted value: is the rest of its line blank or a comment?
    fn closes_value(&self, close: usize) -> bool {
        // `is_space` stops at line terminators; only the whitespace run is scanned, so
        // checking every quote of a long line stays linear.
        let rest = self.text[close + 1..].trim_start_matches(is_space);
        matches!(rest.bytes().next(), None | Some(b'\n' | b'\r' | b'#'))
    }

    fn build_quote_table(&self, quote: u8) -> QuoteTable {
        let pos: Vec<usize> = self
            .bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == quote)
            .map(|(i, _)| i)
            .collect();
        let mut next_unescaped = vec![pos.len(); pos.len()];
        let mut next = pos.len();
        for (i, &p) in pos.iter().enumerate().rev() {
            if p == 0 || self.bytes[p - 1] != b'\\' {
                next = i;
            }
            next_unescaped[i] = next;
        }
        let mut prev_closing = Vec::with_capacity(pos.len());
        let mut prev = None;
        for (i, &p) in pos.iter().enumerate() {
            if self.closes_value(p) {
                prev = Some(i);
            }
            prev_closing.push(prev);
        }
        QuoteTable {
            pos,
            next_unescaped,
            prev_closing,
        }
    }

    /// The offset of the quote closing the value opened at `open`, as dotenv's regex
    /// `'(?:\\'|[^'])*'` followed by `\s*(?:#.*)?$` picks it: the last quote, up to and
    /// including the first unescaped one, that is followed on its line only by whitespace
    /// and an optional comment. `None` when there is no such quote (unterminated value).
    fn closing_quote(&mut self, open: usize, quote: Quote) -> Option<usize> {
        let (slot, byte) = match quote {
            Quote::Double => (0, b'"'),
            Quote::Single => (1, b'\''),
            Quote::Backtick => (2, b'`'),
            Quote::None => return None,
        };
        if self.quotes[slot].is_none() {
            self.quotes[slot] = Some(self.build_quote_table(byte));
        }
        let table = self.quotes[slot].as_ref()?;
        let first = table.pos.partition_point(|&p| p <= open);
        if first >= table.pos.len() {
            return None;
        }
        let last = table.next_unescaped[first].min(table.pos.len() - 1);
        let close = table.prev_closing[last]?;
        (close >= first).then(|| table.pos[close])
    }

    /// Parses the line starting at `start`; returns where the next line starts.
    fn line(&mut self, start: usize) -> usize {
        let end = self.line_end(start);
        let next = self.after_terminator(end);
        let i = self.skip_space(start, end);
        if i == end {
            return next;
        }
        if self.bytes[i] == b'#' {
            self.file.comments.push(i..end);
            return next;
        }
        let parsed = match self.assignment(i, end, true) {
            Some(a) => Some(a),
            None => self.assignment(i, end, false),
        };
        match parsed {
            Some(a) => {
                self.file.entries.push(a.entry);
                self.file.comments.extend(a.comment);
                a.resume
            }
            None => {
                let range = i..self.trim_end(i, end);
                self.file.errors.push(EnvSyntaxError {
                    range,
                    message: EXPECTED_ASSIGNMENT.to_string(),
                });
                next
            }
        }
    }

    /// An assignment starting at `i` (first non-blank of a line ending at `end`); with
    /// `export`, only when the line has an `export ` prefix.
    fn assignment(&mut self, i: usize, end: usize, export: bool) -> Option<Assignment> {
        let mut k0 = i;
        if export {
            let after = i + "export".len();
            if !self.text[i..end].starts_with("export") {
                return None;
            }
            k0 = self.skip_space(after, end);
            if k0 == after {
                return None;
            }
        }
        let k1 = k0
            + self.bytes[k0..end]
                .iter()
                .take_while(|&&b| is_key_byte(b))
                .count();
        if k1 == k0 {
            return None;
        }
        let s = self.skip_space(k1, end);
        let v = if s < end && self.bytes[s] == b'=' {
            s + 1
        } else if k1 < end
            && self.bytes[k1] == b':'
            && self.text[k1 + 1..end].chars().next().is_none_or(is_space)
        {
            k1 + 1
        } else {
            return None;
        };
        let mut entry = EnvEntry {
            key: self.text[k0..k1].to_string(),
            key_range: k0..k1,
            value: String::new(),
            value_range: v..v,
            quote: Quote::None,
            exported: export,
            references: Vec::new(),
        };

        let q = self.skip_space(v, end);
        if q < end
            && let Some(quote) = quote_kind(self.bytes[q])
            && let Some(close) = self.closing_quote(q, quote)
        {
            let close_end = self.line_end(close + 1);
            let t = self.skip_space(close + 1, close_end);
            self.fill_quoted(&mut entry, q, close + 1, quote);
            return Some(Assignment {
                entry,
                comment: (t < close_end).then_some(t..close_end),
                resume: self.after_terminator(close_end),
            });
        }

        // Unquoted, or an unterminated quote: the rest of the line up to the first `#`.
        let hash = self.bytes[q..end]
            .iter()
            .position(|&b| b == b'#')
            .map(|h| q + h);
        let ve = self.trim_end(q, hash.unwrap_or(end));
        if ve > q {
            let first = self.bytes[q];
            match quote_kind(first) {
                // dotenv strips matching outer quotes even when the regex matched the value
                // as unquoted (`A='it's'` is `it's`).
                Some(quote) if ve - q >= 2 && self.bytes[ve - 1] == first => {
                    self.fill_quoted(&mut entry, q, ve, quote)
                }
                _ => {
                    entry.value = self.text[q..ve].to_string();
                    entry.value_range = q..ve;
                    entry.references = self.references(q, ve);
                }
            }
        }
        Some(Assignment {
            entry,
            comment: hash.map(|h| h..end),
            resume: self.after_terminator(end),
        })
    }

    /// Sets value, range, quote and references for a value quoted from `open` (the opening
    /// quote) to `end` (just after the closing quote).
    fn fill_quoted(&self, entry: &mut EnvEntry, open: usize, end: usize, quote: Quote) {
        let inner = open + 1..end - 1;
        entry.value = unquote(&self.text[inner.clone()], quote);
        entry.value_range = open..end;
        entry.quote = quote;
        if quote != Quote::Single {
            entry.references = self.references(inner.start, inner.end);
        }
    }

    /// `$VAR`, `${VAR}` and `${VAR:-default}` references in `start..end` (raw text).
    fn references(&self, start: usize, end: usize) -> Vec<VarRef> {
        let b = self.bytes;
        let name_end = |from: usize| {
            from + b[from..end]
                .iter()
                .take_while(|&&c| is_name_byte(c))
                .count()
        };
        let mut refs = Vec::new();
        let mut i = start;
        while i < end {
            if b[i] != b'$' || (i > start && b[i - 1] == b'\\') {
                i += 1;
                continue;
            }
            if i + 1 < end && is_name_start(b[i + 1]) {
                let n1 = name_end(i + 1);
                refs.push(VarRef {
                    name: self.text[i + 1..n1].to_string(),
                    range: i..n1,
                });
                i = n1;
            } else if i + 2 < end && b[i + 1] == b'{' && is_name_start(b[i + 2]) {
                let n1 = name_end(i + 2);
                let close = match b.get(n1) {
                    Some(b'}') if n1 < end => Some(n1),
                    Some(b':' | b'-') if n1 < end => matching_brace(&b[n1..end]).map(|c| n1 + c),
                    _ => None,
                };
                refs.push(VarRef {
                    name: self.text[i + 2..n1].to_string(),
                    range: i..close.map_or(n1, |c| c + 1),
                });
                // Keep scanning inside a default: `${A:-$B}` also references `B`.
                i = n1;
            } else {
                i += 1;
            }
        }
        refs
    }
}

/// Offset in `s` of the `}` closing an already opened `${`, counting nested braces.
fn matching_brace(s: &[u8]) -> Option<usize> {
    let mut depth = 1usize;
    for (j, &c) in s.iter().enumerate() {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

/// The value of quoted text (without its quotes): line endings become `\n`; inside double
/// quotes `\n`, `\r` and `\"` are unescaped, every other backslash is kept.
fn unquote(raw: &str, quote: Quote) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\\' if quote == Quote::Double => match chars.next_if(|c| matches!(c, 'n' | 'r' | '"'))
            {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(c) => out.push(c),
                None => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{LineIndex, Pos};

    /// `(key, value, quote)` of one expected entry.
    type E = (&'static str, &'static str, Quote);

    const N: Quote = Quote::None;
    const S: Quote = Quote::Single;
    const D: Quote = Quote::Double;
    const B: Quote = Quote::Backtick;

    /// `(input, entries, error count, comment count)`.
    const CASES: &[(&str, &[E], usize, usize)] = &[
        // blank input
        ("", &[], 0, 0),
        ("\n\n  \n\t\n", &[], 0, 0),
        ("\r\r", &[], 0, 0),
        // basic forms, whitespace
        ("A=1", &[("A", "1", N)], 0, 0),
        ("A = 1", &[("A", "1", N)], 0, 0),
        ("  \tA=1  ", &[("A", "1", N)], 0, 0),
        ("A=a b  c ", &[("A", "a b  c", N)], 0, 0),
        ("A=1=2", &[("A", "1=2", N)], 0, 0),
        ("A.B-C_1=x", &[("A.B-C_1", "x", N)], 0, 0),
        ("1A=x", &[("1A", "x", N)], 0, 0),
        ("a=lower", &[("a", "lower", N)], 0, 0),
        // export prefix
        ("export A=1", &[("A", "1", N)], 0, 0),
        ("export\t  A=1", &[("A", "1", N)], 0, 0),
        ("  export A: 1", &[("A", "1", N)], 0, 0),
        ("export=1", &[("export", "1", N)], 0, 0),
        ("export", &[], 1, 0),
        ("export A", &[], 1, 0),
        ("exportA=1", &[("exportA", "1", N)], 0, 0),
        // colon separator
        ("A: 1", &[("A", "1", N)], 0, 0),
        ("A:\t1", &[("A", "1", N)], 0, 0),
        ("A:", &[("A", "", N)], 0, 0),
        ("A: 'q'", &[("A", "q", S)], 0, 0),
        ("A:1", &[], 1, 0),
        ("A : 1", &[], 1, 0),
        ("URL: http://x", &[("URL", "http://x", N)], 0, 0),
        // quote styles
        ("A='x y'", &[("A", "x y", S)], 0, 0),
        ("A=\"x y\"", &[("A", "x y", D)], 0, 0),
        ("A=`x y`", &[("A", "x y", B)], 0, 0),
        ("A =  \"x\"  ", &[("A", "x", D)], 0, 0),
        // escapes: only in double quotes
        ("A=\"a\\nb\\rc\"", &[("A", "a\nb\rc", D)], 0, 0),
        ("A='a\\nb'", &[("A", "a\\nb", S)], 0, 0),
        ("A=`a\\nb`", &[("A", "a\\nb", B)], 0, 0),
        ("A=a\\nb", &[("A", "a\\nb", N)], 0, 0),
        ("A=\"say \\\"hi\\\"\"", &[("A", "say \"hi\"", D)], 0, 0),
        ("A=\"a\\tb\\\\c\"", &[("A", "a\\tb\\\\c", D)], 0, 0),
        ("A=\"a\\\\nb\"", &[("A", "a\\\nb", D)], 0, 0),
        ("A='it\\'s'", &[("A", "it\\'s", S)], 0, 0),
        ("A=`a\\`b`", &[("A", "a\\`b", B)], 0, 0),
        // a trailing `\"` closes the value when nothing else can (dotenv backtracking)
        (
            "A=\"C:\\dir\\\"\nB=\"y\"",
            &[("A", "C:\\dir\\", D), ("B", "y", D)],
            0,
            0,
        ),
        // multi-line values
        ("A=\"l1\nl2\"", &[("A", "l1\nl2", D)], 0, 0),
        (
            "A='l1\nl2'\nB=2",
            &[("A", "l1\nl2", S), ("B", "2", N)],
            0,
            0,
        ),
        ("A=`l1\n\nl3`", &[("A", "l1\n\nl3", B)], 0, 0),
        (
            "A=\"l1\r\nl2\"\r\nB=2",
            &[("A", "l1\nl2", D), ("B", "2", N)],
            0,
            0,
        ),
        ("A='l1\rl2'", &[("A", "l1\nl2", S)], 0, 0),
        (
            "A=\"l1\n# not a comment\nl3\" # real",
            &[("A", "l1\n# not a comment\nl3", D)],
            0,
            1,
        ),
        // comments
        ("# full", &[], 0, 1),
        ("   # indented", &[], 0, 1),
        ("#A=1", &[], 0, 1),
        ("A=x # c", &[("A", "x", N)], 0, 1),
        ("A=x#c", &[("A", "x", N)], 0, 1),
        ("A=#c", &[("A", "", N)], 0, 1),
        ("A= # c", &[("A", "", N)], 0, 1),
        ("A=\"x # y\"", &[("A", "x # y", D)], 0, 0),
        ("A='x#y'", &[("A", "x#y", S)], 0, 0),
        ("A=`#`", &[("A", "#", B)], 0, 0),
        ("A='x' # c", &[("A", "x", S)], 0, 1),
        ("A=\"x\"#c", &[("A", "x", D)], 0, 1),
        ("# a\nA=1 # b\n# c", &[("A", "1", N)], 0, 3),
        // empty values
        ("A=", &[("A", "", N)], 0, 0),
        ("A=   ", &[("A", "", N)], 0, 0),
        ("A=\"\"", &[("A", "", D)], 0, 0),
        ("A=''", &[("A", "", S)], 0, 0),
        ("A=``", &[("A", "", B)], 0, 0),
        // line endings and BOM
        ("A=1\r\nB=2\r\n", &[("A", "1", N), ("B", "2", N)], 0, 0),
        ("A=1\rB=2\r", &[("A", "1", N), ("B", "2", N)], 0, 0),
        ("A=1 # c\r\n", &[("A", "1", N)], 0, 1),
        ("\u{feff}A=1", &[("A", "1", N)], 0, 0),
        ("\u{feff}", &[], 0, 0),
        ("\u{feff}# c\r\nA=1", &[("A", "1", N)], 0, 1),
        // duplicates are all kept, in order
        (
            "A=1\nA=2\nA=",
            &[("A", "1", N), ("A", "2", N), ("A", "", N)],
            0,
            0,
        ),
        // unterminated quotes: unquoted up to the end of that line
        ("A=\"abc", &[("A", "\"abc", N)], 0, 0),
        ("A=\"abc\nB=2", &[("A", "\"abc", N), ("B", "2", N)], 0, 0),
        ("A='abc # c\nB=2", &[("A", "'abc", N), ("B", "2", N)], 0, 1),
        ("A=`abc\nB='x'", &[("A", "`abc", N), ("B", "x", S)], 0, 0),
        ("A=\"", &[("A", "\"", N)], 0, 0),
        ("A=\"x\nB=\"y\"", &[("A", "\"x", N), ("B", "y", D)], 0, 0),
        // text after the closing quote: dotenv reads the line as unquoted, then strips
        // matching outer quotes
        ("A=\"x\"junk", &[("A", "\"x\"junk", N)], 0, 0),
        ("A='it's'", &[("A", "it's", S)], 0, 0),
        ("A=\"a\" b \"c\"", &[("A", "a\" b \"c", D)], 0, 0),
        ("A=x'y'", &[("A", "x'y'", N)], 0, 0),
        // garbage lines are errors; parsing continues
        ("just some words", &[], 1, 0),
        ("=novalue", &[], 1, 0),
        ("A=1\ngarbage\nB=2", &[("A", "1", N), ("B", "2", N)], 1, 0),
        ("ключ=1", &[], 1, 0),
        ("A!=1", &[], 1, 0),
        ("KEY", &[], 1, 0),
        ("\"A\"=1", &[], 1, 0),
    ];

    #[test]
    fn case_table() {
        for &(input, entries, errors, comments) in CASES {
            let f = EnvFile::parse(input);
            let got: Vec<(&str, &str, Quote)> = f
                .entries
                .iter()
                .map(|e| (e.key.as_str(), e.value.as_str(), e.quote))
                .collect();
            assert_eq!(got, entries, "entries of {input:?}");
            assert_eq!(
                f.errors.len(),
                errors,
                "errors of {input:?}: {:?}",
                f.errors
            );
            assert_eq!(
                f.comments.len(),
                comments,
                "comments of {input:?}: {:?}",
                f.comments
            );
            assert_ranges_valid(input, &f);
        }
    }

    fn pos(text: &str, offset: usize) -> Pos {
        LineIndex::new(text).pos(text, offset)
    }

    fn p(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn ranges_of_key_value_and_comment() {
        let text = "export  KEY = \"v w\" # note\nB=plain  # c2\n";
        let f = EnvFile::parse(text);
        let [a, b] = &f.entries[..] else {
            panic!("{f:?}")
        };
        assert!(a.exported && !b.exported);
        assert_eq!(&text[a.key_range.clone()], "KEY");
        assert_eq!(&text[a.value_range.clone()], "\"v w\"");
        assert_eq!(a.value, "v w");
        assert_eq!(&text[b.key_range.clone()], "B");
        assert_eq!(&text[b.value_range.clone()], "plain");
        let comments: Vec<&str> = f.comments.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(comments, ["# note", "# c2"]);
        assert_eq!(pos(text, a.key_range.start), p(1, 9));
        assert_eq!(pos(text, b.key_range.start), p(2, 1));
        assert_eq!(pos(text, f.comments[1].start), p(2, 10));
    }

    #[test]
    fn empty_value_range_is_right_after_separator() {
        for (text, at) in [
            ("A=", 2),
            ("A =", 3),
            ("A=   # c", 2),
            ("A:", 2),
            ("A:  ", 2),
        ] {
            let f = EnvFile::parse(text);
            assert_eq!(f.entries[0].value_range, at..at, "{text:?}");
            assert_eq!(f.entries[0].value, "");
        }
        let f = EnvFile::parse("A=\"\"");
        assert_eq!(f.entries[0].value_range, 2..4);
    }

    #[test]
    fn multiline_values_keep_later_positions_right() {
        for (open, close) in [("\"", "\""), ("'", "'"), ("`", "`")] {
            let text = format!(
                "PEM={open}-----BEGIN KEY-----\nMIIB # x\n-----END KEY-----{close} # trailing\n  NEXT=2\n"
            );
            let f = EnvFile::parse(&text);
            assert_eq!(f.entries.len(), 2, "{text:?}: {f:?}");
            let (pem, next) = (&f.entries[0], &f.entries[1]);
            assert_eq!(
                pem.value,
                "-----BEGIN KEY-----\nMIIB # x\n-----END KEY-----"
            );
            assert!(text[pem.value_range.clone()].starts_with(open));
            assert!(text[pem.value_range.clone()].ends_with(close));
            assert_eq!(pos(&text, pem.value_range.end), p(3, 19));
            assert_eq!(next.key, "NEXT");
            assert_eq!(pos(&text, next.key_range.start), p(4, 3));
            assert_eq!(pos(&text, next.value_range.start), p(4, 8));
            let comments: Vec<&str> = f.comments.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(comments, ["# trailing"]);
        }
    }

    #[test]
    fn crlf_ranges_exclude_the_terminator() {
        let text = "A=1\r\nB = \"two\" # c\r\n\r\nC='x\r\ny'\r\nD=4";
        let f = EnvFile::parse(text);
        let vals: Vec<&str> = f
            .entries
            .iter()
            .map(|e| &text[e.value_range.clone()])
            .collect();
        assert_eq!(vals, ["1", "\"two\"", "'x\r\ny'", "4"]);
        assert_eq!(f.entries[2].value, "x\ny");
        assert_eq!(&text[f.comments[0].clone()], "# c");
        assert_eq!(pos(text, f.entries[3].key_range.start), p(6, 1));
    }

    #[test]
    fn bom_is_kept_in_offsets() {
        let text = "\u{feff}KEY=v\nB=2";
        let f = EnvFile::parse(text);
        assert_eq!(f.entries[0].key_range, 3..6);
        assert_eq!(f.entries[0].value_range, 7..8);
        // The BOM is one character: the key is in column 2.
        assert_eq!(pos(text, 3), p(1, 2));
        assert_eq!(pos(text, f.entries[1].key_range.start), p(2, 1));
        assert!(f.errors.is_empty());
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let text = "A=1\rB=2 # c\rjunk\r";
        let f = EnvFile::parse(text);
        let keys: Vec<&str> = f.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["A", "B"]);
        assert_eq!(&text[f.comments[0].clone()], "# c");
        assert_eq!(&text[f.errors[0].range.clone()], "junk");
    }

    fn refs(text: &str) -> Vec<(String, &str)> {
        EnvFile::parse(text)
            .entries
            .iter()
            .flat_map(|e| e.references.iter())
            .map(|r| (r.name.clone(), &text[r.range.clone()]))
            .collect()
    }

    fn named<'a>(list: &[(&str, &'a str)]) -> Vec<(String, &'a str)> {
        list.iter().map(|&(n, t)| (n.to_string(), t)).collect()
    }

    #[test]
    fn references_are_recorded_not_expanded() {
        let text = "A=$B-${C}x/$D_1";
        let f = EnvFile::parse(text);
        assert_eq!(f.entries[0].value, "$B-${C}x/$D_1");
        assert_eq!(
            f.entries[0].references,
            [
                VarRef {
                    name: "B".into(),
                    range: 2..4
                },
                VarRef {
                    name: "C".into(),
                    range: 5..9
                },
                VarRef {
                    name: "D_1".into(),
                    range: 11..15
                },
            ]
        );
        assert_eq!(
            refs("A=\"$X and ${Y}\""),
            named(&[("X", "$X"), ("Y", "${Y}")])
        );
        assert_eq!(refs("A=`pre-$X`"), named(&[("X", "$X")]));
        assert_eq!(refs("A=x # $NOT_IN_COMMENT"), named(&[]));
    }

    #[test]
    fn references_not_recorded() {
        // single quotes, escaped `$`, `$` before a non-name char
        assert_eq!(refs("A='$A ${B}'"), named(&[]));
        assert_eq!(refs("A=\\$C"), named(&[]));
        assert_eq!(refs("A=\"\\$C ${D}\""), named(&[("D", "${D}")]));
        assert_eq!(refs("A=$ $1 ${ } ${1} $-x $"), named(&[]));
        let f = EnvFile::parse("A=\"\\$C\"");
        assert_eq!(f.entries[0].value, "\\$C");
    }

    #[test]
    fn braced_reference_forms() {
        assert_eq!(
            refs("A=${VAR:-default}/x"),
            named(&[("VAR", "${VAR:-default}")])
        );
        assert_eq!(refs("A=${VAR-d}"), named(&[("VAR", "${VAR-d}")]));
        assert_eq!(
            refs("A=${A:-${B:-c}}!"),
            named(&[("A", "${A:-${B:-c}}"), ("B", "${B:-c}")])
        );
        assert_eq!(refs("A=${A:-$B}"), named(&[("A", "${A:-$B}"), ("B", "$B")]));
        // unclosed: the name is still recorded
        assert_eq!(refs("A=${OPEN"), named(&[("OPEN", "${OPEN")]));
        assert_eq!(refs("A=\"${OPEN:-x\""), named(&[("OPEN", "${OPEN")]));
        // multi-line value: ranges stay file offsets
        let text = "A=\"line\n$NEXT\"";
        assert_eq!(refs(text), named(&[("NEXT", "$NEXT")]));
    }

    #[test]
    fn errors_have_range_and_message() {
        let text = "A=1\n  just some words  \n=novalue\r\nB=2\n";
        let f = EnvFile::parse(text);
        let errs: Vec<(&str, &str)> = f
            .errors
            .iter()
            .map(|e| (&text[e.range.clone()], e.message.as_str()))
            .collect();
        assert_eq!(
            errs,
            [
                ("just some words", "expected `KEY=value`"),
                ("=novalue", "expected `KEY=value`")
            ]
        );
        assert_eq!(pos(text, f.errors[0].range.start), p(2, 3));
        assert_eq!(f.entries.len(), 2);
        for e in &f.errors {
            assert!(!e.message.ends_with('.'));
            assert!(e.message.starts_with(|c: char| c.is_ascii_lowercase()));
        }
    }

    #[test]
    fn duplicates_are_kept_in_order() {
        let text = "KEY=first\nOTHER=x\nexport KEY=second\n";
        let f = EnvFile::parse(text);
        let dups: Vec<(&str, &str, usize)> = f
            .entries
            .iter()
            .filter(|e| e.key == "KEY")
            .map(|e| (e.key.as_str(), e.value.as_str(), e.key_range.start))
            .collect();
        assert_eq!(dups, [("KEY", "first", 0), ("KEY", "second", 25)]);
    }

    #[test]
    fn unterminated_quote_does_not_swallow_the_file() {
        let text = "A=\"never closed # c\nB=2\nC='x'\n";
        let f = EnvFile::parse(text);
        let e = &f.entries[0];
        assert_eq!((e.value.as_str(), e.quote), ("\"never closed", Quote::None));
        assert_eq!(&text[e.value_range.clone()], "\"never closed");
        assert_eq!(f.entries.len(), 3);
        assert_eq!(&text[f.comments[0].clone()], "# c");
    }

    #[test]
    fn defs_mirror_entries() {
        let text = "A=1\nB='two'";
        let defs = EnvFile::parse(text).defs();
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[1].name, "B");
        assert_eq!(defs[1].name_range, 4..5);
        assert_eq!(defs[1].value.as_deref(), Some("two"));
        assert_eq!(defs[1].value_range, Some(6..11));
    }

    /// Every range lies in the text, on char boundaries, and matches what it claims to cover.
    fn assert_ranges_valid(text: &str, f: &EnvFile) {
        let ok = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        for e in &f.entries {
            assert!(ok(&e.key_range) && ok(&e.value_range), "{text:?}: {e:?}");
            assert_eq!(text[e.key_range.clone()], e.key, "{text:?}");
            assert!(!e.key.is_empty());
            assert!(e.key_range.end <= e.value_range.start, "{text:?}: {e:?}");
            let written = &text[e.value_range.clone()];
            match e.quote {
                Quote::None => assert_eq!(written, e.value, "{text:?}"),
                Quote::Single => assert!(written.starts_with('\'') && written.ends_with('\'')),
                Quote::Double => assert!(written.starts_with('"') && written.ends_with('"')),
                Quote::Backtick => assert!(written.starts_with('`') && written.ends_with('`')),
            }
            for r in &e.references {
                assert!(ok(&r.range), "{text:?}: {r:?}");
                assert!(e.value_range.start <= r.range.start && r.range.end <= e.value_range.end);
                assert!(text[r.range.clone()].starts_with('$'));
                assert!(text[r.range.clone()].contains(r.name.as_str()));
            }
        }
        for c in &f.comments {
            assert!(ok(c), "{text:?}: {c:?}");
            let s = &text[c.clone()];
            assert!(
                s.starts_with('#') && !s.contains(['\n', '\r']),
                "{text:?}: {s:?}"
            );
        }
        for e in &f.errors {
            assert!(ok(&e.range) && !e.range.is_empty(), "{text:?}: {e:?}");
            assert!(!text[e.range.clone()].contains(['\n', '\r']));
        }
    }

    #[test]
    fn fuzz_nasty_inputs_do_not_panic() {
        let long_value = format!("LONG={}\n", "x".repeat(200_000));
        let long_key = format!("{}=1", "K".repeat(100_000));
        let many_quotes = "A=\"\\\"x\n".repeat(2_000);
        let quote_line = format!("A={}", "\"'`".repeat(100_000));
        let quote_lines = "A=\"x\nB='y\n".repeat(20_000);
        let nasty: Vec<String> = [
            "\"",
            "'",
            "`",
            "\"\"\"",
            "'''",
            "```",
            "=",
            "==",
            "===",
            "=\"",
            "export",
            "export ",
            "export =",
            "export\t=\"",
            "\r\r",
            "\r",
            "\n",
            "\r\n\r\n",
            "\u{feff}",
            "\u{feff}\u{feff}=",
            "ключ=значение",
            "A=значение # коммент",
            "é=1\nA=é",
            "A=\u{fffd}\u{fffd}\"\u{fffd}",
            "A=\"\u{fffd}",
            "\u{fffd}=\u{fffd}",
            "A:",
            ":",
            "A=$",
            "A=${",
            "A=${A",
            "A=${A:-",
            "A=${A:-${",
            "A=\\",
            "A=\"\\",
            "A='\\'",
            "A=`\\`",
            "A=\"\\\"",
            "#",
            "A=#",
            "A=\"#",
            "A=\u{2028}x\u{2028}",
            "A=\u{85}x",
            "\u{a0}A\u{a0}=\u{a0}1\u{a0}",
            "A=\"x\"\u{3000}# c",
            "A=\"\r",
            "A='\r\n'",
            "A=`\r",
            "\0=\0",
            "A=\0\"\0\"",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([quote_line, quote_lines, long_value, long_key, many_quotes])
        .collect();
        for text in &nasty {
            let f = EnvFile::parse(text);
            assert_ranges_valid(text, &f);
        }
        let f = EnvFile::parse(&nasty[nasty.len() - 3]);
        assert_eq!(f.entries[0].value.len(), 200_000);
    }

    /// Every string of up to 4 characters over a small alphabet of the interesting ones.
    #[test]
    fn fuzz_exhaustive_short_strings() {
        const ALPHABET: &[char] = &[
            'A', '=', ':', '"', '\'', '`', '\\', '#', '$', '{', '}', '\n', '\r', ' ', 'é',
        ];
        let mut buf = String::new();
        fn go(buf: &mut String, depth: usize) {
            let f = EnvFile::parse(buf);
            assert_ranges_valid(buf, &f);
            if depth == 0 {
                return;
            }
            for &c in ALPHABET {
                buf.push(c);
                go(buf, depth - 1);
                buf.pop();
            }
        }
        go(&mut buf, 4);
    }
}
