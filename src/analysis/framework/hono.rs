//! Hono endpoints (`@clerk/hono`, deprecated `@hono/clerk-auth`): `app.get/post/all/on(…)`,
//! `app.use(path, …)`, route-level middleware (`app.get('/x', guard, handler)`), chained
//! `new Hono().get().post()`, `basePath('/api')`, and `app.route('/x', sub)` mounting across
//! files.
//!
//! Hono runs the handlers that match a request in registration order, and a handler that
//! returns a response ends the chain: middleware registered with `use` *after* a route never
//! runs before it. `app.route('/x', sub)` copies `sub`'s routes and middleware when it is
//! called, so parent middleware registered after the mount misses them. `clerkMiddleware()`
//! only attaches auth. Inside a Next.js catch-all (`export const GET = handle(app)`), the Hono
//! routes are the endpoints.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    CallExpression, Declaration, ExportDefaultDeclarationKind, Expression, Program, Statement,
};
use oxc_span::GetSpan;

use crate::analysis::endpoint::FrameworkId;
use crate::analysis::engine::{
    Engine, FileCx, FileEntry, FnFacts, ImportName, ImportRule, Name, Pkg, Role, Vocabulary, parse,
};
use crate::analysis::framework::jsroute::{
    Layer, chain_root, http_method, identity_from_request, join_path, judge_layer, method_call,
    object_prop, registration_range, string_list, string_value, walk_calls,
};
use crate::analysis::framework::jsroute::{handler_facts, project_files, router_endpoint};
use crate::analysis::framework::{AnalysisOut, AppCx, Framework};

/// One Hono endpoint with the middleware that runs before its handler.
pub use crate::analysis::framework::jsroute::RawRoute as Route;

/// A Hono app value: (file, binding name or `export:<name>`).
type AppKey = (PathBuf, String);

#[derive(Debug, Default)]
struct App {
    base: String,
    events: Vec<Event>,
}

#[derive(Debug)]
enum Event {
    Use {
        pattern: String,
        layers: Vec<Layer>,
    },
    Route {
        methods: Vec<String>,
        path: String,
        file: String,
        range: Range<usize>,
        layers: Vec<Layer>,
        handler: FnFacts,
        request_identity: Option<String>,
    },
    Mount {
        path: String,
        target: Option<AppKey>,
    },
}

#[derive(Default)]
struct Registry {
    apps: HashMap<AppKey, App>,
    /// (file, export name) → the app it exports.
    exports: HashMap<(PathBuf, String), AppKey>,
    /// Mounts to resolve once every file is scanned: (file, imported name) by export.
    pending: Vec<(AppKey, usize, PathBuf, String)>,
}

/// Whether a file may declare Hono routes.
/// Also true for files that only register on an app they got from a project factory
/// (`createRouter().openapi(…)`, `app.route('/', tasks)`).
pub fn mentions_hono(text: &str) -> bool {
    text.contains("hono")
        || text.contains("Hono")
        || text.contains(".route(")
        || text.contains(".openapi(")
        || text.contains("Router()")
        || text.contains("App()")
}

/// Every Hono endpoint of the files.
/// Every Hono endpoint served by an app declared in one of the `own` files (sub-apps it mounts
/// may live anywhere in the project).
pub fn analyze(
    engine: &Engine,
    files: &HashMap<PathBuf, FileEntry>,
    own: &dyn Fn(&Path) -> bool,
) -> Vec<Route> {
    let mut paths: Vec<&PathBuf> = files
        .iter()
        .filter(|(_, e)| mentions_hono(&e.text))
        .map(|(p, _)| p)
        .collect();
    paths.sort();
    let mut reg = Registry::default();
    for path in paths {
        let entry = &files[path];
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &entry.display, &entry.text);
        if !parsed.ok {
            continue;
        }
        let cx = FileCx::new(engine, path, &entry.display, &parsed.program, Vec::new());
        scan_file(&cx, &parsed.program, &mut reg);
    }
    // Resolve mounts of imported apps.
    for (key, idx, file, name) in std::mem::take(&mut reg.pending) {
        let target = resolve_export(&reg, &file, &name);
        if let Some(app) = reg.apps.get_mut(&key)
            && let Some(Event::Mount { target: t, .. }) = app.events.get_mut(idx)
        {
            *t = target;
        }
    }
    let mounted: HashSet<AppKey> = reg
        .apps
        .values()
        .flat_map(|a| a.events.iter())
        .filter_map(|e| match e {
            Event::Mount { target, .. } => target.clone(),
            _ => None,
        })
        .collect();
    let mut roots: Vec<&AppKey> = reg
        .apps
        .keys()
        .filter(|k| own(&k.0) && !mounted.contains(*k) && !is_alias(&reg, k))
        .collect();
    roots.sort();
    let mut out = Vec::new();
    let mut reached: HashSet<AppKey> = HashSet::new();
    let walk = |root: &AppKey, out: &mut Vec<Route>, reached: &mut HashSet<AppKey>| {
        let mut flat = Vec::new();
        let mut expanded = HashMap::new();
        flatten(&reg, root, "", &mut flat, &mut Vec::new(), &mut expanded);
        reached.extend(expanded.into_keys());
        resolve_routes(&flat, out);
    };
    for root in roots {
        walk(root, &mut out, &mut reached);
    }
    // Apps no root reaches: mounted only inside a cycle (`a.route('/b', b)` and
    // `b.route('/a', a)`); their routes are listed from the first of them, not hidden.
    let mut rest: Vec<&AppKey> = reg
        .apps
        .keys()
        .filter(|k| own(&k.0) && !is_alias(&reg, k) && !reached.contains(*k))
        .collect();
    rest.sort();
    for k in rest {
        if !reached.contains(k) {
            walk(k, &mut out, &mut reached);
        }
    }
    // A sub-app mounted at several paths (a loop over mounts) has one endpoint per URL.
    out.sort_by(|a, b| {
        (&a.file, a.range.start, &a.method, &a.url).cmp(&(
            &b.file,
            b.range.start,
            &b.method,
            &b.url,
        ))
    });
    out.dedup_by(|a, b| {
        a.file == b.file && a.range == b.range && a.method == b.method && a.url == b.url
    });
    out
}

/// An `export:<name>` entry that only points at a named app of the same file.
fn is_alias(reg: &Registry, key: &AppKey) -> bool {
    reg.apps
        .get(key)
        .is_some_and(|a| a.events.is_empty() && a.base.is_empty() && key.1.starts_with("export:"))
}

fn resolve_export(reg: &Registry, file: &Path, name: &str) -> Option<AppKey> {
    reg.exports
        .get(&(file.to_path_buf(), name.to_string()))
        .cloned()
}

/// `new Hono()`, `new OpenAPIHono()` from a Hono package.
fn is_hono_new(cx: &FileCx, e: &Expression) -> bool {
    let Expression::NewExpression(n) = e.get_inner_expression() else {
        return false;
    };
    let Expression::Identifier(id) = n.callee.get_inner_expression() else {
        return false;
    };
    cx.imports.get(id.name.as_str()).is_some_and(|imp| {
        matches!(
            imp.source,
            "hono"
                | "@hono/hono"
                | "jsr:@hono/hono"
                | "@hono/zod-openapi"
                | "hono/tiny"
                | "hono/quick"
        ) || imp.source.starts_with("npm:hono")
            || imp.source.starts_with("jsr:@hono/hono")
    })
}

/// Whether an expression builds a Hono app: `new Hono()` or a call to a project factory that
/// returns one (`createRouter()`), possibly with a chain on it.
fn builds_app(cx: &FileCx, e: &Expression) -> bool {
    is_hono_new(cx, chain_root(e)) || factory_call(cx, e)
}

/// `createRouter()…`: the innermost call of the chain is a project function that builds a
/// Hono app (its source says `new Hono(` or `new OpenAPIHono(`).
fn factory_call(cx: &FileCx, e: &Expression) -> bool {
    let mut cur = e.get_inner_expression();
    let callee = loop {
        match cur {
            Expression::CallExpression(c) => match c.callee.get_inner_expression() {
                Expression::StaticMemberExpression(m) => cur = m.object.get_inner_expression(),
                Expression::Identifier(id) => break id.name.as_str(),
                _ => return false,
            },
            _ => return false,
        }
    };
    let builds = builds_hono_text;
    match cx.top.get(callee).copied() {
        Some(crate::analysis::engine::Top::Function(f)) => {
            let s = f.span;
            return cx
                .program
                .source_text
                .get(s.start as usize..s.end as usize)
                .is_some_and(builds);
        }
        Some(crate::analysis::engine::Top::Init(init, _, _)) => {
            let s = init.span();
            return cx
                .program
                .source_text
                .get(s.start as usize..s.end as usize)
                .is_some_and(builds);
        }
        _ => {}
    }
    let Some(imp) = cx.imports.get(callee).copied() else {
        return false;
    };
    let Some(path) = cx.resolve(imp.source) else {
        return false;
    };
    let Some(entry) = cx.engine.entry(&path) else {
        return false;
    };
    let named = match imp.name {
        ImportName::Named(n) => entry.text.contains(n),
        ImportName::Default => true,
        ImportName::Namespace => false,
    };
    named && builds(&entry.text)
}

/// Whether source text constructs a Hono app: `new Hono(`, `new OpenAPIHono(`, also with type
/// arguments (`new OpenAPIHono<{ Bindings: Env }>()`) or spaces before them.
fn builds_hono_text(text: &str) -> bool {
    ["new Hono", "new OpenAPIHono"].iter().any(|needle| {
        text.match_indices(needle).any(|(i, _)| {
            matches!(
                text[i + needle.len()..].trim_start().chars().next(),
                Some('(' | '<')
            )
        })
    })
}

fn scan_file<'a>(cx: &FileCx<'a, '_>, program: &'a Program<'a>, reg: &mut Registry) {
    let path = cx.path.clone();
    // Apps bound to names at the top level (and inside top-level functions' bodies).
    let mut named: Vec<(String, &'a Expression<'a>)> = Vec::new();
    collect_bindings(cx, &program.body, &mut named);
    let names: HashSet<String> = named.iter().map(|(n, _)| n.clone()).collect();
    for (name, init) in &named {
        let key = (path.clone(), name.clone());
        let mut app = App::default();
        chain_events(cx, init, &names, &mut app, reg, &key);
        // Later calls on the binding: `app.use(…)`, `app.get(…).post(…)`.
        walk_calls(&program.body, name, &mut |call, _| {
            let Some((_, object)) = method_call(call) else {
                return false;
            };
            if !matches!(chain_root(object), Expression::Identifier(id) if id.name == name.as_str())
            {
                return false;
            }
            call_event(cx, call, &names, &mut app, reg, &key);
            true
        });
        reg.apps.insert(key, app);
    }
    // Exports.
    for s in &program.body {
        match s {
            Statement::ExportDefaultDeclaration(d) => {
                if let Some(e) = match &d.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(_) => None,
                    other => other.as_expression(),
                } {
                    export_value(cx, e, "default", &names, reg);
                }
            }
            Statement::ExportDeclaration(d) => {
                if let Declaration::VariableDeclaration(v) = &d.declaration {
                    for decl in &v.declarations {
                        if let oxc_ast::ast::BindingPattern::BindingIdentifier(id) = &decl.id
                            && names.contains(id.name.as_str())
                        {
                            reg.exports.insert(
                                (path.clone(), id.name.to_string()),
                                (path.clone(), id.name.to_string()),
                            );
                        }
                    }
                }
            }
            Statement::ExportNamedDeclaration(d) => {
                for spec in &d.specifiers {
                    let local = crate::analysis::engine::export_name(&spec.local);
                    let exported = crate::analysis::engine::export_name(&spec.exported);
                    if names.contains(&local) {
                        reg.exports
                            .insert((path.clone(), exported), (path.clone(), local));
                    }
                }
            }
            Statement::ExpressionStatement(es) => {
                // `module.exports = app`.
                if let Expression::AssignmentExpression(a) = &es.expression
                    && let Some(target) = a.left.as_member_expression()
                    && target.static_property_name() == Some("exports")
                    && matches!(target.object(), Expression::Identifier(o) if o.name == "module")
                {
                    export_value(cx, &a.right, "default", &names, reg);
                }
            }
            _ => {}
        }
    }
    // Apps passed to `handle(new Hono()…)` or exported inline are handled above; an inline
    // app that is only `export default new Hono()…` gets an `export:default` key.
}

fn export_value<'a>(
    cx: &FileCx<'a, '_>,
    e: &'a Expression<'a>,
    name: &str,
    names: &HashSet<String>,
    reg: &mut Registry,
) {
    let path = cx.path.clone();
    match e.get_inner_expression() {
        Expression::Identifier(id) if names.contains(id.name.as_str()) => {
            reg.exports.insert(
                (path.clone(), name.to_string()),
                (path, id.name.to_string()),
            );
        }
        other if builds_app(cx, other) => {
            let key = (path.clone(), format!("export:{name}"));
            let mut app = App::default();
            chain_events(cx, other, names, &mut app, reg, &key);
            reg.apps.insert(key.clone(), app);
            reg.exports.insert((path, name.to_string()), key);
        }
        // `export default app.route(…)`: a chain on a named app.
        other => {
            if let Expression::Identifier(id) = chain_root(other)
                && names.contains(id.name.as_str())
            {
                reg.exports.insert(
                    (path.clone(), name.to_string()),
                    (path, id.name.to_string()),
                );
            }
        }
    }
}

/// `const app = new Hono()…` anywhere at the top level or inside top-level functions.
fn collect_bindings<'a>(
    cx: &FileCx<'a, '_>,
    stmts: &'a [Statement<'a>],
    out: &mut Vec<(String, &'a Expression<'a>)>,
) {
    for s in stmts {
        let decls = match s {
            Statement::VariableDeclaration(v) => Some(&v.declarations),
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::VariableDeclaration(v) => Some(&v.declarations),
                Declaration::FunctionDeclaration(f) => {
                    if let Some(b) = &f.body {
                        collect_bindings(cx, &b.statements, out);
                    }
                    None
                }
                _ => None,
            },
            Statement::FunctionDeclaration(f) => {
                if let Some(b) = &f.body {
                    collect_bindings(cx, &b.statements, out);
                }
                None
            }
            _ => None,
        };
        for d in decls.into_iter().flatten() {
            if let (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(init)) =
                (&d.id, &d.init)
            {
                if builds_app(cx, init) {
                    out.push((id.name.to_string(), init));
                } else if let Expression::Identifier(root) = chain_root(init)
                    && out.iter().any(|(n, _)| n == root.name.as_str())
                    && let Expression::CallExpression(c) = init.get_inner_expression()
                    && method_call(c).is_some_and(|(m, _)| m == "basePath")
                {
                    // `const api = app.basePath('/api')`: shares the app's router; kept as
                    // its own app with a base (an approximation: ordering across the two is
                    // not modelled).
                    out.push((id.name.to_string(), init));
                }
            }
        }
    }
}

/// The events of a chain `new Hono().basePath('/x').use(…).get(…)`, in order.
fn chain_events<'a>(
    cx: &FileCx<'a, '_>,
    e: &'a Expression<'a>,
    names: &HashSet<String>,
    app: &mut App,
    reg: &mut Registry,
    key: &AppKey,
) {
    let mut calls: Vec<&'a CallExpression<'a>> = Vec::new();
    let mut cur = e.get_inner_expression();
    while let Expression::CallExpression(c) = cur {
        calls.push(c);
        match c.callee.get_inner_expression() {
            Expression::StaticMemberExpression(m) => cur = m.object.get_inner_expression(),
            _ => break,
        }
    }
    for c in calls.into_iter().rev() {
        call_event(cx, c, names, app, reg, key);
    }
}

/// Records what one call on an app does.
fn call_event<'a>(
    cx: &FileCx<'a, '_>,
    call: &'a CallExpression<'a>,
    names: &HashSet<String>,
    app: &mut App,
    reg: &mut Registry,
    key: &AppKey,
) {
    let Some((method, _)) = method_call(call) else {
        return;
    };
    let args: Vec<&'a Expression<'a>> = call
        .arguments
        .iter()
        .filter_map(|a| a.as_expression())
        .collect();
    match method {
        "basePath" => {
            if let Some(p) = args.first().and_then(|a| string_value(a)) {
                app.base = join_path(&app.base, &p);
            }
        }
        "use" => {
            // `paths.forEach(path => app.use(path, guard))`: one `use` per element of the
            // literal list; a loop-bound path that does not resolve guards nothing (it is not
            // a `use(...handlers)` call for every path).
            if let Some(Expression::Identifier(id)) = args.first().map(|a| a.get_inner_expression())
                && let Some(paths) = loop_use_paths(cx.program, call, id.name.as_str())
            {
                for p in paths {
                    let layers = args[1..].iter().map(|e| layer(cx, e)).collect();
                    app.events.push(Event::Use {
                        pattern: join_path(&app.base, &p),
                        layers,
                    });
                }
                return;
            }
            let (pattern, rest) = match args.first().and_then(|a| string_value(a)) {
                Some(p) => (join_path(&app.base, &p), &args[1..]),
                None => (join_path(&app.base, "*"), &args[..]),
            };
            let layers = rest.iter().map(|e| layer(cx, e)).collect();
            app.events.push(Event::Use { pattern, layers });
        }
        "route" => {
            // `for (const [p, r] of routes) app.route(p, r)`, `routes.forEach(…)`: one mount
            // per element of the literal list.
            let looped = loop_mounts(cx.program, call);
            if !looped.is_empty() {
                for (p, sub) in looped {
                    mount(cx, &p, sub, names, app, reg, key);
                }
                return;
            }
            let (Some(p), Some(sub)) = (args.first().and_then(|a| string_value(a)), args.get(1))
            else {
                return;
            };
            mount(cx, &p, sub, names, app, reg, key);
        } // `@hono/zod-openapi`: `app.openapi(createRoute({ method, path, middleware }), handler)`.
        "openapi" => {
            let (Some(def), Some(handler)) = (args.first(), args.get(1)) else {
                return;
            };
            // `routes.list` from `import * as routes from './x.routes'`.
            let foreign = match def.get_inner_expression() {
                Expression::StaticMemberExpression(m) => match m.object.get_inner_expression() {
                    Expression::Identifier(obj) => cx
                        .imports
                        .get(obj.name.as_str())
                        .copied()
                        .filter(|imp| matches!(imp.name, ImportName::Namespace))
                        .and_then(|imp| cx.resolve(imp.source))
                        .and_then(|p| foreign_route_def(cx.engine, &p, m.property.name.as_str())),
                    _ => None,
                },
                _ => None,
            };
            let (method, path, layers) = match foreign {
                Some(found) => found,
                None => {
                    let def = match def.get_inner_expression() {
                        Expression::Identifier(id) => match cx.top.get(id.name.as_str()).copied() {
                            Some(crate::analysis::engine::Top::Init(init, _, _)) => init,
                            _ => return,
                        },
                        other => other,
                    };
                    match route_def(cx, def) {
                        Some(found) => found,
                        None => return,
                    }
                }
            };
            app.events.push(Event::Route {
                methods: vec![method.to_ascii_uppercase()],
                path: join_path(&app.base, &path),
                file: cx.display.clone(),
                range: registration_range(call),
                layers,
                handler: handler_facts(cx, handler),
                request_identity: identity_from_request(handler),
            });
        }
        "on" => {
            let methods: Vec<String> = args
                .first()
                .map(|a| string_list(a))
                .unwrap_or_default()
                .into_iter()
                .map(|m| m.to_ascii_uppercase())
                .collect();
            let paths = args.get(1).map(|a| string_list(a)).unwrap_or_default();
            if methods.is_empty() || paths.is_empty() || args.len() < 3 {
                return;
            }
            let (layers, handler, request_identity) = split_handlers(cx, &args[2..]);
            for p in paths {
                app.events.push(Event::Route {
                    methods: methods.clone(),
                    path: join_path(&app.base, &p),
                    file: cx.display.clone(),
                    range: registration_range(call),
                    layers: layers.clone(),
                    handler: handler.clone(),
                    request_identity: request_identity.clone(),
                });
            }
        }
        m => {
            let Some(verb) = http_method(m) else {
                return;
            };
            let (path, rest) = match args.first().and_then(|a| string_value(a)) {
                Some(p) => (p, &args[1..]),
                // `.get(handler)` after `.post('/x', …)` reuses the last path.
                None => (last_path(app).unwrap_or_else(|| "/".to_string()), &args[..]),
            };
            if rest.is_empty() {
                return;
            }
            let (layers, handler, request_identity) = split_handlers(cx, rest);
            let path = if args.first().and_then(|a| string_value(a)).is_some() {
                join_path(&app.base, &path)
            } else {
                path
            };
            app.events.push(Event::Route {
                methods: vec![verb.to_string()],
                path,
                file: cx.display.clone(),
                range: registration_range(call),
                layers,
                handler,
                request_identity,
            });
        }
    }
}

/// Records the mount of `sub` at `p` (under the app's base path).
#[allow(clippy::too_many_arguments)]
fn mount<'a>(
    cx: &FileCx<'a, '_>,
    p: &str,
    sub: &'a Expression<'a>,
    names: &HashSet<String>,
    app: &mut App,
    reg: &mut Registry,
    key: &AppKey,
) {
    let path = join_path(&app.base, p);

    let target = match sub.get_inner_expression() {
        Expression::Identifier(id) if names.contains(id.name.as_str()) => {
            Some((cx.path.clone(), id.name.to_string()))
        }
        Expression::Identifier(id) => {
            if let Some(imp) = cx.imports.get(id.name.as_str()).copied()
                && let Some(file) = cx.resolve(imp.source)
            {
                let name = match imp.name {
                    ImportName::Named(n) => n.to_string(),
                    ImportName::Default => "default".to_string(),
                    ImportName::Namespace => return,
                };
                reg.pending
                    .push((key.clone(), app.events.len(), file, name));
            }
            None
        }
        other if builds_app(cx, other) => {
            let sub_key = (cx.path.clone(), format!("inline:{}", other.span().start));
            let mut sub_app = App::default();
            chain_events(cx, other, names, &mut sub_app, reg, &sub_key);
            reg.apps.insert(sub_key.clone(), sub_app);
            Some(sub_key)
        }
        _ => None,
    };
    app.events.push(Event::Mount { path, target });
}

/// A value a loop variable stands for: an expression of the list, or an object key.
#[derive(Clone, Copy)]
enum Bound<'a> {
    Expr(&'a Expression<'a>),
    Key(&'a str),
    /// An `Object.entries()` element: `[key, value]`.
    Pair(&'a str, &'a Expression<'a>),
}

/// The `(path, sub-app)` pairs of an `app.route(p, r)` call made once per element of a literal
/// list: `for (const [p, r] of routes)`, `for (const { path, app } of routes)`,
/// `routes.forEach(([p, r]) => …)`, `for (const [p, r] of Object.entries({ '/a': a }))`,
/// `for (const r of [a, b]) app.route('/', r)`. Empty when the call is in no such loop.
fn loop_mounts<'a>(
    program: &'a Program<'a>,
    call: &'a CallExpression<'a>,
) -> Vec<(String, &'a Expression<'a>)> {
    let Some((pattern, iterable)) = enclosing_loop(&program.body, call.span) else {
        return Vec::new();
    };
    let args: Vec<&'a Expression<'a>> = call
        .arguments
        .iter()
        .filter_map(|a| a.as_expression())
        .collect();
    let (Some(p), Some(r)) = (args.first().copied(), args.get(1).copied()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in list_items(program, iterable) {
        let mut env: Vec<(&'a str, Bound<'a>)> = Vec::new();
        bind(pattern, item, &mut env);
        let lookup = |e: &'a Expression<'a>| -> Option<Bound<'a>> {
            match e.get_inner_expression() {
                Expression::Identifier(id) => env
                    .iter()
                    .find(|(n, _)| *n == id.name.as_str())
                    .map(|(_, b)| *b),
                // `route.path` on an object element.
                Expression::StaticMemberExpression(m) => match m.object.get_inner_expression() {
                    Expression::Identifier(id) => match env
                        .iter()
                        .find(|(n, _)| *n == id.name.as_str())
                        .map(|(_, b)| *b)
                    {
                        Some(Bound::Expr(o)) => {
                            object_prop(o, m.property.name.as_str()).map(Bound::Expr)
                        }
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            }
        };
        let path = match lookup(p) {
            Some(Bound::Expr(e)) => string_value(e),
            Some(Bound::Key(k)) => Some(k.to_string()),
            Some(Bound::Pair(..)) => None,
            None => string_value(p),
        };
        let sub = match lookup(r) {
            Some(Bound::Expr(e)) => Some(e),
            Some(Bound::Key(_) | Bound::Pair(..)) => None,
            None => Some(r),
        };
        if let (Some(path), Some(sub)) = (path, sub) {
            out.push((path, sub));
        }
    }
    out
}

/// The paths an `app.use(path, …)` call registers when `path` (named `name`) is the variable
/// of an enclosing loop over a literal list (`['/a', '/a/*'].forEach(path => …)`); `None` when
/// `name` is no loop variable.
fn loop_use_paths<'a>(
    program: &'a Program<'a>,
    call: &'a CallExpression<'a>,
    name: &str,
) -> Option<Vec<String>> {
    let (pattern, iterable) = enclosing_loop(&program.body, call.span)?;
    let mut bound = matches!(
        pattern,
        oxc_ast::ast::BindingPattern::BindingIdentifier(b) if b.name == name
    );
    let mut out = Vec::new();
    for item in list_items(program, iterable) {
        let mut env: Vec<(&'a str, Bound<'a>)> = Vec::new();
        bind(pattern, item, &mut env);
        if let Some((_, b)) = env.iter().find(|(n, _)| *n == name) {
            bound = true;
            match b {
                Bound::Expr(e) => out.extend(string_value(e)),
                Bound::Key(k) => out.push(k.to_string()),
                Bound::Pair(..) => {}
            }
        }
    }
    bound.then_some(out)
}

/// The loop (`for … of`, `.forEach(cb)`) around `at`: its element pattern and the list.
fn enclosing_loop<'a>(
    stmts: &'a [Statement<'a>],
    at: oxc_span::Span,
) -> Option<(&'a oxc_ast::ast::BindingPattern<'a>, &'a Expression<'a>)> {
    let inside = |s: oxc_span::Span| s.start <= at.start && at.end <= s.end;
    for s in stmts {
        if !inside(s.span()) {
            continue;
        }
        match s {
            Statement::ForOfStatement(f) => {
                if let oxc_ast::ast::ForStatementLeft::VariableDeclaration(v) = &f.left
                    && let Some(d) = v.declarations.first()
                {
                    return Some((&d.id, &f.right));
                }
            }
            Statement::ExpressionStatement(es) => {
                if let Expression::CallExpression(c) = es.expression.get_inner_expression()
                    && let Some(("forEach", list)) = method_call(c)
                    && let Some(cb) = c.arguments.first().and_then(|a| a.as_expression())
                {
                    let params = match cb.get_inner_expression() {
                        Expression::ArrowFunctionExpression(a) => Some(&a.params),
                        Expression::FunctionExpression(f) => Some(&f.params),
                        _ => None,
                    };
                    if let Some(first) = params.and_then(|p| p.items.first()) {
                        return Some((&first.pattern, list));
                    }
                }
                // The loop may sit in a function written in the expression.
                if let Some(body) = fn_body_in(&es.expression) {
                    return enclosing_loop(body, at);
                }
            }
            Statement::BlockStatement(b) => return enclosing_loop(&b.body, at),
            Statement::IfStatement(i) => {
                return enclosing_loop(std::slice::from_ref(&i.consequent), at).or_else(|| {
                    i.alternate
                        .as_ref()
                        .and_then(|a| enclosing_loop(std::slice::from_ref(a), at))
                });
            }
            Statement::FunctionDeclaration(f) => {
                return f
                    .body
                    .as_ref()
                    .and_then(|b| enclosing_loop(&b.statements, at));
            }
            Statement::ExportDeclaration(d) => {
                if let Declaration::FunctionDeclaration(f) = &d.declaration {
                    return f
                        .body
                        .as_ref()
                        .and_then(|b| enclosing_loop(&b.statements, at));
                }
                if let Declaration::VariableDeclaration(v) = &d.declaration {
                    for d in &v.declarations {
                        if let Some(body) = d.init.as_ref().and_then(fn_body_in) {
                            return enclosing_loop(body, at);
                        }
                    }
                }
            }
            Statement::VariableDeclaration(v) => {
                for d in &v.declarations {
                    if let Some(body) = d.init.as_ref().and_then(fn_body_in) {
                        return enclosing_loop(body, at);
                    }
                }
            }
            Statement::ExportDefaultDeclaration(d) => {
                if let ExportDefaultDeclarationKind::FunctionDeclaration(f) = &d.declaration {
                    return f
                        .body
                        .as_ref()
                        .and_then(|b| enclosing_loop(&b.statements, at));
                }
            }
            _ => {}
        }
    }
    None
}

/// The statements of a function written as the expression (`() => { … }`, `function () {}`).
fn fn_body_in<'a>(e: &'a Expression<'a>) -> Option<&'a [Statement<'a>]> {
    match e.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => a.get_function_body().map(|b| &b.statements[..]),
        Expression::FunctionExpression(f) => f.body.as_ref().map(|b| &b.statements[..]),
        _ => None,
    }
}

/// The elements of a literal list: an array (inline or a `const` of the file), or the
/// `[key, value]` entries of `Object.entries({ … })`.
fn list_items<'a>(program: &'a Program<'a>, e: &'a Expression<'a>) -> Vec<Bound<'a>> {
    match e.get_inner_expression() {
        Expression::ArrayExpression(arr) => arr
            .elements
            .iter()
            .filter_map(|el| el.as_expression())
            .map(Bound::Expr)
            .collect(),
        Expression::Identifier(id) => match const_init(program, id.name.as_str()) {
            Some(init) if !std::ptr::eq(init, e) => list_items(program, init),
            _ => Vec::new(),
        },
        Expression::CallExpression(c) if matches!(method_call(c), Some(("entries", Expression::Identifier(o))) if o.name == "Object") =>
        {
            let Some(arg) = c.arguments.first().and_then(|a| a.as_expression()) else {
                return Vec::new();
            };
            let obj = match arg.get_inner_expression() {
                Expression::Identifier(id) => const_init(program, id.name.as_str()),
                other => Some(other),
            };
            let Some(Expression::ObjectExpression(obj)) = obj.map(|o| o.get_inner_expression())
            else {
                return Vec::new();
            };
            obj.properties
                .iter()
                .filter_map(|p| match p {
                    oxc_ast::ast::ObjectPropertyKind::ObjectProperty(p) => Some(p),
                    _ => None,
                })
                .filter_map(|p| {
                    let k = crate::analysis::engine::property_key_name(&p.key)?;
                    Some(Bound::Pair(k, &p.value))
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The initializer of a top-level `const name = …` of the file.
fn const_init<'a>(program: &'a Program<'a>, name: &str) -> Option<&'a Expression<'a>> {
    program.body.iter().find_map(|s| {
        let v = match s {
            Statement::VariableDeclaration(v) => v,
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::VariableDeclaration(v) => v,
                _ => return None,
            },
            _ => return None,
        };
        v.declarations.iter().find_map(|d| match (&d.id, &d.init) {
            (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(init))
                if id.name == name =>
            {
                Some(init)
            }
            _ => None,
        })
    })
}

/// Binds a loop pattern to one element: `r`, `[p, r]`, `{ path, app: r }`.
fn bind<'a>(
    pattern: &'a oxc_ast::ast::BindingPattern<'a>,
    item: Bound<'a>,
    env: &mut Vec<(&'a str, Bound<'a>)>,
) {
    use oxc_ast::ast::BindingPattern as P;
    match (pattern, item) {
        (P::BindingIdentifier(id), b) => env.push((id.name.as_str(), b)),
        (P::ArrayPattern(arr), Bound::Pair(k, v)) => {
            let mut pats = arr.elements.iter();
            if let Some(Some(P::BindingIdentifier(id))) = pats.next() {
                env.push((id.name.as_str(), Bound::Key(k)));
            }
            if let Some(Some(pat)) = pats.next() {
                bind(pat, Bound::Expr(v), env);
            }
        }
        (P::ArrayPattern(arr), Bound::Expr(e)) => {
            if let Expression::ArrayExpression(vals) = e.get_inner_expression() {
                for (pat, val) in arr.elements.iter().zip(&vals.elements) {
                    if let (Some(pat), Some(val)) = (pat, val.as_expression()) {
                        bind(pat, Bound::Expr(val), env);
                    }
                }
            }
        }
        (P::ObjectPattern(obj), Bound::Expr(e)) => {
            for prop in &obj.properties {
                if let Some(k) = crate::analysis::engine::property_key_name(&prop.key)
                    && let Some(v) = object_prop(e, k)
                {
                    bind(&prop.value, Bound::Expr(v), env);
                }
            }
        }
        _ => {}
    }
}

/// `createRoute({ method, path, middleware })`: the method, the URL pattern (OpenAPI `{id}` is
/// `:id`) and the route's middleware.
fn route_def<'a>(
    cx: &FileCx<'a, '_>,
    def: &'a Expression<'a>,
) -> Option<(String, String, Vec<Layer>)> {
    let Expression::CallExpression(create) = def.get_inner_expression() else {
        return None;
    };
    let opts = create.arguments.first().and_then(|a| a.as_expression())?;
    let method = object_prop(opts, "method").and_then(string_value)?;
    let path = object_prop(opts, "path").and_then(string_value)?;
    let path: String = path.replace('{', ":").replace('}', "");
    let layers = match object_prop(opts, "middleware") {
        Some(m) => match m.get_inner_expression() {
            Expression::ArrayExpression(a) => a
                .elements
                .iter()
                .filter_map(|el| el.as_expression())
                .map(|e| layer(cx, e))
                .collect(),
            other => vec![layer(cx, other)],
        },
        None => Vec::new(),
    };
    Some((method, path, layers))
}

/// A route definition exported by another file (`export const list = createRoute({…})`).
fn foreign_route_def(
    engine: &Engine,
    path: &Path,
    name: &str,
) -> Option<(String, String, Vec<Layer>)> {
    let entry = engine.entry(path)?;
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &entry.display, &entry.text);
    if !parsed.ok {
        return None;
    }
    let cx = FileCx::new(engine, path, &entry.display, &parsed.program, Vec::new());
    match cx.top.get(name).copied()? {
        crate::analysis::engine::Top::Init(init, _, _) => route_def(&cx, init),
        _ => None,
    }
}

fn last_path(app: &App) -> Option<String> {
    app.events.iter().rev().find_map(|e| match e {
        Event::Route { path, .. } => Some(path.clone()),
        _ => None,
    })
}

/// Route arguments after the path: middleware, then the handler (the last one).
fn split_handlers<'a>(
    cx: &FileCx<'a, '_>,
    args: &[&'a Expression<'a>],
) -> (Vec<Layer>, FnFacts, Option<String>) {
    let Some((last, mws)) = args.split_last() else {
        return (Vec::new(), FnFacts::default(), None);
    };
    let layers = mws.iter().map(|e| layer(cx, e)).collect();
    (layers, handler_facts(cx, last), identity_from_request(last))
}

fn layer<'a>(cx: &FileCx<'a, '_>, e: &'a Expression<'a>) -> Layer {
    judge_layer(cx, e, &|cx, e| is_clerk_middleware(cx, e))
}

/// `clerkMiddleware(…)` from `@clerk/hono` / `@hono/clerk-auth`: attaches auth only.
fn is_clerk_middleware(cx: &FileCx, e: &Expression) -> bool {
    let callee = match e.get_inner_expression() {
        Expression::CallExpression(c) => c.callee.get_inner_expression(),
        other => other,
    };
    let Expression::Identifier(id) = callee else {
        return false;
    };
    cx.imports.get(id.name.as_str()).is_some_and(|imp| {
        matches!(imp.source, "@clerk/hono" | "@hono/clerk-auth")
            && matches!(imp.name, ImportName::Named("clerkMiddleware"))
    })
}

/// A flattened app: middleware and routes with full paths, in registration order.
enum Flat<'r> {
    Use(String, &'r [Layer]),
    Route(&'r Event, String),
}

/// How many places one app is mounted at, at most, in the flattened tree, and how many
/// mounts are flattened in all: a diamond of apps mounting the next one twice per level does
/// not flatten to 2^depth copies.
const MAX_EXPANSIONS: usize = 64;
const MAX_FLATTENED: usize = 20_000;

fn flatten<'r>(
    reg: &'r Registry,
    key: &AppKey,
    prefix: &str,
    out: &mut Vec<Flat<'r>>,
    stack: &mut Vec<AppKey>,
    expanded: &mut HashMap<AppKey, usize>,
) {
    if stack.contains(key) || stack.len() > 16 {
        return;
    }
    let Some(app) = reg.apps.get(key) else {
        return;
    };
    let total: usize = expanded.values().sum();
    let n = expanded.entry(key.clone()).or_default();
    if *n >= MAX_EXPANSIONS || total >= MAX_FLATTENED {
        return;
    }
    *n += 1;
    stack.push(key.clone());
    for ev in &app.events {
        match ev {
            Event::Use { pattern, layers } => {
                out.push(Flat::Use(join_path(prefix, pattern), layers))
            }
            Event::Route { path, .. } => out.push(Flat::Route(ev, join_path(prefix, path))),
            Event::Mount { path, target } => {
                if let Some(t) = target {
                    flatten(reg, t, &join_path(prefix, path), out, stack, expanded);
                }
            }
        }
    }
    stack.pop();
}

fn resolve_routes(flat: &[Flat], out: &mut Vec<Route>) {
    for (i, f) in flat.iter().enumerate() {
        let Flat::Route(
            Event::Route {
                methods,
                file,
                range,
                layers,
                handler,
                request_identity,
                ..
            },
            url,
        ) = f
        else {
            continue;
        };
        let mut chain: Vec<Layer> = Vec::new();
        for g in &flat[..i] {
            if let Flat::Use(pattern, ls) = g
                && pattern_covers(pattern, url)
            {
                chain.extend(ls.iter().cloned());
            }
        }
        chain.extend(layers.iter().cloned());
        for m in methods {
            out.push(Route {
                method: if m == "ALL" {
                    "*".to_string()
                } else {
                    m.clone()
                },
                url: url.clone(),
                file: file.clone(),
                range: range.clone(),
                layers: chain.clone(),
                handler: handler.clone(),
                request_identity: request_identity.clone(),
            });
        }
    }
}

/// Whether middleware registered for `pattern` runs for every request to `path`.
pub fn pattern_covers(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut i = 0;
    while i < pat.len() {
        let p = pat[i];
        if p == "*" {
            // A trailing `*` covers the rest (and the bare prefix).
            return i == pat.len() - 1 || segs.len() > i;
        }
        let Some(s) = segs.get(i) else {
            return false;
        };
        let ok =
            p == *s || p.starts_with(':') || (p.ends_with('*') && s.starts_with(&p[..p.len() - 1]));
        if !ok {
            return false;
        }
        i += 1;
    }
    pat.len() == segs.len()
}

/// The Hono adapter.
pub struct Hono;

/// What Hono adds: the deprecated community SDK `@hono/clerk-auth` has Clerk's API.
pub static VOCABULARY: Vocabulary = Vocabulary {
    imports: &[ImportRule {
        package: Pkg::Source("@hono/clerk-auth"),
        name: Name::Exact("getAuth"),
        role: Role::ClerkGetAuth,
    }],
    opaque: &[Pkg::Source("@hono/clerk-auth")],
    ..Vocabulary::EMPTY
};

impl Framework for Hono {
    fn id(&self) -> FrameworkId {
        FrameworkId::Hono
    }

    /// An app that depends on Hono and on a Clerk SDK (`@clerk/hono`, `@hono/clerk-auth`, or
    /// another Clerk package when Hono serves a Next.js catch-all route).
    fn detect(&self, app: &AppCx) -> bool {
        (app.app.deps.contains_key("hono") || app.app.deps.contains_key("@hono/hono"))
            && !app.cx.project.clerk_for(&app.probe()).is_empty()
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        let files = project_files(app.cx);
        let own: HashSet<&Path> = app
            .files
            .iter()
            .filter_map(|f| app.cx.path_of(&f.rel_path))
            .collect();
        for route in analyze(app.cx.engine, &files, &|p| own.contains(p)) {
            // A CORS preflight handler (`app.options('*', …)`) answers before any
            // credentials are sent, by design: not an endpoint to judge.
            if route.method == "OPTIONS" {
                continue;
            }
            out.walked.insert(route.file.clone());
            out.endpoints
                .push(router_endpoint(FrameworkId::Hono, route, app));
        }
    }
}

/// The exports of a Next.js route file that only hand requests to a Hono app
/// (`export const GET = handle(app)` with `handle` from `hono/vercel`): the Hono routes are
/// the endpoints, not these exports.
pub fn delegated_exports(cx: &FileCx, program: &Program) -> HashSet<String> {
    let is_handle = |e: &Expression| -> bool {
        let Expression::CallExpression(c) = e.get_inner_expression() else {
            return false;
        };
        let Expression::Identifier(id) = c.callee.get_inner_expression() else {
            return false;
        };
        cx.imports.get(id.name.as_str()).is_some_and(|imp| {
            matches!(
                imp.source,
                "hono/vercel" | "hono/nextjs" | "@hono/node-server/vercel"
            ) && matches!(imp.name, ImportName::Named("handle"))
        })
    };
    let mut out = HashSet::new();
    for s in &program.body {
        match s {
            Statement::ExportDeclaration(d) => {
                if let Declaration::VariableDeclaration(v) = &d.declaration {
                    for decl in &v.declarations {
                        if let (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(init)) =
                            (&decl.id, &decl.init)
                            && is_handle(init)
                        {
                            out.insert(id.name.to_string());
                        }
                    }
                }
            }
            Statement::ExportDefaultDeclaration(d) => {
                if let Some(e) = d.declaration.as_expression()
                    && is_handle(e)
                {
                    out.insert("default".to_string());
                }
            }
            Statement::ExportNamedDeclaration(d) => {
                // `const handler = handle(app); export { handler as GET, handler as POST }`.
                for spec in &d.specifiers {
                    let local = crate::analysis::engine::export_name(&spec.local);
                    if let Some(crate::analysis::engine::Top::Init(init, _, _)) =
                        cx.top.get(local.as_str()).copied()
                        && is_handle(init)
                    {
                        out.insert(crate::analysis::engine::export_name(&spec.exported));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factory_texts() {
        let cases = [
            ("return new Hono()", true),
            ("return new OpenAPIHono<{ Bindings: Env }>()", true),
            ("return new Hono<Env>({ strict: false })", true),
            ("return new Hono ()", true),
            ("return new HonoClient()", false),
            ("return new OpenAPIHonoish()", false),
            ("// no app here", false),
        ];
        for (text, want) in cases {
            assert_eq!(builds_hono_text(text), want, "{text}");
        }
    }

    #[test]
    fn patterns() {
        let cases = [
            ("/*", "/x", true),
            ("/*", "/", true),
            ("/account/*", "/account/settings", true),
            ("/account/*", "/account", true),
            ("/account/*", "/settings", false),
            ("/account", "/account", true),
            ("/account", "/account/x", false),
            ("/api/:id/*", "/api/7/x", true),
            ("/api/x/*", "/api/:id", false),
        ];
        for (p, path, want) in cases {
            assert_eq!(pattern_covers(p, path), want, "{p} vs {path}");
        }
    }
}
