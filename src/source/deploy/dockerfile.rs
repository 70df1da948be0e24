//! Dockerfile `ENV` and `ARG` instructions.

use std::ops::Range;

use super::{def, line_ranges};
use crate::source::EnvDef;

pub(super) fn dockerfile_defs(text: &str) -> Vec<EnvDef> {
    let lines = line_ranges(text);
    let mut escape = '\\';
    // Parser directives: `# key=value` comments before anything else.
    for r in &lines {
        let Some(rest) = text[r.clone()].trim().strip_prefix('#') else {
            break;
        };
        let Some((k, v)) = rest.split_once('=') else {
            break;
        };
        let k = k.trim();
        if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            break;
        }
        if k.eq_ignore_ascii_case("escape") && v.trim() == "`" {
            escape = '`';
        }
    }

    let mut defs = Vec::new();
    // Heredoc terminators still to come (`RUN <<EOF`), with their `<<-` flag.
    let mut heredocs: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !heredocs.is_empty() {
            let s = &text[lines[i].clone()];
            let (term, strip_tabs) = &heredocs[0];
            let s = if *strip_tabs {
                s.trim_start_matches('\t')
            } else {
                s
            };
            if s == term {
                heredocs.remove(0);
            }
            i += 1;
            continue;
        }
        let first = text[lines[i].clone()].trim_start();
        if first.is_empty() || first.starts_with('#') {
            i += 1;
            continue;
        }
        // The logical line: physical lines joined at a trailing escape char, with comment and
        // blank lines inside the continuation dropped. Each char keeps its offset.
        let mut chars: Vec<(usize, char)> = Vec::new();
        while i < lines.len() {
            let r = lines[i].clone();
            i += 1;
            let s = &text[r.clone()];
            let t = s.trim_end_matches([' ', '\t']);
            match t.strip_suffix(escape) {
                Some(body) => {
                    // Docker joins the lines as they are: no space is added.
                    chars.extend(body.char_indices().map(|(k, c)| (r.start + k, c)));
                    while i < lines.len() {
                        let next = text[lines[i].clone()].trim_start();
                        if next.is_empty() || next.starts_with('#') {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                }
                None => {
                    chars.extend(s.char_indices().map(|(k, c)| (r.start + k, c)));
                    break;
                }
            }
        }
        dockerfile_instruction(&chars, escape, &mut defs, &mut heredocs);
    }
    defs
}

/// A word of a Dockerfile instruction: `chars[start..end]`.
struct Word {
    start: usize,
    end: usize,
}

/// Splits at unquoted whitespace, honouring quotes and the escape char.
fn split_words(chars: &[(usize, char)], escape: char) -> Vec<Word> {
    let n = chars.len();
    let mut words = Vec::new();
    let mut i = 0;
    while i < n {
        while i < n && chars[i].1.is_whitespace() {
            i += 1;
        }
        if i >= n {
            break;
        }
        let start = i;
        let mut quote: Option<char> = None;
        while i < n {
            let c = chars[i].1;
            match quote {
                None if c.is_whitespace() => break,
                None if c == '"' || c == '\'' => quote = Some(c),
                None | Some('"') if c == escape => i += 1,
                Some(q) if c == q => quote = None,
                _ => {}
            }
            i += 1;
        }
        let end = i.min(n);
        words.push(Word { start, end });
        i = end;
    }
    words
}

/// Removes quotes and escapes the way Docker does for `ENV` / `ARG` values.
fn docker_unquote(chars: &[(usize, char)], escape: char) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        match quote {
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == escape => {
                if let Some(&(_, e)) = chars.get(i + 1) {
                    out.push(e);
                    i += 1;
                }
            }
            Some('"') if c == escape => match chars.get(i + 1) {
                Some(&(_, e)) if e == '"' || e == escape || e == '$' => {
                    out.push(e);
                    i += 1;
                }
                _ => out.push(c),
            },
            Some(q) if c == q => quote = None,
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// The byte range covered by a run of chars (empty at `fallback` when there are none).
fn chars_range(chars: &[(usize, char)], fallback: usize) -> Range<usize> {
    match (chars.first(), chars.last()) {
        (Some(&(a, _)), Some(&(b, c))) => a..b + c.len_utf8(),
        _ => fallback..fallback,
    }
}

fn chars_string(chars: &[(usize, char)]) -> String {
    chars.iter().map(|&(_, c)| c).collect()
}

fn dockerfile_instruction(
    chars: &[(usize, char)],
    escape: char,
    defs: &mut Vec<EnvDef>,
    heredocs: &mut Vec<(String, bool)>,
) {
    let words = split_words(chars, escape);
    let Some(mut w) = words.first() else {
        return;
    };
    let mut rest = &words[1..];
    let mut instr = chars_string(&chars[w.start..w.end]).to_ascii_uppercase();
    if instr == "ONBUILD" {
        let Some(next) = rest.first() else {
            return;
        };
        w = next;
        rest = &rest[1..];
        instr = chars_string(&chars[w.start..w.end]).to_ascii_uppercase();
    }
    match instr.as_str() {
        "ENV" | "ARG" => {}
        "RUN" | "COPY" | "ADD" => {
            collect_heredocs(&chars[w.end..], heredocs);
            return;
        }
        _ => return,
    }
    let is_env = instr == "ENV";
    let has_eq = |word: &Word| {
        chars[word.start..word.end]
            .iter()
            .position(|&(_, c)| c == '=')
    };
    let legacy = is_env && rest.first().is_some_and(|w0| has_eq(w0).is_none());
    if legacy {
        // `ENV KEY value with spaces`: the value is the rest of the instruction.
        let name_w = &rest[0];
        let name = &chars[name_w.start..name_w.end];
        let value = rest.get(1).map(|v0| {
            let last = rest.last().map_or(v0.end, |l| l.end);
            let vchars = &chars[v0.start..last];
            (docker_unquote(vchars, escape), chars_range(vchars, 0))
        });
        defs.push(def(chars_string(name), chars_range(name, 0), value));
        return;
    }
    for word in rest {
        let wchars = &chars[word.start..word.end];
        match has_eq(word) {
            Some(eq) => {
                if eq == 0 {
                    continue;
                }
                let name = &wchars[..eq];
                let vchars = &wchars[eq + 1..];
                let fallback = wchars[eq].0 + 1;
                defs.push(def(
                    chars_string(name),
                    chars_range(name, 0),
                    Some((
                        docker_unquote(vchars, escape),
                        chars_range(vchars, fallback),
                    )),
                ));
            }
            // `ARG NAME`; in `ENV A=1 B` the lone `B` is an error Docker reports, skipped.
            None if !is_env => {
                defs.push(def(chars_string(wchars), chars_range(wchars, 0), None));
            }
            None => {}
        }
    }
}

/// Heredoc openers (`<<EOF`, `<<-EOF`, `<<"EOF"`) in the arguments of `RUN` / `COPY` / `ADD`.
fn collect_heredocs(chars: &[(usize, char)], heredocs: &mut Vec<(String, bool)>) {
    let n = chars.len();
    let mut i = 0;
    while i + 1 < n {
        if chars[i].1 != '<' || chars[i + 1].1 != '<' {
            i += 1;
            continue;
        }
        let mut j = i + 2;
        if chars.get(j).is_some_and(|&(_, c)| c == '<') {
            // `<<<` is a here-string.
            i = j + 1;
            continue;
        }
        let strip_tabs = chars.get(j).is_some_and(|&(_, c)| c == '-');
        if strip_tabs {
            j += 1;
        }
        let quote = chars
            .get(j)
            .map(|&(_, c)| c)
            .filter(|&c| c == '"' || c == '\'');
        if quote.is_some() {
            j += 1;
        }
        let start = j;
        while j < n && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '_') {
            j += 1;
        }
        if j > start {
            heredocs.push((chars_string(&chars[start..j]), strip_tabs));
        }
        i = j.max(i + 2);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::source::FileKind;
    use crate::source::deploy::tests::*;

    pub(in crate::source::deploy) const DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
ARG NODE_VERSION=20
FROM node:${NODE_VERSION}-alpine AS deps
WORKDIR /app
arg NPM_TOKEN
ENV NEXT_TELEMETRY_DISABLED=1 \
    CLERK_API_KEY="sk_live_ab\"c" \
    # a comment inside the continuation
    PATH_EXTRA='/opt/bin'
RUN <<EOF
ENV NOT_AN_ENV=1
EOF

FROM node:20-alpine AS runner
env NODE_ENV production
ENV MSG "hello world"
ENV NEXT_PUBLIC_CLERK_FRONTEND_API=clerk.example.com NEXT_PUBLIC_X=
RUN echo ENV FAKE=1
ONBUILD ENV LATE=yes
ARG A B=2
COPY --from=deps /app /app
CMD ["node", "server.js"]
"#;

    #[test]
    fn dockerfile_realistic() {
        let defs = check(
            FileKind::Dockerfile,
            DOCKERFILE,
            &[
                ("NODE_VERSION", Some("20"), 2, 5),
                ("NPM_TOKEN", None, 5, 5),
                ("NEXT_TELEMETRY_DISABLED", Some("1"), 6, 5),
                ("CLERK_API_KEY", Some("sk_live_ab\"c"), 7, 5),
                ("PATH_EXTRA", Some("/opt/bin"), 9, 5),
                ("NODE_ENV", Some("production"), 15, 5),
                ("MSG", Some("hello world"), 16, 5),
                (
                    "NEXT_PUBLIC_CLERK_FRONTEND_API",
                    Some("clerk.example.com"),
                    17,
                    5,
                ),
                ("NEXT_PUBLIC_X", Some(""), 17, 54),
                ("LATE", Some("yes"), 19, 13),
                ("A", None, 20, 5),
                ("B", Some("2"), 20, 7),
            ],
        );
        let texts = value_texts(DOCKERFILE, &defs);
        assert_eq!(texts[3], Some("\"sk_live_ab\\\"c\""));
        assert_eq!(texts[6], Some("\"hello world\""));
        assert_eq!(texts[8], Some(""));
    }

    #[test]
    fn dockerfile_cases() {
        run_cases(
            FileKind::Dockerfile,
            &[
                (
                    "multi",
                    "ENV A=1 B=\"two words\" C='x y'\n",
                    &[
                        ("A", Some("1"), 1, 5),
                        ("B", Some("two words"), 1, 9),
                        ("C", Some("x y"), 1, 23),
                    ],
                ),
                (
                    "legacy",
                    "ENV KEY value with  spaces\n",
                    &[("KEY", Some("value with  spaces"), 1, 5)],
                ),
                (
                    "legacy quoted",
                    "ENV KEY \"a b\" c\n",
                    &[("KEY", Some("a b c"), 1, 5)],
                ),
                ("legacy alone", "ENV KEY\n", &[("KEY", None, 1, 5)]),
                (
                    "case-insensitive",
                    "env a=1\nEnV b 2\naRg c\n",
                    &[
                        ("a", Some("1"), 1, 5),
                        ("b", Some("2"), 2, 5),
                        ("c", None, 3, 5),
                    ],
                ),
                (
                    "arg default",
                    "ARG V=1.2.3\nARG X\n",
                    &[("V", Some("1.2.3"), 1, 5), ("X", None, 2, 5)],
                ),
                (
                    "escapes",
                    "ENV A=a\\ b B=\"q\\\"q\" C='s\\'\n",
                    &[
                        ("A", Some("a b"), 1, 5),
                        ("B", Some("q\"q"), 1, 12),
                        ("C", Some("s\\"), 1, 21),
                    ],
                ),
                (
                    "continuation",
                    "ENV A=1 \\\n  B=2 \\\n\n  # comment\n  C=3\nENV D=4\n",
                    &[
                        ("A", Some("1"), 1, 5),
                        ("B", Some("2"), 2, 3),
                        ("C", Some("3"), 5, 3),
                        ("D", Some("4"), 6, 5),
                    ],
                ),
                (
                    "continuation joins",
                    "ENV A=abc\\\ndef\n",
                    &[("A", Some("abcdef"), 1, 5)],
                ),
                (
                    "comment lines",
                    "# ENV NO=1\n  # ARG NO2\nARG YES\n",
                    &[("YES", None, 3, 5)],
                ),
                (
                    "not an instruction",
                    "RUN ENV=1 echo\nLABEL ENV=x\nFROM x AS ENV\n",
                    &[],
                ),
                ("onbuild", "ONBUILD ARG X=1\n", &[("X", Some("1"), 1, 13)]),
                (
                    "heredoc",
                    "RUN <<-EOT bash\n\tENV NO=1\n\tEOT\nENV YES=1\n",
                    &[("YES", Some("1"), 4, 5)],
                ),
                (
                    "two heredocs",
                    "COPY <<A <<B /x\nENV NO=1\nA\nENV NO2=1\nB\nENV YES=1\n",
                    &[("YES", Some("1"), 6, 5)],
                ),
                (
                    "escape directive",
                    "# escape=`\nENV A=1 `\n    B=c:\\dir\n",
                    &[("A", Some("1"), 2, 5), ("B", Some("c:\\dir"), 3, 5)],
                ),
                (
                    "CRLF",
                    "ENV A=1 \\\r\n  B=2\r\nARG C\r\n",
                    &[
                        ("A", Some("1"), 1, 5),
                        ("B", Some("2"), 2, 3),
                        ("C", None, 3, 5),
                    ],
                ),
                ("BOM", "\u{feff}ENV A=1\n", &[("A", Some("1"), 1, 6)]),
                (
                    "tabs",
                    "ENV\tA=1\tB=2\n\tARG\tC\n",
                    &[
                        ("A", Some("1"), 1, 5),
                        ("B", Some("2"), 1, 9),
                        ("C", None, 2, 6),
                    ],
                ),
                (
                    "unterminated quote",
                    "ENV A=\"abc\nENV B=1\n",
                    &[("A", Some("abc"), 1, 5), ("B", Some("1"), 2, 5)],
                ),
                ("invalid multi", "ENV A=1 B =2\n", &[("A", Some("1"), 1, 5)]),
                (
                    "trailing backslash at end",
                    "ENV A=1 \\",
                    &[("A", Some("1"), 1, 5)],
                ),
                (
                    "unicode",
                    "ENV GREETING=héllo NAME=\"✓ ok\"\n",
                    &[
                        ("GREETING", Some("héllo"), 1, 5),
                        ("NAME", Some("✓ ok"), 1, 20),
                    ],
                ),
            ],
        );
    }
}
