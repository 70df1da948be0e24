//! The `github` output format: one GitHub Actions workflow command (annotation) per finding,
//! then the summary line; and the Markdown job summary ([`write_step_summary`]).
//!
//! ```text
//! ::error file=.env,line=3,endLine=3,col=1,endColumn=36,title=clerk-lint (deprecated-env-var)::.env:3:1: `X` is not read (help: rename it)
//! ```
//!
//! GitHub shows only 10 error and 10 warning annotations per step, so the job summary lists
//! every finding.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::output::{
    RenderCtx, Summary, counts_phrase, encode_uri_path, notes_phrase, plural, write_summary_line,
};
use crate::secrets::redact_text;

pub fn render(diags: &[Diagnostic], ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    for d in diags {
        writeln!(w, "{}", annotation(d))?;
    }
    write_summary_line(ctx, w)
}

/// The workflow command of one finding, without a newline.
pub fn annotation(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let (line, end_line) = (d.start.line, d.end.line);
    let mut props = format!(
        "file={},line={line},endLine={end_line}",
        escape_property(&d.path)
    );
    // Columns mean something only on a single line.
    if line == end_line {
        props.push_str(&format!(
            ",col={},endColumn={}",
            d.start.column, d.end.column
        ));
    }
    props.push_str(",title=");
    props.push_str(&escape_property(&format!("clerk-lint ({})", d.rule.id)));
    format!("::{command} {props}::{}", escape_data(&message_text(d)))
}

/// `path:line:col: message (help: help)`, redacted.
fn message_text(d: &Diagnostic) -> String {
    let mut text = format!(
        "{}:{}:{}: {}",
        d.path,
        d.start.line,
        d.start.column,
        redact_text(&d.message)
    );
    if let Some(help) = &d.help {
        text.push_str(&format!(" (help: {})", redact_text(help)));
    }
    text
}

/// Escapes the message of a workflow command: `%`, `\r`, `\n`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command: as [`escape_data`], plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Where the job summary links each finding: `{server}/{repository}/blob/{sha}/{path}#L{line}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepoLinks {
    /// `GITHUB_SERVER_URL`, e.g. `https://github.com`.
    pub server_url: String,
    /// `GITHUB_REPOSITORY`, `owner/name`.
    pub repository: String,
    /// `GITHUB_SHA`.
    pub sha: String,
}

impl RepoLinks {
    /// From `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY` and `GITHUB_SHA`; `None` unless all
    /// three are set and non-empty.
    pub fn from_env() -> Option<Self> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// As [`RepoLinks::from_env`], reading the variables through `var`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let get = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        Some(Self {
            server_url: get("GITHUB_SERVER_URL")?,
            repository: get("GITHUB_REPOSITORY")?,
            sha: get("GITHUB_SHA")?,
        })
    }

    pub fn line_url(&self, path: &str, line: u32) -> String {
        format!(
            "{}/{}/blob/{}/{}#L{line}",
            self.server_url.trim_end_matches('/'),
            self.repository.trim_matches('/'),
            self.sha,
            encode_uri_path(path)
        )
    }
}

/// Step summaries are limited to 1 MiB; stop listing findings well before it.
pub const STEP_SUMMARY_BUDGET: usize = 900 * 1024;

/// Writes the job summary (GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY`), linking
/// findings to the commit when [`RepoLinks::from_env`] finds the repository.
pub fn write_step_summary(
    diags: &[Diagnostic],
    ctx: &RenderCtx,
    w: &mut dyn Write,
) -> io::Result<()> {
    write_step_summary_with(diags, ctx, RepoLinks::from_env().as_ref(), w)
}

/// [`write_step_summary`] with the links given, for deterministic output.
pub fn write_step_summary_with(
    diags: &[Diagnostic],
    ctx: &RenderCtx,
    links: Option<&RepoLinks>,
    w: &mut dyn Write,
) -> io::Result<()> {
    w.write_all(step_summary(diags, ctx.summary, links, STEP_SUMMARY_BUDGET).as_bytes())
}

fn step_summary(
    diags: &[Diagnostic],
    summary: &Summary,
    links: Option<&RepoLinks>,
    budget: usize,
) -> String {
    let mut out = String::from("## clerk-lint\n\n");
    out.push_str(&result_line(summary));
    out.push('\n');
    if diags.is_empty() {
        return out;
    }

    // Counts by rule (by id, which is registry order) and severity (most severe first).
    let mut counts: BTreeMap<(&str, std::cmp::Reverse<Severity>), (usize, String)> =
        BTreeMap::new();
    for d in diags {
        let key = (d.rule.id, std::cmp::Reverse(d.severity));
        counts.entry(key).or_insert_with(|| (0, d.docs_url())).0 += 1;
    }
    out.push_str("\n| Rule | Severity | Count |\n| --- | --- | ---: |\n");
    for ((id, severity), (count, url)) in &counts {
        out.push_str(&format!("| [{id}]({url}) | {} | {count} |\n", severity.0));
    }

    out.push_str("\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n");
    for (i, d) in diags.iter().enumerate() {
        let row = finding_row(d, links);
        if out.len() + row.len() > budget {
            let rest = diags.len() - i;
            out.push_str(&format!(
                "\n…and {} (job summaries are limited to 1 MiB)\n",
                plural(rest, "more finding", "more findings")
            ));
            break;
        }
        out.push_str(&row);
    }
    out
}

/// `❌ 3 errors, 1 warning in 14 files` / `✅ no problems in 14 files`.
fn result_line(s: &Summary) -> String {
    let files = plural(s.files, "file", "files");
    let skipped = notes_phrase(s)
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let icon = if s.errors > 0 {
        "❌"
    } else if s.warnings > 0 {
        "⚠️"
    } else {
        "ℹ️"
    };
    let counts = counts_phrase(s).replace(" and ", ", ");
    if counts.is_empty() {
        format!("✅ no problems in {files}{skipped}")
    } else {
        format!("{icon} {counts} in {files}{skipped}")
    }
}

fn finding_row(d: &Diagnostic, links: Option<&RepoLinks>) -> String {
    let text = escape_cell(&format!("{}:{}", d.path, d.start.line));
    let location = match links {
        Some(l) => format!(
            "[{}]({})",
            text.replace('[', "\\[").replace(']', "\\]"),
            l.line_url(&d.path, d.start.line)
        ),
        None => text,
    };
    let mut message = redact_text(&d.message);
    if let Some(help) = &d.help {
        message.push_str(&format!(" (help: {})", redact_text(help)));
    }
    format!(
        "| {} | {} | {location} | {} |\n",
        d.severity,
        d.rule.id,
        escape_cell(&message)
    )
}

/// A table cell on one line: `|` escaped, line breaks as `<br>`.
fn escape_cell(s: &str) -> String {
    s.replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\r', '\n'], "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::*;

    const DOCS: &str = "https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md";

    fn links() -> RepoLinks {
        RepoLinks {
            server_url: "https://github.com/".into(),
            repository: "acme/shop".into(),
            sha: "0123abc".into(),
        }
    }

    #[test]
    fn one_command_per_finding_then_the_summary() {
        let f = file(".env.local", ENV_TEXT);
        let diags = vec![
            at(
                &DEPRECATED,
                &f,
                "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
                "`X` is not read",
            )
            .with_help("rename it to `Y`"),
            at(&PUBLIC, &f, "FOO", "foo").with_severity(Severity::Warning),
            at(&PUBLIC, &f, "comment", "note").with_severity(Severity::Info),
        ];
        let src = sources(&[&f]);
        let sum = summary(14, &diags);
        let out = run(|w| render(&diags, &ctx(&src, &sum), w));
        assert_eq!(
            out,
            "\
::error file=.env.local,line=3,endLine=3,col=1,endColumn=36,title=clerk-lint (deprecated-env-var)::.env.local:3:1: `X` is not read (help: rename it to `Y`)
::warning file=.env.local,line=2,endLine=2,col=1,endColumn=4,title=clerk-lint (public-secret-env)::.env.local:2:1: foo
::notice file=.env.local,line=1,endLine=1,col=3,endColumn=10,title=clerk-lint (public-secret-env)::.env.local:1:3: note
Found 1 error, 1 warning and 1 info in 14 files.
"
        );
    }

    #[test]
    fn escaping_and_multi_line_spans() {
        let text = "a\nb,c:d\ne\n";
        let f = file("dir:x/a,b%.env", text);
        let d = Diagnostic::new(&DEPRECATED, &f, 0..5, "100% bad\r\nreally: yes, it is")
            .with_help(format!("rotate {LIVE_KEY}"));
        let src = sources(&[&f]);
        let sum = summary(1, &[]);
        let mut cx = ctx(&src, &sum);
        cx.quiet = true;
        let out = run(|w| render(&[d], &cx, w));
        assert_eq!(
            out,
            "::error file=dir%3Ax/a%2Cb%25.env,line=1,endLine=2,title=clerk-lint (deprecated-env-var)::dir:x/a,b%25.env:1:1: 100%25 bad%0D%0Areally: yes, it is (help: rotate sk_live_****)\n"
        );
        assert_eq!(escape_data("%0A\n"), "%250A%0A");
        assert_eq!(escape_property("a:b,c%\r"), "a%3Ab%2Cc%25%0D");
    }

    #[test]
    fn repo_links_need_all_three_variables() {
        fn vars(set: &[(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
            move |k: &str| {
                set.iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        }
        let all = [
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "acme/shop"),
            ("GITHUB_SHA", "0123abc"),
        ];
        let links = RepoLinks::from_vars(vars(&all)).unwrap();
        assert_eq!(
            links.line_url("my app/a.ts", 7),
            "https://github.com/acme/shop/blob/0123abc/my%20app/a.ts#L7"
        );
        assert_eq!(RepoLinks::from_vars(vars(&all[..2])), None);
        assert_eq!(
            RepoLinks::from_vars(vars(&[
                ("GITHUB_SERVER_URL", "https://github.com"),
                ("GITHUB_REPOSITORY", ""),
                ("GITHUB_SHA", "0123abc"),
            ])),
            None
        );
    }

    fn summary_fixture() -> (
        Vec<Diagnostic>,
        std::collections::HashMap<String, std::sync::Arc<str>>,
    ) {
        let f = file(".env.local", ENV_TEXT);
        let g = file("src/a|b.ts", "x\n");
        let diags = vec![
            at(
                &DEPRECATED,
                &f,
                "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
                "`X` is | not read",
            )
            .with_help("rename it"),
            at(&PUBLIC, &f, "FOO", "two\nlines"),
            at(&PUBLIC, &g, "x", "third").with_severity(Severity::Error),
        ];
        let src = sources(&[&f, &g]);
        (diags, src)
    }

    #[test]
    fn step_summary_with_links() {
        let (diags, src) = summary_fixture();
        let sum = summary(14, &diags);
        let out = run(|w| write_step_summary_with(&diags, &ctx(&src, &sum), Some(&links()), w));
        let blob = "https://github.com/acme/shop/blob/0123abc";
        let expected = format!(
            "\
## clerk-lint

❌ 2 errors, 1 warning in 14 files

| Rule | Severity | Count |
| --- | --- | ---: |
| [deprecated-env-var]({DOCS}#deprecated-env-var) | error | 1 |
| [public-secret-env]({DOCS}#public-secret-env) | error | 1 |
| [public-secret-env]({DOCS}#public-secret-env) | warning | 1 |

| Severity | Rule | Location | Message |
| --- | --- | --- | --- |
| error | deprecated-env-var | [.env.local:3]({blob}/.env.local#L3) | `X` is \\| not read (help: rename it) |
| warning | public-secret-env | [.env.local:2]({blob}/.env.local#L2) | two<br>lines |
| error | public-secret-env | [src/a\\|b.ts:1]({blob}/src/a%7Cb.ts#L1) | third |
"
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn step_summary_without_links_and_without_findings() {
        let (diags, src) = summary_fixture();
        let mut sum = summary(14, &diags);
        let out = run(|w| write_step_summary_with(&diags, &ctx(&src, &sum), None, w));
        assert!(
            out.contains("| error | deprecated-env-var | .env.local:3 | `X`"),
            "{out}"
        );
        assert!(!out.contains("#L"), "{out}");

        sum = summary(14, &[]);
        sum.skipped_binary = 2;
        let out = run(|w| write_step_summary_with(&[], &ctx(&src, &sum), Some(&links()), w));
        assert_eq!(
            out,
            "## clerk-lint\n\n✅ no problems in 14 files (2 skipped: binary)\n"
        );
        sum.errors = 0;
        sum.infos = 2;
        assert_eq!(
            result_line(&sum),
            "ℹ️ 2 infos in 14 files (2 skipped: binary)"
        );
        sum.warnings = 1;
        sum.skipped_binary = 0;
        assert_eq!(result_line(&sum), "⚠️ 1 warning, 2 infos in 14 files");
    }

    #[test]
    fn step_summary_stops_at_the_budget() {
        let (diags, _) = summary_fixture();
        let sum = summary(3, &diags);
        let full = step_summary(&diags, &sum, None, usize::MAX);
        let last_row = "| error | public-secret-env | src/a\\|b.ts:1 | third |\n";
        assert!(full.ends_with(last_row));
        let cut = step_summary(&diags, &sum, None, full.len() - 1);
        assert!(cut.starts_with(&full[..full.len() - last_row.len()]));
        assert!(cut.ends_with("\n…and 1 more finding (job summaries are limited to 1 MiB)\n"));
        let cut = step_summary(&diags, &sum, None, full.len() - last_row.len() - 1);
        assert!(cut.contains("\n…and 2 more findings ("), "{cut}");
    }
}
