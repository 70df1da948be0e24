//! `netlify.toml` `[build.environment]` and `[context.*.environment]` tables (a TOML subset).

use std::ops::Range;

use super::{BOM, def, next_char, skip_blanks, unescape_backslash};
use crate::source::EnvDef;

/// A dotted TOML key: its parts, each with the range of its name.
type TomlKey = Vec<(String, Range<usize>)>;

/// A TOML value as far as netlify.toml needs it.
enum TomlValue {
    /// A string (decoded) or a bare value (as written), with its range as written.
    Text(String, Range<usize>),
    /// An inline table: its entries (dotted key, value).
    Table(Vec<(TomlKey, TomlValue)>),
    /// An array, a nested table, or nothing readable.
    Other,
}

pub(super) fn netlify_defs(text: &str) -> Vec<EnvDef> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut defs = Vec::new();
    let mut table: Vec<String> = Vec::new();
    let mut p = if text.starts_with(BOM) { BOM.len() } else { 0 };
    while p < n {
        match bytes[p] {
            b' ' | b'\t' | b'\r' | b'\n' => p += 1,
            b'#' => p = line_end(bytes, p),
            b'[' => {
                let q = if bytes.get(p + 1) == Some(&b'[') {
                    p + 2
                } else {
                    p + 1
                };
                let (keys, _) = toml_key_path(text, q);
                table = keys.into_iter().map(|(k, _)| k).collect();
                p = line_end(bytes, q);
            }
            _ => {
                let (keys, q) = toml_key_path(text, p);
                let q = skip_blanks(bytes, q, n);
                if keys.is_empty() || bytes.get(q) != Some(&b'=') {
                    // Garbage: skip the line.
                    p = line_end(bytes, p + 1);
                    continue;
                }
                let v = skip_blanks(bytes, q + 1, n);
                let (value, end) = toml_value(text, v, true);
                let path: Vec<&str> = table
                    .iter()
                    .map(String::as_str)
                    .chain(keys.iter().map(|(k, _)| k.as_str()))
                    .collect();
                netlify_entry(&path, &keys, value, &mut defs);
                p = line_end(bytes, end.max(p + 1));
            }
        }
    }
    defs
}

/// Adds the definitions made by `keys = value` at full key `path` (table + keys).
fn netlify_entry(
    path: &[&str],
    keys: &[(String, Range<usize>)],
    value: TomlValue,
    defs: &mut Vec<EnvDef>,
) {
    match value {
        TomlValue::Table(entries) => {
            for (ekeys, evalue) in entries {
                let mut sub: Vec<&str> = path.to_vec();
                sub.extend(ekeys.iter().map(|(k, _)| k.as_str()));
                // Nested tables in an inline table are not read, so no recursion beyond one.
                if !matches!(evalue, TomlValue::Table(_)) {
                    netlify_entry(&sub, &ekeys, evalue, defs);
                }
            }
        }
        value => {
            let Some((name, name_range)) = keys.last() else {
                return;
            };
            if path.len() < 2 || path[path.len() - 2] != "environment" || name.is_empty() {
                return;
            }
            let value = match value {
                TomlValue::Text(v, r) => Some((v, r)),
                _ => None,
            };
            defs.push(def(name.clone(), name_range.clone(), value));
        }
    }
}

/// The offset of the `\n` ending the line containing `p` (or the end of the text).
fn line_end(bytes: &[u8], p: usize) -> usize {
    let p = p.min(bytes.len());
    bytes[p..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |e| p + e)
}

/// A dotted TOML key (`a."b c".d`) from `p`: its parts with the ranges of their names, and the
/// offset after it.
fn toml_key_path(text: &str, mut p: usize) -> (TomlKey, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut keys = Vec::new();
    loop {
        p = skip_blanks(bytes, p, n);
        let Some(&b) = bytes.get(p) else {
            break;
        };
        if b == b'"' || b == b'\'' {
            let eol = line_end(bytes, p);
            let Some(close) = closing_quote_toml(bytes, p, eol, b) else {
                break;
            };
            keys.push((unquote_toml(b, &text[p + 1..close]), p + 1..close));
            p = close + 1;
        } else {
            let start = p;
            while p < n
                && (bytes[p].is_ascii_alphanumeric() || bytes[p] == b'_' || bytes[p] == b'-')
            {
                p += 1;
            }
            if p == start {
                break;
            }
            keys.push((text[start..p].to_string(), start..p));
        }
        let q = skip_blanks(bytes, p, n);
        if bytes.get(q) == Some(&b'.') {
            p = q + 1;
        } else {
            break;
        }
    }
    (keys, p)
}

/// TOML strings: basic strings escape with `\`, literal strings have no escapes.
fn closing_quote_toml(bytes: &[u8], start: usize, end: usize, quote: u8) -> Option<usize> {
    let mut p = start + 1;
    while p < end {
        match bytes[p] {
            b'\\' if quote == b'"' => p += 2,
            b if b == quote => return Some(p),
            _ => p += 1,
        }
    }
    None
}

fn unquote_toml(quote: u8, content: &str) -> String {
    if quote == b'"' {
        unescape_backslash(content)
    } else {
        content.to_string()
    }
}

/// Reads the TOML value at `p`: strings (all four kinds), an inline table (one level, when
/// `tables`), arrays (skipped) and bare values. Returns it and the offset after it.
fn toml_value(text: &str, p: usize, tables: bool) -> (TomlValue, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let Some(&b) = bytes.get(p) else {
        return (TomlValue::Other, n);
    };
    match b {
        b'"' | b'\'' => {
            let triple = [b, b, b];
            if bytes[p..].starts_with(&triple) {
                // Multi-line string: up to the closing triple quote (or the end of the text).
                let from = p + 3;
                let close = if b == b'"' {
                    let mut q = from;
                    loop {
                        match bytes.get(q) {
                            None => break None,
                            Some(b'\\') => q += 2,
                            Some(_) if bytes[q..].starts_with(&triple) => break Some(q),
                            Some(_) => q += 1,
                        }
                    }
                } else {
                    bytes
                        .get(from..)
                        .and_then(|rest| rest.windows(3).position(|w| w == triple))
                        .map(|e| from + e)
                };
                let (content_end, end) = match close {
                    // Up to two extra quotes before the closer belong to the content.
                    Some(mut c) => {
                        for _ in 0..2 {
                            if bytes.get(c + 3) == Some(&b) {
                                c += 1;
                            }
                        }
                        (c, c + 3)
                    }
                    None => (n, n),
                };
                let mut raw = text.get(from..content_end).unwrap_or_default();
                raw = raw
                    .strip_prefix("\r\n")
                    .or_else(|| raw.strip_prefix('\n'))
                    .unwrap_or(raw);
                let value = if b == b'"' {
                    unescape_backslash(&join_line_continuations(raw))
                } else {
                    raw.to_string()
                };
                return (TomlValue::Text(value, p..end), end);
            }
            let eol = line_end(bytes, p);
            let mut eol_trim = eol;
            if eol_trim > p + 1 && bytes[eol_trim - 1] == b'\r' {
                eol_trim -= 1;
            }
            let (content_end, end) = match closing_quote_toml(bytes, p, eol_trim, b) {
                Some(c) => (c, c + 1),
                None => (eol_trim, eol_trim),
            };
            let value = unquote_toml(b, &text[p + 1..content_end]);
            (TomlValue::Text(value, p..end), end)
        }
        b'{' if tables => toml_inline_table(text, p),
        // A table nested in an inline table is not read (no definitions come from it).
        b'{' => (TomlValue::Table(Vec::new()), skip_toml_brackets(text, p)),
        b'[' => (TomlValue::Other, skip_toml_brackets(text, p)),
        _ => {
            let mut q = p;
            while q < n
                && !matches!(
                    bytes[q],
                    b' ' | b'\t' | b'\r' | b'\n' | b',' | b'}' | b']' | b'#'
                )
            {
                q += 1;
            }
            if q == p {
                return (TomlValue::Other, p);
            }
            (TomlValue::Text(text[p..q].to_string(), p..q), q)
        }
    }
}

/// In a multi-line basic string, a `\` at the end of a line removes the line break and the
/// whitespace that follows.
fn join_line_continuations(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let trimmed = after.trim_start_matches([' ', '\t']);
        if trimmed.starts_with('\n') || trimmed.starts_with("\r\n") {
            rest = trimmed.trim_start_matches([' ', '\t', '\r', '\n']);
        } else {
            // An ordinary escape: keep it and the escaped char for the unescaper.
            let mut chars = after.chars();
            out.push('\\');
            if let Some(c) = chars.next() {
                out.push(c);
            }
            rest = chars.as_str();
        }
    }
    out.push_str(rest);
    out
}

/// An inline table `{ k = v, ... }` at `p` (TOML 1.1 lets it span lines).
fn toml_inline_table(text: &str, p: usize) -> (TomlValue, usize) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut entries = Vec::new();
    let mut q = p + 1;
    while q < n {
        match bytes[q] {
            b' ' | b'\t' | b'\r' | b'\n' | b',' => q += 1,
            b'#' => q = line_end(bytes, q),
            b'}' => return (TomlValue::Table(entries), q + 1),
            _ => {
                let (keys, k_end) = toml_key_path(text, q);
                let eq = skip_blanks(bytes, k_end, n);
                if keys.is_empty() || bytes.get(eq) != Some(&b'=') {
                    // Garbage: skip a char and try again.
                    q = next_char(text, q.max(k_end));
                    continue;
                }
                let v = skip_blanks(bytes, eq + 1, n);
                let (value, end) = toml_value(text, v, false);
                entries.push((keys, value));
                q = end.max(v).max(q + 1);
            }
        }
    }
    (TomlValue::Table(entries), n)
}

/// The offset after the array or table opening at `p` (strings and comments honoured).
fn skip_toml_brackets(text: &str, p: usize) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut depth = 0usize;
    let mut q = p;
    while q < n {
        match bytes[q] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return q + 1;
                }
            }
            b'#' => {
                q = line_end(bytes, q);
                continue;
            }
            quote @ (b'"' | b'\'') => {
                let eol = line_end(bytes, q);
                q = closing_quote_toml(bytes, q, eol, quote).unwrap_or(eol);
            }
            _ => {}
        }
        q += 1;
    }
    n
}

#[cfg(test)]
pub(super) mod tests {
    use crate::source::FileKind;
    use crate::source::deploy::tests::*;

    pub(in crate::source::deploy) const NETLIFY: &str = r#"[build]
  command = "npm run build"
  publish = ".next"
  environment = { NODE_VERSION = "20", NEXT_TELEMETRY_DISABLED = '1' }

[build.environment]
  CLERK_API_KEY = "sk_live_abc" # deprecated
  NEXT_PUBLIC_CLERK_FRONTEND_API = 'clerk.example.com'

[context.production.environment]
  CLERK_SECRET_KEY = "sk_live_\u0041BC"

[context.deploy-preview]
  command = "npm run preview"
  environment = { PREVIEW = "yes" }

[context.deploy-preview.environment]
  NEXT_PUBLIC_PREVIEW = "true"

[context."feature/login".environment]
  "QUOTED_KEY" = "v"
  BARE = 18
  MULTI = """
first
second"""

[[redirects]]
  from = "/old"
  to = "/new"

[[plugins]]
  package = "@netlify/plugin-nextjs"
  [plugins.inputs]
    environment = "not a table"
"#;

    #[test]
    fn netlify_realistic() {
        let defs = check(
            FileKind::Netlify,
            NETLIFY,
            &[
                ("NODE_VERSION", Some("20"), 4, 19),
                ("NEXT_TELEMETRY_DISABLED", Some("1"), 4, 40),
                ("CLERK_API_KEY", Some("sk_live_abc"), 7, 3),
                (
                    "NEXT_PUBLIC_CLERK_FRONTEND_API",
                    Some("clerk.example.com"),
                    8,
                    3,
                ),
                ("CLERK_SECRET_KEY", Some("sk_live_ABC"), 11, 3),
                ("PREVIEW", Some("yes"), 15, 19),
                ("NEXT_PUBLIC_PREVIEW", Some("true"), 18, 3),
                ("QUOTED_KEY", Some("v"), 21, 4),
                ("BARE", Some("18"), 22, 3),
                ("MULTI", Some("first\nsecond"), 23, 3),
            ],
        );
        let texts = value_texts(NETLIFY, &defs);
        assert_eq!(texts[2], Some("\"sk_live_abc\""));
        assert_eq!(texts[3], Some("'clerk.example.com'"));
        assert_eq!(texts[8], Some("18"));
        assert_eq!(texts[9], Some("\"\"\"\nfirst\nsecond\"\"\""));
    }

    #[test]
    fn netlify_cases() {
        run_cases(
            FileKind::Netlify,
            &[
                (
                    "table",
                    "[build.environment]\nA = \"1\"\nB='2'\n",
                    &[("A", Some("1"), 2, 1), ("B", Some("2"), 3, 1)],
                ),
                (
                    "other tables",
                    "[build]\nA = \"1\"\n[build.processing]\nB = \"2\"\n[environment.x]\nC = \"3\"\n",
                    &[],
                ),
                (
                    "quoted context",
                    "[context.\"branch-name\".environment]\nA = \"1\"\n[context.'x y' . environment]\nB = \"2\"\n",
                    &[("A", Some("1"), 2, 1), ("B", Some("2"), 4, 1)],
                ),
                (
                    "inline",
                    "[context.production]\nenvironment = { A = \"1\", B = 'x' }\n",
                    &[("A", Some("1"), 2, 17), ("B", Some("x"), 2, 26)],
                ),
                (
                    "inline with nested",
                    "[build]\nenvironment = { A = { B = \"1\" }, C = [\"x\", \"}\"], D = \"2\" }\n",
                    &[("C", None, 2, 34), ("D", Some("2"), 2, 50)],
                ),
                (
                    "dotted key",
                    "[build]\nenvironment.A = \"1\"\n",
                    &[("A", Some("1"), 2, 13)],
                ),
                (
                    "dotted in table skipped",
                    "[build.environment]\na.b = \"1\"\n",
                    &[],
                ),
                (
                    "literal string no escapes",
                    "[build.environment]\nP = 'C:\\path'\n",
                    &[("P", Some("C:\\path"), 2, 1)],
                ),
                (
                    "escapes",
                    "[build.environment]\nE = \"tab\\tq\\\"\"\n",
                    &[("E", Some("tab\tq\""), 2, 1)],
                ),
                (
                    "comments",
                    "# [build.environment]\n[build.environment] # c\n# A = \"no\"\nB = \"yes\" # c\n",
                    &[("B", Some("yes"), 4, 1)],
                ),
                (
                    "array of tables",
                    "[[plugins]]\n[plugins.environment]\nA = \"1\"\n",
                    &[("A", Some("1"), 3, 1)],
                ),
                (
                    "multi-line literal",
                    "[build.environment]\nM = '''\nline\n[not.a.header]\nX = \"no\"'''\nN = \"1\"\n",
                    &[
                        ("M", Some("line\n[not.a.header]\nX = \"no\""), 2, 1),
                        ("N", Some("1"), 6, 1),
                    ],
                ),
                (
                    "line continuation",
                    "[build.environment]\nM = \"\"\"a \\\n    b\"\"\"\n",
                    &[("M", Some("a b"), 2, 1)],
                ),
                (
                    "array value",
                    "[build.environment]\nA = [\n \"x\",\n]\nB = \"1\"\n",
                    &[("A", None, 2, 1), ("B", Some("1"), 5, 1)],
                ),
                (
                    "unterminated",
                    "[build.environment]\nA = \"abc\nB = 'x\n",
                    &[("A", Some("abc"), 2, 1), ("B", Some("x"), 3, 1)],
                ),
                (
                    "CRLF BOM",
                    "\u{feff}[build.environment]\r\nA = \"1\"\r\nB = 2\r\n",
                    &[("A", Some("1"), 2, 1), ("B", Some("2"), 3, 1)],
                ),
                (
                    "no equals",
                    "[build.environment]\nA \"1\"\nB = \"2\"\n",
                    &[("B", Some("2"), 3, 1)],
                ),
            ],
        );
    }
}
