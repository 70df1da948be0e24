//! The `--statistics` output: finding counts per rule and severity, ruff style, most frequent
//! first (a rule whose findings have two severities, through `[rules.severity]` or its own
//! judgement, has one row for each).
//!
//! ```text
//!   3  error    deprecated-env-var  Env var that the installed Clerk SDK no longer reads
//!   1  warning  public-secret-env   Secret exposed to the browser through a public prefix
//! Found 4 errors and 1 warning in 14 files.
//! ```

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::RuleMeta;
use crate::diagnostic::{Diagnostic, Severity};
use crate::output::json::write_pretty;
use crate::output::{RenderCtx, write_summary_line};

/// One row: a rule, a severity, and how many of its findings have that severity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: &'static str,
    pub count: usize,
    pub severity: Severity,
    #[serde(skip)]
    pub summary: &'static str,
}

/// Counts per rule and severity, sorted by count (descending), then rule id, then severity
/// (most severe first).
pub fn counts(diags: &[Diagnostic]) -> Vec<RuleCount> {
    let mut rows: Vec<RuleCount> = Vec::new();
    for d in diags {
        let rule: &RuleMeta = d.rule;
        match rows
            .iter_mut()
            .find(|r| r.rule == rule.id && r.severity == d.severity)
        {
            Some(row) => row.count += 1,
            None => rows.push(RuleCount {
                rule: rule.id,
                count: 1,
                severity: d.severity,
                summary: rule.summary,
            }),
        }
    }
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.rule.cmp(b.rule))
            .then(b.severity.cmp(&a.severity))
    });
    rows
}

pub fn render(diags: &[Diagnostic], ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    let rows = counts(diags);
    let count_width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(0)
        .max(3);
    let id_width = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0);
    for r in &rows {
        let line = format!(
            "{:>count_width$}  {:<7}  {:<id_width$}  {}",
            r.count,
            r.severity.as_str(),
            r.rule,
            r.summary
        );
        writeln!(w, "{}", line.trim_end())?;
    }
    write_summary_line(ctx, w)
}

/// `[{"rule": "...", "count": 3, "severity": "error"}, ...]`, pretty, in the same order.
pub fn render_json(diags: &[Diagnostic], _ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    write_pretty(&counts(diags), w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::*;

    fn fixture() -> Vec<Diagnostic> {
        let f = file(".env", "A=1\nB=2\nC=3\n");
        vec![
            at(&PUBLIC, &f, "A", "a").with_severity(Severity::Info),
            at(&SECRET, &f, "A", "s"),
            at(&PUBLIC, &f, "B", "b"),
            at(&DEPRECATED, &f, "C", "c"),
            at(&PUBLIC, &f, "C", "c").with_severity(Severity::Info),
        ]
    }

    #[test]
    fn table_sorted_by_count_then_id() {
        let diags = fixture();
        let src = sources(&[]);
        let sum = summary(14, &diags);
        let out = run(|w| render(&diags, &ctx(&src, &sum), w));
        assert_eq!(
            out,
            "  2  info     public-secret-env   Secret exposed to the browser through a public prefix
  1  error    deprecated-env-var  Env var that the installed Clerk SDK no longer reads
  1  error    hardcoded-secret    Clerk secret key committed to the repository
  1  warning  public-secret-env   Secret exposed to the browser through a public prefix
Found 2 errors, 1 warning and 2 infos in 14 files.
"
        );
    }

    #[test]
    fn quiet_and_empty() {
        let src = sources(&[]);
        let sum = summary(2, &[]);
        let mut cx = ctx(&src, &sum);
        assert_eq!(
            run(|w| render(&[], &cx, w)),
            "No problems found in 2 files.\n"
        );
        cx.quiet = true;
        assert_eq!(run(|w| render(&[], &cx, w)), "");
        assert_eq!(run(|w| render_json(&[], &cx, w)), "[]\n");
    }

    #[test]
    fn json_rows() {
        let diags = fixture();
        let src = sources(&[]);
        let sum = summary(1, &diags);
        let out = run(|w| render_json(&diags, &ctx(&src, &sum), w));
        assert!(
            out.starts_with("[\n  {\n    \"rule\": \"public-secret-env\",\n    \"count\": 2,\n")
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!([
                {"rule": "public-secret-env", "count": 2, "severity": "info"},
                {"rule": "deprecated-env-var", "count": 1, "severity": "error"},
                {"rule": "hardcoded-secret", "count": 1, "severity": "error"},
                {"rule": "public-secret-env", "count": 1, "severity": "warning"}
            ])
        );
    }
}
