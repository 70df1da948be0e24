//! `clerk-lint routes`: the endpoint inventory, as a table, JSON, Markdown or one
//! self-contained HTML page ([`crate::output::inventory_html`]).

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::endpoint::{Endpoint, Verdict};
use crate::source::SourceFile;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InventoryFormat {
    /// aligned columns for a terminal
    Table,
    /// a JSON document (version 1)
    Json,
    /// a Markdown table (for a job summary or a review)
    Markdown,
    /// one self-contained HTML page: grouped by URL, coloured by protection, filterable
    Html,
}

/// One row of the inventory.
#[derive(Serialize)]
pub struct Row {
    pub framework: &'static str,
    pub kind: &'static str,
    pub method: String,
    /// The URL, or the action's name.
    pub route: String,
    pub path: String,
    pub line: u32,
    /// `inline`, `helper`, `middleware`, `webhook`, `other`, `public`, `unchecked` or `none`.
    pub protection: &'static str,
    pub detail: String,
    /// The app root (display path, `""` for the scan root).
    #[serde(skip)]
    pub app: String,
    /// The endpoint rule's finding about it (`missing-auth`, …), for the HTML page.
    #[serde(skip)]
    pub finding: Option<Finding>,
}

/// A finding shown beside its endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: &'static str,
    /// Redacted.
    pub message: String,
    pub docs_url: String,
}

/// Attaches to each row (one per endpoint, in the same order) the first of `diags` reported
/// at that endpoint's name.
pub fn attach_findings(
    rows: &mut [Row],
    endpoints: &[Endpoint],
    diags: &[crate::diagnostic::Diagnostic],
) {
    // The most severe finding at each place (the last of equals), in one pass (10k endpoints × 10k findings
    // compared pairwise took seconds).
    let mut at: std::collections::HashMap<(&str, usize, usize), &crate::diagnostic::Diagnostic> =
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

pub fn render(rows: &[Row], format: InventoryFormat, w: &mut dyn Write) -> io::Result<()> {
    match format {
        InventoryFormat::Html => {
            crate::output::inventory_html::render(rows, &|r| r.path.clone(), w)
        }
        InventoryFormat::Json => {
            #[derive(Serialize)]
            struct Doc<'r> {
                version: u32,
                endpoints: &'r [Row],
            }
            serde_json::to_writer_pretty(
                &mut *w,
                &Doc {
                    version: 1,
                    endpoints: rows,
                },
            )?;
            writeln!(w)
        }
        InventoryFormat::Markdown => {
            writeln!(w, "| Method | Route | Kind | Location | Protection |")?;
            writeln!(w, "| --- | --- | --- | --- | --- |")?;
            for r in rows {
                let prot = if r.detail.is_empty() {
                    r.protection.to_string()
                } else {
                    format!("{}: {}", r.protection, r.detail)
                };
                writeln!(
                    w,
                    "| {} | {} | {} | {}:{} | {} |",
                    md_cell(&r.method),
                    md_code(&r.route),
                    md_cell(r.kind),
                    md_cell(&r.path),
                    r.line,
                    md_cell(&prot)
                )?;
            }
            Ok(())
        }
        InventoryFormat::Table => {
            let headers = ["METHOD", "ROUTE", "KIND", "LOCATION", "PROTECTION"];
            let cells: Vec<[String; 5]> = rows
                .iter()
                .map(|r| {
                    [
                        r.method.clone(),
                        r.route.clone(),
                        r.kind.to_string(),
                        format!("{}:{}", r.path, r.line),
                        if r.detail.is_empty() {
                            r.protection.to_string()
                        } else {
                            format!("{}: {}", r.protection, r.detail)
                        },
                    ]
                })
                .collect();
            // A column is as wide as its widest cell up to MAX_COLUMN: a longer cell overflows
            // its row instead of padding every other row (a 70,000-character route padded
            // 5,000 rows to 350 MB).
            const MAX_COLUMN: usize = 120;
            let mut widths = headers.map(str::len);
            for c in &cells {
                for (i, v) in c.iter().enumerate() {
                    widths[i] = widths[i].max(v.chars().count().min(MAX_COLUMN));
                }
            }
            let line = |w: &mut dyn Write, c: [&str; 5]| -> io::Result<()> {
                let mut s = String::new();
                for (i, v) in c.iter().enumerate() {
                    if i == 4 {
                        s.push_str(v);
                    } else {
                        // Padded by hand: `{:<width$}` panics past u16::MAX (a route
                        // string of 100k characters).
                        s.push_str(v);
                        let pad = widths[i].saturating_sub(v.chars().count()) + 2;
                        s.extend(std::iter::repeat_n(' ', pad));
                    }
                }
                writeln!(w, "{}", s.trim_end())
            };
            line(w, headers)?;
            for c in &cells {
                line(w, [&c[0], &c[1], &c[2], &c[3], &c[4]])?;
            }
            let open = rows.iter().filter(|r| r.protection == "none").count();
            let unchecked = rows.iter().filter(|r| r.protection == "unchecked").count();
            writeln!(
                w,
                "\n{} endpoint{}: {} unprotected, {} unchecked",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" },
                open,
                unchecked
            )
        }
    }
}

/// A markdown table cell on one line: `|` escaped, line breaks shown as `\n`, control
/// characters escaped.
fn md_cell(s: &str) -> String {
    crate::sink::escape_controls(s, false).replace('|', "\\|")
}

/// A code span in a table cell: a fence longer than any run of backticks inside.
fn md_code(s: &str) -> String {
    let body = md_cell(s);
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {body} {fence}")
    } else {
        format!("{fence}{body}{fence}")
    }
}
