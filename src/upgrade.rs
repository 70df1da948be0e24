//! `clerk-lint upgrade`: every change each app needs to take each of its Clerk SDKs from the
//! installed version to a target Core, as `deprecated-api` and `deprecated-env-var` findings
//! evaluated at the target ([`crate::migration::retarget`]), with a header per SDK.
//!
//! The findings are the rules' own, so every output format works unchanged; the per-SDK
//! header goes before the findings in the text formats, as `::notice` lines in `github`, as
//! `summary.upgrade` in JSON and as `runs[0].properties.upgrade` in SARIF.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::emit::{ColorChoice, FailOn};
use crate::lint::{self, ConfigMode, Settings};
use crate::migration::Target;
use crate::migration::target::{Upgrade, sdk_of_help};
use crate::output::{self, Format, RenderCtx, Summary};
use crate::project::{Project, VersionSource};
use crate::rules::{Rule, deprecated_api, deprecated_env_var};

#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// Files or directories to check
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,

    /// The Clerk release to upgrade to
    #[arg(long, value_enum, default_value_t = Target::Latest)]
    to: Target,

    /// Output format [default: full on a terminal, concise when piped, github when GITHUB_ACTIONS=true]
    #[arg(long, value_enum)]
    format: Option<Format>,

    /// Write the output to FILE instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    output_file: Option<PathBuf>,

    /// When to use colour (NO_COLOR in the environment turns `auto` off)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Print the findings only, no header, no summary line
    #[arg(short, long)]
    quiet: bool,

    /// Exit 0 even when changes are needed (2 still means the run itself failed)
    #[arg(long)]
    exit_zero: bool,

    /// The lowest severity that makes the exit code 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,

    /// Apply the mechanical changes (import moves, prop, option and variable renames,
    /// `await auth()` with its function made `async`, `auth().protect()` to
    /// `await auth.protect()`), then report what remains. Changes of behaviour
    /// (`authMiddleware` to `clerkMiddleware`, removed components) are left to you: their
    /// help says what to decide. Install the new SDK versions in the same change
    #[arg(long)]
    fix: bool,

    /// Print those changes as a unified diff instead of writing them (exit 1 when there are any)
    #[arg(long)]
    diff: bool,
}

/// The rules an upgrade runs.
const RULES: &[&dyn Rule] = &[
    &deprecated_api::DeprecatedApi,
    &deprecated_env_var::DeprecatedEnvVar,
];

/// One SDK of one app: where it goes and how much that takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SdkUpgrade {
    /// The app root, relative to the scan root (`""` for the scan root).
    pub app: String,
    pub package: String,
    /// The installed version (`null` when unknown).
    pub from: Option<String>,
    pub from_core: Option<u8>,
    /// The package at the target (the same, or the one that replaces it).
    pub to_package: String,
    /// `7.x`.
    pub to: String,
    pub to_core: u8,
    pub changes: usize,
    pub files: usize,
    pub fixable: usize,
}

impl SdkUpgrade {
    /// `@clerk/nextjs 4.23.2 (Core 1) → 7.x (Core 3): 37 changes in 21 files, 25 fixable`.
    pub fn line(&self, with_app: bool) -> String {
        let from = match (&self.from, self.from_core) {
            (Some(v), Some(c)) => format!("{v} (Core {c})"),
            (Some(v), None) => v.clone(),
            _ => "(version unknown)".to_string(),
        };
        let to_name = if self.to_package == self.package {
            String::new()
        } else {
            format!("{} ", self.to_package)
        };
        let app = if with_app {
            format!("{}: ", if self.app.is_empty() { "." } else { &self.app })
        } else {
            String::new()
        };
        format!(
            "{app}{} {from} → {to_name}{} (Core {}): {} in {}, {} fixable",
            self.package,
            self.to,
            self.to_core,
            output::plural(self.changes, "change", "changes"),
            output::plural(self.files, "file", "files"),
            self.fixable
        )
    }
}

pub fn run(args: UpgradeArgs) -> Result<u8, String> {
    let settings = Settings {
        rules: RULES.to_vec(),
        cli_selected: true,
        max_file_size: None,
        config: ConfigMode::Discover,
        upgrade: Some(args.to),
        extend_select: Vec::new(),
        exclude: None,
        force_exclude: false,
        stdin: None,
    };
    let mut outcome = lint::run(&args.paths, &settings).map_err(|e| e.0)?;
    if args.fix || args.diff {
        if args.diff {
            let plan = crate::fix::Plan::new(&outcome.diagnostics, &outcome.files);
            crate::emit::print_stdout(&plan.unified_diff())?;
            return Ok(u8::from(!plan.is_empty()));
        }
        if crate::emit::write_fixes(&outcome, &args.paths, args.quiet)? {
            outcome = lint::run(&args.paths, &settings).map_err(|e| e.0)?;
        }
    }
    let sdks = headers(&outcome.project, &outcome.diagnostics);
    let (format, color) =
        crate::emit::output_style(args.format, args.color, args.output_file.is_some());
    let diags = &outcome.diagnostics;
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let summary = Summary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        ..outcome.summary.clone()
    };
    if !args.quiet {
        for w in &outcome.warnings {
            crate::sink::warn(w);
        }
    }
    let ctx = RenderCtx {
        sources: &outcome.sources,
        summary: &summary,
        color,
        quiet: args.quiet,
        tool_version: crate::emit::VERSION,
    };
    let buf = render(format, diags, &ctx, &sdks, args.quiet)?;
    crate::emit::write_output(
        &buf,
        args.output_file.as_deref(),
        crate::emit::medium_for(format, color),
    )?;
    Ok(crate::emit::exit_code(diags, args.fail_on, args.exit_zero))
}

/// The findings in `format`, with the per-SDK headers where that format keeps them.
fn render(
    format: Format,
    diags: &[Diagnostic],
    ctx: &RenderCtx,
    sdks: &[SdkUpgrade],
    quiet: bool,
) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    output::render(format, diags, ctx, &mut body)
        .map_err(|e| format!("cannot render output: {e}"))?;
    let with_app = sdks.iter().map(|s| &s.app).collect::<BTreeSet<_>>().len() > 1;
    let mut out = Vec::new();
    match format {
        Format::Full | Format::Concise => {
            if !quiet {
                for s in sdks {
                    out.extend_from_slice(s.line(with_app).as_bytes());
                    out.push(b'\n');
                }
                if sdks.is_empty() {
                    out.extend_from_slice(b"No Clerk SDK with a known release line was found.\n");
                }
                out.push(b'\n');
            }
            out.extend_from_slice(&body);
        }
        Format::Github => {
            for s in sdks {
                let line = s.line(with_app).replace('%', "%25");
                out.extend_from_slice(
                    format!("::notice title=clerk-lint upgrade::{line}\n").as_bytes(),
                );
            }
            out.extend_from_slice(&body);
        }
        Format::Json | Format::Sarif => {
            let mut doc: serde_json::Value =
                serde_json::from_slice(&body).map_err(|e| format!("cannot render output: {e}"))?;
            let list = serde_json::to_value(sdks).map_err(|e| e.to_string())?;
            let slot = if format == Format::Json {
                doc.get_mut("summary")
                    .and_then(|s| s.as_object_mut())
                    .map(|s| {
                        s.insert("upgrade".to_string(), list);
                    })
            } else {
                doc.get_mut("runs")
                    .and_then(|r| r.get_mut(0))
                    .and_then(|r| r.as_object_mut())
                    .map(|run| {
                        let props = run
                            .entry("properties")
                            .or_insert_with(|| serde_json::json!({}));
                        if let Some(p) = props.as_object_mut() {
                            p.insert("upgrade".to_string(), list);
                        }
                    })
            };
            if slot.is_none() {
                return Err("cannot render output: unexpected document shape".to_string());
            }
            serde_json::to_writer_pretty(&mut out, &doc).map_err(|e| e.to_string())?;
            out.push(b'\n');
        }
        // The CI formats carry the findings only (the headers are in the text formats).
        Format::Gitlab
        | Format::Junit
        | Format::Checkstyle
        | Format::Rdjson
        | Format::JsonLines => {
            out.extend_from_slice(&body);
        }
    }
    Ok(out)
}

/// One header per Clerk SDK per app with a known release line, in app and package order.
/// A finding counts for the SDK its help names ([`sdk_of_help`]), else for its app's main
/// SDK (the framework one).
pub fn headers(project: &Project, diags: &[Diagnostic]) -> Vec<SdkUpgrade> {
    let mut per: BTreeMap<(String, String), (Vec<&Diagnostic>, &Upgrade)> = BTreeMap::new();
    let mut order: Vec<(String, String)> = Vec::new();
    for app in &project.apps {
        for p in &app.clerk.packages {
            if let VersionSource::Target(u) = &p.source {
                let key = (app.rel_root.clone(), p.name.clone());
                order.push(key.clone());
                per.insert(key, (Vec::new(), u));
            }
        }
    }
    for d in diags {
        let Some(app) = project.app_for(&d.path) else {
            continue;
        };
        // A package's own finding (`package:<name>` in package.json) is that package's.
        let named = d
            .fingerprint
            .strip_prefix("package:")
            .or_else(|| d.help.as_deref().and_then(sdk_of_help));
        let package = named
            .filter(|n| per.contains_key(&(app.rel_root.clone(), n.to_string())))
            .map(str::to_string)
            .or_else(|| main_sdk(app.clerk.packages.iter().map(|p| p.name.as_str())));
        if let Some(package) = package
            && let Some((list, _)) = per.get_mut(&(app.rel_root.clone(), package))
        {
            list.push(d);
        }
    }
    order
        .into_iter()
        .filter_map(|key| {
            let (list, u) = per.get(&key)?;
            let files: BTreeSet<&str> = list.iter().map(|d| d.path.as_str()).collect();
            Some(SdkUpgrade {
                app: key.0.clone(),
                package: key.1.clone(),
                from: u.installed.map(|v| v.to_string()),
                from_core: u.installed_core,
                to_package: u.to_package.clone(),
                to: format!("{}.x", u.to_major),
                to_core: u.to_core,
                changes: list.len(),
                files: files.len(),
                fixable: list
                    .iter()
                    .filter(|d| d.fix.as_ref().is_some_and(|f| !f.edits.is_empty()))
                    .count(),
            })
        })
        .collect()
}

/// Framework SDKs first: the one a finding without a named SDK belongs to.
const MAIN_SDK: &[&str] = &[
    "@clerk/nextjs",
    "@clerk/remix",
    "@clerk/react-router",
    "@clerk/tanstack-react-start",
    "@clerk/tanstack-start",
    "@clerk/astro",
    "@clerk/nuxt",
    "@clerk/vue",
    "@clerk/expo",
    "@clerk/clerk-expo",
    "@clerk/express",
    "@clerk/clerk-sdk-node",
    "@clerk/fastify",
    "@clerk/react",
    "@clerk/clerk-react",
    "@clerk/clerk-js",
    "@clerk/backend",
    "@clerk/shared",
    "gatsby-plugin-clerk",
];

fn main_sdk<'a>(names: impl Iterator<Item = &'a str>) -> Option<String> {
    let names: Vec<&str> = names.collect();
    MAIN_SDK
        .iter()
        .find(|m| names.contains(m))
        .map(|m| m.to_string())
}
