//! One renderer per output format. Rules never format output; renderers never decide findings.
//!
//! INTERFACE FIXED (the CLI uses it); the renderers are being written.

pub mod concise;
pub mod full;
pub mod github;
pub mod json;
pub mod sarif;
pub mod statistics;

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use crate::diagnostic::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style: the source line with the span marked, and the help
    Full,
    /// one line per finding: `path:line:col: rule message`
    Concise,
    /// the stable JSON document (version 1)
    Json,
    /// GitHub Actions workflow commands (annotations), plus a job summary
    Github,
    /// SARIF 2.1.0 for GitHub code scanning
    Sarif,
}

/// Counts for the closing summary line and the JSON `summary` object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files read and checked.
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files skipped because they look binary (a NUL byte near the start).
    pub skipped_binary: usize,
    /// Files skipped because they exceed the size limit.
    pub skipped_large: usize,
}

/// Everything a renderer may need besides the diagnostics.
pub struct RenderCtx<'a> {
    /// Text of every file that has a diagnostic, by its relative path.
    pub sources: &'a HashMap<String, Arc<str>>,
    pub summary: &'a Summary,
    pub color: bool,
    /// Print nothing but the findings (no closing summary line).
    pub quiet: bool,
    pub tool_version: &'a str,
}

/// Renders `diags` (already sorted) in `format`.
pub fn render(
    format: Format,
    diags: &[Diagnostic],
    ctx: &RenderCtx,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Full => full::render(diags, ctx, w),
        Format::Concise => concise::render(diags, ctx, w),
        Format::Json => json::render(diags, ctx, w),
        Format::Github => github::render(diags, ctx, w),
        Format::Sarif => sarif::render(diags, ctx, w),
    }
}
