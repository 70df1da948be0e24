//! File-routed full-stack frameworks: React Router v7 and Remix, SvelteKit, TanStack Start.
//! Each framework finds its endpoints in an app (route modules, server files, server
//! functions) and reads each one with the shared evidence engine; what covers endpoints from
//! outside the handler (a SvelteKit `handle` hook, a parent layout's `load`) is applied here.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::analysis::auth::{Engine, FileEntry};
use crate::analysis::nextjs::{Endpoint, Gap, NextAnalysis, Options};
use crate::analysis::{react_router, routes, sveltekit, tanstack};
use crate::project::{App, Project};
use crate::source::{FileKind, SourceFile};

/// What a framework adapter gets for one app.
pub struct AppCx<'x, 'e> {
    pub engine: &'x Engine<'e>,
    pub app: &'x App,
    /// The app's script files.
    pub files: Vec<&'x SourceFile>,
    /// Display path → canonical path, for the engine.
    pub canonical: &'x HashMap<String, PathBuf>,
}

impl AppCx<'_, '_> {
    /// A file's path relative to the app root.
    pub fn rel<'p>(&self, display: &'p str) -> &'p str {
        crate::analysis::nextjs::rel_to_app(display, &self.app.rel_root)
    }

    /// The app file at `rel` (relative to the app root).
    pub fn file(&self, rel: &str) -> Option<&SourceFile> {
        self.files
            .iter()
            .copied()
            .find(|f| self.rel(&f.rel_path) == rel)
    }

    pub fn has_dep(&self, name: &str) -> bool {
        self.app.deps.contains_key(name)
    }
}

/// What an adapter found in one app.
#[derive(Default)]
pub struct Found {
    pub endpoints: Vec<Endpoint>,
    pub gaps: Vec<Gap>,
    pub parse_errors: Vec<(String, std::ops::Range<usize>, String)>,
}

/// The file-routed frameworks, in the order they are tried; an app is read by the first one
/// that claims it.
type Detect = fn(&AppCx) -> bool;
type Discover = fn(&AppCx) -> Found;
const FRAMEWORKS: &[(&str, Detect, Discover)] = &[
    ("react-router", react_router::detect, react_router::discover),
    ("sveltekit", sveltekit::detect, sveltekit::discover),
    ("tanstack-start", tanstack::detect, tanstack::discover),
];

/// Analyses every file-routed app of the project that uses Clerk.
pub fn analyze(project: &Project, files: &[SourceFile], options: &Options) -> NextAnalysis {
    let scripts: Vec<&SourceFile> = files
        .iter()
        .filter(|f| f.kind == FileKind::Script)
        .collect();
    let mut out = NextAnalysis::default();
    let probe = |app: &App| {
        if app.rel_root.is_empty() {
            "package.json".to_string()
        } else {
            format!("{}/package.json", app.rel_root)
        }
    };
    let candidates: Vec<&App> = project
        .apps
        .iter()
        .filter(|a| !project.clerk_for(&probe(a)).is_empty())
        .filter(|a| is_file_routed(a))
        .collect();
    if candidates.is_empty() {
        return out;
    }
    let mut entries: HashMap<PathBuf, FileEntry> = HashMap::new();
    let mut canonical: HashMap<String, PathBuf> = HashMap::new();
    for f in &scripts {
        let path = std::fs::canonicalize(&f.abs_path).unwrap_or_else(|_| f.abs_path.clone());
        canonical.insert(f.rel_path.clone(), path.clone());
        entries.insert(
            path,
            FileEntry {
                display: f.rel_path.clone(),
                text: f.text.clone(),
            },
        );
    }
    // `auth()` is awaited on every SDK here; un-awaited calls are not tracked outside Next.js.
    let async_auth = |_: &str| -> bool { false };
    let mut engine = Engine::new(&entries, &async_auth);
    engine.set_auth_helpers(options.auth_helpers.clone());
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
    for app in candidates {
        let cx = AppCx {
            engine: &engine,
            app,
            files: scripts
                .iter()
                .copied()
                .filter(|f| {
                    project
                        .app_for(&f.rel_path)
                        .is_some_and(|a| a.rel_root == app.rel_root)
                })
                .collect(),
            canonical: &canonical,
        };
        let Some((_, _, discover)) = FRAMEWORKS.iter().find(|(_, detect, _)| detect(&cx)) else {
            continue;
        };
        let mut found = discover(&cx);
        for e in &mut found.endpoints {
            if let Some(url) = &e.url {
                let path = url.split('?').next().unwrap_or(url);
                e.public = (options.is_public)(&e.file, &e.method, &routes::sample_paths(path));
            }
        }
        out.endpoints.extend(found.endpoints);
        out.gaps.extend(found.gaps);
        out.parse_errors.extend(found.parse_errors);
    }
    out.endpoints
        .sort_by(|a, b| (&a.file, a.range.start).cmp(&(&b.file, b.range.start)));
    out
}

fn is_file_routed(app: &App) -> bool {
    const MARKERS: &[&str] = &[
        "@remix-run/node",
        "@remix-run/react",
        "@remix-run/cloudflare",
        "@remix-run/server-runtime",
        "@remix-run/dev",
        "@react-router/dev",
        "@react-router/node",
        "@react-router/fs-routes",
        "@clerk/remix",
        "@clerk/react-router",
        "@sveltejs/kit",
        "@tanstack/react-start",
        "@tanstack/start",
        "@tanstack/solid-start",
        "@clerk/tanstack-react-start",
        "@clerk/tanstack-start",
    ];
    MARKERS.iter().any(|m| app.deps.contains_key(*m))
}
