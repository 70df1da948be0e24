//! The `full` output format: rustc-style reports drawn by annotate-snippets.
//!
//! ```text
//! error[deprecated-env-var]: `NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL` is not read by @clerk/nextjs 7
//!  --> .env.local:3:1
//!   |
//! 3 | NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/dashboard
//!   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//!   |
//!   = help: rename it to `NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL`
//!   = docs: https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md#deprecated-env-var
//! ```
//!
//! Only the line(s) of the span are shown, each with its secrets masked.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::output::{RenderCtx, write_summary_line};
use crate::secrets::{self, redact_text};

pub fn render(diags: &[Diagnostic], ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    let renderer = if ctx.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // Line starts of each file, computed once however many findings it has.
    let mut line_starts: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in diags.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        let excerpt = ctx.sources.get(&d.path).map(|text| {
            let starts = line_starts
                .entry(d.path.as_str())
                .or_insert_with(|| line_starts_of(text));
            Excerpt::new(text, starts, d.range.clone())
        });
        writeln!(w, "{}", render_one(d, excerpt.as_ref(), &renderer))?;
    }
    if !ctx.quiet && !diags.is_empty() {
        writeln!(w)?;
    }
    write_summary_line(ctx, w)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// One diagnostic as a report, without a trailing newline.
fn render_one(d: &Diagnostic, excerpt: Option<&Excerpt>, renderer: &Renderer) -> String {
    let message = redact_text(&d.message);
    let help = d.help.as_deref().map(redact_text);
    let docs = d.docs_url();

    let title = level(d.severity).primary_title(message).id(d.rule.id);
    let mut group = match excerpt {
        Some(ex) => Group::with_title(title).element(
            Snippet::source(ex.text.as_str())
                .path(d.path.as_str())
                .line_start(ex.line_start)
                .annotation(AnnotationKind::Primary.span(ex.span.clone())),
        ),
        None => Group::with_title(title).element(
            Origin::path(d.path.as_str())
                .line(d.start.line as usize)
                .char_column(d.start.column as usize),
        ),
    };
    if let Some(help) = help {
        group = group.element(Level::HELP.message(help));
    }
    group = group.element(Level::NOTE.with_name("docs").message(docs));
    let out = renderer.render(&[group]);

    // annotate-snippets computes the `-->` position from the drawn (masked, windowed) text;
    // the location printed must be the diagnostic's own, as in every other format.
    match excerpt {
        Some(ex) => {
            let drawn = format!("{}:{}:{}", d.path, ex.drawn_line, ex.drawn_column);
            let wanted = format!("{}:{}:{}", d.path, d.start.line, d.start.column);
            replace_location(out, &drawn, &wanted)
        }
        None => out,
    }
}

/// `out` with the `--> {drawn}` line saying `--> {wanted}` (styled or plain).
fn replace_location(mut out: String, drawn: &str, wanted: &str) -> String {
    if drawn == wanted {
        return out;
    }
    let mut from = 0;
    while let Some(i) = out[from..].find(drawn).map(|i| from + i) {
        let before = &out[..i];
        let at_line_end = out[i + drawn.len()..].starts_with('\n');
        if at_line_end && (before.ends_with("--> ") || before.ends_with("--> \x1b[0m")) {
            out.replace_range(i..i + drawn.len(), wanted);
            break;
        }
        from = i + drawn.len();
    }
    out
}

/// Byte offset at which each line of `text` starts; always begins with 0.
fn line_starts_of(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Lines longer than this many bytes are cut down around the span before drawing.
const LONG_LINE: usize = 4096;
/// Bytes kept on each side of the span in a long line: far more than a terminal shows, so
/// annotate-snippets' own `...` trimming hides the cut.
const MARGIN: usize = 1024;

/// The lines a span covers, masked, with the span moved onto the masked text.
#[derive(Debug, PartialEq, Eq)]
struct Excerpt {
    text: String,
    /// 1-based number of the first line of `text`.
    line_start: usize,
    /// The span in `text`.
    span: Range<usize>,
    /// Where annotate-snippets will say the span starts (1-based line, 1-based char column).
    drawn_line: usize,
    drawn_column: usize,
}

impl Excerpt {
    /// The lines of `range` in `text` (`starts` from [`line_starts_of`]). Never panics: the
    /// range is clamped to the text and to char boundaries.
    fn new(text: &str, starts: &[usize], range: Range<usize>) -> Self {
        let len = text.len();
        let start = text.floor_char_boundary(range.start.min(len));
        let end = text.ceil_char_boundary(range.end.min(len)).max(start);
        let line_of = |off: usize| starts.partition_point(|&s| s <= off).max(1) - 1;
        let first_line = line_of(start);
        let first = starts.get(first_line).copied().unwrap_or(0).min(start);
        let last_byte = if end > start {
            text.floor_char_boundary(end - 1)
        } else {
            start
        };
        let last_line = line_of(last_byte).max(first_line);
        let stop = starts
            .get(last_line + 1)
            .map_or(len, |&s| s - 1)
            .clamp(first, len);

        let mut out = String::new();
        let mut span_start = None;
        let mut span_end = None;
        let mut offset = first;
        for (i, raw) in text[first..stop].split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let body = raw.strip_suffix('\r').unwrap_or(raw);
            let (masked, shifts) = secrets::redact(body);
            let tokens = secrets::find_tokens(body);
            let in_line = |off: usize| (offset..=offset + raw.len()).contains(&off);
            let line_start = (span_start.is_none() && in_line(start)).then(|| {
                let off = (start - offset).min(body.len());
                let off = match tokens.iter().find(|t| t.range.contains(&off)) {
                    // A span starting inside a secret starts at its mask.
                    Some(t) => t.range.start,
                    None => off,
                };
                secrets::shift_offset(off, &shifts).min(masked.len())
            });
            let line_end = (span_end.is_none() && in_line(end)).then(|| {
                let off = (end - offset).min(body.len());
                let off = match tokens
                    .iter()
                    .find(|t| t.range.start < off && off < t.range.end)
                {
                    // A span ending inside a secret covers all of its mask.
                    Some(t) => t.range.end,
                    None => off,
                };
                secrets::shift_offset(off, &shifts).min(masked.len())
            });
            // Cut long lines (minified code) after masking, so no cut splits a secret.
            let window = window(&masked, line_start, line_end);
            if let Some(s) = line_start {
                span_start = Some(out.len() + s.clamp(window.start, window.end) - window.start);
            }
            if let Some(e) = line_end {
                span_end = Some(out.len() + e.clamp(window.start, window.end) - window.start);
            }
            out.push_str(&masked[window]);
            offset += raw.len() + 1;
        }
        let span_start = span_start.unwrap_or(out.len()).min(out.len());
        let span_end = span_end.unwrap_or(out.len()).clamp(span_start, out.len());
        let before = &out[..span_start];
        let line_start = first_line + 1;
        let drawn_line = line_start + before.matches('\n').count();
        let line_begin = before.rfind('\n').map_or(0, |i| i + 1);
        let drawn_column = before[line_begin..].chars().count() + 1;
        Self {
            text: out,
            line_start,
            span: span_start..span_end,
            drawn_line,
            drawn_column,
        }
    }
}

/// The part of `line` to draw: all of it, or for a long line [`MARGIN`] bytes around the
/// span's start and end on it (its beginning when neither is on it).
fn window(line: &str, start: Option<usize>, end: Option<usize>) -> Range<usize> {
    if line.len() <= LONG_LINE {
        return 0..line.len();
    }
    let (lo, hi) = match (start, end) {
        (Some(s), Some(e)) => (s, e.clamp(s, s + MARGIN)),
        (Some(s), None) => (s, s),
        (None, Some(e)) => (e, e),
        (None, None) => (0, 0),
    };
    let lo = line.floor_char_boundary(lo.saturating_sub(MARGIN));
    let hi = line.ceil_char_boundary((hi + MARGIN).min(line.len()));
    lo..hi
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::output::test_support::*;

    const DOCS: &str = "https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md";

    #[test]
    fn renders_the_span_line_help_docs_and_summary() {
        let f = file(".env.local", ENV_TEXT);
        let d = at(
            &DEPRECATED,
            &f,
            "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
            "`NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL` is not read by @clerk/nextjs 7",
        )
        .with_help("rename it to `NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL`");
        let diags = vec![d];
        let src = sources(&[&f]);
        let sum = summary(14, &diags);
        let out = run(|w| render(&diags, &ctx(&src, &sum), w));
        let expected = format!(
            "\
error[deprecated-env-var]: `NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL` is not read by @clerk/nextjs 7
 --> .env.local:3:1
  |
3 | NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/dashboard
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: rename it to `NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL`
  = docs: {DOCS}#deprecated-env-var

Found 1 error in 14 files.
"
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn blank_line_between_diagnostics_and_quiet_drops_the_summary() {
        let f = file("a.env", "A=1\nB=2\n");
        let diags = vec![
            at(&PUBLIC, &f, "A", "first").with_severity(Severity::Info),
            at(&PUBLIC, &f, "B", "second"),
        ];
        let src = sources(&[&f]);
        let sum = summary(1, &diags);
        let mut cx = ctx(&src, &sum);
        cx.quiet = true;
        let out = run(|w| render(&diags, &cx, w));
        let expected = format!(
            "\
info[public-secret-env]: first
 --> a.env:1:1
  |
1 | A=1
  | ^
  |
  = docs: {DOCS}#public-secret-env

warning[public-secret-env]: second
 --> a.env:2:1
  |
2 | B=2
  | ^
  |
  = docs: {DOCS}#public-secret-env
"
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn without_a_source_prints_the_location_only() {
        let f = file("gone.ts", "let x = 1;\n");
        let diags = vec![at(&DEPRECATED, &f, "x", "the message").with_help("the help")];
        let src = sources(&[]);
        let sum = summary(0, &[]);
        let out = run(|w| render(&diags, &ctx(&src, &sum), w));
        let expected = format!(
            "\
error[deprecated-env-var]: the message
--> gone.ts:1:5
 = help: the help
 = docs: {DOCS}#deprecated-env-var

No problems found in 0 files.
"
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn multi_line_span_shows_every_line_of_it_only() {
        let text = "zero\nconst a = {\n  b: 1,\n};\nafter\n";
        let f = file("src/a.ts", text);
        let start = text.find('{').unwrap();
        let end = text.find('}').unwrap() + 1;
        let d = Diagnostic::new(&DEPRECATED, &f, start..end, "object");
        let src = sources(&[&f]);
        let sum = summary(1, &[]);
        let mut cx = ctx(&src, &sum);
        cx.quiet = true;
        let out = run(|w| render(&[d], &cx, w));
        let expected = format!(
            "\
error[deprecated-env-var]: object
 --> src/a.ts:2:11
  |
2 |   const a = {{
  |  ___________^
3 | |   b: 1,
4 | | }};
  | |_^
  |
  = docs: {DOCS}#deprecated-env-var
"
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn out_of_range_and_mid_char_spans_do_not_panic() {
        let text = "é=1\nlast";
        let f = file("x.env", text);
        let src = sources(&[&f]);
        let sum = summary(1, &[]);
        let mut cx = ctx(&src, &sum);
        cx.quiet = true;
        for range in [
            1..2,
            0..1,
            3..100,
            100..200,
            Range { start: 5, end: 2 },
            usize::MAX - 1..usize::MAX,
        ] {
            let d = Diagnostic::new(&DEPRECATED, &f, range.clone(), "m");
            let out = run(|w| render(std::slice::from_ref(&d), &cx, w));
            assert!(
                out.starts_with("error[deprecated-env-var]: m\n"),
                "{range:?}: {out}"
            );
            let loc = format!("x.env:{}:{}", d.start.line, d.start.column);
            assert!(out.contains(&loc), "{range:?}: {out}");
        }
        let far = Diagnostic::new(&DEPRECATED, &f, 100..200, "m");
        let out = run(|w| render(&[far], &cx, w));
        assert!(out.contains(" --> x.env:2:5\n"), "{out}");
        assert!(out.contains("2 | last\n"), "{out}");
    }

    #[test]
    fn secrets_in_the_shown_line_are_masked_and_the_span_moves() {
        let text = format!("KEY={LIVE_KEY} OTHER=x\n");
        let f = file("config/.env", &text);
        let diags = vec![
            at(
                &SECRET,
                &f,
                LIVE_KEY,
                "a production Clerk secret key is committed",
            ),
            at(&PUBLIC, &f, "OTHER", "after the key"),
        ];
        let src = sources(&[&f]);
        let sum = summary(1, &diags);
        let mut cx = ctx(&src, &sum);
        cx.quiet = true;
        let out = run(|w| render(&diags, &cx, w));
        assert!(!out.contains(&LIVE_KEY[8..]), "{out}");
        let expected = format!(
            "\
error[hardcoded-secret]: a production Clerk secret key is committed
 --> config/.env:1:5
  |
1 | KEY=sk_live_**** OTHER=x
  |     ^^^^^^^^^^^^
  |
  = docs: {DOCS}#hardcoded-secret

warning[public-secret-env]: after the key
 --> config/.env:1:54
  |
1 | KEY=sk_live_**** OTHER=x
  |                  ^^^^^
  |
  = docs: {DOCS}#public-secret-env
"
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn a_span_inside_a_secret_covers_its_mask_and_messages_are_redacted() {
        let text = format!("const k = \"{LIVE_KEY}\";\n");
        let f = file("k.ts", &text);
        let start = text.find(LIVE_KEY).unwrap() + 10;
        let d = Diagnostic::new(&SECRET, &f, start..start + 5, format!("found {LIVE_KEY}"))
            .with_help(format!("rotate {LIVE_KEY}"));
        let src = sources(&[&f]);
        let sum = summary(1, &[]);
        let mut cx = ctx(&src, &sum);
        cx.quiet = true;
        let out = run(|w| render(&[d], &cx, w));
        assert!(!out.contains(&LIVE_KEY[8..]), "{out}");
        assert!(
            out.contains("error[hardcoded-secret]: found sk_live_****\n"),
            "{out}"
        );
        assert!(out.contains("= help: rotate sk_live_****\n"), "{out}");
        assert!(
            out.contains("1 | const k = \"sk_live_****\";\n  |            ^^^^^^^^^^^^\n"),
            "{out}"
        );
    }

    #[test]
    fn excerpt_handles_crlf_and_spans_ending_with_a_newline() {
        let text = "a\r\nbc\r\nd";
        let starts = line_starts_of(text);
        let ex = Excerpt::new(text, &starts, 3..7);
        assert_eq!(ex.text, "bc");
        assert_eq!(ex.line_start, 2);
        assert_eq!(ex.span, 0..2);
        let ex = Excerpt::new(text, &starts, 0..3);
        assert_eq!((ex.text.as_str(), ex.span.clone()), ("a", 0..1));
    }

    #[test]
    fn long_lines_are_cut_around_the_span_without_splitting_a_secret() {
        // A minified line: 9000 bytes, a secret, then the span, then 9000 more bytes.
        let text = format!(
            "{}\"{LIVE_KEY}\" TARGET {}\n",
            "a;".repeat(4500),
            "b;".repeat(4500)
        );
        let f = file("dist/app.js", &text);
        let d = at(&SECRET, &f, "TARGET", "m");
        let starts = line_starts_of(&text);
        let ex = Excerpt::new(&text, &starts, d.range.clone());
        assert!(ex.text.len() < 2 * MARGIN + 100, "{}", ex.text.len());
        assert_eq!(&ex.text[ex.span.clone()], "TARGET");
        assert!(ex.text.contains("\"sk_live_****\" TARGET"));

        let src = sources(&[&f]);
        let sum = summary(1, &[]);
        let mut cx = ctx(&src, &sum);
        cx.quiet = true;
        let out = run(|w| render(std::slice::from_ref(&d), &cx, w));
        assert!(!out.contains(&LIVE_KEY[8..]), "{out}");
        assert!(out.contains(" --> dist/app.js:1:9052\n"), "{out}");
        assert!(out.contains("TARGET"), "{out}");
        assert!(out.lines().all(|l| l.len() < 200), "{out}");

        // A window never cuts through a masked secret: the cut is made on the masked line.
        let key_at = text.find(LIVE_KEY).unwrap() + 20;
        let ex = Excerpt::new(&text, &starts, key_at..key_at + 1);
        assert_eq!(&ex.text[ex.span.clone()], "sk_live_****");
        assert!(!ex.text.contains(&LIVE_KEY[8..]));
    }

    #[test]
    fn location_is_replaced_only_on_the_arrow_line() {
        let out = "error[r]: see a.ts:1:2\n --> a.ts:1:2\n".to_string();
        assert_eq!(
            replace_location(out, "a.ts:1:2", "a.ts:1:9"),
            "error[r]: see a.ts:1:2\n --> a.ts:1:9\n"
        );
        let styled = " \x1b[1m\x1b[94m--> \x1b[0ma.ts:1:2\n".to_string();
        assert_eq!(
            replace_location(styled, "a.ts:1:2", "a.ts:1:9"),
            " \x1b[1m\x1b[94m--> \x1b[0ma.ts:1:9\n"
        );
    }

    #[test]
    fn color_uses_the_styled_renderer() {
        let f = file(".env", "A=1\n");
        let diags = vec![at(&DEPRECATED, &f, "A", "m")];
        let src = sources(&[&f]);
        let sum = summary(1, &diags);
        let mut cx = ctx(&src, &sum);
        cx.color = true;
        let out = run(|w| render(&diags, &cx, w));
        assert!(out.contains("\x1b["), "{out}");
        assert!(out.ends_with("\nFound 1 error in 1 file.\n"), "{out}");
    }
}
