//! `clerk-lint routes`: the endpoint inventory, as a table, JSON, Markdown or one
//! self-contained HTML page ([`crate::output::inventory_html`]), rendered from the rows
//! [`crate::rules::inventory`] builds (this module never sees the analysis).

use std::io::{self, Write};

use serde::Serialize;

use crate::inventory::Row;

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
