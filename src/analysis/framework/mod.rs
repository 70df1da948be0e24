//! Framework adapters: each one finds the endpoints of the apps it detects.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::analysis::Options;
use crate::analysis::endpoint::{AppIssue, Endpoint, FrameworkId};
use crate::analysis::engine::{Engine, Vocabulary};
use crate::project::{App, Project};
use crate::source::SourceFile;

pub mod nextjs;

/// Every framework adapter, in the order they run for each app.
pub static FRAMEWORKS: &[&dyn Framework] = &[&nextjs::NextJs];

/// One framework: how to recognise its apps, what it adds to the engine's vocabulary, and
/// how to list an app's endpoints with their verdicts.
pub trait Framework: Sync {
    fn id(&self) -> FrameworkId;

    /// Whether `app` uses this framework (and Clerk): its endpoints are then listed.
    fn detect(&self, app: &AppCx) -> bool;

    /// What the framework adds to the engine's base vocabulary.
    fn vocabulary(&self) -> &'static Vocabulary {
        &Vocabulary::EMPTY
    }

    /// Lists the endpoints of a detected app (and the app-level issues found on the way).
    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut);

    /// Called for each app this framework does not detect when another app of the project
    /// is detected: a workspace package whose code the detected apps serve (shared
    /// `'use server'` modules, tRPC routers). Nothing by default.
    fn workspace_package(&self, _app: &AppCx, _out: &mut AnalysisOut) {}
}

/// What every adapter shares for one run: the project, its script files and the engine.
pub struct ProjectCx<'a, 'e> {
    pub project: &'a Project,
    /// Every script file of the project (JS/TS), in walk order.
    pub scripts: &'a [&'a SourceFile],
    /// Display path → the canonical path the engine keys its files by.
    pub canonical: &'a HashMap<String, PathBuf>,
    pub engine: &'a Engine<'e>,
    pub options: &'a Options<'a>,
}

impl ProjectCx<'_, '_> {
    /// The canonical path of a display path, for [`Engine::file_facts`] and [`Engine::export`].
    pub fn path_of(&self, display: &str) -> Option<&Path> {
        self.canonical.get(display).map(PathBuf::as_path)
    }
}

/// One app of the project, as an adapter sees it.
pub struct AppCx<'a, 'e> {
    pub app: &'a App,
    /// The app's own script files (those the project model assigns to this app).
    pub files: Vec<&'a SourceFile>,
    pub cx: &'a ProjectCx<'a, 'e>,
}

impl AppCx<'_, '_> {
    /// A display path relative to the app root (`src/app/api/x/route.ts`).
    pub fn rel<'p>(&self, display: &'p str) -> &'p str {
        rel_to_app(display, &self.app.rel_root)
    }
}

/// What the adapters write.
#[derive(Debug, Default)]
pub struct AnalysisOut {
    pub endpoints: Vec<Endpoint>,
    pub issues: Vec<AppIssue>,
    /// Endpoint files that do not parse: (display path, byte range, message).
    pub parse_errors: Vec<(String, Range<usize>, String)>,
    /// Files whose functions an adapter already walked (their un-awaited `auth()` calls are
    /// recorded on the way; the final sweep skips them).
    pub walked: HashSet<String>,
}

/// A display path relative to an app root.
pub fn rel_to_app<'p>(display: &'p str, app_root: &str) -> &'p str {
    // The project model keys apps by a normalised path (no leading `./` or `/`).
    let mut display = display;
    while let Some(rest) = display
        .strip_prefix("./")
        .or_else(|| display.strip_prefix('/'))
    {
        display = rest;
    }
    if app_root.is_empty() || app_root == "." {
        display
    } else {
        display
            .strip_prefix(app_root)
            .map(|r| r.trim_start_matches('/'))
            .unwrap_or(display)
    }
}
