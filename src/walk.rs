//! Finding the files to check: a parallel walk with `ignore` that respects `.gitignore` and
//! `.ignore`, always skips dependency and build output, and always reads `.env*` files, even
//! hidden or git-ignored ones (recording that they are ignored).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::{Match, WalkBuilder, WalkState};

use crate::source::FileKind;
use crate::source::script::SCRIPT_EXTENSIONS;

/// Directories never entered, whatever the ignore files say.
pub const ALWAYS_SKIP: &[&str] = &[
    "node_modules",
    ".git",
    ".next",
    "dist",
    "build",
    "out",
    "coverage",
    "target",
    ".turbo",
    ".vercel",
    "vendor",
    // Package-manager stores committed by mistake (a `.pnpm-store/` of 61k files was a third
    // of the CPU over 132 real apps, and holds no code of the app).
    ".pnpm-store",
    ".yarn",
    "bower_components",
];

/// Generated or tool directories that hold no `.env` files of the app: when ignored, the walk
/// does not enter them (it enters them when they are not ignored).
const ENV_WALK_SKIP: &[&str] = &[
    ".venv",
    "venv",
    "__pycache__",
    ".cache",
    ".svelte-kit",
    ".nuxt",
    ".output",
    ".astro",
    ".expo",
    ".pnpm-store",
    ".yarn",
    ".idea",
    ".vscode",
];

/// One file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkedFile {
    pub path: PathBuf,
    /// The path as shown in output: the given root joined with the file's path below it,
    /// `/`-separated, without a leading `./`.
    pub display: String,
    pub kind: FileKind,
    pub git_ignored: bool,
    /// The canonical path: the walk root's canonical path joined with the path below it (the
    /// walk follows no directory links, so only a symlinked file itself needs the file system).
    pub real: PathBuf,
}

#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<WalkedFile>,
    /// Problems met on the way (unreadable directories, symlink loops); reported, not fatal.
    pub warnings: Vec<String>,
    /// Files read only as the context of a file named on the command line (its app's
    /// middleware, helpers, manifest): analysed, never reported.
    pub context_only: HashSet<String>,
    /// Display paths of the files named on the command line (checked even if excluded,
    /// unless `--force-exclude`).
    pub named: HashSet<String>,
}

/// The error for a root that cannot be checked at all.
#[derive(Debug)]
pub struct WalkError(pub String);

/// Walks every root. A root that does not exist is an error; a root that is a file is
/// checked as given, even if ignore files would skip it, and the app it belongs to (the nearest
/// directory above it with a `package.json`) is walked too, for context only: its middleware,
/// helpers and manifest decide what the file's findings are, but only the file is reported
/// (see [`Walk::context_only`]). A file reached from two roots (`x` and `x/./app`) is kept once.
pub fn walk(roots: &[PathBuf]) -> Result<Walk, WalkError> {
    let mut out = Walk::default();
    let mut file_roots: Vec<(PathBuf, WalkedFile)> = Vec::new();
    let mut context_dirs: Vec<PathBuf> = Vec::new();
    for root in roots {
        let meta = std::fs::metadata(root).map_err(|e| {
            WalkError(format!(
                "cannot read `{}`: {}",
                display_path(root),
                io_reason(&e)
            ))
        })?;
        if !meta.is_file() && !meta.is_dir() {
            return Err(WalkError(format!(
                "cannot check `{}`: not a regular file or a directory",
                display_path(root)
            )));
        }
        if meta.is_file() {
            let display = display_path(root);
            let kind = classify(&display).unwrap_or(FileKind::Other);
            let entry = WalkedFile {
                path: root.clone(),
                display,
                kind,
                git_ignored: false,
                real: canonical(root),
            };
            if let Some(dir) = app_root_above(root) {
                context_dirs.push(dir);
            }
            file_roots.push((entry.real.clone(), entry));
            continue;
        }
        walk_dir(root, &mut out);
    }
    // Files met from the roots themselves, by real path (a later duplicate is dropped). A file
    // named on the command line is not ignored, even when a directory walk also met it as an
    // ignored `.env*` file.
    let named: HashSet<PathBuf> = file_roots.iter().map(|(c, _)| c.clone()).collect();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let multiple = roots.len() > 1 || !context_dirs.is_empty();
    if multiple {
        out.files.sort_by(|a, b| {
            (a.git_ignored, a.display.len(), &a.display).cmp(&(
                b.git_ignored,
                b.display.len(),
                &b.display,
            ))
        });
        out.files.retain_mut(|f| {
            if named.contains(&f.real) {
                f.git_ignored = false;
                out.named.insert(f.display.clone());
            }
            seen.insert(f.real.clone())
        });
    }
    if !context_dirs.is_empty() {
        context_dirs.sort();
        context_dirs.dedup();
        let mut context = Walk::default();
        for dir in &context_dirs {
            walk_dir(dir, &mut context);
        }
        out.warnings.extend(context.warnings);
        for mut f in context.files {
            let real = f.real.clone();
            if named.contains(&real) {
                // The file named on the command line, seen from its app root: that is the
                // display the analysis needs (routes are paths below the app root).
                if seen.insert(real) {
                    f.git_ignored = false;
                    out.named.insert(f.display.clone());
                    out.files.push(f);
                }
            } else if seen.insert(real) {
                out.context_only.insert(f.display.clone());
                out.files.push(f);
            }
        }
    }
    for (real, entry) in file_roots {
        if seen.insert(real) {
            out.named.insert(entry.display.clone());
            out.files.push(entry);
        }
    }
    // A file named on the command line is not ignored, even when a directory walk also met
    // it as an ignored `.env*` file: that entry sorts first and is the one kept.
    out.files.sort_by(|a, b| {
        a.display
            .cmp(&b.display)
            .then(a.git_ignored.cmp(&b.git_ignored))
    });
    out.files.dedup_by(|a, b| a.display == b.display);
    Ok(out)
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The nearest directory above the file `file` that holds a `package.json`, as a path that
/// starts like `file` (`app/src/route.ts` → `app`), so that the file's display path is the
/// same from there. Stops at a directory holding `.git`, and after 32 levels.
fn app_root_above(file: &Path) -> Option<PathBuf> {
    let mut dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    for _ in 0..32 {
        let probe = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.clone()
        };
        if std::fs::metadata(probe.join("package.json")).is_ok_and(|m| m.is_file()) {
            return Some(probe);
        }
        if probe.join(".git").exists() {
            return None;
        }
        let real = std::fs::canonicalize(&probe).ok()?;
        real.parent()?;
        dir = match dir.file_name() {
            // Lexically up while the given path allows it, then through `..`.
            Some(_)
                if dir
                    .components()
                    .all(|c| !matches!(c, std::path::Component::ParentDir)) =>
            {
                dir.parent().map(Path::to_path_buf).unwrap_or_default()
            }
            _ => probe.join(".."),
        };
    }
    None
}

fn walk_dir(root: &Path, out: &mut Walk) {
    let found = Mutex::new(Vec::new());
    let warnings = Mutex::new(Vec::new());
    run_walk(root, &found, &warnings);
    out.files.extend(found.into_inner().unwrap_or_default());
    out.warnings
        .extend(warnings.into_inner().unwrap_or_default());
}

/// The ignore rules that apply in one directory: its own `.ignore`, `.gitignore` and (where a
/// `.git` is) `.git/info/exclude`, then its parent's, up to the file system root.
struct Rules {
    ignore: Option<Gitignore>,
    gitignore: Option<Gitignore>,
    exclude: Option<Gitignore>,
    parent: Option<Arc<Rules>>,
}

/// What the walk knows of a directory it entered.
#[derive(Clone)]
struct DirState {
    /// Ignored itself, or below an ignored directory: nothing under it can be un-ignored.
    ignored: bool,
    /// At or below a directory named in [`ENV_WALK_SKIP`]: ignored files here are not kept.
    env_skip: bool,
    rules: Option<Arc<Rules>>,
}

/// The ignore files of `dir` (canonical), as the `ignore` crate reads them with
/// `require_git(false)`: `.ignore` and `.gitignore` wherever they are, `info/exclude` of the
/// git directory where `.git` is (a directory, or a worktree's `gitdir:` file). Errors other
/// than I/O ones (a bad glob) are returned as the crate builds them; like the crate's walker,
/// the walk reports them only for the directories above the root.
fn dir_rules(
    dir: &Path,
    parent: Option<Arc<Rules>>,
) -> (Option<Arc<Rules>>, Option<ignore::Error>) {
    let mut errors: Vec<ignore::Error> = Vec::new();
    let mut load = |ignore_file: PathBuf| -> Option<Gitignore> {
        if !ignore_file.exists() {
            return None;
        }
        let mut builder = GitignoreBuilder::new(dir);
        if let Some(e) = builder.add(&ignore_file)
            && !e.is_io()
        {
            errors.push(e);
        }
        match builder.build() {
            Ok(gi) if gi.is_empty() => None,
            Ok(gi) => Some(gi),
            Err(e) => {
                errors.push(e);
                None
            }
        }
    };
    let ignore = load(dir.join(".ignore"));
    let gitignore = load(dir.join(".gitignore"));
    let exclude = match std::fs::metadata(dir.join(".git")) {
        Ok(m) if m.is_dir() => load(dir.join(".git/info/exclude")),
        Ok(_) => git_common_dir(dir).and_then(|common| load(common.join("info/exclude"))),
        Err(_) => None,
    };
    let error = match errors.len() {
        0 => None,
        1 => errors.pop(),
        _ => Some(ignore::Error::Partial(errors)),
    };
    if ignore.is_none() && gitignore.is_none() && exclude.is_none() {
        return (parent, error);
    }
    let rules = Rules {
        ignore,
        gitignore,
        exclude,
        parent,
    };
    (Some(Arc::new(rules)), error)
}

/// The common git directory of a worktree whose `.git` is a `gitdir: PATH` file (its
/// `commondir`), as the `ignore` crate finds it.
fn git_common_dir(dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(dir.join(".git")).ok()?;
    let git_dir = PathBuf::from(text.lines().next()?.strip_prefix("gitdir: ")?);
    let common = std::fs::read_to_string(git_dir.join("commondir")).ok()?;
    let common = common.lines().next()?;
    Some(if common.starts_with('.') {
        git_dir.join(common)
    } else {
        PathBuf::from(common)
    })
}

/// Whether `path` (canonical) is ignored by `rules` and the global excludes file, with the
/// `ignore` crate's precedence: `.ignore` over `.gitignore` over `info/exclude` over the
/// global file, and within each kind the nearest directory first.
fn is_ignored(rules: Option<&Arc<Rules>>, global: &Gitignore, path: &Path, is_dir: bool) -> bool {
    let (mut m_ignore, mut m_git, mut m_exclude) = (Match::None, Match::None, Match::None);
    let mut at = rules;
    while let Some(r) = at {
        let check = |m: &mut Match<()>, gi: &Option<Gitignore>| {
            if m.is_none()
                && let Some(gi) = gi
            {
                *m = gi.matched(path, is_dir).map(|_| ());
            }
        };
        check(&mut m_ignore, &r.ignore);
        check(&mut m_git, &r.gitignore);
        check(&mut m_exclude, &r.exclude);
        at = r.parent.as_ref();
    }
    let m_global = || global.matched(path, is_dir).map(|_| ());
    let m = m_ignore.or(m_git).or(m_exclude);
    if m.is_none() {
        m_global().is_ignore()
    } else {
        m.is_ignore()
    }
}

/// The directory rules above `root` (canonical), from the file system root down, as the
/// `ignore` crate applies them with `parents(true)`.
fn parent_rules(root: &Path, warnings: &Mutex<Vec<String>>) -> Option<Arc<Rules>> {
    let mut ancestors: Vec<&Path> = root.ancestors().skip(1).collect();
    ancestors.reverse();
    let mut rules = None;
    let mut errors = Vec::new();
    for dir in ancestors {
        let (r, error) = dir_rules(dir, rules);
        rules = r;
        errors.extend(error);
    }
    let error = match errors.len() {
        0 => None,
        1 => errors.pop(),
        _ => Some(ignore::Error::Partial(errors)),
    };
    if let (Some(e), Ok(mut w)) = (error, warnings.lock()) {
        w.push(walk_error_message(&e));
    }
    rules
}

/// The one parallel walk of `root`. Ignore files are not left to the walker: it would not
/// even list what they ignore, and `.env*` files that git ignores are exactly where the
/// deprecated names this tool exists to catch are kept. So the walk lists everything (but
/// [`ALWAYS_SKIP`]), and the same rules the `ignore` crate would apply (`.gitignore`,
/// `.ignore`, `.git/info/exclude`, the global excludes file, in every directory and above the
/// root) mark what is ignored: of that, only `.env*` files are kept, marked `git_ignored`.
/// Ignored directories in [`ENV_WALK_SKIP`] are not entered. One walk instead of two halved
/// the `getdents64` calls.
fn run_walk(root: &Path, found: &Mutex<Vec<WalkedFile>>, warnings: &Mutex<Vec<String>>) {
    let canonical_root = canonical(root);
    let canonical_root = &canonical_root;
    let global = {
        let cwd = std::env::current_dir().unwrap_or_default();
        GitignoreBuilder::new(cwd).build_global().0
    };
    let global = &global;
    let dirs: Mutex<HashMap<PathBuf, DirState>> = Mutex::new(HashMap::new());
    let dirs = &dirs;
    {
        let (rules, _) = dir_rules(canonical_root, parent_rules(canonical_root, warnings));
        if let Ok(mut d) = dirs.lock() {
            d.insert(
                root.to_path_buf(),
                DirState {
                    ignored: false,
                    env_skip: false,
                    rules,
                },
            );
        }
    }
    let parent_state = |path: &Path| -> Option<DirState> {
        let parent = path.parent()?;
        dirs.lock().ok()?.get(parent).cloned()
    };
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(false)
        .follow_links(false)
        .require_git(false)
        .git_ignore(false)
        .git_exclude(false)
        .git_global(false)
        .ignore(false)
        .parents(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if !is_dir || entry.depth() == 0 {
                return true;
            }
            let name = entry.file_name().to_string_lossy();
            !ALWAYS_SKIP.contains(&name.as_ref())
        });
    builder.build_parallel().run(|| {
        Box::new(move |entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    // Problems below an ignored directory were never met by a walk that
                    // respects the ignore files: they are not reported.
                    let ignored = error_path(&err)
                        .and_then(&parent_state)
                        .is_some_and(|s| s.ignored);
                    if !ignored && let Ok(mut w) = warnings.lock() {
                        w.push(walk_error_message(&err));
                    }
                    return WalkState::Continue;
                }
            };
            if entry.depth() == 0 {
                return WalkState::Continue;
            }
            let Some(file_type) = entry.file_type() else {
                return WalkState::Continue;
            };
            let path = entry.path();
            let Some(parent) = parent_state(path) else {
                return WalkState::Continue;
            };
            // No directory link is followed, so the canonical path is the canonical root
            // joined with the path below it; only a symlinked file is asked of the file system.
            let below_root = path
                .strip_prefix(root)
                .ok()
                .map(|rel| canonical_root.join(rel));
            let ignored = parent.ignored
                || below_root.as_deref().is_some_and(|p| {
                    is_ignored(parent.rules.as_ref(), global, p, file_type.is_dir())
                });
            if file_type.is_dir() {
                let env_skip = parent.env_skip
                    || ENV_WALK_SKIP.contains(&entry.file_name().to_string_lossy().as_ref());
                if ignored && env_skip {
                    return WalkState::Skip;
                }
                let state = if ignored {
                    DirState {
                        ignored: true,
                        env_skip,
                        rules: None,
                    }
                } else {
                    let dir = below_root.clone().unwrap_or_else(|| canonical(path));
                    let (rules, _) = dir_rules(&dir, parent.rules.clone());
                    DirState {
                        ignored: false,
                        env_skip,
                        rules,
                    }
                };
                if let Ok(mut d) = dirs.lock() {
                    d.insert(path.to_path_buf(), state);
                }
                return WalkState::Continue;
            }
            // Only regular files are read: a FIFO, socket or device named `route.ts` or `.env`
            // would block `open()` or never end.
            if !file_type.is_file() && !file_type.is_symlink() {
                return WalkState::Continue;
            }
            let display = display_path(path);
            let Some(kind) = classify(&display) else {
                return WalkState::Continue;
            };
            if ignored && (kind != FileKind::Env || parent.env_skip) {
                return WalkState::Continue;
            }
            if file_type.is_symlink() {
                // A symlinked file is read through its link; a link to a directory is not
                // followed (that is how loops are avoided); a dangling link is skipped, and so
                // is a link to anything but a regular file.
                match std::fs::metadata(path) {
                    Ok(m) if m.is_file() => {}
                    Ok(_) => return WalkState::Continue,
                    Err(e) => {
                        if !ignored && let Ok(mut w) = warnings.lock() {
                            w.push(format!(
                                "skipping `{}`: {}",
                                display_path(path),
                                io_reason(&e)
                            ));
                        }
                        return WalkState::Continue;
                    }
                }
            }
            let real = match below_root {
                Some(p) if !file_type.is_symlink() => p,
                _ => canonical(path),
            };
            if let Ok(mut f) = found.lock() {
                f.push(WalkedFile {
                    path: path.to_path_buf(),
                    display,
                    kind,
                    git_ignored: ignored,
                    real,
                });
            }
            WalkState::Continue
        })
    });
}

/// The path an error of the walk is about, if it names one.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn walk_error_message(err: &ignore::Error) -> String {
    let text = err.to_string();
    if text.contains("File system loop") {
        format!("skipping a symbolic link loop: {text}")
    } else {
        format!("skipping: {text}")
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// `path` as shown in output: `/` separators, no leading `./`, and control characters
/// escaped (`\n`, `\x1B`), so that no file name can break a line of output, inject a CI
/// workflow command or send a terminal escape sequence.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = crate::sink::escape_controls(&s, false);
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest.trim_start_matches('/');
    }
    if s.is_empty() {
        ".".to_string()
    } else {
        s.to_string()
    }
}

/// What kind of file `path` is, from its name; `None` for files clerk-lint never reads
/// (images and other media are left out here so they are not even opened).
pub fn classify(path: &str) -> Option<FileKind> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");

    if is_env_file_name(&lower) {
        return Some(FileKind::Env);
    }
    if lower.ends_with(".min.js") || lower.ends_with(".min.mjs") {
        // Minified bundles are build output, not the app's source.
        return None;
    }
    if lower.ends_with(".d.ts") || lower.ends_with(".d.mts") || lower.ends_with(".d.cts") {
        return Some(FileKind::Other);
    }
    if SCRIPT_EXTENSIONS.contains(&ext) {
        return Some(FileKind::Script);
    }
    if ext == "rs" {
        return Some(FileKind::Rust);
    }
    let in_workflows = path.contains(".github/workflows/");
    if in_workflows && (ext == "yml" || ext == "yaml") {
        return Some(FileKind::Workflow);
    }
    if (lower.starts_with("docker-compose") || lower.starts_with("compose"))
        && (ext == "yml" || ext == "yaml")
    {
        return Some(FileKind::Compose);
    }
    if lower == "dockerfile"
        || lower.starts_with("dockerfile.")
        || lower.ends_with(".dockerfile")
        || lower.ends_with(".containerfile")
        || lower == "containerfile"
    {
        return Some(FileKind::Dockerfile);
    }
    match lower.as_str() {
        "vercel.json" => return Some(FileKind::Vercel),
        "netlify.toml" => return Some(FileKind::Netlify),
        "turbo.json" | "turbo.jsonc" => return Some(FileKind::Turbo),
        "package.json" => return Some(FileKind::PackageJson),
        "cargo.toml" if name == "Cargo.toml" => return Some(FileKind::CargoToml),
        "package-lock.json"
        | "npm-shrinkwrap.json"
        | "pnpm-lock.yaml"
        | "yarn.lock"
        | "bun.lock"
        | "bun.lockb" => return Some(FileKind::Lockfile),
        _ => {}
    }
    const NEVER_READ: &[&str] = &[
        "png",
        "jpg",
        "jpeg",
        "gif",
        "webp",
        "avif",
        "ico",
        "bmp",
        "tiff",
        "svg",
        "mp4",
        "mov",
        "webm",
        "mp3",
        "wav",
        "ogg",
        "flac",
        "woff",
        "woff2",
        "ttf",
        "otf",
        "eot",
        "pdf",
        "zip",
        "gz",
        "tgz",
        "bz2",
        "xz",
        "7z",
        "rar",
        "jar",
        "wasm",
        "so",
        "dylib",
        "dll",
        "exe",
        "class",
        "pyc",
        "o",
        "a",
        "lockb",
        "map",
        "tsbuildinfo",
        "snap",
        "db",
        "sqlite",
    ];
    if NEVER_READ.contains(&ext) {
        return None;
    }
    Some(FileKind::Other)
}

/// `.env`, `.env.local`, `.env.production.local`, `.env.example`, `.envrc`, `production.env`,
/// `env.example`: the names dotenv loaders and people use.
fn is_env_file_name(lower: &str) -> bool {
    const CODE_EXT: &[&str] = &[
        ".js", ".ts", ".mjs", ".cjs", ".json", ".yml", ".yaml", ".toml", ".md", ".sh", ".py",
    ];
    if CODE_EXT.iter().any(|e| lower.ends_with(e)) {
        return false;
    }
    lower == ".env"
        || lower.starts_with(".env.")
        || lower == ".envrc"
        || lower.ends_with(".env")
        || lower == "env.example"
        || lower == "env.sample"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_cases() {
        let cases: &[(&str, Option<FileKind>)] = &[
            (".env", Some(FileKind::Env)),
            ("apps/web/.env.local", Some(FileKind::Env)),
            (".env.production.local", Some(FileKind::Env)),
            (".env.example", Some(FileKind::Env)),
            ("docker/production.env", Some(FileKind::Env)),
            (".env.ts", Some(FileKind::Script)),
            ("src/env.ts", Some(FileKind::Script)),
            ("types/global.d.ts", Some(FileKind::Other)),
            ("app/api/route.tsx", Some(FileKind::Script)),
            ("src/App.vue", Some(FileKind::Script)),
            (".github/workflows/ci.yml", Some(FileKind::Workflow)),
            ("config/ci.yml", Some(FileKind::Other)),
            ("docker-compose.prod.yml", Some(FileKind::Compose)),
            ("compose.yaml", Some(FileKind::Compose)),
            ("Dockerfile", Some(FileKind::Dockerfile)),
            ("docker/Dockerfile.web", Some(FileKind::Dockerfile)),
            ("web.Dockerfile", Some(FileKind::Dockerfile)),
            ("vercel.json", Some(FileKind::Vercel)),
            ("netlify.toml", Some(FileKind::Netlify)),
            ("turbo.json", Some(FileKind::Turbo)),
            ("package.json", Some(FileKind::PackageJson)),
            ("api/src/main.rs", Some(FileKind::Rust)),
            ("api/Cargo.toml", Some(FileKind::CargoToml)),
            ("api/Cargo.lock", Some(FileKind::Other)),
            ("pnpm-lock.yaml", Some(FileKind::Lockfile)),
            ("public/logo.png", None),
            ("public/vendor.min.js", None),
            ("README.md", Some(FileKind::Other)),
        ];
        for (path, expected) in cases {
            assert_eq!(classify(path), *expected, "{path}");
        }
    }

    #[test]
    fn display_paths() {
        assert_eq!(display_path(Path::new("./a/b.ts")), "a/b.ts");
        assert_eq!(display_path(Path::new("a/./b.ts")), "a/./b.ts");
        assert_eq!(display_path(Path::new(".")), ".");
        assert_eq!(
            display_path(Path::new("testdata/x/.env")),
            "testdata/x/.env"
        );
    }

    #[test]
    fn walks_respecting_gitignore_but_reads_ignored_env_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(".gitignore"), ".env.local\nignored/\n").unwrap();
        std::fs::write(root.join(".env"), "A=1\n").unwrap();
        std::fs::write(root.join(".env.local"), "B=1\n").unwrap();
        std::fs::create_dir_all(root.join("ignored")).unwrap();
        std::fs::write(root.join("ignored/x.ts"), "x").unwrap();
        std::fs::write(root.join("ignored/.env"), "C=1").unwrap();
        std::fs::create_dir_all(root.join("node_modules/pkg")).unwrap();
        std::fs::write(root.join("node_modules/pkg/.env"), "D=1").unwrap();
        std::fs::write(root.join("node_modules/pkg/index.js"), "x").unwrap();
        // A committed package store is skipped like node_modules, `.env` included.
        std::fs::create_dir_all(root.join(".pnpm-store/v3/files/00")).unwrap();
        std::fs::write(root.join(".pnpm-store/v3/files/00/index.js"), "x").unwrap();
        std::fs::write(root.join(".pnpm-store/.env"), "E=1").unwrap();
        std::fs::create_dir_all(root.join(".yarn/unplugged/pkg")).unwrap();
        std::fs::write(root.join(".yarn/unplugged/pkg/index.js"), "x").unwrap();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/a.ts"), "x").unwrap();

        let walk = walk(&[root.to_path_buf()]).unwrap();
        let rel = |f: &WalkedFile| {
            f.path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        };
        let mut got: Vec<(String, bool)> =
            walk.files.iter().map(|f| (rel(f), f.git_ignored)).collect();
        got.sort();
        assert_eq!(
            got,
            vec![
                (".env".to_string(), false),
                (".env.local".to_string(), true),
                (".gitignore".to_string(), false),
                ("ignored/.env".to_string(), true),
                ("src/a.ts".to_string(), false),
            ]
        );
    }

    /// The one walk marks as ignored exactly what the `ignore` crate's own walk leaves out:
    /// nested `.gitignore` files, negations, anchored patterns, `.ignore` files, ignored
    /// directories.
    #[test]
    fn ignored_files_are_what_the_ignore_crate_skips() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files: &[(&str, &str)] = &[
            (
                ".gitignore",
                "*.log\n!keep.log\nsub/secret/\n/top-only.ts\n",
            ),
            (".ignore", "tmp/\n"),
            ("a.ts", "x"),
            ("x.log", "x"),
            ("keep.log", "x"),
            ("top-only.ts", "x"),
            ("deep/top-only.ts", "x"),
            (".env", "A=1"),
            ("sub/.gitignore", "*.ts\n!important.ts\n"),
            ("sub/b.ts", "x"),
            ("sub/important.ts", "x"),
            ("sub/.env.local", "B=1"),
            ("sub/secret/.env", "C=1"),
            ("sub/secret/c.ts", "x"),
            ("tmp/.env", "D=1"),
            ("tmp/d.ts", "x"),
            (".venv/.env", "E=1"),
            (".venv/.gitignore", ".env.skip\n"),
            (".venv/.env.skip", "F=1"),
        ];
        for (path, text) in files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let rel = |p: &Path| {
            p.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        };
        let mut expected: Vec<String> = WalkBuilder::new(root)
            .hidden(false)
            .require_git(false)
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(|e| rel(e.path()))
            .filter(|p| classify(p).is_some())
            .collect();
        expected.sort();
        let walk = walk(&[root.to_path_buf()]).unwrap();
        let mut kept: Vec<String> = walk
            .files
            .iter()
            .filter(|f| !f.git_ignored)
            .map(|f| rel(&f.path))
            .collect();
        kept.sort();
        assert_eq!(kept, expected);
        let mut ignored: Vec<String> = walk
            .files
            .iter()
            .filter(|f| f.git_ignored)
            .map(|f| rel(&f.path))
            .collect();
        ignored.sort();
        // `.venv/.env.skip` is ignored below a tool directory: not kept.
        assert_eq!(ignored, vec!["sub/secret/.env", "tmp/.env"]);
        for f in &walk.files {
            assert_eq!(
                f.real,
                std::fs::canonicalize(&f.path).unwrap(),
                "{}",
                f.display
            );
        }
    }

    #[test]
    fn missing_root_is_an_error() {
        let err = walk(&[PathBuf::from("/definitely/not/here")]).unwrap_err();
        assert!(err.0.contains("no such file or directory"), "{}", err.0);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_do_not_hang_or_panic() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("self"), root.join("self")).unwrap();
        std::fs::write(root.join("a/.env"), "A=1").unwrap();
        let walk = walk(&[root.to_path_buf()]).unwrap();
        assert_eq!(walk.files.len(), 1);
    }
}
