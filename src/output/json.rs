//! The `json` output format: the stable document (version 1), pretty-printed with a
//! two-space indent and a trailing newline. Field order is declaration order.
//!
//! ```json
//! {
//!   "version": 1,
//!   "tool": { "name": "clerk-lint", "version": "0.1.0" },
//!   "diagnostics": [
//!     { "rule": "deprecated-env-var", "severity": "error", "path": "src/lib/config.ts",
//!       "line": 3, "column": 16, "end_line": 3, "end_column": 51, "message": "...",
//!       "help": "..." | null, "docs_url": "...", "fingerprint": "...",
//!       "fix": { "description": "...", "edits": [ { "path": "...", "start_byte": 0,
//!                "end_byte": 0, "line": 1, "column": 1, "end_line": 1, "end_column": 1,
//!                "replacement": "..." } ] } }
//!   ],
//!   "summary": { "files": 0, "errors": 0, "warnings": 0, "infos": 0,
//!                "skipped": { "binary": 0, "too_large": 0 } }
//! }
//! ```

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::output::RenderCtx;
use crate::secrets::redact_text;

/// The `version` of the document; bumped only for incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool<'a>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    rule: &'static str,
    severity: Severity,
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: String,
    help: Option<String>,
    docs_url: String,
    fingerprint: String,
    /// Only when the finding has a fix (`--fix` applies it): an additive field.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix>,
}

#[derive(Serialize)]
struct JsonFix {
    description: String,
    edits: Vec<JsonEdit>,
}

/// One replacement: byte offsets into the file as read, and the same place as 1-based
/// line / column (columns count characters, as everywhere in this document).
#[derive(Serialize)]
struct JsonEdit {
    path: String,
    start_byte: usize,
    end_byte: usize,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    replacement: String,
}

fn json_fix(fix: &crate::diagnostic::Fix) -> JsonFix {
    JsonFix {
        description: redact_text(&fix.description),
        edits: fix
            .edits
            .iter()
            .map(|e| JsonEdit {
                path: e.path.clone(),
                start_byte: e.range.start,
                end_byte: e.range.end,
                line: e.start.line,
                column: e.start.column,
                end_line: e.end.line,
                end_column: e.end.column,
                replacement: e.replacement.clone(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    skipped: Skipped,
    /// Only with `--baseline` and when it hid something: an additive field.
    #[serde(skip_serializing_if = "Option::is_none")]
    hidden_by_baseline: Option<usize>,
}

#[derive(Serialize)]
struct Skipped {
    binary: usize,
    too_large: usize,
}

/// The fingerprint a format reports: the rule's own key, or the message when it set none.
pub(crate) fn effective_fingerprint(d: &Diagnostic) -> String {
    if d.fingerprint.is_empty() {
        redact_text(&d.message)
    } else {
        redact_text(&d.fingerprint)
    }
}

/// One diagnostic as the document (and `json-lines`) shows it, redacted.
pub(crate) fn json_diagnostic(d: &Diagnostic) -> JsonDiagnostic<'_> {
    JsonDiagnostic {
        rule: d.rule.id,
        severity: d.severity,
        path: &d.path,
        line: d.start.line,
        column: d.start.column,
        end_line: d.end.line,
        end_column: d.end.column,
        message: redact_text(&d.message),
        help: d.help.as_deref().map(redact_text),
        docs_url: d.docs_url(),
        fingerprint: effective_fingerprint(d),
        fix: d.fix.as_ref().map(json_fix),
    }
}

pub fn render(diags: &[Diagnostic], ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    let s = ctx.summary;
    let doc = Document {
        version: SCHEMA_VERSION,
        tool: Tool {
            name: "clerk-lint",
            version: ctx.tool_version,
        },
        diagnostics: diags.iter().map(json_diagnostic).collect(),
        summary: JsonSummary {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            skipped: Skipped {
                binary: s.skipped_binary,
                too_large: s.skipped_large,
            },
            hidden_by_baseline: (s.baseline_hidden > 0).then_some(s.baseline_hidden),
        },
    };
    write_pretty(&doc, w)
}

/// `value` as pretty JSON (two-space indent) and a newline.
pub(crate) fn write_pretty(value: &impl Serialize, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::*;
    use serde_json::{Value, json};

    /// Each of `needles` occurs in `text`, in this order.
    fn assert_in_order(text: &str, needles: &[&str]) {
        let mut from = 0;
        for n in needles {
            let i = text[from..]
                .find(n)
                .unwrap_or_else(|| panic!("{n} after {from}"));
            from += i + n.len();
        }
    }

    #[test]
    fn the_document_contract() {
        let f = file(
            "src/lib/config.ts",
            "// c\nconst u = process.env.NEXT_PUBLIC_X;\n",
        );
        let diags = vec![
            at(
                &DEPRECATED,
                &f,
                "process.env.NEXT_PUBLIC_X",
                "`NEXT_PUBLIC_X` is gone",
            )
            .with_help("rename it")
            .with_fingerprint("NEXT_PUBLIC_X"),
            at(&PUBLIC, &f, "u", &format!("value {LIVE_KEY}")).with_severity(Severity::Info),
        ];
        let src = sources(&[&f]);
        let mut sum = summary(14, &diags);
        sum.skipped_large = 2;
        let out = run(|w| render(&diags, &ctx(&src, &sum), w));
        assert!(out.ends_with("}\n"));
        assert!(out.starts_with("{\n  \"version\": 1,\n  \"tool\": {\n    \"name\""));
        assert!(!out.contains(&LIVE_KEY[8..]));

        // Key order (serde_json's `Value` sorts keys, so check the text).
        assert_in_order(
            &out,
            &["\"version\"", "\"tool\"", "\"diagnostics\"", "\"summary\""],
        );
        let first = &out[out.find("\"rule\"").unwrap()..out.find("\"rule\": \"public").unwrap()];
        assert_in_order(
            first,
            &[
                "\"rule\"",
                "\"severity\"",
                "\"path\"",
                "\"line\"",
                "\"column\"",
                "\"end_line\"",
                "\"end_column\"",
                "\"message\"",
                "\"help\"",
                "\"docs_url\"",
                "\"fingerprint\"",
            ],
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v,
            json!({
                "version": 1,
                "tool": {"name": "clerk-lint", "version": "0.1.0"},
                "diagnostics": [
                    {
                        "rule": "deprecated-env-var",
                        "severity": "error",
                        "path": "src/lib/config.ts",
                        "line": 2,
                        "column": 11,
                        "end_line": 2,
                        "end_column": 36,
                        "message": "`NEXT_PUBLIC_X` is gone",
                        "help": "rename it",
                        "docs_url": "https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md#deprecated-env-var",
                        "fingerprint": "NEXT_PUBLIC_X"
                    },
                    {
                        "rule": "public-secret-env",
                        "severity": "info",
                        "path": "src/lib/config.ts",
                        "line": 2,
                        "column": 7,
                        "end_line": 2,
                        "end_column": 8,
                        "message": "value sk_live_****",
                        "help": null,
                        "docs_url": "https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md#public-secret-env",
                        "fingerprint": "value sk_live_****"
                    }
                ],
                "summary": {
                    "files": 14,
                    "errors": 1,
                    "warnings": 0,
                    "infos": 1,
                    "skipped": {"binary": 0, "too_large": 2}
                }
            })
        );
    }

    #[test]
    fn empty_document_is_exact() {
        let src = sources(&[]);
        let sum = summary(3, &[]);
        let out = run(|w| render(&[], &ctx(&src, &sum), w));
        assert_eq!(
            out,
            r#"{
  "version": 1,
  "tool": {
    "name": "clerk-lint",
    "version": "0.1.0"
  },
  "diagnostics": [],
  "summary": {
    "files": 3,
    "errors": 0,
    "warnings": 0,
    "infos": 0,
    "skipped": {
      "binary": 0,
      "too_large": 0
    }
  }
}
"#
        );
    }
}
