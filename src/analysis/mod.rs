//! Endpoint analysis: which server entry points an app has, and how (or whether) each one
//! verifies who is calling.
//!
//! [`analyze`] builds one [`engine::Engine`] for the project, then runs every
//! [`framework::FRAMEWORKS`] adapter on each app it detects; the result is the
//! framework-neutral [`endpoint::Analysis`] the rules read.

pub mod endpoint;
pub mod engine;
pub mod fileroutes;
pub mod framework;
pub mod resolve;
pub mod routes;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::analysis::endpoint::Analysis;
use crate::analysis::engine::{Engine, FileEntry, Vocabulary};
use crate::analysis::framework::{AnalysisOut, AppCx, FRAMEWORKS, Framework, ProjectCx};
use crate::project::{App, AppKind, Project};
use crate::source::{FileKind, SourceFile};

/// What the configuration adds to the analysis.
pub struct Options<'o> {
    /// Whether an endpoint (its file's display path, its method label, its URL samples) is
    /// public on purpose (`[routes] public` in clerk-lint.toml).
    pub is_public: &'o dyn Fn(&str, &str, &[String]) -> bool,
    /// Project functions that count as authentication (`[routes] auth-helpers`).
    pub auth_helpers: Vec<String>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            is_public: &|_, _, _| false,
            auth_helpers: Vec::new(),
        }
    }
}

/// Analyses every app of the project with every framework adapter that detects it.
pub fn analyze(project: &Project, files: &[SourceFile], options: &Options) -> Analysis {
    let scripts: Vec<&SourceFile> = files
        .iter()
        .filter(|f| f.kind == FileKind::Script)
        .collect();
    let mut entries: HashMap<PathBuf, FileEntry> = HashMap::new();
    let mut canonical: HashMap<String, PathBuf> = HashMap::new();
    for f in &scripts {
        let path = f.canonical_path();
        canonical.insert(f.rel_path.clone(), path.clone());
        entries.insert(
            path,
            FileEntry {
                display: f.rel_path.clone(),
                text: f.text.clone(),
            },
        );
    }
    // Clerk's `auth()` returns a promise from `@clerk/nextjs` 6 on.
    let async_auth = |display: &str| -> bool {
        let clerk = project.clerk_ref(display);
        match clerk.package("@clerk/nextjs") {
            Some(p) => p.version.is_none_or(|v| v.major >= 6),
            None => false,
        }
    };
    // A script belongs to the nearest `package.json` app: a Rust crate in the same directory
    // owns no scripts.
    let app_files = |app: &App| -> Vec<&SourceFile> {
        if app.kind != AppKind::Node {
            return Vec::new();
        }
        scripts
            .iter()
            .copied()
            .filter(|f| {
                project
                    .app_for(&f.rel_path)
                    .is_some_and(|a| a.rel_root == app.rel_root)
            })
            .collect()
    };

    // Which frameworks each app uses decides the engine's vocabulary.
    let mut engine = Engine::new(&entries, &async_auth);
    let mut auto_imports = Vec::new();
    let mut locals_guards = Vec::new();
    let detected: Vec<Vec<bool>> = {
        let probe_cx = ProjectCx {
            project,
            files,
            scripts: &scripts,
            canonical: &canonical,
            engine: &engine,
            options,
        };
        project
            .apps
            .iter()
            .map(|app| {
                let cx = AppCx {
                    app,
                    files: app_files(app),
                    cx: &probe_cx,
                };
                let detected: Vec<bool> = FRAMEWORKS.iter().map(|f| f.detect(&cx)).collect();
                for (f, d) in FRAMEWORKS.iter().zip(&detected) {
                    if *d {
                        auto_imports.extend(f.auto_imports(&cx));
                        locals_guards.extend(f.locals_guards(&cx));
                    }
                }
                detected
            })
            .collect()
    };
    let used: Vec<bool> = (0..FRAMEWORKS.len())
        .map(|i| detected.iter().any(|d| d[i]))
        .collect();
    let additions: Vec<&'static Vocabulary> = FRAMEWORKS
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .map(|(f, _)| f.vocabulary())
        .collect();
    engine.set_vocabulary(&additions);
    engine.set_app_vocabularies(
        project
            .apps
            .iter()
            .zip(&detected)
            .filter(|(app, _)| app.kind == AppKind::Node)
            .map(|(app, d)| {
                let root = std::fs::canonicalize(&app.root).unwrap_or_else(|_| app.root.clone());
                let mine = FRAMEWORKS
                    .iter()
                    .zip(d)
                    .filter(|(_, d)| **d)
                    .map(|(f, _)| f.vocabulary())
                    .collect();
                (root, mine)
            })
            .collect(),
    );
    engine.set_auth_helpers(options.auth_helpers.clone());
    engine.set_auto_imports(auto_imports);
    engine.set_locals_guards(locals_guards);
    engine.set_workspace(
        project
            .apps
            .iter()
            .filter_map(|a| {
                let name = a.name.clone()?;
                let dir = std::fs::canonicalize(&a.root).unwrap_or_else(|_| a.root.clone());
                Some((name, dir))
            })
            .collect(),
    );

    let cx = ProjectCx {
        project,
        files,
        scripts: &scripts,
        canonical: &canonical,
        engine: &engine,
        options,
    };
    let mut out = AnalysisOut::default();
    for (app, detected) in project.apps.iter().zip(&detected) {
        let app_cx = AppCx {
            app,
            files: app_files(app),
            cx: &cx,
        };
        for (i, framework) in FRAMEWORKS.iter().enumerate() {
            if detected[i] {
                framework.endpoints(&app_cx, &mut out);
            } else if used[i] {
                framework.workspace_package(&app_cx, &mut out);
            }
        }
    }
    // `auth()` without `await` anywhere it is imported from Clerk, not only on the paths the
    // endpoints take (a helper nobody calls yet, a page component).
    for f in &scripts {
        if !out.walked.contains(&f.rel_path)
            && f.text.contains("@clerk/")
            && f.text.contains("auth(")
            && async_auth(&f.rel_path)
            && let Some(path) = canonical.get(&f.rel_path)
        {
            engine.file_facts(path);
        }
    }
    let mut endpoints = out.endpoints;
    endpoints.sort_by(|a, b| {
        (&a.location.file, a.location.range.start).cmp(&(&b.location.file, b.location.range.start))
    });
    Analysis {
        endpoints,
        issues: out.issues,
        unawaited: engine.unawaited(),
        parse_errors: out.parse_errors,
    }
}

/// The registered adapter for this id, if any.
pub fn adapter(id: crate::analysis::endpoint::FrameworkId) -> Option<&'static dyn Framework> {
    FRAMEWORKS.iter().copied().find(|f| f.id() == id)
}
