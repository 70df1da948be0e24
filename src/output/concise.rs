//! The `concise` output format: one line per finding, `path:line:col: severity[rule-id] message`
//! (the shape of ruff's and rustc's short output, so editors' problem matchers read it), then
//! the summary line.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::diagnostic::{Diagnostic, Severity};
use crate::output::{RenderCtx, write_summary_line};
use crate::secrets::redact_text;

pub fn render(diags: &[Diagnostic], ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    for d in diags {
        let location = format!("{}:{}:{}:", d.path, d.start.line, d.start.column);
        let message = one_line(&redact_text(&d.message));
        if ctx.color {
            let bold = Style::new().bold();
            let rule = severity_style(d.severity);
            writeln!(
                w,
                "{bold}{location}{bold:#} {rule}{}[{}]{rule:#} {message}",
                d.severity, d.rule.id
            )?;
        } else {
            writeln!(w, "{location} {}[{}] {message}", d.severity, d.rule.id)?;
        }
    }
    write_summary_line(ctx, w)
}

/// The style of a rule id in coloured output.
pub(crate) fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::BrightBlue,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

/// A message on one line: line breaks become spaces.
fn one_line(message: &str) -> String {
    if message.contains(['\n', '\r']) {
        message
            .split(['\n', '\r'])
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        message.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Summary;
    use crate::output::test_support::*;

    #[test]
    fn one_line_per_finding_then_the_summary() {
        let f = file(".env.local", ENV_TEXT);
        let g = file("src/é.ts", "const s = \"é\"; x\n");
        let diags = vec![
            at(
                &DEPRECATED,
                &f,
                "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
                "`X` is not read",
            )
            .with_help("not shown here"),
            at(&PUBLIC, &g, "x", "two\nlines").with_severity(Severity::Info),
        ];
        let src = sources(&[&f, &g]);
        let mut sum = summary(14, &diags);
        sum.skipped_binary = 1;
        sum.skipped_large = 1;
        let out = run(|w| render(&diags, &ctx(&src, &sum), w));
        assert_eq!(
            out,
            "\
.env.local:3:1: error[deprecated-env-var] `X` is not read
src/é.ts:1:16: info[public-secret-env] two lines
Found 1 error and 1 info in 14 files (2 skipped: 1 binary, 1 larger than the size limit).
"
        );
    }

    #[test]
    fn quiet_empty_and_redacted() {
        let f = file("k.ts", "k\n");
        let diags = vec![at(&SECRET, &f, "k", &format!("found {LIVE_KEY}"))];
        let src = sources(&[]);
        let sum = Summary::default();
        let mut cx = ctx(&src, &sum);
        assert_eq!(
            run(|w| render(&[], &cx, w)),
            "No problems found in 0 files.\n"
        );
        cx.quiet = true;
        assert_eq!(run(|w| render(&[], &cx, w)), "");
        assert_eq!(
            run(|w| render(&diags, &cx, w)),
            "k.ts:1:1: error[hardcoded-secret] found sk_live_****\n"
        );
    }

    #[test]
    fn color_styles_path_and_rule() {
        let f = file("a.env", "A=1\n");
        let diags = vec![at(&PUBLIC, &f, "A", "m")];
        let src = sources(&[&f]);
        let sum = summary(1, &diags);
        let mut cx = ctx(&src, &sum);
        cx.color = true;
        cx.quiet = true;
        assert_eq!(
            run(|w| render(&diags, &cx, w)),
            "\x1b[1ma.env:1:1:\x1b[0m \x1b[1m\x1b[33mwarning[public-secret-env]\x1b[0m m\n"
        );
    }
}
