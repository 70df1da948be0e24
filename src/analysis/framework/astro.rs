//! Astro (`@clerk/astro`): endpoints are the upper-case method exports (`GET`, `POST`, …,
//! `ALL`) of `src/pages/**/*.{ts,js}` files, and every action of the `server` object that
//! `src/actions/index.ts` exports (`defineAction({ handler })`, nested objects give dotted
//! names; each action is a POST to `/_actions/<name>`). `locals.auth()` (also
//! `context.locals.auth()`, `Astro.locals.auth()`) is Clerk's auth object.
//!
//! `src/middleware.ts` (or `src/middleware/index.ts`) exports `onRequest`; a
//! `clerkMiddleware(callback)` there (also inside `sequence(...)`) is read with the Next.js
//! middleware model: it protects the paths its callback rejects signed-out requests for
//! (`createRouteMatcher` patterns, `context.url.pathname` tests); `clerkMiddleware()` alone
//! only populates `locals.auth()`.
//!
//! Prerendered endpoints (`export const prerender = true`, or a static-output app without
//! `prerender = false`) run at build time and are skipped. `.astro` pages are pages, not
//! endpoints. `srcDir` in `astro.config.*` moves `src/`.

use std::ops::Range;
use std::path::Path;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, Declaration, Expression, ObjectExpression, ObjectPropertyKind, Program, Statement,
};
use oxc_span::GetSpan;

use crate::analysis::endpoint::{Endpoint, EndpointKind, FrameworkId, Location, Method, Verdict};
use crate::analysis::engine::{
    Engine, Evidence, FileCx, FnFacts, Vocabulary, callee_text, parse, property_key_name, range_of,
};
use crate::analysis::fileroutes::{Groups, bracket_url};
use crate::analysis::framework::nextjs::exports;
use crate::analysis::framework::nextjs::middleware::{Coverage, Middleware, MiddlewareKind};
use crate::analysis::framework::path_guard::PathGuard;
use crate::analysis::framework::{AnalysisOut, AppCx, Framework, app_config, endpoint_from_facts};
use crate::analysis::routes;
use crate::source::SourceFile;

/// The Astro adapter.
pub struct Astro;

/// What Astro adds to the engine: nothing. `locals.auth()` (Clerk's auth object),
/// `locals.currentUser()` (the user or `null`) and the identity an app's `onRequest`
/// middleware copies onto `locals` (`locals.user`, `locals.userId`, `locals.session`) are the
/// engine's carrier model, shared with SvelteKit.
pub static VOCABULARY: Vocabulary = Vocabulary::EMPTY;

/// Script extensions of endpoint files.
const ENDPOINT_EXTENSIONS: &[&str] = &["ts", "js", "mjs", "mts"];

impl Framework for Astro {
    fn id(&self) -> FrameworkId {
        FrameworkId::Astro
    }

    fn detect(&self, app: &AppCx) -> bool {
        let probe = if app.app.rel_root.is_empty() {
            "package.json".to_string()
        } else {
            format!("{}/package.json", app.app.rel_root)
        };
        app.app.deps.contains_key("astro") && !app.cx.project.clerk_for(&probe).is_empty()
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        let engine = app.cx.engine;
        let static_output = app
            .files
            .iter()
            .any(|f| is_astro_config(app.rel(&f.rel_path)) && is_static_output(&f.text));
        // `srcDir` in `astro.config.*` moves `src/`: paths below are read as if under `src/`.
        let src_dir = app_config::config_file(app, "astro.config")
            .and_then(|f| app_config::dir_option(f, &["srcDir"]))
            .unwrap_or_else(|| "src".to_string());
        let canon = |rel: &str| -> Option<String> {
            if src_dir.is_empty() {
                return Some(format!("src/{rel}"));
            }
            rel.strip_prefix(src_dir.as_str())
                .and_then(|r| r.strip_prefix('/'))
                .map(|r| format!("src/{r}"))
        };
        let middleware = app
            .files
            .iter()
            .find(|f| {
                matches!(
                    canon(app.rel(&f.rel_path)).as_deref().unwrap_or(""),
                    "src/middleware.ts"
                        | "src/middleware.js"
                        | "src/middleware.mjs"
                        | "src/middleware/index.ts"
                        | "src/middleware/index.js"
                )
            })
            .map(|f| {
                out.walked.insert(f.rel_path.clone());
                (
                    f.rel_path.clone(),
                    Middleware::parse_exports(&f.rel_path, &f.text, false, &["onRequest"]),
                    path_guards(app, f),
                )
            });
        let mut endpoints = Vec::new();
        for f in &app.files {
            let Some(rel) = canon(app.rel(&f.rel_path)) else {
                continue;
            };
            let rel = rel.as_str();
            let Some(path) = app.cx.path_of(&f.rel_path) else {
                continue;
            };
            if let Some(url) = page_endpoint_url(rel) {
                discover_endpoints(
                    engine,
                    path,
                    f,
                    &url,
                    static_output,
                    &app.app.rel_root,
                    &mut endpoints,
                    out,
                );
                out.walked.insert(f.rel_path.clone());
            } else if is_actions_module(rel) {
                discover_actions(engine, path, f, &app.app.rel_root, &mut endpoints, out);
                out.walked.insert(f.rel_path.clone());
            }
        }
        for e in &mut endpoints {
            apply_middleware(e, middleware.as_ref());
            if let Some(url) = &e.url {
                e.public = (app.cx.options.is_public)(
                    &e.location.file,
                    e.method_label(),
                    &routes::sample_paths(url),
                );
            }
        }
        out.endpoints.extend(endpoints);
    }
}

fn is_astro_config(rel: &str) -> bool {
    rel.starts_with("astro.config.")
}

/// `output: 'static'` (Astro 5's default when no `output` is set is static too, but a Clerk
/// app needs on-demand rendering, so only an explicit static output counts).
fn is_static_output(config: &str) -> bool {
    config.contains("output: 'static'") || config.contains("output: \"static\"")
}

/// The URL of an endpoint file under `src/pages` (`src/pages/api/notes/[id].ts` →
/// `/api/notes/:id`), or `None` for pages, ignored (`_`-prefixed) files and non-scripts.
pub fn page_endpoint_url(rel: &str) -> Option<String> {
    let rest = rel.strip_prefix("src/pages/")?;
    let (stem, ext) = rest.rsplit_once('.')?;
    if !ENDPOINT_EXTENSIONS.contains(&ext) || stem.ends_with(".d") {
        return None;
    }
    let mut segments: Vec<&str> = stem.split('/').collect();
    if segments.iter().any(|s| s.starts_with('_')) {
        return None;
    }
    if segments.last() == Some(&"index") {
        segments.pop();
    }
    Some(bracket_url(&segments, Groups::Literal))
}

/// `src/actions/index.ts` (or `src/actions.ts`): the module whose `server` export Astro
/// serves.
fn is_actions_module(rel: &str) -> bool {
    matches!(
        rel,
        "src/actions/index.ts"
            | "src/actions/index.js"
            | "src/actions/index.mts"
            | "src/actions.ts"
            | "src/actions.js"
    )
}

/// `export const prerender = true` / `false`, when written as a literal.
fn prerender_flag(program: &Program) -> Option<bool> {
    for stmt in &program.body {
        if let Statement::ExportDeclaration(d) = stmt
            && let Declaration::VariableDeclaration(v) = &d.declaration
        {
            for decl in &v.declarations {
                if decl
                    .id
                    .get_binding_identifier()
                    .is_some_and(|i| i.name == "prerender")
                    && let Some(Expression::BooleanLiteral(b)) =
                        decl.init.as_ref().map(|e| e.get_inner_expression())
                {
                    return Some(b.value);
                }
            }
        }
    }
    None
}

/// The HTTP method of an Astro endpoint export (upper case only; `ALL` serves every method).
fn endpoint_method(name: &str) -> Option<Method> {
    if name == "ALL" {
        return Some(Method::Any);
    }
    Method::from_export(name)
}

#[allow(clippy::too_many_arguments)]
fn discover_endpoints(
    engine: &Engine,
    path: &Path,
    file: &SourceFile,
    url: &str,
    static_output: bool,
    app_root: &str,
    endpoints: &mut Vec<Endpoint>,
    out: &mut AnalysisOut,
) {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &file.rel_path, &file.text);
    if let Some((range, message)) = &parsed.error {
        out.parse_errors
            .push((file.rel_path.clone(), range.clone(), message.clone()));
    }
    if !parsed.ok {
        return;
    }
    let program = &parsed.program;
    match prerender_flag(program) {
        Some(true) => return,
        None if static_output => return,
        _ => {}
    }
    let cx = FileCx::new(engine, path, &file.rel_path, program, Vec::new());
    for (name, range, facts) in exports(&cx, program) {
        let Some(method) = endpoint_method(&name) else {
            continue;
        };
        endpoints.push(make(
            EndpointKind::RouteHandler,
            Some(method),
            url.to_string(),
            name,
            file,
            range,
            facts,
            app_root,
        ));
    }
}

#[allow(clippy::too_many_arguments)]
fn make(
    kind: EndpointKind,
    method: Option<Method>,
    url: String,
    name: String,
    file: &SourceFile,
    range: Range<usize>,
    facts: FnFacts,
    app_root: &str,
) -> Endpoint {
    endpoint_from_facts(
        FrameworkId::Astro,
        kind,
        method,
        Some(url),
        name,
        Location {
            file: file.rel_path.clone(),
            range,
        },
        facts,
        app_root,
    )
}

/// The actions of `export const server = { … }`.
fn discover_actions(
    engine: &Engine,
    path: &Path,
    file: &SourceFile,
    app_root: &str,
    endpoints: &mut Vec<Endpoint>,
    out: &mut AnalysisOut,
) {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &file.rel_path, &file.text);
    if let Some((range, message)) = &parsed.error {
        out.parse_errors
            .push((file.rel_path.clone(), range.clone(), message.clone()));
    }
    if !parsed.ok {
        return;
    }
    let program = &parsed.program;
    let cx = FileCx::new(engine, path, &file.rel_path, program, Vec::new());
    let Some(server) = exported_const(program, "server") else {
        return;
    };
    let mut found = Vec::new();
    actions_in(&cx, server, "", 0, &mut found);
    for (name, range, facts) in found {
        let url = format!("/_actions/{name}");
        endpoints.push(make(
            EndpointKind::AstroAction,
            Some(Method::Post),
            url,
            format!("actions.{name}"),
            file,
            range,
            facts,
            app_root,
        ));
    }
}

/// The initializer of `export const <name> = …`.
fn exported_const<'a>(program: &'a Program<'a>, name: &str) -> Option<&'a Expression<'a>> {
    program.body.iter().find_map(|stmt| match stmt {
        Statement::ExportDeclaration(d) => match &d.declaration {
            Declaration::VariableDeclaration(v) => v.declarations.iter().find_map(|decl| {
                decl.id
                    .get_binding_identifier()
                    .filter(|i| i.name == name)
                    .and(decl.init.as_ref())
            }),
            _ => None,
        },
        _ => None,
    })
}

/// Every `defineAction` under an actions object: (dotted name, range, handler facts). Local
/// objects are followed by name; actions defined in other modules are reported at the
/// property that mounts them, with the facts of the imported handler when it is a single
/// action.
fn actions_in<'a>(
    cx: &FileCx<'a, '_>,
    value: &'a Expression<'a>,
    prefix: &str,
    depth: usize,
    found: &mut Vec<(String, Range<usize>, FnFacts)>,
) {
    if depth > 6 {
        return;
    }
    match value.get_inner_expression() {
        Expression::ObjectExpression(obj) => object_actions(cx, obj, prefix, depth, found),
        Expression::Identifier(id) => {
            if let Some(crate::analysis::engine::Top::Init(init, _)) =
                cx.top.get(id.name.as_str()).copied()
            {
                actions_in(cx, init, prefix, depth + 1, found);
            }
        }
        _ => {}
    }
}

fn object_actions<'a>(
    cx: &FileCx<'a, '_>,
    obj: &'a ObjectExpression<'a>,
    prefix: &str,
    depth: usize,
    found: &mut Vec<(String, Range<usize>, FnFacts)>,
) {
    for prop in &obj.properties {
        match prop {
            ObjectPropertyKind::ObjectProperty(p) => {
                let Some(key) = property_key_name(&p.key) else {
                    continue;
                };
                let name = if prefix.is_empty() {
                    key.to_string()
                } else {
                    format!("{prefix}.{key}")
                };
                let range = range_of(p.key.span());
                action_value(cx, &p.value, name, range, depth, found);
            }
            ObjectPropertyKind::SpreadProperty(s) => {
                actions_in(cx, &s.argument, prefix, depth + 1, found);
            }
        }
    }
}

fn action_value<'a>(
    cx: &FileCx<'a, '_>,
    value: &'a Expression<'a>,
    name: String,
    range: Range<usize>,
    depth: usize,
    found: &mut Vec<(String, Range<usize>, FnFacts)>,
) {
    match value.get_inner_expression() {
        Expression::CallExpression(call) if is_define_action(&call.callee) => {
            found.push((name, range, define_action_facts(cx, &call.arguments)));
        }
        Expression::ObjectExpression(obj) => object_actions(cx, obj, &name, depth + 1, found),
        Expression::Identifier(id) => {
            let local = id.name.as_str();
            if let Some(crate::analysis::engine::Top::Init(init, _)) = cx.top.get(local).copied() {
                action_value(cx, init, name, range, depth + 1, found);
            } else if let Some(imp) = cx.imports.get(local).copied() {
                imported_actions(cx, imp, &name, range, found);
            }
        }
        _ => {}
    }
}

/// Actions imported from another module (`import { notes } from './notes'`): that module's
/// export is read the same way.
fn imported_actions(
    cx: &FileCx,
    imp: crate::analysis::engine::Import,
    prefix: &str,
    range: Range<usize>,
    found: &mut Vec<(String, Range<usize>, FnFacts)>,
) {
    use crate::analysis::engine::ImportName;
    let ImportName::Named(export) = imp.name else {
        return;
    };
    let Some(path) = cx.resolve(imp.source) else {
        return;
    };
    let Some(entry) = cx.engine.entry(&path) else {
        return;
    };
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &entry.display, &entry.text);
    if !parsed.ok {
        return;
    }
    let program = &parsed.program;
    let other = FileCx::new(cx.engine, &path, &entry.display, program, Vec::new());
    let Some(value) = exported_const(program, export) else {
        return;
    };
    let mut inner = Vec::new();
    action_value(
        &other,
        value,
        prefix.to_string(),
        range.clone(),
        1,
        &mut inner,
    );
    // Reported in the actions module (where the action is mounted).
    found.extend(inner.into_iter().map(|(n, _, f)| (n, range.clone(), f)));
}

fn is_define_action(callee: &Expression) -> bool {
    let text = callee_text(callee);
    text == "defineAction" || text.ends_with(".defineAction")
}

/// `defineAction({ input, handler })`: the handler's facts.
fn define_action_facts<'a>(cx: &FileCx<'a, '_>, args: &'a [Argument<'a>]) -> FnFacts {
    let Some(Expression::ObjectExpression(obj)) = args
        .first()
        .and_then(|a| a.as_expression())
        .map(|e| e.get_inner_expression())
    else {
        return FnFacts::default();
    };
    for prop in &obj.properties {
        match prop {
            ObjectPropertyKind::ObjectProperty(p)
                if property_key_name(&p.key) == Some("handler") =>
            {
                return cx.value_facts(&p.value);
            }
            _ => {}
        }
    }
    FnFacts::default()
}

/// The middleware protects the endpoint when it rejects signed-out requests for every sample
/// of its URL.
fn apply_middleware(e: &mut Endpoint, mw: Option<&(String, Middleware, Vec<PathGuard>)>) {
    let Some((file, model, guards)) = mw else {
        return;
    };
    if model.kind == MiddlewareKind::NotClerk && guards.is_empty() {
        return;
    }
    e.depends_on.push(file.clone());
    if matches!(e.verdict, Verdict::Protected(_)) {
        return;
    }
    let Some(url) = &e.url else { return };
    let samples = routes::sample_paths(url);
    if samples.is_empty() {
        return;
    }
    let by_clerk = model.kind != MiddlewareKind::NotClerk
        && samples
            .iter()
            .all(|p| model.coverage(p) == Coverage::Protected);
    let by_guard = guards.iter().any(|g| samples.iter().all(|p| g.protects(p)));
    if by_clerk || by_guard {
        e.verdict = Verdict::Protected(Evidence::Middleware { file: file.clone() });
    }
}

/// The handlers of `onRequest` other than Clerk's (`defineMiddleware(fn)`, a function, the
/// members of `sequence(...)`) that reject signed-out requests themselves
/// (`context.locals.auth()` checked), with the paths they do so for.
fn path_guards(app: &AppCx, file: &SourceFile) -> Vec<PathGuard> {
    let Some(path) = app.cx.path_of(&file.rel_path) else {
        return Vec::new();
    };
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &file.rel_path, &file.text);
    if !parsed.ok {
        return Vec::new();
    }
    let program = &parsed.program;
    let cx = FileCx::new(app.cx.engine, path, &file.rel_path, program, Vec::new());
    let Some(on_request) = exported_const(program, "onRequest") else {
        return Vec::new();
    };
    let mut handlers: Vec<&Expression> = Vec::new();
    match on_request.get_inner_expression() {
        Expression::CallExpression(c) if callee_text(&c.callee) == "sequence" => {
            handlers.extend(c.arguments.iter().filter_map(Argument::as_expression));
        }
        other => handlers.push(other),
    }
    let mut guards = Vec::new();
    for h in handlers {
        let h = match h.get_inner_expression() {
            Expression::Identifier(id) => match cx.top.get(id.name.as_str()).copied() {
                Some(crate::analysis::engine::Top::Init(init, _)) => init,
                _ => {
                    // `import { requireAuth } from './middleware/auth'`: the guard's own module.
                    if let Some(imp) = cx.imports.get(id.name.as_str())
                        && let crate::analysis::engine::ImportName::Named(name) = imp.name
                    {
                        guards.extend(imported_guard(app, path, imp.source, name));
                    }
                    continue;
                }
            },
            other => other,
        };
        if let Expression::CallExpression(c) = h.get_inner_expression()
            && callee_text(&c.callee) == "clerkMiddleware"
        {
            continue;
        }
        if let Some(g) = PathGuard::from_handler(&cx, h, &file.rel_path) {
            guards.push(g);
        }
    }
    guards
}

/// The path guard a middleware module imports by name (`sequence(clerk, requireAuth)` with
/// `requireAuth` defined in another module of the app).
fn imported_guard(app: &AppCx, from: &Path, specifier: &str, name: &str) -> Option<PathGuard> {
    let target = app.cx.engine.resolver().resolve(from, specifier)?;
    let file = app
        .cx
        .scripts
        .iter()
        .find(|f| app.cx.path_of(&f.rel_path) == Some(target.as_path()))?;
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &file.rel_path, &file.text);
    if !parsed.ok {
        return None;
    }
    let program = &parsed.program;
    let cx = FileCx::new(app.cx.engine, &target, &file.rel_path, program, Vec::new());
    let init = match cx.top.get(name).copied() {
        Some(crate::analysis::engine::Top::Init(init, _)) => init,
        _ => return None,
    };
    if let Expression::CallExpression(c) = init.get_inner_expression()
        && callee_text(&c.callee) == "clerkMiddleware"
    {
        return None;
    }
    PathGuard::from_handler(&cx, init, &file.rel_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_files_map_to_urls() {
        let cases: &[(&str, Option<&str>)] = &[
            ("src/pages/api/notes.ts", Some("/api/notes")),
            ("src/pages/api/notes/[id].ts", Some("/api/notes/:id")),
            ("src/pages/api/index.js", Some("/api")),
            ("src/pages/files/[...path].ts", Some("/files/:path*")),
            ("src/pages/rss.xml.js", Some("/rss.xml")),
            ("src/pages/dashboard.astro", None),
            ("src/pages/_helpers/db.ts", None),
            ("src/pages/api/_lib.ts", None),
            ("src/pages/env.d.ts", None),
            ("src/lib/api.ts", None),
        ];
        for (rel, want) in cases {
            assert_eq!(page_endpoint_url(rel).as_deref(), *want, "{rel}");
        }
    }

    #[test]
    fn methods_are_upper_case_exports() {
        assert_eq!(endpoint_method("ALL"), Some(Method::Any));
        assert_eq!(endpoint_method("POST"), Some(Method::Post));
        assert_eq!(endpoint_method("post"), None);
        assert_eq!(endpoint_method("prerender"), None);
    }
}

#[cfg(test)]
mod middleware_tests {
    use crate::analysis::framework::nextjs::middleware::{Coverage, Middleware};

    fn coverage(src: &str, path: &str) -> Coverage {
        Middleware::parse_exports("src/middleware.ts", src, false, &["onRequest"]).coverage(path)
    }

    #[test]
    fn astro_middleware_shapes() {
        let matcher = "import { clerkMiddleware, createRouteMatcher } from '@clerk/astro/server';\nconst isProtected = createRouteMatcher(['/api/admin(.*)']);\nexport const onRequest = clerkMiddleware((auth, context, next) => {\n  if (isProtected(context.request) && !auth().userId) {\n    return auth().redirectToSignIn();\n  }\n  return next();\n});\n";
        let populate = "import { clerkMiddleware } from '@clerk/astro/server';\nexport const onRequest = clerkMiddleware();\n";
        let pathname = "import { clerkMiddleware } from '@clerk/astro/server';\nexport const onRequest = clerkMiddleware(async (auth, context, next) => {\n  if (!context.url.pathname.startsWith('/api/')) {\n    return next();\n  }\n  const { userId } = auth();\n  if (!userId) {\n    return new Response('Unauthorized', { status: 401 });\n  }\n  return next();\n});\n";
        let redirect = "import { clerkMiddleware, createRouteMatcher } from '@clerk/astro/server';\nconst isProtected = createRouteMatcher(['/dashboard(.*)']);\nexport const onRequest = clerkMiddleware((auth, context) => {\n  const { userId } = auth();\n  if (!userId && isProtected(context.request)) {\n    return context.redirect('/sign-in');\n  }\n});\n";
        let sequence = "import { clerkMiddleware, createRouteMatcher } from '@clerk/astro/server';\nimport { sequence } from 'astro:middleware';\nconst isProtected = createRouteMatcher(['/api(.*)']);\nconst clerk = clerkMiddleware((auth, context, next) => {\n  if (isProtected(context.request) && !auth().userId) return auth().redirectToSignIn();\n  return next();\n});\nexport const onRequest = sequence(clerk, async (context, next) => next());\n";
        let helper = "import { clerkMiddleware, createRouteMatcher } from '@clerk/astro/server';\nconst unauthorized = () => new Response('no', { status: 401 });\nconst isApi = createRouteMatcher(['/api/private(.*)']);\nexport const onRequest = clerkMiddleware((auth, context, next) => {\n  if (isApi(context.request) && !auth().userId) {\n    return unauthorized();\n  }\n  return next();\n});\n";
        let cases: &[(&str, &str, Coverage)] = &[
            (helper, "/api/private/x", Coverage::Protected),
            (helper, "/api/public", Coverage::Runs),
            (matcher, "/api/admin/users", Coverage::Protected),
            (matcher, "/api/notes", Coverage::Runs),
            (populate, "/api/notes", Coverage::Runs),
            (pathname, "/api/notes", Coverage::Protected),
            (pathname, "/about", Coverage::Runs),
            (redirect, "/dashboard/x", Coverage::Protected),
            (redirect, "/api/x", Coverage::Runs),
            (sequence, "/api/x", Coverage::Protected),
            (sequence, "/_actions/x", Coverage::Runs),
        ];
        for (src, path, want) in cases {
            assert_eq!(&coverage(src, path), want, "{path}\n{src}");
        }
    }
}
