//! The inventory rows of `clerk-lint routes`, built from the endpoint analysis before
//! anything is rendered; the protection wording lives here, with the rules, not in output.

use crate::analysis::endpoint::{Endpoint, Verdict};
use crate::diagnostic::Diagnostic;
use crate::inventory::{Finding, Row};
use crate::source::SourceFile;

/// Attaches to each row (one per endpoint, in the same order) the first of `diags` reported
/// at that endpoint's name.
pub fn attach_findings(rows: &mut [Row], endpoints: &[Endpoint], diags: &[Diagnostic]) {
    // The most severe finding at each place (the last of equals), in one pass (10k endpoints × 10k findings
    // compared pairwise took seconds).
    let mut at: std::collections::HashMap<(&str, usize, usize), &Diagnostic> =
        std::collections::HashMap::new();
    for d in diags {
        let slot = at
            .entry((d.path.as_str(), d.range.start, d.range.end))
            .or_insert(d);
        if d.severity >= slot.severity {
            *slot = d;
        }
    }
    for (row, e) in rows.iter_mut().zip(endpoints) {
        let key = (
            e.location.file.as_str(),
            e.location.range.start,
            e.location.range.end,
        );
        row.finding = at.get(&key).map(|d| Finding {
            rule: d.rule.id,
            severity: d.severity.as_str(),
            message: crate::secrets::redact_text(&d.message),
            docs_url: d.docs_url(),
        });
    }
}

pub fn rows<'f>(
    endpoints: &[Endpoint],
    file_of: &dyn Fn(&str) -> Option<&'f SourceFile>,
) -> Vec<Row> {
    endpoints
        .iter()
        .map(|e| {
            let line = file_of(&e.location.file)
                .map(|f| f.pos(e.location.range.start).line)
                .unwrap_or(0);
            let (protection, detail) = match &e.verdict {
                Verdict::Unprotected | Verdict::Unchecked(_) if e.public => (
                    "public",
                    "listed in clerk-lint.toml `[routes] public`".to_string(),
                ),
                Verdict::Protected(ev) => (ev.kind(), ev.describe()),
                Verdict::Unchecked(what) => ("unchecked", format!("reads {what} without a check")),
                Verdict::Unprotected => ("none", String::new()),
            };
            Row {
                framework: e.framework.as_str(),
                kind: e.kind.describe(),
                method: e.method_label().to_string(),
                route: e.url.clone().unwrap_or_else(|| e.name.clone()),
                path: e.location.file.clone(),
                line,
                protection,
                detail,
                app: e.app.clone(),
                finding: None,
            }
        })
        .collect()
}
