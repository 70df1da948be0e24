//! The `rdjson` output format: reviewdog's Diagnostic Format
//! (`reviewdog -f=rdjson`), so reviewdog can post the findings as pull-request review comments
//! and the fixes as suggested changes.
//!
//! ```json
//! { "source": { "name": "clerk-lint", "url": "https://github.com/clerk-lint/clerk-lint" },
//!   "diagnostics": [
//!     { "message": "...", "severity": "ERROR",
//!       "location": { "path": "src/lib/clerk.ts",
//!                     "range": { "start": { "line": 5, "column": 26 }, "end": { ... } } },
//!       "code": { "value": "deprecated-env-var", "url": "https://.../docs/rules.md#..." },
//!       "suggestions": [ { "range": { ... }, "text": "CLERK_SECRET_KEY" } ] } ] }
//! ```
//!
//! Columns are 1-based UTF-8 byte offsets in the line and `end` is exclusive, as the format
//! defines them (the other formats count characters). A fix appears as suggestions only when
//! all its edits are in the finding's own file.

use std::io::{self, Write};
use std::ops::Range as ByteRange;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::output::RenderCtx;
use crate::output::json::write_pretty;
use crate::secrets::redact_text;

#[derive(Serialize)]
struct Result<'a> {
    source: Source,
    diagnostics: Vec<RdDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct RdDiagnostic<'a> {
    message: String,
    severity: &'static str,
    location: Location<'a>,
    code: Code,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct Code {
    value: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Suggestion {
    range: Range,
    text: String,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// The 1-based line and UTF-8 byte column of byte `offset` in `text`.
fn byte_position(text: &str, offset: usize) -> Position {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Position {
        line,
        column: (offset - line_start) as u32 + 1,
    }
}

/// `bytes` of the file as a range; without its text, the diagnostic's character positions.
fn range(text: Option<&str>, bytes: &ByteRange<usize>, fallback: (Position, Position)) -> Range {
    match text {
        Some(t) => Range {
            start: byte_position(t, bytes.start),
            end: byte_position(t, bytes.end),
        },
        None => Range {
            start: fallback.0,
            end: fallback.1,
        },
    }
}

fn position(p: crate::source::Pos) -> Position {
    Position {
        line: p.line,
        column: p.column,
    }
}

pub fn render(diags: &[Diagnostic], ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    let diagnostics = diags
        .iter()
        .map(|d| {
            let text = ctx.sources.get(&d.path).map(|t| &**t);
            let suggestions = match &d.fix {
                Some(fix) if fix.edits.iter().all(|e| e.path == d.path) => fix
                    .edits
                    .iter()
                    .map(|e| Suggestion {
                        range: range(text, &e.range, (position(e.start), position(e.end))),
                        text: e.replacement.clone(),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            RdDiagnostic {
                message: redact_text(&d.message),
                severity: severity(d.severity),
                location: Location {
                    path: &d.path,
                    range: range(text, &d.range, (position(d.start), position(d.end))),
                },
                code: Code {
                    value: d.rule.id,
                    url: d.docs_url(),
                },
                suggestions,
            }
        })
        .collect();
    write_pretty(
        &Result {
            source: Source {
                name: "clerk-lint",
                url: "https://github.com/clerk-lint/clerk-lint",
            },
            diagnostics,
        },
        w,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Fix};
    use crate::output::test_support::*;
    use serde_json::{Value, json};

    #[test]
    fn diagnostics_with_byte_columns_and_suggestions() {
        let f = file("src/é.ts", "const é = process.env.OLD;\nx\n");
        let start = f.text.find("OLD").unwrap();
        let fix = Fix::new("rename", vec![Edit::new(&f, start..start + 3, "NEW")]);
        let other = file("other.ts", "y\n");
        let elsewhere = Fix::new("elsewhere", vec![Edit::new(&other, 0..1, "z")]);
        let diags = vec![
            at(&DEPRECATED, &f, "OLD", "`OLD` is old")
                .with_help("rename")
                .with_fix(fix),
            at(&SECRET, &f, "x", &format!("found {LIVE_KEY}")).with_fix(elsewhere),
        ];
        let src = sources(&[&f]);
        let sum = summary(1, &diags);
        let out: Value =
            serde_json::from_str(&run(|w| render(&diags, &ctx(&src, &sum), w))).unwrap();
        assert_eq!(out["source"]["name"], "clerk-lint");
        // `é` is two bytes: the byte column is one more than the character column.
        assert_eq!(diags[0].start.column, 23);
        assert_eq!(
            out["diagnostics"][0],
            json!({
                "message": "`OLD` is old",
                "severity": "ERROR",
                "location": { "path": "src/é.ts", "range": {
                    "start": { "line": 1, "column": 24 }, "end": { "line": 1, "column": 27 } } },
                "code": { "value": "deprecated-env-var",
                          "url": "https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md#deprecated-env-var" },
                "suggestions": [ { "range": {
                    "start": { "line": 1, "column": 24 }, "end": { "line": 1, "column": 27 } },
                    "text": "NEW" } ]
            })
        );
        let second = &out["diagnostics"][1];
        assert_eq!(second["message"], "found sk_live_****");
        assert_eq!(
            second["location"]["range"]["start"],
            json!({"line": 2, "column": 1})
        );
        assert!(
            second.get("suggestions").is_none(),
            "an edit in another file is no suggestion"
        );
        let empty: Value =
            serde_json::from_str(&run(|w| render(&[], &ctx(&src, &sum), w))).unwrap();
        assert_eq!(empty["diagnostics"], json!([]));
    }
}
