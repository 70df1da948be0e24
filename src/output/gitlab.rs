//! The `gitlab` output format: a GitLab Code Quality report (a JSON array of Code Climate
//! issues), for `artifacts: reports: codequality:`.
//!
//! ```json
//! [
//!   { "description": "`CLERK_API_KEY` is not read ...", "check_name": "deprecated-env-var",
//!     "fingerprint": "9f2c...", "severity": "major",
//!     "location": { "path": "src/lib/clerk.ts", "lines": { "begin": 5, "end": 5 } } }
//! ]
//! ```
//!
//! The fingerprint is what GitLab compares between the merge request and its target branch: a
//! hash of the rule, the path and the finding's own key (never a line number), numbered when a
//! file has several findings with the same key, so moving code does not show a finding as fixed
//! and new.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::output::RenderCtx;
use crate::output::json::{effective_fingerprint, write_pretty};
use crate::output::sarif::fnv1a64;
use crate::secrets::redact_text;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

/// Code Climate severities: `info`, `minor`, `major`, `critical`, `blocker`.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn render(diags: &[Diagnostic], _ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let issues: Vec<Issue> = diags
        .iter()
        .map(|d| {
            let key = fnv1a64(&[d.rule.id, &d.path, &effective_fingerprint(d)]);
            let n = seen.entry(key).or_insert(0);
            *n += 1;
            Issue {
                description: redact_text(&d.message),
                check_name: d.rule.id,
                fingerprint: format!("{key:016x}{:04x}", *n - 1),
                severity: severity(d.severity),
                location: Location {
                    path: &d.path,
                    lines: Lines {
                        begin: d.start.line,
                        end: d.end.line.max(d.start.line),
                    },
                },
            }
        })
        .collect();
    write_pretty(&issues, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::*;
    use serde_json::{Value, json};

    #[test]
    fn code_quality_issues() {
        let f = file(".env", "A=1\nB=2\n\n\nC=3\n");
        let diags = vec![
            at(&DEPRECATED, &f, "A", "`A` is old").with_fingerprint("A"),
            at(&PUBLIC, &f, "B", &format!("leaks {LIVE_KEY}")),
            at(&DEPRECATED, &f, "C", "`A` again").with_fingerprint("A"),
        ];
        let src = sources(&[&f]);
        let sum = summary(1, &diags);
        let out: Value =
            serde_json::from_str(&run(|w| render(&diags, &ctx(&src, &sum), w))).unwrap();
        let issues = out.as_array().unwrap();
        assert_eq!(issues.len(), 3);
        assert_eq!(
            issues[0],
            json!({
                "description": "`A` is old",
                "check_name": "deprecated-env-var",
                "fingerprint": issues[0]["fingerprint"],
                "severity": "major",
                "location": { "path": ".env", "lines": { "begin": 1, "end": 1 } }
            })
        );
        assert_eq!(issues[1]["description"], "leaks sk_live_****");
        assert_eq!(issues[1]["severity"], "minor");
        assert_eq!(issues[2]["location"]["lines"]["begin"], 5);
        // Unique, and the same key numbered in order rather than by line.
        let fp = |i: usize| issues[i]["fingerprint"].as_str().unwrap().to_string();
        assert_ne!(fp(0), fp(2));
        assert_eq!(fp(0)[..16], fp(2)[..16]);
        assert!(fp(0).ends_with("0000") && fp(2).ends_with("0001"));
        // Moving the findings down keeps every fingerprint.
        let g = file(".env", "\n\nA=1\nB=2\n\n\nC=3\n");
        let moved = vec![
            at(&DEPRECATED, &g, "A", "`A` is old").with_fingerprint("A"),
            at(&PUBLIC, &g, "B", &format!("leaks {LIVE_KEY}")),
            at(&DEPRECATED, &g, "C", "`A` again").with_fingerprint("A"),
        ];
        let src = sources(&[&g]);
        let again: Value =
            serde_json::from_str(&run(|w| render(&moved, &ctx(&src, &sum), w))).unwrap();
        for i in 0..3 {
            assert_eq!(again[i]["fingerprint"], issues[i]["fingerprint"]);
        }
        assert_eq!(run(|w| render(&[], &ctx(&src, &sum), w)), "[]\n");
    }
}
