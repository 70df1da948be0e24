//! Inline suppressions: `// clerk-lint-ignore[rule-a, rule-b]: reason` on the line above a
//! finding or at the end of its line (`#` in `.env`, YAML and TOML files, `/* */` in JSX).
//! The reason is required; a suppression without one, or naming an unknown rule, does not
//! suppress and is reported (`invalid-suppression`); one that suppresses nothing is reported
//! too (`unused-suppression`).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Diagnostic;
use crate::source::{FileKind, SourceFile};

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub file: String,
    /// Byte range of the `clerk-lint-ignore[...]` text.
    pub range: Range<usize>,
    /// The line the comment is on.
    pub line: u32,
    /// The line it applies to (its own line when it trails code, else the next code line).
    pub target: u32,
    pub rules: Vec<String>,
    pub reason: Option<String>,
}

impl Suppression {
    /// Why the suppression is not valid, if it is not; `known` says whether a rule id exists.
    /// The wording is `invalid-suppression`'s.
    pub fn problem(&self, known: &dyn Fn(&str) -> bool) -> Option<Problem> {
        if let Some(unknown) = self.rules.iter().find(|r| !known(r)) {
            return Some(Problem::UnknownRule(unknown.clone()));
        }
        if self.rules.is_empty() {
            return Some(Problem::NoRule);
        }
        if self.reason.is_none() {
            return Some(Problem::NoReason);
        }
        None
    }
}

/// What makes a suppression comment invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// It names a rule that does not exist.
    UnknownRule(String),
    /// `clerk-lint-ignore[]`.
    NoRule,
    /// No `: reason` after it.
    NoReason,
}

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(//|/\*|#)\s*(clerk-lint-ignore\[([^\]\n]*)\])[ \t]*(?::[ \t]*([^\n]*?))?[ \t]*(?:\*/[^\n]*)?$")
        .expect("suppression regex")
});

/// Every suppression comment in a file.
pub fn parse(file: &SourceFile) -> Vec<Suppression> {
    let text = &*file.text;
    if !text.contains("clerk-lint-ignore") {
        return Vec::new();
    }
    // Only files with comments clerk-lint reports on: not docs, JSON or reports that merely
    // quote a suppression (a README example, a SARIF file with rule docs).
    if !matches!(
        file.kind,
        FileKind::Env
            | FileKind::Script
            | FileKind::Rust
            | FileKind::Workflow
            | FileKind::Compose
            | FileKind::Dockerfile
            | FileKind::Netlify
            | FileKind::Turbo
    ) {
        return Vec::new();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    let mut offset = 0usize;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end_matches('\r');
        if let Some(c) = COMMENT.captures(line) {
            let (Some(marker), Some(tag), Some(ids)) = (c.get(1), c.get(2), c.get(3)) else {
                offset += raw.len() + 1;
                continue;
            };
            let before = line[..marker.start()].trim();
            let own_line = before.is_empty() || before == "{";
            let target = if own_line {
                next_code_line(&lines, i)
            } else {
                i as u32 + 1
            };
            let reason = c
                .get(4)
                .map(|m| m.as_str().trim().trim_end_matches('}').trim().to_string())
                .filter(|r| !r.is_empty());
            out.push(Suppression {
                file: file.rel_path.clone(),
                range: offset + tag.start()..offset + tag.end(),
                line: i as u32 + 1,
                target,
                rules: ids
                    .as_str()
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
                reason,
            });
        }
        offset += raw.len() + 1;
    }
    out
}

/// The 1-based number of the first line after `i` that is neither blank nor a comment.
fn next_code_line(lines: &[&str], i: usize) -> u32 {
    for (j, l) in lines.iter().enumerate().skip(i + 1) {
        let t = l.trim();
        if t.is_empty()
            || t.starts_with("//")
            || t.starts_with('#')
            || t.starts_with("/*")
            || t.starts_with('*')
        {
            continue;
        }
        return j as u32 + 1;
    }
    i as u32 + 2
}

/// What applying suppressions found out.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Suppressions that are not valid, with the problem.
    pub invalid: Vec<(Suppression, Problem)>,
    /// Valid suppressions that suppressed nothing (for rules that ran).
    pub unused: Vec<Suppression>,
    /// How many findings were suppressed.
    pub suppressed: usize,
}

/// Removes the suppressed diagnostics. `known` says whether a rule id exists (the registry is
/// the caller's, so this module does not import the rules back); `ran` says whether a rule ran
/// on a file.
pub fn apply(
    diags: &mut Vec<Diagnostic>,
    sups: &[Suppression],
    known: &dyn Fn(&str) -> bool,
    ran: &dyn Fn(&str, &str) -> bool,
) -> Outcome {
    let mut out = Outcome::default();
    let mut used = vec![false; sups.len()];
    let valid: Vec<bool> = sups.iter().map(|s| s.problem(known).is_none()).collect();
    let before = diags.len();
    diags.retain(|d| {
        let mut keep = true;
        for (k, s) in sups.iter().enumerate() {
            if valid[k]
                && s.file == d.path
                && (s.target == d.start.line || s.line == d.start.line)
                && s.rules.iter().any(|r| r == d.rule.id)
            {
                used[k] = true;
                keep = false;
            }
        }
        keep
    });
    out.suppressed = before - diags.len();
    let mut seen = HashSet::new();
    for (k, s) in sups.iter().enumerate() {
        if !seen.insert((s.file.clone(), s.range.start)) {
            continue;
        }
        if let Some(problem) = s.problem(known) {
            out.invalid.push((s.clone(), problem));
        } else if !used[k] && s.rules.iter().all(|r| ran(&s.file, r)) {
            out.unused.push(s.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule ids these cases treat as registered.
    fn known(id: &str) -> bool {
        matches!(id, "missing-auth" | "unchecked-auth" | "deprecated-env-var")
    }

    #[test]
    fn parses_the_comment_forms() {
        let text = "// clerk-lint-ignore[missing-auth]: public health check\nexport async function GET() {}\nconst x = 1; // clerk-lint-ignore[unchecked-auth, missing-auth]: echo endpoint\n# clerk-lint-ignore[deprecated-env-var]: kept for the v4 app\n\nOLD=1\n{/* clerk-lint-ignore[missing-auth]: form demo */}\n<form/>\n// clerk-lint-ignore[missing-auth]\nx\n";
        let f = SourceFile::for_test("a.tsx", FileKind::Script, text);
        let s = parse(&f);
        let got: Vec<(u32, u32, Vec<String>, Option<&str>)> = s
            .iter()
            .map(|s| (s.line, s.target, s.rules.clone(), s.reason.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    1,
                    2,
                    vec!["missing-auth".into()],
                    Some("public health check")
                ),
                (
                    3,
                    3,
                    vec!["unchecked-auth".into(), "missing-auth".into()],
                    Some("echo endpoint")
                ),
                (
                    4,
                    6,
                    vec!["deprecated-env-var".into()],
                    Some("kept for the v4 app")
                ),
                (7, 8, vec!["missing-auth".into()], Some("form demo")),
                (9, 10, vec!["missing-auth".into()], None),
            ]
        );
        assert_eq!(s[4].problem(&known), Some(Problem::NoReason));
        assert_eq!(&text[s[0].range.clone()], "clerk-lint-ignore[missing-auth]");
    }

    #[test]
    fn unknown_rules_are_problems() {
        let f = SourceFile::for_test(
            ".env",
            FileKind::Env,
            "# clerk-lint-ignore[nope]: why\nA=1\n",
        );
        let s = parse(&f);
        assert_eq!(
            s[0].problem(&known),
            Some(Problem::UnknownRule("nope".to_string()))
        );
    }
}
