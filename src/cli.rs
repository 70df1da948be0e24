//! The command line: arguments (clap), output selection, and the mapping from outcome to exit code.
//!
//! Exit codes: 0 when nothing is at or above `--fail-on`, 1 when something is, 2 for a usage,
//! configuration or I/O error (with a one-line message on stderr).

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::{
    ColorChoice, FailOn, VERSION, append_step_summary, exit_code, medium_for, output_style,
    print_stdout, write_fixes, write_output, write_sarif,
};
use crate::lint::{self, ConfigMode, Settings};
use crate::output::inventory::{self, InventoryFormat};
use crate::output::{self, Format, RenderCtx, Summary};
use crate::rules::{self, ALL, Rule};
use crate::sink::Medium;

#[derive(Debug, Parser)]
#[command(
    name = "clerk-lint",
    version,
    about = "Finds the Clerk auth holes that matter: deprecated env vars, exposed secrets, unprotected endpoints",
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true,
    after_help = "Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage, config or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check paths (the default command: `clerk-lint .` is `clerk-lint check .`)
    Check(Box<CheckArgs>),
    /// List every rule with its default severity and summary
    Rules {
        /// `text` (a table), `markdown` (the docs/rules.md reference) or `json`
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// List every server endpoint with its URL, location and how it is protected
    Routes {
        /// Files or directories to check
        #[arg(value_name = "PATH", default_value = ".")]
        paths: Vec<PathBuf>,
        /// `table`, `json`, `markdown` or `html` (one self-contained page)
        #[arg(long, value_enum, default_value_t = InventoryFormat::Table)]
        format: InventoryFormat,
        /// Write the inventory to FILE instead of stdout
        #[arg(short = 'o', long, value_name = "FILE")]
        output_file: Option<PathBuf>,
    },
    /// Print the documentation of one rule
    Rule {
        /// The rule id, e.g. `deprecated-env-var`
        id: String,
    },
    /// Audit a Clerk instance's settings (opt-in and networked: one GET to its Frontend API)
    Instance(Box<crate::instance::command::InstanceArgs>),
    /// Every change each app needs to upgrade its Clerk SDKs to a Clerk Core (default: the latest)
    Upgrade(Box<crate::upgrade::UpgradeArgs>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or directories to check
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,

    /// Output format [default: full on a terminal, concise when piped, github when GITHUB_ACTIONS=true]
    #[arg(
        long,
        visible_alias = "output-format",
        value_enum,
        env = "CLERK_LINT_OUTPUT_FORMAT"
    )]
    format: Option<Format>,

    /// Write the output to FILE instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    output_file: Option<PathBuf>,

    /// Also write SARIF 2.1.0 to FILE (in the same run as another format)
    #[arg(long, value_name = "FILE")]
    sarif_output: Option<PathBuf>,

    /// When to use colour (`auto`: on a terminal; FORCE_COLOR or CLICOLOR_FORCE turn it on,
    /// NO_COLOR or FORCE_COLOR=0 off)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Print the findings only, no summary line and no warnings about skipped files
    #[arg(short, long)]
    quiet: bool,

    /// Exit 0 even when there are findings (2 still means the run itself failed)
    #[arg(long)]
    exit_zero: bool,

    /// The lowest severity that makes the exit code 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,

    /// Run only these rules (comma-separated ids, prefixes such as `instance/`, or `ALL`)
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Vec<String>,

    /// Run these rules too, on top of `--select` or the config's selection
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    extend_select: Vec<String>,

    /// Do not run these rules (comma-separated ids, prefixes or `ALL`)
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,

    /// Skip files whose path matches GLOB (repeatable; `*.test.ts`, `legacy`, `apps/old/**`)
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// Apply the excludes (`--exclude`, `files.exclude`) to files named on the command line
    /// too (for pre-commit hooks that pass every changed file); without it a named file is
    /// checked even if excluded
    #[arg(long)]
    force_exclude: bool,

    /// Read one file's text from stdin and check it as PATH, in its project (for editors and
    /// hooks: only PATH's findings are reported)
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,

    /// Print the number of findings per rule and severity instead of the findings
    #[arg(long)]
    statistics: bool,

    /// Report only findings in files changed since the merge base with REF (the whole
    /// project is still analysed; findings whose middleware or helper changed are kept)
    #[arg(long, value_name = "REF")]
    changed_since: Option<String>,

    /// Skip files larger than this (e.g. 512KiB, 2MiB, 1000000) [default: 1MiB, or
    /// `files.max-file-size` in clerk-lint.toml]
    #[arg(long, value_name = "SIZE")]
    max_file_size: Option<String>,

    /// Use this config file for every file (instead of the nearest clerk-lint.toml)
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    config: Option<PathBuf>,

    /// Ignore every clerk-lint.toml
    #[arg(long)]
    isolated: bool,

    /// Report only findings that are not in this baseline file
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,

    /// Record the current findings in FILE as the baseline, then exit 0
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,

    /// Apply the fixes that cannot change what the app does (a rename to the exact
    /// replacement, an import moved to its new entry point), then report what remains.
    /// Git-ignored files are only touched when named on the command line
    #[arg(long, conflicts_with = "write_baseline")]
    fix: bool,

    /// Print those fixes as a unified diff instead of writing them (exit 1 when there are any)
    #[arg(long, conflicts_with = "write_baseline")]
    diff: bool,
}

/// Runs the CLI with the process arguments and environment.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2);
            // both through the sink, since an error quotes the argument it rejects.
            let text = e.render().to_string();
            if e.use_stderr() {
                crate::sink::stderr(&text);
            } else {
                let _ = crate::sink::stdout(text.as_bytes(), Medium::Text { color: false });
            }
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    crate::secrets::remember_process_env();
    // The run goes on a thread with a large stack: deeply nested code must parse, not abort.
    let result = std::thread::Builder::new()
        .name("clerk-lint".into())
        .stack_size(crate::lint::WORKER_STACK)
        .spawn(move || run(cli))
        .map_err(|e| format!("cannot start: {e}"))
        .and_then(|h| {
            h.join()
                .unwrap_or_else(|_| Err("internal error (a panic); please report it".into()))
        });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            crate::sink::error(&message);
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, String> {
    match cli.command {
        Some(Command::Check(args)) => check(*args),
        Some(Command::Rules { format }) => {
            let text = match format {
                RulesFormat::Text => rules::table(),
                RulesFormat::Markdown => rules::markdown_reference(),
                RulesFormat::Json => rules::json_list(),
            };
            print_stdout(&text)?;
            Ok(0)
        }
        Some(Command::Routes {
            paths,
            format,
            output_file,
        }) => routes(&paths, format, output_file.as_deref()),
        Some(Command::Instance(args)) => crate::instance::command::run(*args),
        Some(Command::Upgrade(args)) => crate::upgrade::run(*args),
        Some(Command::Rule { id }) => match rules::by_id(&id) {
            Some(rule) => {
                print_stdout(&rules::rule_page(rule.meta()))?;
                Ok(0)
            }
            None => Err(unknown_rule(&id)),
        },
        None => check(cli.check),
    }
}

fn unknown_rule(id: &str) -> String {
    let known: Vec<&str> = ALL.iter().map(|r| r.meta().id).collect();
    format!("unknown rule `{id}` (known rules: {})", known.join(", "))
}

/// The rules a selector names: `ALL`, an id, or a prefix of ids that ends at a `/` or `-`
/// (`instance/`, `instance`, `deprecated-`); `None` when it names none.
fn selected_by(selector: &str) -> Option<Vec<&'static str>> {
    let sel = selector.trim();
    let ids = ALL.iter().map(|r| r.meta().id);
    if sel.eq_ignore_ascii_case("ALL") {
        return Some(ids.collect());
    }
    let matched: Vec<&'static str> = ids
        .filter(|id| {
            *id == sel
                || (!sel.is_empty()
                    && id.starts_with(sel)
                    && (sel.ends_with(['/', '-']) || id[sel.len()..].starts_with(['/', '-'])))
        })
        .collect();
    (!matched.is_empty()).then_some(matched)
}

/// `--select`, `--extend-select` and `--ignore` resolved against the registry: the rules to
/// run (in registry order) and the ids `--extend-select` adds to the config's selection.
fn select_rules(
    select: &[String],
    extend: &[String],
    ignore: &[String],
) -> Result<(Vec<&'static dyn Rule>, Vec<&'static str>), String> {
    let resolve = |list: &[String]| -> Result<Vec<&'static str>, String> {
        let mut out = Vec::new();
        for s in list {
            out.extend(selected_by(s).ok_or_else(|| unknown_rule(s.trim()))?);
        }
        Ok(out)
    };
    let (selected, extended, ignored) = (resolve(select)?, resolve(extend)?, resolve(ignore)?);
    let rules = ALL
        .iter()
        .copied()
        .filter(|r| {
            let id = r.meta().id;
            select.is_empty() || selected.contains(&id) || extended.contains(&id)
        })
        .filter(|r| !ignored.contains(&r.meta().id))
        .collect();
    Ok((rules, extended))
}

fn check(args: CheckArgs) -> Result<u8, String> {
    let (rules, extend_select) = select_rules(&args.select, &args.extend_select, &args.ignore)?;
    let max_file_size = match &args.max_file_size {
        Some(s) => Some(crate::fsio::parse_size(s)?),
        None => None,
    };
    if let Some(n) = max_file_size {
        // Given on the command line, the limit holds for every file read, config and
        // lockfiles included.
        crate::fsio::set_ceiling(n);
    }
    let config = match (&args.config, args.isolated) {
        (Some(path), _) => {
            if !path.is_file() {
                return Err(format!(
                    "cannot read the config `{}`: {}",
                    path.display(),
                    if path.exists() {
                        "not a regular file"
                    } else {
                        "no such file"
                    }
                ));
            }
            ConfigMode::File(path.clone())
        }
        (None, true) => ConfigMode::Isolated,
        (None, false) => ConfigMode::Discover,
    };
    let stdin = match &args.stdin_filename {
        Some(path) => Some(read_stdin(path)?),
        None => None,
    };
    let settings = Settings {
        rules,
        // --extend-select alone keeps the config's selection and adds to it.
        cli_selected: !args.select.is_empty() || !args.ignore.is_empty(),
        extend_select,
        max_file_size,
        config,
        exclude: lint::exclude_set(&args.exclude)?,
        force_exclude: args.force_exclude,
        stdin,
        upgrade: None,
    };
    let changed = match &args.changed_since {
        Some(reference) => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the current directory: {e}"))?;
            Some((crate::changed::changed_files(reference, &cwd)?, cwd))
        }
        None => None,
    };
    let mut outcome = lint::run(&args.paths, &settings).map_err(|e| e.0)?;
    if let Some(stdin) = &settings.stdin {
        // Only the buffer's findings; a fix would edit the file on disk, not the buffer.
        outcome.diagnostics.retain(|d| d.path == stdin.display);
        if args.fix {
            return Err("--fix cannot write to stdin; use --diff with --stdin-filename".into());
        }
    }
    if let Some((changed, cwd)) = &changed {
        crate::changed::retain_changed(&mut outcome.diagnostics, changed, cwd);
    }
    if let Some(path) = &args.write_baseline {
        let n = crate::baseline::write(path, &outcome.diagnostics)?;
        if !args.quiet {
            crate::sink::stderr(&format!(
                "clerk-lint: wrote {} finding{} to the baseline `{}`",
                outcome.diagnostics.len(),
                if outcome.diagnostics.len() == 1 {
                    ""
                } else {
                    "s"
                },
                path.display()
            ));
        }
        let _ = n;
        return Ok(0);
    }
    let mut baseline_hidden = 0;
    if let Some(path) = &args.baseline {
        baseline_hidden = crate::baseline::filter(path, &mut outcome.diagnostics)?;
    }
    if args.fix || args.diff {
        if !args.quiet {
            for note in crate::fix::withheld_notes(&outcome.diagnostics) {
                crate::sink::stderr(&format!("clerk-lint: {}", crate::sink::one_line(&note)));
            }
        }
        if args.diff {
            let plan = crate::fix::Plan::new(&outcome.diagnostics, &outcome.files);
            print_stdout(&plan.unified_diff())?;
            return Ok(u8::from(!plan.is_empty()));
        }
        if write_fixes(&outcome, &args.paths, args.quiet)? {
            // Report what remains, from the files as they are now.
            outcome = lint::run(&args.paths, &settings).map_err(|e| e.0)?;
            if let Some((changed, cwd)) = &changed {
                crate::changed::retain_changed(&mut outcome.diagnostics, changed, cwd);
            }
            if let Some(path) = &args.baseline {
                baseline_hidden = crate::baseline::filter(path, &mut outcome.diagnostics)?;
            }
        }
    }

    let (format, color) = output_style(args.format, args.color, args.output_file.is_some());

    let diags = &outcome.diagnostics;
    let summary = Summary {
        errors: count(diags, Severity::Error),
        warnings: count(diags, Severity::Warning),
        infos: count(diags, Severity::Info),
        baseline_hidden,
        ..outcome.summary.clone()
    };
    if !args.quiet {
        for w in &outcome.warnings {
            crate::sink::warn(w);
        }
        for n in &outcome.notes {
            crate::sink::stderr(&format!("clerk-lint: note: {n}"));
        }
    }
    let ctx = RenderCtx {
        sources: &outcome.sources,
        summary: &summary,
        color,
        quiet: args.quiet,
        tool_version: VERSION,
    };

    let mut buf = Vec::new();
    let rendered = if args.statistics {
        match format {
            Format::Json => output::statistics::render_json(diags, &ctx, &mut buf),
            _ => output::statistics::render(diags, &ctx, &mut buf),
        }
    } else {
        output::render(format, diags, &ctx, &mut buf)
    };
    rendered.map_err(|e| format!("cannot render output: {e}"))?;
    write_output(&buf, args.output_file.as_deref(), medium_for(format, color))?;
    if let Some(path) = &args.sarif_output {
        write_sarif(path, diags, &ctx)?;
    }
    if format == Format::Github {
        append_step_summary(|f| output::github::write_step_summary(diags, &ctx, f))?;
    }
    let code = exit_code(diags, args.fail_on, args.exit_zero);
    // The output is written: freeing every file's text, syntax facts and findings one by one
    // only delays the exit (128 ms of a 100k-route run); the process hands it all back at once.
    std::mem::forget(outcome);
    Ok(code)
}

/// `--stdin-filename PATH`: stdin's text, to be checked as PATH (shown relative to the
/// current directory).
fn read_stdin(path: &Path) -> Result<lint::StdinFile, String> {
    let mut text = String::new();
    io::Read::read_to_string(&mut io::stdin().lock(), &mut text)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let relative = path.strip_prefix(&cwd).unwrap_or(path);
    Ok(lint::StdinFile {
        display: crate::walk::display_path(relative),
        text,
    })
}

/// `clerk-lint routes`: the endpoint inventory.
fn routes(paths: &[PathBuf], format: InventoryFormat, output: Option<&Path>) -> Result<u8, String> {
    let settings = Settings {
        config: ConfigMode::Discover,
        ..Settings::with_rules(vec![
            &crate::rules::missing_auth::MissingAuth,
            &crate::rules::unchecked_auth::UncheckedAuth,
            &crate::rules::unverified_webhook::UnverifiedWebhook,
        ])
    };
    let outcome = lint::run(paths, &settings).map_err(|e| e.0)?;
    for n in &outcome.notes {
        crate::sink::stderr(&format!("clerk-lint: note: {n}"));
    }
    let files = outcome.files_by_path();
    let endpoints = &outcome.analysis.endpoints;
    let mut rows = crate::rules::inventory::rows(endpoints, &|p| files.get(p).copied());
    crate::rules::inventory::attach_findings(&mut rows, endpoints, &outcome.diagnostics);
    let mut buf = Vec::new();
    let rendered = if format == InventoryFormat::Html {
        // Links to the files, relative to where the page is written.
        let up = match output.and_then(Path::parent) {
            Some(dir) => link_prefix(dir)?,
            None => String::new(),
        };
        let href = |r: &crate::inventory::Row| {
            format!(
                "{up}{}#L{}",
                crate::output::encode_uri_path(&r.path),
                r.line
            )
        };
        crate::output::inventory_html::render(&rows, &href, &mut buf)
    } else {
        inventory::render(&rows, format, &mut buf)
    };
    rendered.map_err(|e| format!("cannot render: {e}"))?;
    let medium = match format {
        InventoryFormat::Json | InventoryFormat::Html => Medium::Plain,
        _ => Medium::Text { color: false },
    };
    write_output(&buf, output, medium)?;
    Ok(0)
}

/// The relative link from a page written in `dir` to the current directory (`../../`,
/// `other/dir/`, or empty), with `/` separators.
fn link_prefix(dir: &Path) -> Result<String, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let absolute = |p: &Path| {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        };
        std::fs::canonicalize(&p).unwrap_or(p)
    };
    let (from, to) = (absolute(dir), absolute(&cwd));
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    for c in &to[common..] {
        out.push_str(&c.as_os_str().to_string_lossy());
        out.push('/');
    }
    Ok(out)
}

fn count(diags: &[Diagnostic], severity: Severity) -> usize {
    diags.iter().filter(|d| d.severity == severity).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn selected(
        select: &[&str],
        extend: &[&str],
        ignore: &[&str],
    ) -> Result<Vec<&'static str>, String> {
        select_rules(&ids(select), &ids(extend), &ids(ignore))
            .map(|(rules, _)| rules.iter().map(|r| r.meta().id).collect())
    }

    #[test]
    fn select_and_ignore_validate_ids() {
        assert!(selected(&["nope"], &[], &[]).is_err());
        assert!(selected(&[], &["nope"], &[]).is_err());
        assert!(selected(&[], &[], &["nope"]).is_err());
        // A prefix must end at a `/` or `-` of the id: `deprecated-en` names nothing.
        assert!(selected(&["deprecated-en"], &[], &[]).is_err());
        assert_eq!(
            selected(&["deprecated-env"], &[], &[]).unwrap(),
            ["deprecated-env-var"]
        );
        assert_eq!(
            selected(&["deprecated-env-var"], &[], &[]).unwrap().len(),
            1
        );
        assert_eq!(
            selected(&[], &[], &["deprecated-env-var"]).unwrap().len(),
            ALL.len() - 1
        );
    }

    #[test]
    fn all_prefixes_and_extend_select() {
        let instance = ALL
            .iter()
            .filter(|r| r.meta().id.starts_with("instance/"))
            .count();
        assert!(instance > 1);
        assert_eq!(selected(&["ALL"], &[], &[]).unwrap().len(), ALL.len());
        assert_eq!(selected(&["all"], &[], &[]).unwrap().len(), ALL.len());
        assert!(selected(&[], &[], &["ALL"]).unwrap().is_empty());
        for prefix in ["instance/", "instance"] {
            let only = selected(&[prefix], &[], &[]).unwrap();
            assert_eq!(only.len(), instance, "{prefix}");
            assert!(only.iter().all(|id| id.starts_with("instance/")));
            assert_eq!(
                selected(&[], &[], &[prefix]).unwrap().len(),
                ALL.len() - instance
            );
        }
        // `deprecated-` names both deprecated-api and deprecated-env-var.
        assert_eq!(
            selected(&["deprecated-"], &[], &[]).unwrap(),
            ["deprecated-api", "deprecated-env-var"]
        );
        // --extend-select adds to --select; --ignore wins over both.
        assert_eq!(
            selected(&["missing-auth"], &["deprecated-api"], &[]).unwrap(),
            ["deprecated-api", "missing-auth"]
        );
        assert_eq!(
            selected(&["ALL"], &["deprecated-api"], &["deprecated-"])
                .unwrap()
                .len(),
            ALL.len() - 2
        );
        let (_, extended) = select_rules(&[], &ids(&["missing-auth"]), &[]).unwrap();
        assert_eq!(extended, ["missing-auth"]);
    }

    #[test]
    fn fail_on_none_never_fails() {
        use crate::output::test_support::*;
        let f = file(".env", "A=1\n");
        let diags = vec![at(&DEPRECATED, &f, "A", "m")];
        assert_eq!(exit_code(&diags, FailOn::Error, false), 1);
        assert_eq!(exit_code(&diags, FailOn::None, false), 0);
        assert_eq!(exit_code(&[], FailOn::Warning, false), 0);
    }

    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
