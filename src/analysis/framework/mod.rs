//! Framework adapters: each one finds the endpoints of the apps it detects and judges them
//! with the shared evidence engine ([`crate::analysis::engine`]).
//!
//! # How the pieces fit
//!
//! [`crate::analysis::analyze`] reads every script file once, builds one [`Engine`] for the
//! whole project (its file cache is shared by every app and adapter), asks every adapter in
//! [`FRAMEWORKS`] whether it [`Framework::detect`]s each app, gives the engine, per app, the
//! base vocabulary plus the [`Framework::vocabulary`] of every framework detected in that app
//! (the union over the project for files of other apps), then calls [`Framework::endpoints`] for each (app, detected framework) pair, in
//! app order, and [`Framework::workspace_package`] for the apps a used framework does not
//! detect. Adapters write into [`AnalysisOut`]: [`Endpoint`]s (framework-neutral, see
//! [`crate::analysis::endpoint`]), typed [`AppIssue`]s (no prose: the
//! `middleware-matcher-gap` rule writes the text, in `rules/middleware_matcher_gap.rs`) and
//! parse errors. The rules (`missing-auth`, `unchecked-auth`, `unverified-webhook`,
//! `middleware-matcher-gap`, `unawaited-auth`, `parse-error`) and the inventory
//! (`clerk-lint routes`) read only that model.
//!
//! # How to add a framework
//!
//! 1. Write the adapter: `analysis/framework/<name>.rs` (or `<name>/mod.rs` with helpers
//!    beside it), a unit struct implementing [`Framework`]:
//!    - `id()`: its [`FrameworkId`] (add a variant in `analysis/endpoint.rs` if it is
//!      missing; the lowercase id is what the inventory prints).
//!    - `detect(app)`: from `app.app.deps` (the app's `package.json` dependencies) and
//!      `app.cx.project.clerk_for(path)` (the Clerk packages governing a path). Detect only
//!      apps that use the framework *and* Clerk. A Rust crate is an app of
//!      [`AppKind::Cargo`](crate::project::AppKind) whose `deps` come from `Cargo.toml`; it
//!      owns no scripts, so a non-JavaScript adapter reads its sources from `app.cx.files`
//!      (every file read; see `framework/rust` for the axum, actix-web, rocket and poem
//!      adapters, which share one crate analysis built on syn instead of the engine).
//!    - `vocabulary()`: a `static` [`Vocabulary`] with what the framework adds (see below).
//!    - `endpoints(app, out)`: for each endpoint, build an [`Endpoint`] with
//!      `framework: self.id()`, the right [`EndpointKind`](crate::analysis::endpoint::EndpointKind), `method: Some(Method::…)` (or
//!      `Some(Method::Any)` for a handler serving every method, `None` for one called by
//!      id), the full `url` pattern (`/api/users/:id`; path params as `:name`, splats as
//!      `:name*`, so `routes::sample_paths` and `[routes] public` work), the [`Location`](crate::analysis::endpoint::Location) of
//!      its name, the [`Verdict`](crate::analysis::endpoint::Verdict) and [`HandlerFacts`](crate::analysis::endpoint::HandlerFacts) from the handler's [`FnFacts`](crate::analysis::engine::FnFacts), and
//!      `app: app.app.rel_root.clone()`. Set `public` with
//!      `(app.cx.options.is_public)(&file, endpoint.method_label(), &routes::sample_paths(url))`.
//!      Add every file the verdict depends on (guards, routers mounted elsewhere) to
//!      `depends_on`. Insert each file you walked into `out.walked`.
//!      `nextjs::make_endpoint` shows the `FnFacts` → verdict mapping (gate → Protected,
//!      gate after a write → Unprotected with `late_check`, reads only → Unchecked).
//! 2. Add one line to [`FRAMEWORKS`].
//! 3. Add fixtures: `testdata/<name>-app/` (our own code: protected shapes that must stay
//!    silent, unprotected ones that must fire, with a `package.json` naming the framework
//!    and a Clerk package). `tests/golden.rs` picks up every `testdata/*` directory: create
//!    its `expected.{full,concise,json,github,sarif,routes}` with
//!    `UPDATE_GOLDEN=1 cargo test --test golden` and read every line before committing.
//!    For evidence shapes, add a `#[test] fn <name>()` with `let pass = [...]; let fail =
//!    [...];` arrays to `engine/cases.rs` (one source string per shape, run over an
//!    in-memory project through `engine::testing::export_facts` with `&YOUR_VOCABULARY`;
//!    nothing touches the disk). Add rule case-table rows in
//!    `rules/missing_auth.rs` etc. with `rules::testing::lint_app`.
//! 4. If the rules need framework-specific text (the fix in `missing_auth::fix_for`, a new
//!    [`AppIssueKind`](crate::analysis::endpoint::AppIssueKind) and its message in `middleware_matcher_gap::text`), add it there:
//!    analysis never writes prose.
//!
//! # The engine API an adapter uses
//!
//! - **Files.** `app.files` are the app's script files ([`SourceFile`]: `rel_path` is the
//!   display path, `text` the contents); `app.cx.scripts` all of the project's. The engine
//!   keys files by canonical path: `app.cx.path_of(&file.rel_path)`.
//! - **Parse a file.** `let allocator = Allocator::default();
//!   let parsed = engine::parse(&allocator, &file.rel_path, &file.text);` push
//!   `parsed.error` into `out.parse_errors` for an endpoint file, skip it when `!parsed.ok`,
//!   then `let cx = FileCx::new(engine, path, &file.rel_path, &parsed.program, Vec::new());`.
//!   `FileCx` holds the file's imports (`cx.imports`: local name → [`Import`](crate::analysis::engine::Import)) and top-level
//!   bindings (`cx.top`: name → [`Top`](crate::analysis::engine::Top)) and memoises summaries. Parsing through the engine's
//!   cache instead: [`Engine::file_facts`] (facts of every export of a file, cached).
//! - **FnFacts for a handler** (read as an endpoint body, where `return` exits the request):
//!   `cx.function_facts(&Function)`, `cx.arrow_facts(&ArrowFunctionExpression)`, or for any
//!   expression in handler position (an identifier, a local or imported binding, a wrapper
//!   call such as `withAuth(handler)`) `cx.value_facts(&Expression)`. For a handler that is a
//!   local top-level binding by name: `cx.binding_facts(name)` (also gives its helper
//!   [`Summary`](crate::analysis::engine::Summary)).
//! - **Follow an imported binding across files.** `cx.value_facts(identifier)` already
//!   follows imports. By hand: `cx.resolve(specifier)` gives the canonical path (tsconfig
//!   paths, workspace packages, barrels) and `engine.export(&path, name)` the
//!   [`ExportFacts`](crate::analysis::engine::ExportFacts) of that export (`handler: FnFacts`, `summary: Summary`), following
//!   re-exports and `export *`. `cx.definition_file(name)` is the display path that defines
//!   a name (for `depends_on` and evidence).
//! - **Judge a middleware / guard function.** As a helper (what calling it does to the
//!   caller): `cx.local_summary(name)` for a top-level binding, `ExportFacts::summary` for an
//!   import; `Summary::Guards(_)` means it throws / exits when signed out. As a route-level
//!   middleware (`(req, res, next) => …`): `cx.function_facts` / `cx.arrow_facts` give
//!   `gate: Some(_)` when its signed-out branch exits before the rest of the body. The
//!   walker does not yet know `next()`: an adapter for connect-style middleware must check
//!   that the signed-out branch does not call `next()` without an error (the issue asks that
//!   guards be judged by body: 401/403 or `next(err)` without `next()`).
//! - **Vocabulary.** [`Vocabulary`] is data: `imports` (an [`ImportRule`](crate::analysis::engine::ImportRule) per imported
//!   function: package [`Pkg`](crate::analysis::engine::Pkg), name [`Name`](crate::analysis::engine::Name), [`Role`](crate::analysis::engine::Role): Clerk auth source, exit, verifier,
//!   token verifier, secret compare), `opaque` (packages whose other names are not
//!   followed), `other_auth` (other auth libraries), `exit_calls` ([`ExitCall`](crate::analysis::engine::ExitCall): callee-text
//!   prefixes such as `res.status` that end the request, optionally only with a 401/403
//!   literal) and `auth_calls` (member calls that return the Clerk auth object, matched on
//!   the callee's trailing segments: `req.auth` matches `req.auth()` and `ctx.req.auth()`).
//!   `engine::BASE` holds what every framework shares (`@clerk/*` APIs, webhook and token
//!   verifiers, other auth packages, `res.status(401)`); `nextjs::VOCABULARY` is an example
//!   of additions (`next/navigation` exits). To recognise a new shape, add an entry to the
//!   framework's static; if no field fits (e.g. `c.get('clerkAuth')`, which needs an argument
//!   match, or `next(err)`), add a field to `Vocabulary`, a lookup to `Vocabularies` and one
//!   call in the walker (`engine/walker.rs` `expr_exits` for exits, `classify_callee` in
//!   `engine/mod.rs` for auth sources), with a case in `engine/vocabulary.rs` tests.
//!   The vocabulary is per app: a file is read with the base plus the additions of the
//!   frameworks detected in the app that owns it ([`Engine::vocabulary_for`]); files of an
//!   app where no framework is detected (a shared workspace package) get the union over the
//!   project.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::analysis::Options;
use crate::analysis::endpoint::{
    AppIssue, Endpoint, EndpointKind, FrameworkId, HandlerFacts, Location, Method, Verdict,
};
use crate::analysis::engine::{AutoImport, Engine, Evidence, FnFacts, LocalsGuard, Vocabulary};
use crate::project::{App, Project};
use crate::source::SourceFile;

pub mod app_config;
pub mod astro;
pub mod express;
pub mod fastify;
pub mod hono;
pub mod jsroute;
pub mod koa;
pub mod locals_services;
pub mod nestjs;
pub mod next_connect;
pub mod nextjs;
pub mod nuxt;
pub mod path_guard;
pub mod react_router;
pub mod routers;
pub mod rust;
pub mod sveltekit;
pub mod tanstack;

/// Every framework adapter, in the order they run for each app.
pub static FRAMEWORKS: &[&dyn Framework] = &[
    &nextjs::NextJs,
    &react_router::ReactRouter,
    &react_router::Remix,
    &sveltekit::SvelteKit,
    &tanstack::TanStackStart,
    &next_connect::NextConnect,
    &express::Express,
    &nestjs::NestJs,
    &fastify::Fastify,
    &hono::Hono,
    &koa::Koa,
    &astro::Astro,
    &nuxt::Nuxt,
    &rust::AXUM,
    &rust::ACTIX_WEB,
    &rust::ROCKET,
    &rust::POEM,
];

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

    /// Files whose exports the app's files see without an `import` (Nuxt's `server/utils`),
    /// for a detected app. None by default.
    fn auto_imports(&self, _app: &AppCx) -> Vec<AutoImport> {
        Vec::new()
    }

    /// Auth-bound services the app's request hook puts on `locals`, for a detected app. None
    /// by default.
    fn locals_guards(&self, _app: &AppCx) -> Vec<LocalsGuard> {
        Vec::new()
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
    /// Every file read (any kind): adapters for non-JavaScript apps (Rust) read their sources
    /// from here.
    pub files: &'a [SourceFile],
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
    /// A path under the app root that `clerk_for` resolves like the app itself.
    pub fn probe(&self) -> String {
        if self.app.rel_root.is_empty() {
            "package.json".to_string()
        } else {
            format!("{}/package.json", self.app.rel_root)
        }
    }

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

/// An endpoint judged from its handler's facts: a gate protects it (unless a write runs
/// before the gate), a read without a gate leaves it unchecked, nothing leaves it
/// unprotected. `public` is left false and `depends_on` holds the gate's helper file.
#[allow(clippy::too_many_arguments)]
pub fn endpoint_from_facts(
    framework: FrameworkId,
    kind: EndpointKind,
    method: Option<Method>,
    url: Option<String>,
    name: String,
    location: Location,
    facts: FnFacts,
    app_root: &str,
) -> Endpoint {
    let reads_clerk = facts.reads.as_deref().is_some_and(|r| {
        r.contains("auth()")
            || r.contains("currentUser()")
            || r.contains("getAuth()")
            || r.contains("auth.protect()")
    });
    let mut depends_on = Vec::new();
    let late = facts
        .work_before_gate
        .clone()
        .filter(|_| facts.gate.is_some());
    let verdict = match facts.gate {
        Some(_) if late.is_some() => Verdict::Unprotected,
        Some(ev) => {
            if let Evidence::Helper { file, .. } = &ev {
                depends_on.push(file.clone());
            }
            Verdict::Protected(ev)
        }
        None => match facts.reads {
            Some(r) => Verdict::Unchecked(r),
            None => Verdict::Unprotected,
        },
    };
    Endpoint {
        framework,
        kind,
        method,
        rpc: None,
        url,
        name,
        location,
        verdict,
        facts: HandlerFacts {
            reads_clerk,
            webhook_signals: facts.webhook_signals,
            verify_swallowed: facts.verify_swallowed,
            late_check: late,
            ..HandlerFacts::default()
        },
        app: app_root.to_string(),
        depends_on,
        public: false,
        trpc_dispatcher: false,
        aliases: Vec::new(),
    }
}
