//! Baselines: `--write-baseline FILE` records today's findings; `--baseline FILE` reports only
//! findings that are not in it. Entries are keyed by rule, path and the finding's fingerprint
//! (an endpoint's method and URL, a variable's name), never by line, so unrelated edits keep
//! them valid; they are counted, so a second identical finding in the same file is new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    rule: String,
    path: String,
    fingerprint: String,
    count: usize,
}

fn key(d: &Diagnostic) -> (String, String, String) {
    let fp = if d.fingerprint.is_empty() {
        d.message.clone()
    } else {
        d.fingerprint.clone()
    };
    (
        d.rule.id.to_string(),
        d.path.clone(),
        crate::secrets::redact_text(&fp),
    )
}

/// Writes the findings as a baseline (sorted, for stable diffs).
pub fn write(path: &Path, diags: &[Diagnostic]) -> Result<usize, String> {
    let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for d in diags {
        *counts.entry(key(d)).or_default() += 1;
    }
    let findings: Vec<Entry> = counts
        .into_iter()
        .map(|((rule, path, fingerprint), count)| Entry {
            rule,
            path,
            fingerprint,
            count,
        })
        .collect();
    let n = findings.len();
    let doc = BaselineFile {
        version: 1,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    text.push('\n');
    crate::sink::file(path, text.as_bytes(), crate::sink::Medium::Plain)
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    Ok(n)
}

/// Drops the findings the baseline holds; returns how many were dropped.
pub fn filter(path: &Path, diags: &mut Vec<Diagnostic>) -> Result<usize, String> {
    let text = crate::fsio::read_text(path, 256 * 1024 * 1024)
        .map_err(|e| format!("cannot read the baseline `{}`: {e}", path.display()))?;
    let doc: BaselineFile = serde_json::from_str(&text)
        .map_err(|e| format!("`{}` is not a clerk-lint baseline: {e}", path.display()))?;
    if doc.version != 1 {
        return Err(format!(
            "`{}` is a version {} baseline; this clerk-lint reads version 1",
            path.display(),
            doc.version
        ));
    }
    let mut left: BTreeMap<(String, String, String), usize> = doc
        .findings
        .into_iter()
        .map(|e| ((e.rule, e.path, e.fingerprint), e.count))
        .collect();
    let before = diags.len();
    diags.retain(|d| match left.get_mut(&key(d)) {
        Some(n) if *n > 0 => {
            *n -= 1;
            false
        }
        _ => true,
    });
    Ok(before - diags.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::*;

    #[test]
    fn a_reworded_message_or_a_moved_finding_stays_hidden() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().join("b.json");
        let f = file("src/a.ts", "process.env.CLERK_API_KEY\n");
        let old = vec![
            at(&DEPRECATED, &f, "CLERK_API_KEY", "`CLERK_API_KEY` is old")
                .with_fingerprint("CLERK_API_KEY"),
        ];
        write(&base, &old).unwrap();
        // The next release words the message differently, and the line moved.
        let g = file("src/a.ts", "\n\nprocess.env.CLERK_API_KEY\n");
        let mut new = vec![
            at(
                &DEPRECATED,
                &g,
                "CLERK_API_KEY",
                "`CLERK_API_KEY` was renamed",
            )
            .with_fingerprint("CLERK_API_KEY"),
        ];
        assert_eq!(filter(&base, &mut new).unwrap(), 1);
        assert!(new.is_empty());
        // Another variable is new.
        let mut other = vec![
            at(
                &DEPRECATED,
                &g,
                "CLERK_API_KEY",
                "`CLERK_API_KEY` was renamed",
            )
            .with_fingerprint("CLERK_FRONTEND_API"),
        ];
        assert_eq!(filter(&base, &mut other).unwrap(), 0);
        assert_eq!(other.len(), 1);
        let text = std::fs::read_to_string(&base).unwrap();
        assert!(
            !text.contains("is old"),
            "no message text in the baseline: {text}"
        );
    }
}
