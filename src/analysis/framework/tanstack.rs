//! TanStack Start: server functions and server routes.
//!
//! - Every `createServerFn(...)…handler(fn)` is a public RPC endpoint (POST, or GET when
//!   declared so), wherever it is defined and whichever page calls it; it is named
//!   `file#export`. Its function middleware (`.middleware([requireUser])`, built with
//!   `createMiddleware({ type: 'function' }).server(fn)`) protects it when `fn` throws or
//!   redirects for a signed-out caller.
//! - Server routes: `createFileRoute('/x')({ server: { handlers: { GET } } })` (also the
//!   `createHandlers({ GET: { middleware, handler } })` form and route-level
//!   `server.middleware`), the older `createServerFileRoute('/x').methods({ GET })` and
//!   `createAPIFileRoute('/x')({ GET })`.
//! - Request middleware registered for the whole app (`createStart(() => ({
//!   requestMiddleware: [...] }))` in `src/start.ts`) runs for every request: a guard in it
//!   covers the server routes whose URL its top-level path tests select, and server functions
//!   (requested at `/_serverFn/<id>`) when they select that path too. `clerkMiddleware()`
//!   there only attaches auth.
//! - A route's `beforeLoad` / `loader` redirect protects none of these: they run on
//!   navigation, not when the function or handler is called directly.

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, BindingPattern, CallExpression, Declaration, Expression, ObjectExpression,
    ObjectPropertyKind, Program, Statement,
};
use oxc_span::GetSpan;

use crate::analysis::endpoint::{EndpointKind, FrameworkId, Method, Verdict};
use crate::analysis::engine::{
    Evidence, FileCx, ImportName, Summary, Top, Vocabulary, callee_text, parse, property_key_name,
    range_of,
};
use crate::analysis::fileroutes::tanstack_url;
use crate::analysis::framework::nextjs::make_endpoint;
use crate::analysis::framework::path_guard::PathGuard;
use crate::analysis::framework::react_router::uses_clerk;
use crate::analysis::framework::{AnalysisOut, AppCx, Framework};
use crate::analysis::routes;
use crate::source::SourceFile;

pub struct TanStackStart;

/// What a server function's handler reads beside Clerk's `auth()`: the caller's identity that
/// its function middleware passed on (`next({ context: { userId } })` → `context.userId`).
pub static VOCABULARY: Vocabulary = Vocabulary {
    identity_members: &["context.userId", "context.user"],
    ..Vocabulary::EMPTY
};

impl Framework for TanStackStart {
    fn id(&self) -> FrameworkId {
        FrameworkId::TanStackStart
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn detect(&self, app: &AppCx) -> bool {
        [
            "@tanstack/react-start",
            "@tanstack/start",
            "@tanstack/solid-start",
            "@clerk/tanstack-react-start",
            "@clerk/tanstack-start",
        ]
        .iter()
        .any(|d| app.app.deps.contains_key(*d))
            && uses_clerk(app)
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        discover(app, out);
    }
}

/// Sets what every endpoint of this adapter shares and adds it.
fn push(cx: &AppCx, mut e: crate::analysis::endpoint::Endpoint, found: &mut AnalysisOut) {
    e.framework = FrameworkId::TanStackStart;
    if let Some(url) = &e.url {
        e.public = (cx.cx.options.is_public)(
            &e.location.file,
            e.method_label(),
            &routes::sample_paths(url),
        );
    }
    found.endpoints.push(e);
}

fn discover(cx: &AppCx, found: &mut AnalysisOut) {
    let global = global_function_guard(cx);
    let request_guards = global_request_guards(cx);
    let inherited = route_middleware_guards(cx);
    let before = found.endpoints.len();
    for file in &cx.files {
        let text = &file.text;
        let has_fn = text.contains("createServerFn");
        let has_route = text.contains("createFileRoute")
            || text.contains("createServerFileRoute")
            || text.contains("createAPIFileRoute");
        if !has_fn && !has_route {
            continue;
        }
        let Some(path) = cx.cx.path_of(&file.rel_path) else {
            continue;
        };
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &file.rel_path, text);
        if let Some((range, message)) = &parsed.error {
            found
                .parse_errors
                .push((file.rel_path.clone(), range.clone(), message.clone()));
        }
        if !parsed.ok {
            continue;
        }
        let program = &parsed.program;
        let fcx = FileCx::new(cx.cx.engine, path, &file.rel_path, program, Vec::new());
        let rel = cx.rel(&file.rel_path).to_string();
        for (name, init) in top_level_consts(program) {
            if has_fn && let Some(create) = server_fn_call(&fcx, init) {
                let method = server_fn_method(create);
                let mut facts = fcx.value_facts(init);
                // Name the middleware that guards, not the builder.
                if let Some(Evidence::Helper { .. }) = &facts.gate
                    && let Some(mw) = chain_guard(&fcx, init)
                {
                    let file = fcx.definition_file(&mw);
                    facts.gate = Some(Evidence::Helper { name: mw, file });
                }
                let range = range_of(create.callee.span());
                let mut e = make_endpoint(
                    EndpointKind::ServerFunction,
                    None,
                    None,
                    None,
                    format!("{rel}#{name}"),
                    file,
                    range,
                    facts,
                    &cx.app.rel_root,
                );
                // Reached by id through a POST (or GET when declared so).
                e.method = Some(method);
                push(cx, e, found);
                continue;
            }
            if has_route {
                server_route(cx, &fcx, file, &rel, init, &inherited, found);
            }
        }
        found.walked.insert(file.rel_path.clone());
    }
    // Request middleware runs for every request: server routes at their URL, server
    // functions at `/_serverFn/<id>`. A guard covers the paths its `if`s select.
    for e in &mut found.endpoints[before..] {
        if matches!(e.verdict, Verdict::Protected(_)) {
            continue;
        }
        let path = match e.kind {
            EndpointKind::ServerFunction => format!("/_serverFn/{}", e.name),
            _ => match &e.url {
                Some(u) => routes::sample_paths(u)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| u.clone()),
                None => continue,
            },
        };
        if let Some(g) = request_guards.iter().find(|g| g.protects(&path)) {
            e.verdict = Verdict::Protected(Evidence::Middleware {
                file: g.file.clone(),
            });
            e.depends_on.push(g.file.clone());
        }
    }
    // Function middleware registered for every server function (`createStart(() => ({
    // functionMiddleware: [requireUser] }))`, older `registerGlobalMiddleware`).
    if let Some((name, file)) = global {
        for e in &mut found.endpoints[before..] {
            if e.kind == EndpointKind::ServerFunction && !matches!(e.verdict, Verdict::Protected(_))
            {
                e.verdict = Verdict::Protected(Evidence::Helper {
                    name: name.clone(),
                    file: file.clone(),
                });
                e.depends_on.push(file.clone());
            }
        }
    }
}

/// A route whose `server.middleware` rejects signed-out requests: (route path as written,
/// middleware name, file). It runs for the server handlers of the route and of every route
/// below it (`/_authed` covers `/_authed/reports`).
type RouteGuard = (String, String, String);

fn route_middleware_guards(cx: &AppCx) -> Vec<RouteGuard> {
    let mut out = Vec::new();
    for file in &cx.files {
        let text = &file.text;
        if !text.contains("createFileRoute") || !text.contains("middleware") {
            continue;
        }
        let Some(path) = cx.cx.path_of(&file.rel_path) else {
            continue;
        };
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &file.rel_path, text);
        if !parsed.ok {
            continue;
        }
        let fcx = FileCx::new(
            cx.cx.engine,
            path,
            &file.rel_path,
            &parsed.program,
            Vec::new(),
        );
        let rel = cx.rel(&file.rel_path).to_string();
        for (_, init) in top_level_consts(&parsed.program) {
            let Expression::CallExpression(outer) = init.get_inner_expression() else {
                continue;
            };
            let Expression::CallExpression(inner) = outer.callee.get_inner_expression() else {
                continue;
            };
            if callee_text(&inner.callee) != "createFileRoute" {
                continue;
            }
            let route = first_arg(inner)
                .and_then(string)
                .unwrap_or_else(|| path_from_file(&rel));
            let guard = first_arg(outer)
                .and_then(object_of)
                .and_then(|o| property(o, "server"))
                .and_then(object_of)
                .and_then(|server| property(server, "middleware"))
                .and_then(|m| guard_in(&fcx, m));
            if let Some(name) = guard {
                out.push((route, name, file.rel_path.clone()));
            }
        }
    }
    out
}

/// The guard of the nearest ancestor route (or the route itself) with one.
fn inherited_guard(guards: &[RouteGuard], route: &str) -> Option<String> {
    let route = route.trim_end_matches('/');
    guards
        .iter()
        .filter(|(id, _, _)| {
            let id = id.trim_end_matches('/');
            id.is_empty() || route == id || route.starts_with(&format!("{id}/"))
        })
        .max_by_key(|(id, _, _)| id.len())
        .map(|(_, name, _)| name.clone())
}

/// A guarding function middleware that runs for every server function of the app: in
/// `createStart(() => ({ functionMiddleware: [...] }))` (`src/start.ts`) or the older
/// `registerGlobalMiddleware({ middleware: [...] })` (`global-middleware.ts`). Its name and
/// the file that registers it.
fn global_function_guard(cx: &AppCx) -> Option<(String, String)> {
    for file in &cx.files {
        let text = &file.text;
        let (key, marker) = if text.contains("functionMiddleware") {
            ("functionMiddleware", "createStart")
        } else if text.contains("registerGlobalMiddleware") {
            ("middleware", "registerGlobalMiddleware")
        } else {
            continue;
        };
        if !text.contains(marker) {
            continue;
        }
        let path = cx.cx.path_of(&file.rel_path)?;
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &file.rel_path, text);
        if !parsed.ok {
            continue;
        }
        let fcx = FileCx::new(
            cx.cx.engine,
            path,
            &file.rel_path,
            &parsed.program,
            Vec::new(),
        );
        let mut lists: Vec<&Expression> = Vec::new();
        for stmt in &parsed.program.body {
            match stmt {
                Statement::ExpressionStatement(e) => {
                    find_property(&e.expression, key, &mut lists, 0)
                }
                _ => {
                    if let Some(Declaration::VariableDeclaration(v)) = match stmt {
                        Statement::ExportDeclaration(d) => Some(&d.declaration),
                        other => other.as_declaration(),
                    } {
                        for d in &v.declarations {
                            if let Some(init) = &d.init {
                                find_property(init, key, &mut lists, 0);
                            }
                        }
                    }
                }
            }
        }
        for list in lists {
            if let Some(name) = guard_in(&fcx, list) {
                return Some((name, file.rel_path.clone()));
            }
        }
    }
    None
}

/// Request middleware that rejects signed-out requests, registered for the whole app in
/// `createStart(() => ({ requestMiddleware: [...] }))` (`src/start.ts`): each with the paths
/// its top-level `if`s select. `clerkMiddleware()` only attaches auth and is not one.
fn global_request_guards(cx: &AppCx) -> Vec<PathGuard> {
    let mut out = Vec::new();
    for file in &cx.files {
        let text = &file.text;
        if !text.contains("requestMiddleware") || !text.contains("createStart") {
            continue;
        }
        let Some(path) = cx.cx.path_of(&file.rel_path) else {
            continue;
        };
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &file.rel_path, text);
        if !parsed.ok {
            continue;
        }
        let fcx = FileCx::new(
            cx.cx.engine,
            path,
            &file.rel_path,
            &parsed.program,
            Vec::new(),
        );
        let mut lists: Vec<&Expression> = Vec::new();
        for stmt in &parsed.program.body {
            let decl = match stmt {
                Statement::ExpressionStatement(e) => {
                    find_property(&e.expression, "requestMiddleware", &mut lists, 0);
                    continue;
                }
                Statement::ExportDeclaration(d) => match &d.declaration {
                    Declaration::VariableDeclaration(v) => v,
                    _ => continue,
                },
                Statement::VariableDeclaration(v) => v,
                _ => continue,
            };
            for d in &decl.declarations {
                if let Some(init) = &d.init {
                    find_property(init, "requestMiddleware", &mut lists, 0);
                }
            }
        }
        for list in lists {
            let Expression::ArrayExpression(arr) = list.get_inner_expression() else {
                continue;
            };
            for item in arr.elements.iter().filter_map(|e| e.as_expression()) {
                match item.get_inner_expression() {
                    Expression::Identifier(id) => {
                        let name = id.name.as_str();
                        if let Some(init) = local_init(&fcx, name) {
                            out.extend(PathGuard::from_handler(&fcx, init, &file.rel_path));
                        } else if let Some(imp) = fcx.imports.get(name).copied()
                            && let ImportName::Named(export) = imp.name
                            && let Some(target) = fcx.resolve(imp.source)
                        {
                            out.extend(imported_guard(cx, &target, export));
                        }
                    }
                    _ => out.extend(PathGuard::from_handler(&fcx, item, &file.rel_path)),
                }
            }
        }
    }
    out
}

/// The path guard defined as `export const <name> = createMiddleware().server(fn)` in the
/// file at canonical path `target`.
fn imported_guard(cx: &AppCx, target: &std::path::Path, name: &str) -> Option<PathGuard> {
    let file = cx
        .files
        .iter()
        .find(|f| cx.cx.path_of(&f.rel_path) == Some(target))?;
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &file.rel_path, &file.text);
    if !parsed.ok {
        return None;
    }
    let fcx = FileCx::new(
        cx.cx.engine,
        target,
        &file.rel_path,
        &parsed.program,
        Vec::new(),
    );
    let init = local_init(&fcx, name)?;
    PathGuard::from_handler(&fcx, init, &file.rel_path)
}

/// The values of object properties named `key` in a top-level call's arguments, also inside
/// a callback's returned object (`createStart(() => ({ functionMiddleware: [...] }))`).
fn find_property<'a>(
    e: &'a Expression<'a>,
    key: &str,
    out: &mut Vec<&'a Expression<'a>>,
    depth: usize,
) {
    if depth > 6 {
        return;
    }
    match e.get_inner_expression() {
        Expression::ObjectExpression(o) => {
            for p in &o.properties {
                if let ObjectPropertyKind::ObjectProperty(p) = p {
                    if property_key_name(&p.key) == Some(key) {
                        out.push(&p.value);
                    } else {
                        find_property(&p.value, key, out, depth + 1);
                    }
                }
            }
        }
        Expression::CallExpression(c) => {
            for a in c.arguments.iter().filter_map(Argument::as_expression) {
                find_property(a, key, out, depth + 1);
            }
        }
        Expression::AwaitExpression(a) => find_property(&a.argument, key, out, depth + 1),
        Expression::ArrowFunctionExpression(a) => {
            if let Some(x) = a.get_expression() {
                find_property(x, key, out, depth + 1);
            } else if let Some(body) = a.get_function_body() {
                for st in &body.statements {
                    if let Statement::ReturnStatement(r) = st
                        && let Some(x) = &r.argument
                    {
                        find_property(x, key, out, depth + 1);
                    }
                }
            }
        }
        _ => {}
    }
}

/// `const x = …` and `export const x = …` at the top level.
fn top_level_consts<'a>(program: &'a Program<'a>) -> Vec<(String, &'a Expression<'a>)> {
    let mut out = Vec::new();
    for stmt in &program.body {
        let decl = match stmt {
            Statement::VariableDeclaration(v) => v,
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::VariableDeclaration(v) => v,
                _ => continue,
            },
            _ => continue,
        };
        for d in &decl.declarations {
            if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) {
                out.push((id.name.to_string(), init));
            }
        }
    }
    out
}

/// The `createServerFn(...)` call at the root of a method chain ending in `.handler(fn)`.
fn server_fn_call<'a>(
    fcx: &FileCx<'a, '_>,
    e: &'a Expression<'a>,
) -> Option<&'a CallExpression<'a>> {
    let Expression::CallExpression(call) = e.get_inner_expression() else {
        return None;
    };
    let member = call.callee.get_inner_expression().as_member_expression()?;
    if member.static_property_name() != Some("handler") {
        return None;
    }
    let mut cur = member.object().get_inner_expression();
    for _ in 0..16 {
        let Expression::CallExpression(c) = cur else {
            return None;
        };
        match c.callee.get_inner_expression() {
            Expression::Identifier(id) => {
                let imported = fcx.imports.get(id.name.as_str())?;
                let from_start =
                    imported.source.starts_with("@tanstack/") && imported.source.contains("start");
                return (from_start
                    && matches!(imported.name, ImportName::Named("createServerFn")))
                .then_some(c);
            }
            other => {
                cur = other
                    .as_member_expression()?
                    .object()
                    .get_inner_expression();
            }
        }
    }
    None
}

/// The guarding middleware of a `createServerFn()…middleware([…])…` chain.
fn chain_guard<'a>(fcx: &FileCx<'a, '_>, e: &'a Expression<'a>) -> Option<String> {
    let mut cur = e.get_inner_expression();
    for _ in 0..16 {
        let Expression::CallExpression(c) = cur else {
            return None;
        };
        let m = c.callee.get_inner_expression().as_member_expression()?;
        if m.static_property_name() == Some("middleware")
            && let Some(list) = c.arguments.first().and_then(Argument::as_expression)
            && let Some(name) = guard_in(fcx, list)
        {
            return Some(name);
        }
        cur = m.object().get_inner_expression();
    }
    None
}

/// `createServerFn({ method: 'GET' })` is reached by GET; every other one by POST.
fn server_fn_method(create: &CallExpression) -> Method {
    let get = create
        .arguments
        .first()
        .and_then(Argument::as_expression)
        .and_then(|a| object_of(a))
        .and_then(|o| property(o, "method"))
        .is_some_and(|m| string(m).as_deref() == Some("GET"));
    if get { Method::Get } else { Method::Post }
}

/// The server handlers of one route definition (`createFileRoute`, `createServerFileRoute`,
/// `createAPIFileRoute`).
fn server_route<'a>(
    cx: &AppCx,
    fcx: &FileCx<'a, '_>,
    file: &SourceFile,
    rel: &str,
    init: &'a Expression<'a>,
    inherited: &[RouteGuard],
    found: &mut AnalysisOut,
) {
    let Expression::CallExpression(outer) = init.get_inner_expression() else {
        return;
    };
    // `createFileRoute('/x')({ … })` / `createAPIFileRoute('/x')({ … })`.
    if let Expression::CallExpression(inner) = outer.callee.get_inner_expression() {
        let name = callee_text(&inner.callee);
        let path = inner
            .arguments
            .first()
            .and_then(Argument::as_expression)
            .and_then(string)
            .unwrap_or_else(|| path_from_file(rel));
        let options = outer
            .arguments
            .first()
            .and_then(Argument::as_expression)
            .and_then(object_of);
        let Some(options) = options else { return };
        match name.as_str() {
            "createFileRoute" | "createRootRoute" | "createRootRouteWithContext" => {
                let Some(server) = property(options, "server").and_then(object_of) else {
                    return;
                };
                let route_guard = property(server, "middleware")
                    .and_then(|m| guard_in(fcx, m))
                    .or_else(|| inherited_guard(inherited, &path));
                if let Some(handlers) = property(server, "handlers") {
                    handler_map(cx, fcx, file, &path, handlers, route_guard, found);
                }
            }
            "createAPIFileRoute" => {
                if let Some(handlers) = first_arg(outer) {
                    handler_map(cx, fcx, file, &path, handlers, None, found);
                }
            }
            _ => {}
        }
        return;
    }
    // `createServerFileRoute('/x').middleware([…]).methods({ … })`.
    let Some(member) = outer.callee.get_inner_expression().as_member_expression() else {
        return;
    };
    if member.static_property_name() != Some("methods") {
        return;
    }
    let mut guard = None;
    let mut cur = member.object().get_inner_expression();
    let mut path = None;
    for _ in 0..8 {
        let Expression::CallExpression(c) = cur else {
            break;
        };
        match c.callee.get_inner_expression() {
            Expression::Identifier(id) if id.name == "createServerFileRoute" => {
                path = c
                    .arguments
                    .first()
                    .and_then(Argument::as_expression)
                    .and_then(string);
                break;
            }
            other => {
                let Some(m) = other.as_member_expression() else {
                    break;
                };
                if m.static_property_name() == Some("middleware")
                    && let Some(list) = c.arguments.first().and_then(Argument::as_expression)
                {
                    guard = guard.or_else(|| guard_in(fcx, list));
                }
                cur = m.object().get_inner_expression();
            }
        }
    }
    let path = path.unwrap_or_else(|| path_from_file(rel));
    if let Some(handlers) = first_arg(outer) {
        handler_map(cx, fcx, file, &path, handlers, guard, found);
    }
}

fn first_arg<'a>(call: &'a CallExpression<'a>) -> Option<&'a Expression<'a>> {
    call.arguments.first().and_then(Argument::as_expression)
}

/// The handlers of `{ GET: fn, POST: { middleware, handler } }`, also when returned by
/// `({ createHandlers }) => createHandlers({ … })` or `(api) => ({ … })`.
#[allow(clippy::too_many_arguments)]
fn handler_map<'a>(
    cx: &AppCx,
    fcx: &FileCx<'a, '_>,
    file: &SourceFile,
    path: &str,
    handlers: &'a Expression<'a>,
    route_guard: Option<String>,
    found: &mut AnalysisOut,
) {
    let obj = match handlers.get_inner_expression() {
        Expression::ObjectExpression(o) => Some(&**o),
        Expression::ArrowFunctionExpression(a) => {
            a.get_expression()
                .and_then(|e| match e.get_inner_expression() {
                    Expression::ObjectExpression(o) => Some(&**o),
                    Expression::CallExpression(c) => c
                        .arguments
                        .first()
                        .and_then(Argument::as_expression)
                        .and_then(object_of),
                    _ => None,
                })
        }
        _ => None,
    };
    let Some(obj) = obj else { return };
    let url = tanstack_url(path);
    for p in &obj.properties {
        let ObjectPropertyKind::ObjectProperty(p) = p else {
            continue;
        };
        let Some(key) = property_key_name(&p.key) else {
            continue;
        };
        let upper = key.to_ascii_uppercase();
        let Some(method) = Method::from_export(&upper).or(match upper.as_str() {
            "ANY" | "ALL" => Some(Method::Any),
            _ => None,
        }) else {
            continue;
        };
        let (facts, own_guard) = match object_of(&p.value) {
            Some(spec) => (
                property(spec, "handler")
                    .map(|h| fcx.value_facts(h))
                    .unwrap_or_default(),
                property(spec, "middleware").and_then(|m| guard_in(fcx, m)),
            ),
            // `GET: handlers` where `const handlers = createRouteHandler({ router })`: read
            // the named value per method (uploadthing serves its config on GET and runs the
            // router's middleware on POST).
            None => match p.value.get_inner_expression() {
                Expression::Identifier(id) => match local_init(fcx, id.name.as_str()) {
                    Some(init) => (fcx.destructured_facts(init, method.as_str()), None),
                    None => (fcx.value_facts(&p.value), None),
                },
                _ => (fcx.value_facts(&p.value), None),
            },
        };
        let guard = own_guard.or_else(|| route_guard.clone());
        let mut e = make_endpoint(
            EndpointKind::ServerRoute,
            Some(method),
            None,
            Some(url.clone()),
            key.to_string(),
            file,
            range_of(p.key.span()),
            facts,
            &cx.app.rel_root,
        );
        if let Some(name) = guard
            && !matches!(e.verdict, Verdict::Protected(_))
        {
            e.verdict = Verdict::Protected(Evidence::Helper {
                name,
                file: file.rel_path.clone(),
            });
        }
        push(cx, e, found);
    }
}

/// The initialiser of a top-level `const name = …` of the file.
fn local_init<'a>(fcx: &FileCx<'a, '_>, name: &str) -> Option<&'a Expression<'a>> {
    match fcx.top.get(name).copied()? {
        Top::Init(e, _) => Some(e),
        _ => None,
    }
}

/// The first middleware in a list (`[authMw]`) that rejects signed-out requests.
fn guard_in<'a>(fcx: &FileCx<'a, '_>, list: &'a Expression<'a>) -> Option<String> {
    let items: Vec<&'a Expression<'a>> = match list.get_inner_expression() {
        Expression::ArrayExpression(arr) => arr
            .elements
            .iter()
            .filter_map(|e| e.as_expression())
            .collect(),
        other => vec![other],
    };
    items.into_iter().find_map(|item| {
        matches!(fcx.value_summary(item), Summary::Guards(_)).then(|| callee_text(item))
    })
}

/// A route's path from its file when `createFileRoute()` has none: `src/routes/api/x.ts` →
/// `/api/x`, `posts.$id.tsx` → `/posts/$id`, `index.tsx` and `route.tsx` name their folder.
fn path_from_file(rel: &str) -> String {
    let rest = ["src/routes/", "app/routes/", "routes/"]
        .iter()
        .find_map(|p| rel.strip_prefix(p))
        .unwrap_or(rel);
    let stem = rest.rsplit_once('.').map(|(s, _)| s).unwrap_or(rest);
    let mut segs: Vec<String> = Vec::new();
    for part in stem.split('/') {
        let mut cur = String::new();
        let mut depth = 0usize;
        for c in part.chars() {
            match c {
                '[' => {
                    depth += 1;
                    cur.push(c);
                }
                ']' => {
                    depth = depth.saturating_sub(1);
                    cur.push(c);
                }
                '.' if depth == 0 => segs.push(std::mem::take(&mut cur)),
                _ => cur.push(c),
            }
        }
        segs.push(cur);
    }
    if matches!(segs.last().map(String::as_str), Some("index" | "route")) {
        segs.pop();
    }
    format!("/{}", segs.join("/"))
}

fn object_of<'a>(e: &'a Expression<'a>) -> Option<&'a ObjectExpression<'a>> {
    match e.get_inner_expression() {
        Expression::ObjectExpression(o) => Some(o),
        _ => None,
    }
}

fn property<'a>(obj: &'a ObjectExpression<'a>, key: &str) -> Option<&'a Expression<'a>> {
    obj.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if property_key_name(&p.key) == Some(key) => {
            Some(&p.value)
        }
        _ => None,
    })
}

fn string(e: &Expression) -> Option<String> {
    match e.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            t.quasis.first().map(|q| q.value.raw.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A handler's check of what its function middleware put on `context`: (check, gated).
    #[test]
    fn function_middleware_context() {
        const MW: &str = "import { auth } from '@clerk/tanstack-react-start/server'\nimport { createMiddleware } from '@tanstack/react-start'\nexport const withUser = createMiddleware({ type: 'function' }).server(async ({ next }) => {\n  const { userId } = await auth()\n  return next({ context: { userId } })\n})\n";
        const CASES: &[(&str, bool)] = &[
            ("!context?.userId", true),
            ("!context.userId", true),
            ("!context?.user", true),
            ("!context?.theme", false),
        ];
        for (check, gated) in CASES {
            let handler = format!(
                "import {{ createServerFn }} from '@tanstack/react-start'\nimport {{ withUser }} from './mw'\nexport const getMe = createServerFn({{ method: 'GET' }}).middleware([withUser]).handler(async ({{ context }}) => {{\n  if ({check}) throw new Error('Unauthorized')\n  return 1\n}})\n"
            );
            let facts = crate::analysis::engine::testing::export_facts(
                &[("fns.ts", handler.as_str()), ("mw.ts", MW)],
                &[&VOCABULARY],
                "getMe",
            )
            .unwrap();
            assert_eq!(facts.handler.gate.is_some(), *gated, "{check}");
        }
    }

    #[test]
    fn paths_from_files() {
        const CASES: &[(&str, &str)] = &[
            ("src/routes/api/reports.ts", "/api/reports"),
            ("src/routes/posts.$postId.tsx", "/posts/$postId"),
            ("src/routes/api/files/$.ts", "/api/files/$"),
            ("src/routes/index.tsx", "/"),
            ("src/routes/_authed/route.tsx", "/_authed"),
            ("app/routes/customScript[.]js.ts", "/customScript[.]js"),
        ];
        for (rel, expected) in CASES {
            assert_eq!(path_from_file(rel), *expected, "{rel}");
        }
    }
}
