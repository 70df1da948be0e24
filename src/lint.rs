//! The check pipeline: walk, read, model the project, run every selected rule on every file,
//! and hand back sorted diagnostics. Nothing here formats output or decides exit codes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis;
use crate::analysis::endpoint::Analysis;
use crate::analysis::endpoint::FrameworkId;
use crate::config::{Config, Configs};
use crate::diagnostic::{Diagnostic, sort_and_dedup};
use crate::output::Summary;
// Re-exported for callers that predate `crate::parallel`.
pub use crate::parallel::{WORKER_STACK, parallel_map};
use crate::project::Project;
use crate::rules::invalid_suppression::InvalidSuppression;
use crate::rules::unused_suppression::UnusedSuppression;
use crate::rules::{Context, ProjectCx, Rule, SourceKind};
use crate::source::env::EnvFile;
use crate::source::script::ScriptFile;
use crate::source::{FileKind, SourceFile, deploy};
use crate::suppress::{self, Suppression};
use crate::walk::{self, WalkedFile};

/// Default `--max-file-size`: 1 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

/// Lockfiles of large monorepos run to tens of MiB; they are read whatever the size limit,
/// up to this much.
const LOCKFILE_MAX_SIZE: u64 = 256 * 1024 * 1024;

/// Bytes looked at to decide whether a file is binary (as git and ripgrep do).
const BINARY_SNIFF: usize = 8 * 1024;

/// Where the configuration comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ConfigMode {
    /// The nearest `clerk-lint.toml` above each file.
    #[default]
    Discover,
    /// One file for everything (`--config`).
    File(PathBuf),
    /// No config file (`--isolated`).
    Isolated,
}

pub struct Settings {
    /// The rules to run, in registry order.
    pub rules: Vec<&'static dyn Rule>,
    /// `--select` / `--ignore` were given: they override the config files' selection.
    pub cli_selected: bool,
    /// `--extend-select`: rules that run wherever they are, whatever the config's selection.
    pub extend_select: Vec<&'static str>,
    /// `--max-file-size`, when given (else the config's, else 1 MiB).
    pub max_file_size: Option<u64>,
    pub config: ConfigMode,
    /// `--exclude`: files whose shown path matches are not read (besides `files.exclude`).
    pub exclude: Option<globset::GlobSet>,
    /// `--force-exclude`: the excludes (`--exclude`, `files.exclude`) apply to files named on
    /// the command line (and `--stdin-filename`) too; by default a named file is checked.
    pub force_exclude: bool,
    /// `--stdin-filename`: this text stands for the file at that shown path (an editor's
    /// unsaved buffer), checked with the rest of the project around it.
    pub stdin: Option<StdinFile>,
    /// `clerk-lint upgrade --to`: the rules see every SDK at this target instead of the
    /// installed version ([`crate::migration::retarget`]).
    pub upgrade: Option<crate::migration::Target>,
}

/// A file's text read from stdin, and the path it is shown (and classified) as.
#[derive(Clone, Debug)]
pub struct StdinFile {
    /// Relative to the current directory, `/`-separated, as the walk shows paths below `.`.
    pub display: String,
    pub text: String,
}

/// The `--exclude` globs as one set, matched against shown paths. A pattern without `/`
/// matches a file or directory name at any depth (`*.test.ts`, `legacy`); one with `/` matches
/// from the top (`apps/old/**`); either also excludes everything below a matching directory.
pub fn exclude_set(patterns: &[String]) -> Result<Option<globset::GlobSet>, String> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = globset::GlobSetBuilder::new();
    for p in patterns {
        let p = p.trim().trim_start_matches("./").trim_end_matches('/');
        let base = if p.contains('/') {
            p.to_string()
        } else {
            format!("**/{p}")
        };
        for g in [base.clone(), format!("{base}/**")] {
            set.add(
                globset::GlobBuilder::new(&g)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| format!("invalid --exclude pattern `{p}`: {e}"))?,
            );
        }
    }
    set.build()
        .map(Some)
        .map_err(|e| format!("invalid --exclude patterns: {e}"))
}

impl Settings {
    /// Every rule, no config file: what the unit tests use.
    pub fn with_rules(rules: Vec<&'static dyn Rule>) -> Self {
        Self {
            rules,
            cli_selected: true,
            extend_select: Vec::new(),
            max_file_size: None,
            config: ConfigMode::Isolated,
            exclude: None,
            force_exclude: false,
            stdin: None,
            upgrade: None,
        }
    }
}

#[derive(Debug)]
pub struct Outcome {
    /// Sorted by path, line, column, rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Files read and skipped (the severity counts are filled by the caller).
    pub summary: Summary,
    /// The text of every file that has a diagnostic.
    pub sources: HashMap<String, Arc<str>>,
    /// Non-fatal problems to show on stderr (unreadable files, symlink loops).
    pub warnings: Vec<String>,
    /// What the run did not cover, said once (`endpoints of the SvelteKit app `web` are not
    /// analysed`), so a clean result is not read as an all-clear.
    pub notes: Vec<String>,
    pub project: Project,
    /// The endpoints and middleware findings (empty when no project rule ran).
    pub analysis: Analysis,
    /// Every file read.
    pub files: Vec<SourceFile>,
    /// Findings hidden by inline suppressions.
    pub suppressed: usize,
}

impl Outcome {
    pub fn files_by_path(&self) -> HashMap<&str, &SourceFile> {
        self.files
            .iter()
            .map(|f| (f.rel_path.as_str(), f))
            .collect()
    }
}

/// An error that stops the run (exit code 2).
#[derive(Debug)]
pub struct Error(pub String);

pub fn run(paths: &[PathBuf], settings: &Settings) -> Result<Outcome, Error> {
    let walked = walk::walk(paths).map_err(|e| Error(e.0))?;
    let mut warnings = walked.warnings;
    let context_only = walked.context_only;

    // Configuration: the nearest clerk-lint.toml above the scan roots and every app root.
    let configs = match &settings.config {
        ConfigMode::Isolated => Configs::default(),
        ConfigMode::File(p) => Configs::single(p).map_err(Error)?,
        ConfigMode::Discover => {
            let mut dirs: Vec<PathBuf> = paths.to_vec();
            for f in &walked.files {
                if matches!(f.kind, FileKind::PackageJson | FileKind::CargoToml)
                    && let Some(parent) = f.path.parent()
                {
                    dirs.push(if parent.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        parent.to_path_buf()
                    });
                }
            }
            Configs::discover(&dirs).map_err(Error)?
        }
    };
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let max_file_size = settings
        .max_file_size
        .or_else(|| {
            paths
                .first()
                .and_then(|r| configs.for_path(&canonical(r)))
                .and_then(|c| c.max_file_size)
        })
        .unwrap_or(DEFAULT_MAX_FILE_SIZE);
    // A file named on the command line is checked even if excluded, as in ruff, unless
    // `--force-exclude` (a pre-commit hook passes every changed file, excluded or not).
    let excluded = |display: &str, real: &Path| -> bool {
        if !settings.force_exclude && walked.named.contains(display) {
            return false;
        }
        if settings
            .exclude
            .as_ref()
            .is_some_and(|e| e.is_match(display))
        {
            return true;
        }
        if configs.is_empty() {
            return false;
        }
        configs.for_path(real).is_some_and(|c| c.excludes(real))
    };
    let walked_files: Vec<WalkedFile> = walked
        .files
        .into_iter()
        .filter(|f| !excluded(&f.display, &f.real))
        .collect();

    let read = parallel_map(&walked_files, |f| read_file(f, max_file_size));
    let mut summary = Summary::default();
    let mut files = Vec::with_capacity(read.len());
    // Files too large to check may still mention a variable a fix would rename.
    let mut too_large: Vec<(PathBuf, String)> = Vec::new();
    for (r, walked) in read.into_iter().zip(&walked_files) {
        match r {
            Read::File(f) => files.push(f),
            Read::Binary => summary.skipped_binary += 1,
            Read::TooLarge => {
                summary.skipped_large += 1;
                too_large.push((walked.path.clone(), walked.display.clone()));
            }
            Read::Failed(w) => warnings.push(w),
        }
    }
    if let Some(stdin) = &settings.stdin {
        // The buffer replaces the file on disk, or joins the project as a new file.
        let on_disk = files.iter().position(|f| f.rel_path == stdin.display);
        let git_ignored = on_disk.is_some_and(|i| files[i].git_ignored);
        if let Some(i) = on_disk {
            files.remove(i);
        }
        let dropped = settings.force_exclude
            && excluded(&stdin.display, &canonical(Path::new(&stdin.display)));
        if let Some(kind) = walk::classify(&stdin.display).filter(|_| !dropped) {
            files.push(SourceFile::new(
                PathBuf::from(&stdin.display),
                stdin.display.clone(),
                kind,
                Arc::from(stdin.text.as_str()),
                git_ignored,
            ));
        }
    }
    summary.files = files.len();

    // Code nested deeper than the parser's recursion can take is not parsed (nor analysed):
    // it becomes a `parse-error` note, and its text is still checked for secrets.
    // Measured on every worker: a serial pass was 9% of a monorepo run.
    let depths = parallel_map(&files, |f| {
        (f.kind == FileKind::Script).then(|| crate::source::nesting::depth(&f.text))
    });
    let mut too_deep: Vec<Diagnostic> = Vec::new();
    for (f, depth) in files.iter_mut().zip(depths.iter().copied()) {
        if let Some(depth) = depth
            && depth > crate::source::nesting::MAX_NESTING
        {
            too_deep.push(crate::rules::parse_error::too_deep(f, depth));
            f.kind = FileKind::Other;
        }
    }

    let package_jsons: Vec<(PathBuf, String, &str)> = files
        .iter()
        .filter(|f| f.kind == FileKind::PackageJson)
        .map(|f| (f.abs_path.clone(), f.rel_path.clone(), &*f.text))
        .collect();
    for (_, rel, text) in &package_jsons {
        if crate::project::manifest_is_malformed(text) {
            warnings.push(format!(
                "`{rel}` is not valid JSON; it was read forgivingly, with the fields that could be made out"
            ));
        }
    }
    let mut project = Project::load(&package_jsons);
    if let Some(target) = settings.upgrade {
        for app in &mut project.apps {
            app.clerk = crate::migration::retarget(&app.clerk, target);
        }
    }
    let cargo_tomls: Vec<(PathBuf, String, &str)> = files
        .iter()
        .filter(|f| f.kind == FileKind::CargoToml)
        .map(|f| (f.abs_path.clone(), f.rel_path.clone(), &*f.text))
        .collect();
    // A Rust web crate that checks Clerk tokens by hand (no clerk-rs) names Clerk in its code.
    let uses_clerk = |rel_root: &str| -> bool {
        let src = if rel_root.is_empty() {
            "src/".to_owned()
        } else {
            format!("{rel_root}/src/")
        };
        files.iter().any(|f| {
            f.kind == FileKind::Rust
                && crate::project::normalize_rel(&f.rel_path).starts_with(&src)
                && (f.text.contains("clerk")
                    || f.text.contains("Clerk")
                    || f.text.contains("CLERK"))
        })
    };
    project.add_cargo(&cargo_tomls, &uses_clerk);

    // Which config governs each file (by display path).
    let config_of: HashMap<String, &Config> = if configs.is_empty() {
        HashMap::new()
    } else {
        files
            .iter()
            .filter_map(|f| {
                configs
                    .for_path(&f.canonical_path())
                    .map(|c| (f.rel_path.clone(), c))
            })
            .collect()
    };
    // A rule runs when the command line selects it, or (without --select/--ignore) when any
    // config (or the default, for files without one) enables it; per-file filtering follows.
    let rules: Vec<&'static dyn Rule> = if settings.cli_selected || configs.is_empty() {
        settings.rules.clone()
    } else {
        settings
            .rules
            .iter()
            .copied()
            .filter(|r| {
                settings.extend_select.contains(&r.meta().id)
                    || configs.iter().any(|c| c.enables(r.meta().id))
                    || files.iter().any(|f| !config_of.contains_key(&f.rel_path))
            })
            .collect()
    };
    let enabled = |path: &str, id: &str| -> bool {
        if !rules.iter().any(|r| r.meta().id == id) {
            return false;
        }
        settings.cli_selected
            || settings.extend_select.contains(&id)
            || config_of.get(path).is_none_or(|c| c.enables(id))
    };

    let work: Vec<(&SourceFile, Option<usize>)> = files.iter().zip(depths).collect();
    let per_file = parallel_map(&work, |&(file, depth)| {
        check_file(file, depth, &project, &rules)
    });
    drop(work);
    let mut diagnostics: Vec<Diagnostic> = per_file.into_iter().flatten().collect();
    diagnostics.extend(too_deep);

    // Project-wide rules: endpoints, middleware and helpers across files.
    // `[routes] public` entries that named an endpoint: (config address, entry index).
    let used_public: std::sync::Mutex<std::collections::HashSet<(usize, usize)>> =
        std::sync::Mutex::default();
    let config_key = |c: &Config| c as *const Config as usize;
    let project_rules = rules.iter().any(|r| r.meta().source == SourceKind::Project);
    let mut analysis_out = if project_rules {
        let is_public = |display: &str, method: &str, samples: &[String]| -> bool {
            let Some(c) = config_of.get(display) else {
                return false;
            };
            let entries = c.public_url_entries(method, samples);
            let mut used = used_public.lock().unwrap_or_else(|e| e.into_inner());
            used.extend(entries.iter().map(|&i| (config_key(c), i)));
            !entries.is_empty()
        };
        let options = analysis::Options {
            is_public: &is_public,
            auth_helpers: configs.auth_helpers(),
        };
        analysis::analyze(&project, &files, &options)
    } else {
        Analysis::default()
    };
    // Endpoints called by name or id (tRPC procedures, server actions) are named in
    // `[routes] public` by that name.
    for e in analysis_out
        .endpoints
        .iter_mut()
        .filter(|e| e.url.is_none())
    {
        let Some(c) = config_of.get(&e.location.file) else {
            continue;
        };
        let action = e.kind != crate::analysis::endpoint::EndpointKind::TrpcProcedure;
        let app_rel = crate::analysis::framework::rel_to_app(&e.location.file, &e.app);
        // TanStack Start server functions are named `file#export`; the entry names the export.
        // A tRPC procedure by the path clients call (`post.getAll`) or by its definition
        // name (`postRouter.getAll`).
        fn short(n: &str, action: bool) -> &str {
            match n.rsplit_once('#') {
                Some((_, x)) if action => x,
                _ => n,
            }
        }
        let found = std::iter::once(&e.name).chain(&e.aliases).find_map(|n| {
            c.public_named_entry(action, short(n, action), &e.location.file, app_rel)
        });
        if let Some(i) = found {
            e.public = true;
            used_public
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert((config_key(c), i));
        }
    }
    let used_public = used_public.into_inner().unwrap_or_else(|e| e.into_inner());
    let by_path: HashMap<String, &SourceFile> =
        files.iter().map(|f| (f.rel_path.clone(), f)).collect();
    {
        let cx = ProjectCx {
            project: &project,
            endpoints: &analysis_out.endpoints,
            issues: &analysis_out.issues,
            unawaited: &analysis_out.unawaited,
            parse_errors: &analysis_out.parse_errors,
            files: &by_path,
        };
        for rule in &rules {
            rule.check_project(&cx, &mut diagnostics);
        }
    }

    // Per-file selection and severities from the config files.
    diagnostics.retain(|d| enabled(&d.path, d.rule.id));
    // `route-matcher-wildcard`'s pattern-only findings are an opt-in.
    diagnostics.retain(|d| {
        !d.fingerprint
            .starts_with(crate::rules::route_matcher_wildcard::PATTERN_ONLY)
            || config_of
                .get(&d.path)
                .is_some_and(|c| c.file.rules.route_matcher_wildcard.pattern_only)
    });
    for d in &mut diagnostics {
        if let Some(sev) = config_of
            .get(&d.path)
            .and_then(|c| c.severity.get(d.rule.id))
        {
            d.severity = *sev;
        }
    }

    // Inline suppressions.
    let sups: Vec<Suppression> = files.iter().flat_map(suppress::parse).collect();
    let known = |id: &str| crate::rules::by_id(id).is_some();
    let applied = suppress::apply(&mut diagnostics, &sups, &known, &enabled);
    for (s, problem) in &applied.invalid {
        if enabled(&s.file, "invalid-suppression")
            && let Some(f) = by_path.get(&s.file)
        {
            diagnostics.push(InvalidSuppression::report(s, problem, f));
        }
    }
    for s in &applied.unused {
        if enabled(&s.file, "unused-suppression")
            && let Some(f) = by_path.get(&s.file)
        {
            diagnostics.push(UnusedSuppression::report(s, f));
        }
    }
    // A `[routes] public` entry that names no endpoint is reported, never silently ignored.
    if project_rules {
        for c in configs.iter() {
            for (i, (entry, _)) in c.public.iter().enumerate() {
                if used_public.contains(&(config_key(c), i)) {
                    continue;
                }
                let canonical_config = std::fs::canonicalize(&c.path).ok();
                let file = files.iter().find(|f| {
                    canonical_config.is_some()
                        && std::fs::canonicalize(&f.abs_path).ok() == canonical_config
                });
                match file {
                    Some(f) if enabled(&f.rel_path, "unused-suppression") => {
                        diagnostics.push(UnusedSuppression::report_public_entry(entry, f));
                    }
                    Some(_) => {}
                    None => warnings.push(format!(
                        "{}: `[routes] public` entry `{entry}` matches no endpoint",
                        c.path.display()
                    )),
                }
            }
        }
    }
    drop(by_path);
    crate::fix::resolve_groups(&mut diagnostics, &files, &too_large);
    // Files read only as the context of a file argument are not reported.
    if !context_only.is_empty() {
        diagnostics.retain(|d| !context_only.contains(&d.path));
    }
    sort_and_dedup(&mut diagnostics);
    stable_fingerprints(&mut diagnostics, &files);

    let mut sources = HashMap::new();
    {
        let text_of: HashMap<&str, &Arc<str>> = files
            .iter()
            .map(|f| (f.rel_path.as_str(), &f.text))
            .collect();
        for d in &diagnostics {
            if !sources.contains_key(&d.path)
                && let Some(text) = text_of.get(d.path.as_str())
            {
                sources.insert(d.path.clone(), Arc::clone(text));
            }
        }
    }
    warnings.sort();
    warnings.dedup();
    let notes = if project_rules {
        unanalysed_frameworks(&project)
    } else {
        Vec::new()
    };
    Ok(Outcome {
        diagnostics,
        summary,
        sources,
        warnings,
        notes,
        project,
        analysis: analysis_out,
        files,
        suppressed: applied.suppressed,
    })
}

/// Server frameworks recognised by their npm packages, for the note on apps whose endpoints no
/// framework adapter analyses. (`next-connect` runs inside Next.js `pages/api`, which the
/// Next.js adapter reads.)
const FRAMEWORK_PACKAGES: &[(FrameworkId, &str, &[&str])] = &[
    (FrameworkId::NextJs, "Next.js", &["next"]),
    (FrameworkId::SvelteKit, "SvelteKit", &["@sveltejs/kit"]),
    (FrameworkId::Nuxt, "Nuxt", &["nuxt"]),
    (FrameworkId::Astro, "Astro", &["astro"]),
    (
        FrameworkId::Remix,
        "Remix",
        &[
            "@remix-run/node",
            "@remix-run/server-runtime",
            "@remix-run/cloudflare",
            "@remix-run/deno",
        ],
    ),
    (
        FrameworkId::ReactRouter,
        "React Router",
        &[
            "@react-router/node",
            "@react-router/dev",
            "@react-router/serve",
        ],
    ),
    (
        FrameworkId::TanStackStart,
        "TanStack Start",
        &[
            "@tanstack/react-start",
            "@tanstack/solid-start",
            "@tanstack/start",
        ],
    ),
    (FrameworkId::Express, "Express", &["express"]),
    (FrameworkId::Fastify, "Fastify", &["fastify"]),
    (FrameworkId::Hono, "Hono", &["hono"]),
    (FrameworkId::Koa, "Koa", &["koa"]),
    (FrameworkId::NestJs, "NestJS", &["@nestjs/core"]),
];

/// One note per app that uses Clerk and a server framework no adapter in
/// [`crate::analysis::framework::FRAMEWORKS`] analyses: its endpoints are not checked.
/// As adapters are added to that list, their notes disappear.
pub fn unanalysed_frameworks(project: &Project) -> Vec<String> {
    let analysed = |id: FrameworkId| {
        crate::analysis::framework::FRAMEWORKS
            .iter()
            .any(|f| f.id() == id)
    };
    let mut notes = Vec::new();
    for app in &project.apps {
        if !app.deps.keys().any(|d| d.contains("clerk")) {
            continue;
        }
        for (id, name, packages) in FRAMEWORK_PACKAGES {
            if !analysed(*id) && packages.iter().any(|p| app.deps.contains_key(*p)) {
                let which = match app.rel_root.as_str() {
                    "" | "." => "this".to_string(),
                    root => format!("the `{root}`"),
                };
                notes.push(format!(
                    "endpoints of {which} {name} app are not analysed: missing-auth, unchecked-auth and unverified-webhook do not cover them"
                ));
            }
        }
    }
    notes
}

/// Makes every fingerprint a key a baseline can trust: a rule that set none gets the code the
/// finding points at (never its message or line), and findings of one rule in one file that
/// share a key are numbered in source order (`CLERK_API_KEY`, `CLERK_API_KEY #2`), so each key
/// is unique within its file and a line inserted above a finding does not change it.
/// `diagnostics` are sorted.
pub fn stable_fingerprints(diagnostics: &mut [Diagnostic], files: &[SourceFile]) {
    let text_of: HashMap<&str, &str> = files
        .iter()
        .map(|f| (f.rel_path.as_str(), &*f.text))
        .collect();
    let mut seen: HashMap<(&'static str, String, String), usize> = HashMap::new();
    for d in diagnostics.iter_mut() {
        if d.fingerprint.is_empty() {
            let code = text_of
                .get(d.path.as_str())
                .and_then(|t| t.get(d.range.clone()))
                .unwrap_or_default();
            let code: String = code
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(120)
                .collect();
            d.fingerprint =
                crate::secrets::redact_text(if code.is_empty() { d.rule.id } else { &code });
        }
        let n = seen
            .entry((d.rule.id, d.path.clone(), d.fingerprint.clone()))
            .or_insert(0);
        *n += 1;
        if *n > 1 {
            d.fingerprint = format!("{} #{n}", d.fingerprint);
        }
    }
}

enum Read {
    File(SourceFile),
    Binary,
    TooLarge,
    Failed(String),
}

fn read_file(f: &WalkedFile, max_size: u64) -> Read {
    let limit = match f.kind {
        FileKind::Lockfile | FileKind::PackageJson => LOCKFILE_MAX_SIZE.max(max_size),
        _ => max_size,
    };
    let bytes = match crate::fsio::read(&f.path, limit) {
        Ok(b) => b,
        Err(crate::fsio::ReadError::TooLarge(_)) => return Read::TooLarge,
        Err(e) => return Read::Failed(format!("cannot read `{}`: {e}", f.display)),
    };
    // Only files of no known kind may be skipped as binary: a NUL byte in a comment does not
    // stop Node from running a route file, so it must not stop the check either.
    if f.kind == FileKind::Other && bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Read::Binary;
    }
    // Invalid UTF-8 and NUL are replaced: a stray Latin-1 byte must not hide a leaked key.
    let text: Arc<str> = Arc::from(crate::fsio::decode(bytes));
    Read::File(
        SourceFile::new(
            f.path.clone(),
            f.display.clone(),
            f.kind,
            text,
            f.git_ignored,
        )
        .with_real_path(f.real.clone()),
    )
}

/// `depth`: the nesting depth of a script, measured already.
fn check_file(
    file: &SourceFile,
    depth: Option<usize>,
    project: &Project,
    rules: &[&'static dyn Rule],
) -> Vec<Diagnostic> {
    let clerk = project.clerk_ref(&file.rel_path);
    let cx = Context {
        file,
        clerk: &clerk,
    };
    let mut out = Vec::new();
    match file.kind {
        FileKind::Env => {
            let defs = EnvFile::parse(&file.text).defs();
            for rule in rules {
                rule.check_env_defs(&defs, &cx, &mut out);
            }
        }
        FileKind::Workflow
        | FileKind::Compose
        | FileKind::Dockerfile
        | FileKind::Vercel
        | FileKind::Netlify
        | FileKind::Turbo => {
            let defs = deploy::defs_for(file.kind, &file.text);
            for rule in rules {
                rule.check_env_defs(&defs, &cx, &mut out);
            }
        }
        FileKind::Script => {
            if script_may_matter(&file.text) {
                let script = match depth {
                    Some(depth) => ScriptFile::parse_measured(&file.rel_path, &file.text, depth),
                    None => ScriptFile::parse(&file.rel_path, &file.text),
                };
                for rule in rules {
                    rule.check_script(&script, &cx, &mut out);
                }
            }
        }
        FileKind::PackageJson
        | FileKind::Lockfile
        | FileKind::Rust
        | FileKind::CargoToml
        | FileKind::Other => {}
    }
    for rule in rules {
        rule.check_text(&cx, &mut out);
    }
    out
}

/// Parse lazily: a script matters to the env rules only if it can read an environment
/// variable whose name concerns Clerk, and to the migration rules only if it imports a Clerk
/// package. The checks are substring tests, far cheaper than a parse.
fn script_may_matter(text: &str) -> bool {
    let reads_env = text.contains("env");
    (reads_env
        && (text.contains("CLERK")
            || text.contains("WEBHOOK_SECRET")
            || text.contains("SIGNING_SECRET")))
        || text.contains("@clerk/")
        // Express's `req.auth`, set up by `clerkMiddleware()` in another file.
        || text.contains("req.auth")
        // Community SDKs, and Clerk's components in a Nuxt template (auto-imported).
        || text.contains("svelte-clerk")
        || text.contains("vue-clerk")
        || text.contains("clerk-sveltekit")
        || (text.contains("<template")
            && ["<Sign", "<UserButton", "<UserProfile", "<Organization", "<Protect"]
                .iter()
                .any(|t| text.contains(t)))
}
