//! Environment variable definitions in CI and deploy config: GitHub workflow `env:` blocks,
//! docker-compose `environment`, Dockerfile `ENV`/`ARG`, `vercel.json`, `netlify.toml` and
//! `turbo.json`.
//!
//! Every reader is hand-written, line- or token-oriented and forgiving: it never panics, and on
//! a file it does not fully understand it returns the definitions it could read. Ranges are
//! byte ranges into the text; `name_range` covers the name only (inside the quotes of a quoted
//! key), `value_range` covers the value as written (quotes, or the `|`/`>` header and the lines
//! of a block scalar, included).
//!
//! Behaviour choices:
//! - YAML block scalars (`KEY: |`, `KEY: >-`) give their text, folded or literal with the
//!   chomping indicator applied; a multi-line plain or quoted scalar gives its first line only;
//!   a flow collection as a value (`KEY: [a, b]`) gives no value.
//! - Workflow `env:` mappings count at any depth except under `on`, `with`, `inputs`,
//!   `outputs`, `secrets` and `matrix` (a workflow input may be named `env`).
//! - docker-compose list entries (`- KEY="v"`) keep their value as written after the `=`
//!   (compose does not unquote it); only YAML-level quoting (`- "KEY=v"`) is removed.
//! - netlify.toml non-string values (`NODE_VERSION = 18`) give their text as written; arrays
//!   and tables give no value.
//! - vercel.json members whose value is not a string give no value.

mod dockerfile;
mod json;
mod netlify;
mod yaml;

use std::ops::Range;

use dockerfile::dockerfile_defs;
use json::{turbo_defs, vercel_defs};
use netlify::netlify_defs;
use yaml::{YamlMode, yaml_defs};

use crate::source::{EnvDef, FileKind};

/// The definitions in a file of `kind`; empty for kinds that define nothing.
pub fn defs_for(kind: FileKind, text: &str) -> Vec<EnvDef> {
    match kind {
        FileKind::Workflow => yaml_defs(text, YamlMode::Workflow),
        FileKind::Compose => yaml_defs(text, YamlMode::Compose),
        FileKind::Dockerfile => dockerfile_defs(text),
        FileKind::Vercel => vercel_defs(text),
        FileKind::Netlify => netlify_defs(text),
        FileKind::Turbo => turbo_defs(text),
        FileKind::Env
        | FileKind::Script
        | FileKind::PackageJson
        | FileKind::Lockfile
        | FileKind::Rust
        | FileKind::CargoToml
        | FileKind::Other => Vec::new(),
    }
}

pub(super) fn def(
    name: String,
    name_range: Range<usize>,
    value: Option<(String, Range<usize>)>,
) -> EnvDef {
    let (value, value_range) = match value {
        Some((v, r)) => (Some(v), Some(r)),
        None => (None, None),
    };
    EnvDef {
        name,
        name_range,
        value,
        value_range,
    }
}

// Text helpers the readers share.

pub(super) const BOM: &str = "\u{feff}";

/// The byte ranges of the lines of `text`, without `\n` / `\r\n`; a leading BOM is not part of
/// the first line.
pub(super) fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    loop {
        let nl = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|p| start + p);
        let mut end = nl.unwrap_or(bytes.len());
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        out.push(start..end);
        match nl {
            Some(p) => start = p + 1,
            None => return out,
        }
    }
}

pub(super) fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Number of leading spaces and tabs (a tab counts as one column).
pub(super) fn indent_of(s: &str) -> usize {
    s.bytes().take_while(|&b| is_blank(b)).count()
}

/// `p` moved past spaces and tabs, not beyond `end`.
pub(super) fn skip_blanks(bytes: &[u8], mut p: usize, end: usize) -> usize {
    while p < end && is_blank(bytes[p]) {
        p += 1;
    }
    p
}

/// The char `s` starts with when it is `count` hex digits.
fn hex_char(s: &str, count: usize) -> Option<char> {
    let digits = s.get(..count)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(digits, 16).ok()?)
}

/// Decodes backslash escapes (the union of YAML double-quoted and TOML basic string escapes).
/// Unknown escapes are kept as written.
pub(super) fn unescape_backslash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((j, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        let rest = &s[j + e.len_utf8()..];
        let hex_len = match e {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        if hex_len > 0 {
            match hex_char(rest, hex_len) {
                Some(h) => {
                    out.push(h);
                    for _ in 0..hex_len {
                        chars.next();
                    }
                }
                None => out.push_str(&s[i..j + e.len_utf8()]),
            }
            continue;
        }
        match e {
            '0' => out.push('\0'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            't' | '\t' => out.push('\t'),
            'n' => out.push('\n'),
            'v' => out.push('\u{b}'),
            'f' => out.push('\u{c}'),
            'r' => out.push('\r'),
            'e' => out.push('\u{1b}'),
            ' ' | '"' | '/' | '\\' | '\'' => out.push(e),
            'N' => out.push('\u{85}'),
            '_' => out.push('\u{a0}'),
            'L' => out.push('\u{2028}'),
            'P' => out.push('\u{2029}'),
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    out
}

/// The content of a quoted scalar decoded: backslash escapes for `"`, `''` for `'`.
pub(super) fn unquote(quote: u8, content: &str) -> String {
    if quote == b'"' {
        unescape_backslash(content)
    } else {
        content.replace("''", "'")
    }
}

/// The index of the quote closing the one at `start`, searching before `end`. Double quotes
/// honour backslash escapes, single quotes the `''` escape.
pub(super) fn closing_quote(bytes: &[u8], start: usize, end: usize, quote: u8) -> Option<usize> {
    let mut p = start + 1;
    while p < end {
        let b = bytes[p];
        if quote == b'"' && b == b'\\' {
            p += 2;
        } else if b == quote {
            if quote == b'\'' && bytes.get(p + 1) == Some(&b'\'') && p + 1 < end {
                p += 2;
            } else {
                return Some(p);
            }
        } else {
            p += 1;
        }
    }
    None
}

/// The offset of the char after the one at `p`.
pub(super) fn next_char(text: &str, p: usize) -> usize {
    text.get(p..)
        .and_then(|s| s.chars().next())
        .map_or(text.len(), |c| p + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    pub(super) use crate::source::LineIndex;
    use crate::source::deploy::dockerfile::tests::DOCKERFILE;
    use crate::source::deploy::json::tests::{TURBO_V1, TURBO_V2, VERCEL};
    use crate::source::deploy::netlify::tests::NETLIFY;
    use crate::source::deploy::yaml::tests::{COMPOSE, WORKFLOW};

    pub(super) type Row<'a> = (&'a str, Option<&'a str>, u32, u32);

    /// Every range of every definition is inside the text, on char boundaries, and ordered.
    pub(super) fn assert_ranges_sane(text: &str, defs: &[EnvDef]) {
        let ok = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        let mut last = 0;
        for d in defs {
            assert!(
                ok(&d.name_range),
                "name range {:?} in {text:?}",
                d.name_range
            );
            assert!(
                d.name_range.start >= last,
                "out of order in {text:?}: {defs:?}"
            );
            last = d.name_range.start;
            if let Some(r) = &d.value_range {
                assert!(ok(r), "value range {r:?} in {text:?}");
            }
            assert_eq!(d.value.is_some(), d.value_range.is_some(), "{d:?}");
        }
    }

    /// Parses, checks the ranges (and that each name range covers exactly the name), and
    /// compares (name, value, line, column) with `want`.
    pub(super) fn check(kind: FileKind, text: &str, want: &[Row<'_>]) -> Vec<EnvDef> {
        let defs = defs_for(kind, text);
        assert_ranges_sane(text, &defs);
        let idx = LineIndex::new(text);
        let got: Vec<(String, Option<String>, u32, u32)> = defs
            .iter()
            .map(|d| {
                assert_eq!(&text[d.name_range.clone()], d.name, "name range of {d:?}");
                let p = idx.pos(text, d.name_range.start);
                (d.name.clone(), d.value.clone(), p.line, p.column)
            })
            .collect();
        let want: Vec<(String, Option<String>, u32, u32)> = want
            .iter()
            .map(|&(n, v, l, c)| (n.to_string(), v.map(str::to_string), l, c))
            .collect();
        assert_eq!(got, want, "in {kind:?}:\n{text}");
        defs
    }

    /// The text of each definition's value range.
    pub(super) fn value_texts<'t>(text: &'t str, defs: &[EnvDef]) -> Vec<Option<&'t str>> {
        defs.iter()
            .map(|d| d.value_range.clone().map(|r| &text[r]))
            .collect()
    }

    pub(super) fn run_cases(kind: FileKind, cases: &[(&str, &str, &[Row<'_>])]) {
        for (label, text, want) in cases {
            println!("case: {label}");
            check(kind, text, want);
        }
    }

    #[test]
    fn kinds_without_definitions() {
        let text = "A=1\nenv:\n  B: 2\nENV C=3\n{\"env\": {\"D\": \"4\"}}\n";
        for kind in [
            FileKind::Env,
            FileKind::Script,
            FileKind::PackageJson,
            FileKind::Lockfile,
            FileKind::Other,
        ] {
            assert!(defs_for(kind, text).is_empty(), "{kind:?}");
        }
    }

    const ALL_KINDS: [FileKind; 6] = [
        FileKind::Workflow,
        FileKind::Compose,
        FileKind::Dockerfile,
        FileKind::Vercel,
        FileKind::Netlify,
        FileKind::Turbo,
    ];

    /// Inputs that break hand-written parsers; every kind sees all of them.
    fn nasty_inputs() -> Vec<String> {
        let mut v: Vec<String> = [
            "",
            "\u{feff}",
            "\r\n",
            "\r",
            "\n\n\n",
            "\t",
            " ",
            "\0\0\0",
            "\\",
            "\"",
            "'",
            "\"\\",
            "\"\\u12",
            "\"\\uD800\" \"\\uDBFF\\uDFFF\" \"\\uDC00\"",
            "{",
            "[",
            "}",
            "]",
            "}{][",
            ":",
            "- ",
            "-",
            "- - - - -",
            "---\n...\n---",
            "#",
            "/*",
            "//",
            "env:",
            "env:\n",
            "environment:",
            "environment:\n  - ",
            "environment:\n  -",
            "\u{feff}env:\n  A: 1",
            "\t\tenv:\n\t\t\tA: \"x\n\t\tB:\n",
            "env: {",
            "env: {A: 1, B: [1, {C: 2}], D",
            "env: [",
            "env: { A: \"unterminated",
            "env: {A: ${{ x",
            "env:\n  A: |",
            "env:\n  A: >-\n",
            "env:\n  A: |9\n x",
            "env:\n  A: '",
            "env:\n  \"A",
            "env:\n  \"A\"",
            "env:\n  'A'':",
            "environment: [A=1, \"B",
            "environment:\n  - \"K=\\",
            "environment:\n  - =",
            "services:\n  a:\n    environment:\n      - 'K=v\n      - \"",
            "é: ü\nenv:\n  ÿ: \"ø\"\n  ✓: ✓ # ✓",
            "ENV",
            "ENV ",
            "ARG",
            "ENV =",
            "ENV A=",
            "ENV A=\"unterminated",
            "ENV A='x",
            "ENV A=1 \\",
            "ENV A=\\",
            "ENV \u{1F600}=\u{1F600}\u{1F600}",
            "ENV A=\\\u{e9}",
            "ENV A \"",
            "ONBUILD",
            "ONBUILD ENV",
            "RUN <<EOF\nENV X=1",
            "RUN <<",
            "RUN <<-",
            "RUN <<'",
            "# escape=`\nENV A=`",
            "[build.environment]\nA = \"unterminated",
            "[build.environment]\nA = \"\"\"never closed",
            "[build.environment]\nA = \"\"\"\"\"\"\"",
            "[build.environment]\nA = '''",
            "[build.environment]\nA = ''''",
            "[build.environment]\nA = \"\\",
            "[build.environment]\nA = \"\\u",
            "[build.environment]\nA =",
            "[build.environment]\n= 1",
            "[build.environment]\n\"",
            "[build.environment]\nA.",
            "[",
            "[[",
            "[\"",
            "environment = {",
            "environment = { A = ",
            "environment = { A = \"1\", B = { C = 1 }, D = [1,2], }",
            "environment = { = }",
            "environment.A = [",
            "{\"env\": {\"A\": \"\\u",
            "{\"env\":{\"A\"",
            "{\"env\":{\"A\":",
            "{\"env\":{:\"A\"}}",
            "{\"env\":{\"A\":\"1\"]]]]}}}}",
            "{\"env\":[[[{\"A\":1}]}",
            "{\"globalEnv\": [\"A\"",
            "{\"globalEnv\": [\"\\",
            "{'globalEnv': ['A', 'B\\'s']}",
            "{globalEnv: [A, \"B\"], env: {C: \"1\"}}",
            "\"env\": [\"A\"",
            "/* unterminated",
            "// only comment",
            "{\"env\": {\"A\": \"1\r\n\"B\": \"2\"}}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Deep nesting and long inputs.
        v.push("[".repeat(20_000));
        v.push("{".repeat(20_000));
        v.push("{\"env\":".repeat(5_000));
        v.push("{\"a\":[".repeat(5_000) + &"]}".repeat(5_000));
        v.push("- ".repeat(5_000) + "env:\n  A: 1");
        v.push(
            (0..2_000)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect(),
        );
        v.push(
            (0..2_000)
                .map(|i| format!("{}env:\n", " ".repeat(i)))
                .collect(),
        );
        v.push("env: ".repeat(3_000));
        v.push("ENV A=1 \\\n".repeat(3_000));
        v.push("[build.environment]\n".to_string() + &"A = { ".repeat(3_000));
        v.push("environment:\n".to_string() + &"  - A=1\n".repeat(1_000));
        // The realistic fixtures with CRLF line ends, with tabs, after a BOM, and truncated.
        for fixture in [
            WORKFLOW, COMPOSE, DOCKERFILE, VERCEL, NETLIFY, TURBO_V1, TURBO_V2,
        ] {
            v.push(fixture.replace('\n', "\r\n"));
            v.push(fixture.replace("  ", "\t"));
            v.push(format!("\u{feff}{fixture}"));
            for (i, _) in fixture.char_indices().step_by(3) {
                v.push(fixture[..i].to_string());
            }
        }
        v
    }

    #[test]
    fn never_panics_on_nasty_inputs() {
        for text in nasty_inputs() {
            for kind in ALL_KINDS {
                let defs = defs_for(kind, &text);
                assert_ranges_sane(&text, &defs);
            }
        }
    }

    #[test]
    fn never_panics_on_random_text() {
        // A small deterministic generator (xorshift), no dependency.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: Vec<char> = " \t\n\r\n:{}[],\"'\\#-|>=!*&$<.`/ENVARGenv_A1é✓\u{feff}"
            .chars()
            .collect();
        let prefixes = [
            "env:\n  ",
            "environment:\n  - ",
            "ENV ",
            "{\"env\": {",
            "[build.environment]\n",
            "{\"globalEnv\": [",
        ];
        for round in 0..1_500usize {
            let len = (next() % 120) as usize;
            let text: String = if round % 3 == 0 {
                // Raw random bytes, decoded lossily.
                let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            } else {
                let body: String = (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect();
                format!("{}{body}", prefixes[round % prefixes.len()])
            };
            for kind in ALL_KINDS {
                let defs = defs_for(kind, &text);
                assert_ranges_sane(&text, &defs);
            }
        }
    }
}
