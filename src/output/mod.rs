//! One renderer per output format. Rules never format output; renderers never decide findings.
//!
//! INTERFACE FIXED (the CLI uses it). Shared helpers (the closing summary line) live here.

pub mod checkstyle;
pub mod concise;
pub mod full;
pub mod github;
pub mod gitlab;
pub mod inventory;
pub mod inventory_html;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod rdjson;
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
    /// one line per finding: `path:line:col: severity[rule] message`
    Concise,
    /// the stable JSON document (version 1)
    Json,
    /// GitHub Actions workflow commands (annotations), plus a job summary
    Github,
    /// SARIF 2.1.0 for GitHub code scanning
    Sarif,
    /// GitLab Code Quality report (`artifacts: reports: codequality`)
    Gitlab,
    /// JUnit XML, one test case per finding (CI test report views)
    Junit,
    /// Checkstyle XML (Jenkins warnings-ng, reviewdog -f=checkstyle)
    Checkstyle,
    /// reviewdog's Diagnostic Format (rdjson), with fixes as suggestions
    Rdjson,
    /// one JSON object per finding per line (the `json` diagnostic fields)
    JsonLines,
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
    /// Findings left out because `--baseline` holds them.
    pub baseline_hidden: usize,
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
        Format::Gitlab => gitlab::render(diags, ctx, w),
        Format::Junit => junit::render(diags, ctx, w),
        Format::Checkstyle => checkstyle::render(diags, ctx, w),
        Format::Rdjson => rdjson::render(diags, ctx, w),
        Format::JsonLines => json_lines::render(diags, ctx, w),
    }
}

/// `text` for an XML attribute or element: `& < > " '` escaped, and the characters XML 1.0
/// cannot hold (C0 controls other than tab, line feed and carriage return) dropped.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The closing summary line every text format prints unless `quiet`, without a newline:
/// `Found 3 errors, 1 warning and 2 infos in 14 files.`, `No problems found in 1 file.`,
/// with ` (2 skipped: 1 binary, 1 larger than the size limit; 3 hidden by the baseline)` before
/// the period when files were skipped or the baseline hid findings.
pub fn summary_line(summary: &Summary) -> String {
    let counts = counts_phrase(summary);
    let files = plural(summary.files, "file", "files");
    let skipped = notes_phrase(summary)
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    if counts.is_empty() {
        format!("No problems found in {files}{skipped}.")
    } else {
        format!("Found {counts} in {files}{skipped}.")
    }
}

/// `3 errors, 1 warning and 2 infos` (only the non-zero counts); empty when all are zero.
pub fn counts_phrase(summary: &Summary) -> String {
    let parts: Vec<String> = [
        (summary.errors, "error", "errors"),
        (summary.warnings, "warning", "warnings"),
        (summary.infos, "info", "infos"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    join_and(&parts)
}

/// What the counts leave out: the skipped files and the findings the baseline hid, joined
/// with `; `, or `None`.
pub fn notes_phrase(summary: &Summary) -> Option<String> {
    let hidden = (summary.baseline_hidden > 0)
        .then(|| format!("{} hidden by the baseline", summary.baseline_hidden));
    let parts: Vec<String> = skipped_phrase(summary).into_iter().chain(hidden).collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// `2 skipped: 1 binary, 1 larger than the size limit`, `1 skipped: binary`, or `None`.
pub fn skipped_phrase(summary: &Summary) -> Option<String> {
    let (binary, large) = (summary.skipped_binary, summary.skipped_large);
    let total = binary + large;
    match (binary, large) {
        (0, 0) => None,
        (_, 0) => Some(format!("{total} skipped: binary")),
        (0, _) => Some(format!("{total} skipped: larger than the size limit")),
        _ => Some(format!(
            "{total} skipped: {binary} binary, {large} larger than the size limit"
        )),
    }
}

/// `1 file` / `2 files`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Writes the summary line and a newline, unless `ctx.quiet`.
pub(crate) fn write_summary_line(ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    if ctx.quiet {
        return Ok(());
    }
    writeln!(w, "{}", summary_line(ctx.summary))
}

/// A relative `/`-separated path as a URI path: every byte but the unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) and `/` is percent-encoded (`my app/é.ts` → `my%20app/%C3%A9.ts`).
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Hand-built diagnostics shared by the renderer tests.

    use std::collections::HashMap;
    use std::sync::Arc;

    use super::{RenderCtx, Summary};
    use crate::diagnostic::{Diagnostic, RuleMeta, Severity, declare_rule};
    use crate::source::{FileKind, SourceFile};

    declare_rule! {
        /// ## What it does
        /// Flags env vars the installed SDK no longer reads.
        pub static DEPRECATED {
            id: "deprecated-env-var",
            source: Env,
            severity: Error,
            summary: "Env var that the installed Clerk SDK no longer reads",
        }
    }

    declare_rule! {
        /// ## What it does
        /// Flags Clerk secrets committed to the repository.
        pub static SECRET {
            id: "hardcoded-secret",
            source: Text,
            severity: Error,
            summary: "Clerk secret key committed to the repository",
        }
    }

    declare_rule! {
        /// ## What it does
        /// Flags secrets exposed through a public prefix.
        pub static PUBLIC {
            id: "public-secret-env",
            source: Env,
            severity: Warning,
            summary: "Secret exposed to the browser through a public prefix",
        }
    }

    /// A real-looking live key (40 random alphanumerics after the prefix).
    pub const LIVE_KEY: &str = "sk_live_Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq7W";

    pub const ENV_TEXT: &str = "# comment\nFOO=1\nNEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/dashboard\n";

    pub fn file(path: &str, text: &str) -> SourceFile {
        SourceFile::for_test(path, FileKind::Other, text)
    }

    /// The diagnostic at the first occurrence of `needle` in `f`.
    pub fn at(rule: &'static RuleMeta, f: &SourceFile, needle: &str, msg: &str) -> Diagnostic {
        let start = f.text.find(needle).expect("needle in text");
        Diagnostic::new(rule, f, start..start + needle.len(), msg)
    }

    pub fn sources(files: &[&SourceFile]) -> HashMap<String, Arc<str>> {
        files
            .iter()
            .map(|f| (f.rel_path.clone(), f.text.clone()))
            .collect()
    }

    pub fn summary(files: usize, diags: &[Diagnostic]) -> Summary {
        let count = |s| diags.iter().filter(|d| d.severity == s).count();
        Summary {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            skipped_binary: 0,
            skipped_large: 0,
            baseline_hidden: 0,
        }
    }

    pub fn ctx<'a>(sources: &'a HashMap<String, Arc<str>>, summary: &'a Summary) -> RenderCtx<'a> {
        RenderCtx {
            sources,
            summary,
            color: false,
            quiet: false,
            tool_version: "0.1.0",
        }
    }

    /// Runs a renderer into a `String`.
    pub fn run(f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).expect("render");
        String::from_utf8(out).expect("utf-8 output")
    }

    #[test]
    fn summary_line_wording() {
        let mut s = Summary {
            files: 14,
            errors: 3,
            warnings: 1,
            infos: 2,
            ..Summary::default()
        };
        assert_eq!(
            super::summary_line(&s),
            "Found 3 errors, 1 warning and 2 infos in 14 files."
        );
        s.infos = 0;
        assert_eq!(
            super::summary_line(&s),
            "Found 3 errors and 1 warning in 14 files."
        );
        s.errors = 1;
        s.warnings = 0;
        s.files = 1;
        assert_eq!(super::summary_line(&s), "Found 1 error in 1 file.");
        s.errors = 0;
        s.infos = 1;
        s.skipped_binary = 1;
        s.skipped_large = 1;
        assert_eq!(
            super::summary_line(&s),
            "Found 1 info in 1 file (2 skipped: 1 binary, 1 larger than the size limit)."
        );
        s.infos = 0;
        s.files = 14;
        s.skipped_binary = 0;
        assert_eq!(
            super::summary_line(&s),
            "No problems found in 14 files (1 skipped: larger than the size limit)."
        );
        s.skipped_binary = 3;
        s.skipped_large = 0;
        s.files = 0;
        assert_eq!(
            super::summary_line(&s),
            "No problems found in 0 files (3 skipped: binary)."
        );
        s.baseline_hidden = 2;
        assert_eq!(
            super::summary_line(&s),
            "No problems found in 0 files (3 skipped: binary; 2 hidden by the baseline)."
        );
        s.skipped_binary = 0;
        s.errors = 1;
        assert_eq!(
            super::summary_line(&s),
            "Found 1 error in 0 files (2 hidden by the baseline)."
        );
    }

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(
            super::xml_escape("a<b>&\"c'\u{1}\td\u{7}"),
            "a&lt;b&gt;&amp;&quot;c&apos;\td"
        );
    }

    #[test]
    fn uri_paths_are_percent_encoded() {
        assert_eq!(super::encode_uri_path("src/a-b_c.~d.ts"), "src/a-b_c.~d.ts");
        assert_eq!(
            super::encode_uri_path("my app/é#1%?.ts"),
            "my%20app/%C3%A9%231%25%3F.ts"
        );
    }
}
