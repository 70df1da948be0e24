//! The plumbing every subcommand (`check`, `routes`, `upgrade`, `instance`) shares to hand its
//! results out: the output style and colour, stdout and `--output-file` through the sink,
//! `--sarif-output`, the job summary, `--fix` writes and the exit code. It lives apart from
//! `cli` so that the other subcommands do not import the argument parser.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint;
use crate::output::{self, Format, RenderCtx};
use crate::sink::Medium;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    /// Never fail on findings (the Action's `fail-on: none`): exit 0 unless the run fails.
    None,
}

/// Human text (rules, rule pages, `--diff`, `routes`, upgrade headers) to stdout through the sink.
pub fn print_stdout(text: &str) -> Result<(), String> {
    crate::sink::stdout(text.as_bytes(), Medium::Text { color: false })
        .map_err(|e| format!("cannot write to stdout: {e}"))
}

/// What the sink must escape for `format` besides secrets.
pub fn medium_for(format: Format, color: bool) -> Medium {
    match format {
        Format::Full | Format::Concise => Medium::Text { color },
        Format::Github => Medium::Workflow,
        // Machine-read documents (JSON, SARIF, and any format added later) escape their own
        // strings; the sink masks secrets.
        #[allow(unreachable_patterns)]
        _ => Medium::Plain,
    }
}

/// The output format (`--format`, else `github` under GitHub Actions, `full` on a terminal,
/// `concise` when piped or written to a file) and whether to colour it.
pub fn output_style(format: Option<Format>, color: ColorChoice, to_file: bool) -> (Format, bool) {
    let github_actions = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
    let stdout_is_terminal = io::stdout().is_terminal();
    let format = format.unwrap_or(if github_actions {
        Format::Github
    } else if stdout_is_terminal && !to_file {
        Format::Full
    } else {
        Format::Concise
    });
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => color_from_env(|k| std::env::var(k).ok()).unwrap_or_else(|| {
            stdout_is_terminal && !to_file && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }),
    } && matches!(format, Format::Full | Format::Concise);
    (format, color)
}

/// What the environment says about colour for `--color auto`: `Some(true)` when FORCE_COLOR
/// (any value but `0`/`false`) or CLICOLOR_FORCE (not `0`) is set, `Some(false)` for NO_COLOR
/// or FORCE_COLOR=0/false, `None` to decide by the terminal. Empty values are unset.
pub fn color_from_env(var: impl Fn(&str) -> Option<String>) -> Option<bool> {
    let set = |k: &str| var(k).filter(|v| !v.is_empty());
    if let Some(v) = set("FORCE_COLOR") {
        return Some(!(v == "0" || v.eq_ignore_ascii_case("false")));
    }
    if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return Some(true);
    }
    if set("NO_COLOR").is_some() {
        return Some(false);
    }
    None
}

/// `--fix`: writes the safe fixes of `outcome`'s findings under `paths`, warning about the
/// files left alone; returns whether anything was planned (the caller then lints again).
pub fn write_fixes(
    outcome: &lint::Outcome,
    paths: &[PathBuf],
    quiet: bool,
) -> Result<bool, String> {
    let (plan, left_alone) =
        crate::fix::Plan::for_writing(&outcome.diagnostics, &outcome.files, paths);
    for w in &left_alone {
        crate::sink::warn(w);
    }
    if plan.is_empty() {
        return Ok(false);
    }
    let written = plan.write(paths)?;
    for w in &written.warnings {
        crate::sink::warn(w);
    }
    if !quiet {
        let (n, m) = (written.fixed, written.files.len());
        crate::sink::stderr(&format!(
            "clerk-lint: fixed {n} finding{} in {m} file{}",
            if n == 1 { "" } else { "s" },
            if m == 1 { "" } else { "s" }
        ));
    }
    Ok(true)
}

/// Writes the rendered output to `--output-file`, else stdout (a closed pipe is not an
/// error), through the sink for `medium`.
pub fn write_output(buf: &[u8], output_file: Option<&Path>, medium: Medium) -> Result<(), String> {
    match output_file {
        Some(path) => crate::sink::file(path, buf, medium)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display())),
        None => {
            crate::sink::stdout(buf, medium).map_err(|e| format!("cannot write to stdout: {e}"))
        }
    }
}

/// `--sarif-output FILE`.
pub fn write_sarif(path: &Path, diags: &[Diagnostic], ctx: &RenderCtx) -> Result<(), String> {
    let mut buf = Vec::new();
    output::sarif::render(diags, ctx, &mut buf)
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    crate::sink::file(path, &buf, Medium::Plain)
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// Appends to `$GITHUB_STEP_SUMMARY` when it is set (the `github` format only).
pub fn append_step_summary(
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), String> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let mut buf = Vec::new();
    write(&mut buf).map_err(|e| format!("cannot write the job summary: {e}"))?;
    crate::sink::append(Path::new(&path), &buf, Medium::Plain).map_err(|e| {
        format!(
            "cannot write the job summary `{}`: {e}",
            path.to_string_lossy()
        )
    })
}

/// 1 when a finding is at or above `--fail-on` (unless `--exit-zero`), else 0.
pub fn exit_code(diags: &[Diagnostic], fail_on: FailOn, exit_zero: bool) -> u8 {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::None => return 0,
    };
    let failing = diags.iter().any(|d| d.severity >= threshold);
    if failing && !exit_zero { 1 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_from_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        type Env = &'static [(&'static str, &'static str)];
        let cases: &[(Env, Option<bool>)] = &[
            (&[], None),
            (&[("FORCE_COLOR", "1")], Some(true)),
            (&[("FORCE_COLOR", "true")], Some(true)),
            (&[("FORCE_COLOR", "3")], Some(true)),
            (&[("FORCE_COLOR", "0")], Some(false)),
            (&[("FORCE_COLOR", "false")], Some(false)),
            (&[("FORCE_COLOR", "")], None),
            (&[("CLICOLOR_FORCE", "1")], Some(true)),
            (&[("CLICOLOR_FORCE", "0")], None),
            (&[("NO_COLOR", "1")], Some(false)),
            (&[("NO_COLOR", "")], None),
            // Forcing is explicit: it wins over NO_COLOR.
            (&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")], Some(true)),
            (&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")], Some(true)),
        ];
        for (pairs, want) in cases {
            assert_eq!(color_from_env(env(pairs)), *want, "{pairs:?}");
        }
    }
}
