//! Fastify endpoints (`@clerk/fastify`, or `@clerk/backend` in a hook): `app.get(path, [opts],
//! handler)`, `app.route({ method, url, preHandler, handler })`, plugins registered with
//! `app.register(plugin, { prefix })` across files.
//!
//! Coverage follows Fastify's encapsulation, not text order: a hook added with `addHook` covers
//! every route of its plugin scope and of the scopes registered inside it, including routes
//! declared before the `addHook` call (hooks bind when the server becomes ready). A plugin
//! wrapped with `fastify-plugin` (`fp(plugin)`) does not get a scope of its own: its hooks and
//! routes belong to the scope that registers it. A child scope inherits the hooks its parent has
//! when the child loads: all of them, unless the parent `await`ed the `register` call and added
//! the hook afterwards. `clerkPlugin` only attaches auth.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ArrowFunctionExpression, CallExpression, Declaration, ExportDefaultDeclarationKind, Expression,
    FormalParameters, Function, ModuleExportName, Program, Statement,
};

use crate::analysis::endpoint::FrameworkId;
use crate::analysis::engine::{
    Engine, ExitCall, FileCx, FileEntry, FnFacts, ImportName, Vocabulary, parse,
};
use crate::analysis::framework::jsroute::{
    Layer, LayerKind, chain_root, first_param, http_method, identity_from_request, join_path,
    judge_layer, method_call, object_prop, registration_range, string_list, string_value,
    walk_calls,
};
use crate::analysis::framework::jsroute::{handler_facts, project_files, router_endpoint};
use crate::analysis::framework::{AnalysisOut, AppCx, Framework};

/// One Fastify endpoint: a method and URL with the chain in front of its handler.
pub use crate::analysis::framework::jsroute::RawRoute as Route;

/// The hook stages that run before the handler.
const GUARD_HOOKS: &[&str] = &["onRequest", "preParsing", "preValidation", "preHandler"];

#[derive(Debug)]
struct Scope {
    events: Vec<Event>,
}

#[derive(Debug)]
enum Event {
    Route {
        methods: Vec<String>,
        path: String,
        file: String,
        range: Range<usize>,
        layers: Vec<Layer>,
        handler: FnFacts,
        request_identity: Option<String>,
    },
    Hook(Layer),
    Register {
        plugin: Plugin,
        prefix: String,
        awaited: bool,
    },
}

#[derive(Debug)]
enum Plugin {
    /// Scanned already (a function in the same file).
    Scanned { scope: Box<Scope>, fp: bool },
    /// An export of another project file, scanned when linked.
    Export {
        path: PathBuf,
        name: String,
        fp: bool,
    },
    /// `@fastify/autoload`: every script under `dir` is a plugin, prefixed with its folder
    /// path below `dir` (and `prefix`).
    Autoload { dir: PathBuf, prefix: String },
    /// A package plugin (`@fastify/cors`, `clerkPlugin`) or something not followed.
    Opaque,
}

/// A function that receives the Fastify instance.
#[derive(Clone, Copy)]
enum FnNode<'a> {
    Func(&'a Function<'a>),
    Arrow(&'a ArrowFunctionExpression<'a>),
}

impl<'a> FnNode<'a> {
    fn params(&self) -> &'a FormalParameters<'a> {
        match self {
            FnNode::Func(f) => &f.params,
            FnNode::Arrow(a) => &a.params,
        }
    }
    fn body(&self) -> &'a [Statement<'a>] {
        match self {
            FnNode::Func(f) => f.body.as_ref().map(|b| &b.statements[..]).unwrap_or(&[]),
            FnNode::Arrow(a) => a
                .get_function_body()
                .map(|b| &b.statements[..])
                .unwrap_or(&[]),
        }
    }
}

/// Whether a file may declare Fastify routes (a cheap text test before parsing).
pub fn mentions_fastify(text: &str) -> bool {
    text.contains("fastify") || text.contains("Fastify")
}

/// Every Fastify endpoint of the files, with the hooks that cover it.
/// Every Fastify endpoint served by an instance created in one of the `own` files.
pub fn analyze(
    engine: &Engine,
    files: &HashMap<PathBuf, FileEntry>,
    own: &dyn Fn(&Path) -> bool,
) -> Vec<Route> {
    let mut paths: Vec<&PathBuf> = files
        .iter()
        .filter(|(p, e)| own(p) && mentions_fastify(&e.text))
        .map(|(p, _)| p)
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let entry = &files[path];
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &entry.display, &entry.text);
        if !parsed.ok {
            continue;
        }
        let cx = FileCx::new(engine, path, &entry.display, &parsed.program, Vec::new());
        for handle in instance_handles(&cx, &parsed.program) {
            let scope = scan(&cx, &parsed.program.body, &handle, 0);
            let mut stack = Stack {
                files: vec![path.clone()],
                loads: 0,
            };
            link(engine, files, &scope, "", &[], &mut out, &mut stack);
        }
    }
    if out.iter().any(|r| {
        r.layers
            .iter()
            .any(|l| matches!(l.kind, LayerKind::Decoration(_)))
    }) {
        let decorated = decorations(engine, files);
        for r in &mut out {
            for l in &mut r.layers {
                if let LayerKind::Decoration(name) = &l.kind {
                    match decorated.get(name) {
                        Some(d) => {
                            l.kind = d.kind.clone();
                            l.file = d.file.clone();
                            l.skips = d.skips.clone();
                        }
                        None => l.kind = LayerKind::None,
                    }
                }
            }
        }
    }
    out.sort_by(|a, b| {
        (&a.file, a.range.start, &a.method).cmp(&(&b.file, b.range.start, &b.method))
    });
    out.dedup_by(|a, b| a.file == b.file && a.range == b.range && a.method == b.method);
    out
}

/// Names bound to a new Fastify instance (`const app = Fastify()`), anywhere in the file.
fn instance_handles(cx: &FileCx, program: &Program) -> Vec<String> {
    let mut out = Vec::new();
    let mut visit = |name: &str, init: &Expression| {
        if is_factory_call(cx, init) && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    };
    for_each_declarator(&program.body, &mut visit);
    out
}

/// `Fastify(…)`, `fastify(…)`, `require('fastify')(…)`, `Fastify.default(…)`.
fn is_factory_call(cx: &FileCx, e: &Expression) -> bool {
    let Expression::CallExpression(call) = e.get_inner_expression() else {
        return false;
    };
    match call.callee.get_inner_expression() {
        Expression::Identifier(id) => cx
            .imports
            .get(id.name.as_str())
            .is_some_and(|imp| imp.source == "fastify"),
        Expression::CallExpression(req) => is_require_of(req, "fastify"),
        Expression::StaticMemberExpression(m) => match m.object.get_inner_expression() {
            Expression::Identifier(id) => cx
                .imports
                .get(id.name.as_str())
                .is_some_and(|imp| imp.source == "fastify"),
            _ => false,
        },
        _ => false,
    }
}

fn is_require_of(call: &CallExpression, pkg: &str) -> bool {
    matches!(call.callee.get_inner_expression(), Expression::Identifier(id) if id.name == "require")
        && call
            .arguments
            .first()
            .and_then(|a| a.as_expression())
            .and_then(string_value)
            .is_some_and(|s| s == pkg)
}

/// Calls `f` with every `const name = init` of the statements, in nested functions too.
fn for_each_declarator<'a>(
    stmts: &'a [Statement<'a>],
    f: &mut dyn FnMut(&str, &'a Expression<'a>),
) {
    for s in stmts {
        match s {
            Statement::VariableDeclaration(v) => {
                for d in &v.declarations {
                    if let (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(init)) =
                        (&d.id, &d.init)
                    {
                        f(id.name.as_str(), init);
                        nested_declarators(init, f);
                    }
                }
            }
            Statement::FunctionDeclaration(func) => {
                if let Some(b) = &func.body {
                    for_each_declarator(&b.statements, f);
                }
            }
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::FunctionDeclaration(func) => {
                    if let Some(b) = &func.body {
                        for_each_declarator(&b.statements, f);
                    }
                }
                Declaration::VariableDeclaration(v) => {
                    for d in &v.declarations {
                        if let (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(init)) =
                            (&d.id, &d.init)
                        {
                            f(id.name.as_str(), init);
                            nested_declarators(init, f);
                        }
                    }
                }
                _ => {}
            },
            Statement::ExportDefaultDeclaration(d) => {
                if let ExportDefaultDeclarationKind::FunctionDeclaration(func) = &d.declaration
                    && let Some(b) = &func.body
                {
                    for_each_declarator(&b.statements, f);
                }
            }
            Statement::BlockStatement(b) => for_each_declarator(&b.body, f),
            Statement::TryStatement(t) => for_each_declarator(&t.block.body, f),
            Statement::IfStatement(i) => {
                for_each_declarator(std::slice::from_ref(&i.consequent), f);
            }
            _ => {}
        }
    }
}

fn nested_declarators<'a>(init: &'a Expression<'a>, f: &mut dyn FnMut(&str, &'a Expression<'a>)) {
    match init.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => {
            if let Some(b) = a.get_function_body() {
                for_each_declarator(&b.statements, f);
            }
        }
        Expression::FunctionExpression(func) => {
            if let Some(b) = &func.body {
                for_each_declarator(&b.statements, f);
            }
        }
        _ => {}
    }
}

/// The events of one scope: the calls made on `handle` in `stmts`, in order.
fn scan<'a>(cx: &FileCx<'a, '_>, stmts: &'a [Statement<'a>], handle: &str, depth: usize) -> Scope {
    let mut events = Vec::new();
    walk_calls(stmts, handle, &mut |call, awaited| {
        let Some((method, object)) = method_call(call) else {
            return false;
        };
        if !matches!(chain_root(object), Expression::Identifier(id) if id.name == handle) {
            return false;
        }
        let args: Vec<&'a Expression<'a>> = call
            .arguments
            .iter()
            .filter_map(|a| a.as_expression())
            .collect();
        match method {
            "addHook" => {
                if let (Some(name), Some(f)) =
                    (args.first().and_then(|a| string_value(a)), args.get(1))
                    && GUARD_HOOKS.contains(&name.as_str())
                {
                    events.push(Event::Hook(layer(cx, f)));
                }
                true
            }
            "register" => {
                let Some(plugin) = args.first() else {
                    return true;
                };
                let prefix = args
                    .get(1)
                    .and_then(|o| object_prop(o, "prefix"))
                    .and_then(string_value)
                    .unwrap_or_default();
                if let Some(l) = clerk_plugin(cx, plugin) {
                    events.push(Event::Hook(l));
                    return true;
                }
                let plugin = match autoload(cx, plugin, args.get(1).copied()) {
                    Some(p) => p,
                    None => plugin_ref(cx, plugin, false, depth),
                };
                events.push(Event::Register {
                    plugin,
                    prefix,
                    awaited,
                });
                true
            }
            "route" => {
                if let Some(opts) = args.first().map(|o| options_object(cx, o)) {
                    let methods: Vec<String> = object_prop(opts, "method")
                        .map(string_list)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|m| m.to_ascii_uppercase())
                        .collect();
                    let path = object_prop(opts, "url")
                        .or_else(|| object_prop(opts, "path"))
                        .and_then(string_value);
                    if let Some(path) = path {
                        let layers = option_layers(cx, opts);
                        let h = object_prop(opts, "handler");
                        let handler = h.map(|h| handler_facts(cx, h)).unwrap_or_default();
                        events.push(Event::Route {
                            methods,
                            path,
                            file: cx.display.clone(),
                            range: registration_range(call),
                            layers,
                            handler,
                            request_identity: h.and_then(identity_from_request),
                        });
                    }
                }
                true
            }
            m => {
                let Some(verb) = http_method(m) else {
                    return false;
                };
                let Some(path) = args.first().and_then(|a| string_value(a)) else {
                    return false;
                };
                let mut layers = Vec::new();
                let mut h = None;
                if args.len() >= 3 {
                    layers = option_layers(cx, options_object(cx, args[1]));
                    h = Some(args[args.len() - 1]);
                } else if let Some(second) = args.get(1).map(|s| options_object(cx, s)) {
                    if matches!(
                        second.get_inner_expression(),
                        Expression::ObjectExpression(_)
                    ) {
                        layers = option_layers(cx, second);
                        h = object_prop(second, "handler");
                    } else {
                        h = Some(second);
                    }
                }
                let handler = h.map(|h| handler_facts(cx, h)).unwrap_or_default();
                events.push(Event::Route {
                    methods: vec![verb.to_string()],
                    path,
                    file: cx.display.clone(),
                    range: registration_range(call),
                    layers,
                    handler,
                    request_identity: h.and_then(identity_from_request),
                });
                true
            }
        }
    });
    Scope { events }
}

/// `register(clerkPlugin)`: Clerk's plugin (wrapped with fastify-plugin) attaches auth to
/// every request of the registering scope and rejects nobody.
fn clerk_plugin<'a>(cx: &FileCx<'a, '_>, plugin: &'a Expression<'a>) -> Option<Layer> {
    let Expression::Identifier(id) = plugin.get_inner_expression() else {
        return None;
    };
    let imp = cx.imports.get(id.name.as_str())?;
    (imp.source == "@clerk/fastify" && matches!(imp.name, ImportName::Named("clerkPlugin"))).then(
        || Layer {
            name: "clerkPlugin".to_string(),
            file: cx.display.clone(),
            kind: LayerKind::Attaches("clerkPlugin".to_string()),
            skips: Vec::new(),
        },
    )
}

/// `register(autoload, { dir: join(__dirname, 'routes'), options: { prefix: '/api' } })`.
fn autoload<'a>(
    cx: &FileCx<'a, '_>,
    plugin: &'a Expression<'a>,
    opts: Option<&'a Expression<'a>>,
) -> Option<Plugin> {
    let Expression::Identifier(id) = plugin.get_inner_expression() else {
        return None;
    };
    let imp = cx.imports.get(id.name.as_str())?;
    if !matches!(imp.source, "@fastify/autoload" | "fastify-autoload") {
        return None;
    }
    let opts = opts?;
    let dir_expr = object_prop(opts, "dir")?;
    // The last string in `join(__dirname, 'routes')` / `new URL('./routes', import.meta.url)`.
    let mut rel = None;
    crate::analysis::engine::for_each_expr(dir_expr, &mut |e| {
        if let Some(s) = string_value(e) {
            rel = Some(s);
        }
    });
    let rel = rel?;
    let base = cx.path.parent()?.join(rel.trim_start_matches("./"));
    let dir = std::fs::canonicalize(&base).unwrap_or(base);
    let prefix = object_prop(opts, "options")
        .and_then(|o| object_prop(o, "prefix"))
        .and_then(string_value)
        .unwrap_or_default();
    Some(Plugin::Autoload { dir, prefix })
}

/// A route's options, also when declared as a `const` of the file (`const opts = { … }`).
fn options_object<'a>(cx: &FileCx<'a, '_>, e: &'a Expression<'a>) -> &'a Expression<'a> {
    use crate::analysis::engine::Top;
    if let Expression::Identifier(id) = e.get_inner_expression()
        && let Some(Top::Init(init, _)) = cx.top.get(id.name.as_str()).copied()
        && matches!(init.get_inner_expression(), Expression::ObjectExpression(_))
    {
        return init;
    }
    e
}

/// The guards in a route's options (`{ preHandler: [a, b], onRequest: c }`), in lifecycle
/// order.
fn option_layers<'a>(cx: &FileCx<'a, '_>, opts: &'a Expression<'a>) -> Vec<Layer> {
    let mut out = Vec::new();
    for hook in GUARD_HOOKS {
        let Some(v) = object_prop(opts, hook) else {
            continue;
        };
        match v.get_inner_expression() {
            Expression::ArrayExpression(a) => {
                for el in &a.elements {
                    if let Some(e) = el.as_expression() {
                        out.push(layer(cx, e));
                    }
                }
            }
            _ => out.push(layer(cx, v)),
        }
    }
    out
}

fn layer<'a>(cx: &FileCx<'a, '_>, e: &'a Expression<'a>) -> Layer {
    // `fastify.authenticate`: a decoration, resolved once every file is scanned.
    if let Expression::StaticMemberExpression(m) = e.get_inner_expression()
        && let Expression::Identifier(obj) = m.object.get_inner_expression()
        && !cx.imports.contains_key(obj.name.as_str())
    {
        return Layer {
            name: crate::analysis::engine::callee_text(e),
            file: cx.display.clone(),
            kind: LayerKind::Decoration(m.property.name.to_string()),
            skips: Vec::new(),
        };
    }
    judge_layer(cx, e, &|_, _| false)
}

/// `instance.decorate('name', fn)` anywhere in the files: name → the function, judged.
fn decorations(engine: &Engine, files: &HashMap<PathBuf, FileEntry>) -> HashMap<String, Layer> {
    let mut out = HashMap::new();
    let mut paths: Vec<&PathBuf> = files
        .iter()
        .filter(|(_, e)| e.text.contains(".decorate("))
        .map(|(p, _)| p)
        .collect();
    paths.sort();
    for path in paths {
        let entry = &files[path];
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &entry.display, &entry.text);
        if !parsed.ok {
            continue;
        }
        let cx = FileCx::new(engine, path, &entry.display, &parsed.program, Vec::new());
        // No handle: every call is visited, in nested functions too.
        walk_calls(&parsed.program.body, "\0", &mut |call, _| {
            let Some(("decorate", _)) = method_call(call) else {
                return false;
            };
            let args: Vec<&Expression> = call
                .arguments
                .iter()
                .filter_map(|a| a.as_expression())
                .collect();
            if let (Some(name), Some(f)) = (args.first().and_then(|a| string_value(a)), args.get(1))
            {
                let mut l = judge_layer(&cx, f, &|_, _| false);
                l.name = name.clone();
                out.entry(name).or_insert(l);
            }
            true
        });
    }
    out
}

/// What `app.register(<e>)` registers.
fn plugin_ref<'a>(cx: &FileCx<'a, '_>, e: &'a Expression<'a>, fp: bool, depth: usize) -> Plugin {
    if depth > 16 {
        return Plugin::Opaque;
    }
    match e.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => scanned(cx, FnNode::Arrow(a), fp, depth),
        Expression::FunctionExpression(f) => scanned(cx, FnNode::Func(f), fp, depth),
        Expression::CallExpression(call) => {
            if is_fp(cx, &call.callee)
                && let Some(inner) = call.arguments.first().and_then(|a| a.as_expression())
            {
                return plugin_ref(cx, inner, true, depth + 1);
            }
            // `import('./routes')` / `require('./routes')`.
            if let Some(spec) = module_specifier(call)
                && let Some(path) = cx.resolve(&spec)
            {
                return Plugin::Export {
                    path,
                    name: "default".into(),
                    fp,
                };
            }
            Plugin::Opaque
        }
        Expression::AwaitExpression(a) => plugin_ref(cx, &a.argument, fp, depth + 1),
        Expression::Identifier(id) => {
            let name = id.name.as_str();
            if let Some(node) = local_function(cx, name) {
                return match node {
                    Local::Fn(f) => scanned(cx, f, fp, depth),
                    Local::Expr(init) => plugin_ref(cx, init, fp, depth + 1),
                };
            }
            if let Some(imp) = cx.imports.get(name).copied()
                && let Some(path) = cx.resolve(imp.source)
            {
                let name = match imp.name {
                    ImportName::Named(n) => n.to_string(),
                    ImportName::Default => "default".to_string(),
                    ImportName::Namespace => return Plugin::Opaque,
                };
                return Plugin::Export { path, name, fp };
            }
            Plugin::Opaque
        }
        Expression::StaticMemberExpression(m) => {
            // `routes.default`, `import * as routes` then `routes.plugin`.
            if let Expression::Identifier(obj) = m.object.get_inner_expression()
                && let Some(imp) = cx.imports.get(obj.name.as_str()).copied()
                && matches!(imp.name, ImportName::Namespace)
                && let Some(path) = cx.resolve(imp.source)
            {
                return Plugin::Export {
                    path,
                    name: m.property.name.to_string(),
                    fp,
                };
            }
            Plugin::Opaque
        }
        _ => Plugin::Opaque,
    }
}

fn module_specifier(call: &CallExpression) -> Option<String> {
    if !matches!(call.callee.get_inner_expression(), Expression::Identifier(id) if id.name == "require")
    {
        return None;
    }
    call.arguments
        .first()
        .and_then(|a| a.as_expression())
        .and_then(string_value)
        .filter(|s| s.starts_with('.') || s.starts_with('@') || s.starts_with('~'))
}

fn scanned<'a>(cx: &FileCx<'a, '_>, f: FnNode<'a>, fp: bool, depth: usize) -> Plugin {
    match first_param(f.params()) {
        Some(handle) => Plugin::Scanned {
            scope: Box::new(scan(cx, f.body(), &handle, depth + 1)),
            fp,
        },
        None => Plugin::Opaque,
    }
}

/// `fp(...)` / `fastifyPlugin(...)` from `fastify-plugin`.
fn is_fp(cx: &FileCx, callee: &Expression) -> bool {
    match callee.get_inner_expression() {
        Expression::Identifier(id) => cx
            .imports
            .get(id.name.as_str())
            .is_some_and(|imp| imp.source == "fastify-plugin"),
        Expression::CallExpression(req) => is_require_of(req, "fastify-plugin"),
        _ => false,
    }
}

enum Local<'a> {
    Fn(FnNode<'a>),
    Expr(&'a Expression<'a>),
}

/// A top-level function or `const` of this file, by name.
fn local_function<'a>(cx: &FileCx<'a, '_>, name: &str) -> Option<Local<'a>> {
    use crate::analysis::engine::Top;
    match cx.top.get(name).copied()? {
        Top::Function(f) => Some(Local::Fn(FnNode::Func(f))),
        Top::Init(init, _) => Some(Local::Expr(init)),
        _ => None,
    }
}

/// The plugin an export of a file names.
fn export_plugin<'a>(cx: &FileCx<'a, '_>, program: &'a Program<'a>, name: &str) -> Plugin {
    for s in &program.body {
        match s {
            Statement::ExportDefaultDeclaration(d) if name == "default" => {
                return match &d.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                        scanned(cx, FnNode::Func(f), false, 0)
                    }
                    other => match other.as_expression() {
                        Some(e) => plugin_ref(cx, e, false, 0),
                        None => Plugin::Opaque,
                    },
                };
            }
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::FunctionDeclaration(f)
                    if f.id.as_ref().is_some_and(|i| i.name == name) =>
                {
                    return scanned(cx, FnNode::Func(f), false, 0);
                }
                Declaration::VariableDeclaration(v) => {
                    for decl in &v.declarations {
                        if let (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(init)) =
                            (&decl.id, &decl.init)
                            && id.name == name
                        {
                            return plugin_ref(cx, init, false, 0);
                        }
                    }
                }
                _ => {}
            },
            Statement::ExportNamedDeclaration(d) => {
                for spec in &d.specifiers {
                    if export_name(&spec.exported) == name {
                        match local_function(cx, &export_name(&spec.local)) {
                            Some(Local::Fn(f)) => return scanned(cx, f, false, 0),
                            Some(Local::Expr(e)) => return plugin_ref(cx, e, false, 0),
                            None => {}
                        }
                    }
                }
            }
            // CommonJS: `module.exports = plugin`.
            Statement::ExpressionStatement(es) if name == "default" => {
                if let Expression::AssignmentExpression(a) = &es.expression
                    && let Some(target) = a.left.as_member_expression()
                    && target.static_property_name() == Some("exports")
                    && matches!(target.object(), Expression::Identifier(o) if o.name == "module")
                {
                    return plugin_ref(cx, &a.right, false, 0);
                }
            }
            _ => {}
        }
    }
    Plugin::Opaque
}

fn export_name(n: &ModuleExportName) -> String {
    crate::analysis::engine::export_name(n)
}

/// Resolves the scope tree into routes.
/// The plugin files being loaded (a cycle guard), and how many plugin loads the walk from
/// one instance has taken: a diamond of plugins registering the next one twice per level
/// would otherwise take 2^depth loads.
struct Stack {
    files: Vec<PathBuf>,
    loads: usize,
}

const MAX_LOADS: usize = 2_000;

impl Stack {
    /// Counts one plugin load; false once the walk is over its budget.
    fn load(&mut self) -> bool {
        self.loads += 1;
        self.loads <= MAX_LOADS
    }
}

#[allow(clippy::too_many_arguments)]
fn link(
    engine: &Engine,
    files: &HashMap<PathBuf, FileEntry>,
    scope: &Scope,
    prefix: &str,
    inherited: &[Layer],
    out: &mut Vec<Route>,
    stack: &mut Stack,
) {
    if stack.files.len() > 24 {
        return;
    }
    // The hooks of this scope: its own and those of the fp() plugins it registers.
    let mut own: Vec<(usize, Layer)> = Vec::new();
    collect_hooks(engine, files, scope, &mut own, 0, stack);
    let all: Vec<Layer> = inherited
        .iter()
        .cloned()
        .chain(own.iter().map(|(_, l)| l.clone()))
        .collect();
    emit_routes(
        engine, files, scope, prefix, &all, &own, inherited, out, stack,
    );
}

/// Hooks of a scope with their event position, following fp() plugins (which share it).
fn collect_hooks(
    engine: &Engine,
    files: &HashMap<PathBuf, FileEntry>,
    scope: &Scope,
    out: &mut Vec<(usize, Layer)>,
    pos_base: usize,
    stack: &mut Stack,
) {
    for (i, ev) in scope.events.iter().enumerate() {
        match ev {
            Event::Hook(l) => out.push((pos_base.max(i), l.clone())),
            Event::Register { plugin, .. } => match plugin {
                Plugin::Scanned {
                    scope: inner,
                    fp: true,
                } => collect_hooks(engine, files, inner, out, pos_base.max(i), stack),
                Plugin::Export {
                    path,
                    name,
                    fp: true,
                } => {
                    with_export(engine, files, path, name, stack, &mut |inner, stack| {
                        collect_hooks(engine, files, inner, out, pos_base.max(i), stack)
                    });
                }
                Plugin::Export {
                    path,
                    name,
                    fp: false,
                } => {
                    // The export itself may be wrapped: `export default fp(plugin)`.
                    with_export_fp(engine, files, path, name, stack, &mut |inner, stack| {
                        collect_hooks(engine, files, inner, out, pos_base.max(i), stack)
                    });
                }
                Plugin::Autoload { dir, .. } => {
                    for (file, _) in autoload_files(files, dir) {
                        with_export_fp(
                            engine,
                            files,
                            &file,
                            "default",
                            stack,
                            &mut |inner, stack| {
                                collect_hooks(engine, files, inner, out, pos_base.max(i), stack)
                            },
                        );
                    }
                }
                _ => {}
            },
            Event::Route { .. } => {}
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn emit_routes(
    engine: &Engine,
    files: &HashMap<PathBuf, FileEntry>,
    scope: &Scope,
    prefix: &str,
    all: &[Layer],
    own: &[(usize, Layer)],
    inherited: &[Layer],
    out: &mut Vec<Route>,
    stack: &mut Stack,
) {
    for (i, ev) in scope.events.iter().enumerate() {
        match ev {
            Event::Route {
                methods,
                path,
                file,
                range,
                layers,
                handler,
                request_identity,
            } => {
                let url = join_path(prefix, path);
                let methods = if methods.is_empty() {
                    vec!["GET".to_string()]
                } else {
                    methods.clone()
                };
                for m in methods {
                    let mut l = all.to_vec();
                    l.extend(layers.iter().cloned());
                    out.push(Route {
                        method: if m == "ALL" { "*".to_string() } else { m },
                        url: url.clone(),
                        file: file.clone(),
                        range: range.clone(),
                        layers: l,
                        handler: handler.clone(),
                        request_identity: request_identity.clone(),
                    });
                }
            }
            Event::Hook(_) => {}
            Event::Register {
                plugin,
                prefix: p,
                awaited,
            } => {
                // What a child scope inherits: the hooks present when it loads.
                let child_inherits: Vec<Layer> = inherited
                    .iter()
                    .cloned()
                    .chain(
                        own.iter()
                            .filter(|(pos, _)| !*awaited || *pos < i)
                            .map(|(_, l)| l.clone()),
                    )
                    .collect();
                match plugin {
                    Plugin::Scanned {
                        scope: inner,
                        fp: true,
                    } => emit_routes(
                        engine, files, inner, prefix, all, own, inherited, out, stack,
                    ),
                    Plugin::Scanned {
                        scope: inner,
                        fp: false,
                    } => link(
                        engine,
                        files,
                        inner,
                        &join_path(prefix, p),
                        &child_inherits,
                        out,
                        stack,
                    ),
                    Plugin::Export { path, name, fp } => {
                        let fp = *fp || export_is_fp(engine, files, path, name);
                        with_export(engine, files, path, name, stack, &mut |inner, stack| {
                            if fp {
                                emit_routes(
                                    engine, files, inner, prefix, all, own, inherited, out, stack,
                                )
                            } else {
                                link(
                                    engine,
                                    files,
                                    inner,
                                    &join_path(prefix, p),
                                    &child_inherits,
                                    out,
                                    stack,
                                )
                            }
                        });
                    }
                    Plugin::Autoload { dir, prefix: auto } => {
                        for (file, sub) in autoload_files(files, dir) {
                            let fp = export_is_fp(engine, files, &file, "default");
                            let child_prefix = join_path(&join_path(prefix, auto), &sub);
                            with_export(
                                engine,
                                files,
                                &file,
                                "default",
                                stack,
                                &mut |inner, stack| {
                                    if fp {
                                        emit_routes(
                                            engine, files, inner, prefix, all, own, inherited, out,
                                            stack,
                                        )
                                    } else {
                                        link(
                                            engine,
                                            files,
                                            inner,
                                            &child_prefix,
                                            &child_inherits,
                                            out,
                                            stack,
                                        )
                                    }
                                },
                            );
                        }
                    }
                    Plugin::Opaque => {}
                }
            }
        }
    }
}

/// The script files under an autoload directory, with their folder path below it as a URL
/// prefix (`_id` folders become `:id`).
fn autoload_files(files: &HashMap<PathBuf, FileEntry>, dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = files
        .keys()
        .filter(|p| p.starts_with(dir))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            !name.ends_with(".d.ts") && !name.contains(".test.") && !name.contains(".spec.")
        })
        .map(|p| {
            let rel = p.parent().and_then(|d| d.strip_prefix(dir).ok());
            let prefix = rel
                .map(|r| {
                    r.components()
                        .map(|c| {
                            let s = c.as_os_str().to_string_lossy();
                            match s.strip_prefix('_') {
                                Some(param) => format!(":{param}"),
                                None => s.to_string(),
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("/")
                })
                .unwrap_or_default();
            (p.clone(), prefix)
        })
        .collect();
    out.sort();
    out
}

/// Scans export `name` of `path` as a plugin and hands its scope to `f`.
fn with_export(
    engine: &Engine,
    files: &HashMap<PathBuf, FileEntry>,
    path: &Path,
    name: &str,
    stack: &mut Stack,
    f: &mut dyn FnMut(&Scope, &mut Stack),
) {
    if !stack.load() {
        return;
    }
    let Some(scope) = export_scope(engine, files, path, name, &stack.files).0 else {
        return;
    };
    stack.files.push(path.to_path_buf());
    f(&scope, stack);
    stack.files.pop();
}

/// Like [`with_export`], only for exports wrapped with `fp()` at their definition.
fn with_export_fp(
    engine: &Engine,
    files: &HashMap<PathBuf, FileEntry>,
    path: &Path,
    name: &str,
    stack: &mut Stack,
    f: &mut dyn FnMut(&Scope, &mut Stack),
) {
    if !stack.load() {
        return;
    }
    let (scope, fp) = export_scope(engine, files, path, name, &stack.files);
    if let (Some(scope), true) = (scope, fp) {
        stack.files.push(path.to_path_buf());
        f(&scope, stack);
        stack.files.pop();
    }
}

fn export_is_fp(
    engine: &Engine,
    files: &HashMap<PathBuf, FileEntry>,
    path: &Path,
    name: &str,
) -> bool {
    export_scope(engine, files, path, name, &[]).1
}

/// The scope of a plugin exported by a file, and whether the export is wrapped with `fp()`.
fn export_scope(
    engine: &Engine,
    files: &HashMap<PathBuf, FileEntry>,
    path: &Path,
    name: &str,
    stack: &[PathBuf],
) -> (Option<Scope>, bool) {
    if stack.iter().any(|p| p == path) {
        return (None, false);
    }
    let Some(entry) = files.get(path) else {
        return (None, false);
    };
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &entry.display, &entry.text);
    if !parsed.ok {
        return (None, false);
    }
    let cx = FileCx::new(engine, path, &entry.display, &parsed.program, Vec::new());
    match export_plugin(&cx, &parsed.program, name) {
        Plugin::Scanned { scope, fp } => (Some(*scope), fp),
        Plugin::Export {
            path: inner,
            name: inner_name,
            fp,
        } => {
            let mut st = stack.to_vec();
            st.push(path.to_path_buf());
            let (s, inner_fp) = export_scope(engine, files, &inner, &inner_name, &st);
            (s, fp || inner_fp)
        }
        Plugin::Autoload { .. } | Plugin::Opaque => (None, false),
    }
}

/// The Fastify adapter.
pub struct Fastify;

/// What Fastify adds: `reply.code(401)` / `reply.status(403)` end the request.
pub static VOCABULARY: Vocabulary = Vocabulary {
    exit_calls: &[
        ExitCall {
            callee: "reply.code",
            status: true,
        },
        ExitCall {
            callee: "reply.status",
            status: true,
        },
        ExitCall {
            callee: "rep.code",
            status: true,
        },
    ],
    ..Vocabulary::EMPTY
};

impl Framework for Fastify {
    fn id(&self) -> FrameworkId {
        FrameworkId::Fastify
    }

    /// An app that depends on `fastify` and on a Clerk SDK.
    fn detect(&self, app: &AppCx) -> bool {
        app.app.deps.contains_key("fastify") && !app.cx.project.clerk_for(&app.probe()).is_empty()
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        let files = project_files(app.cx);
        let own: std::collections::HashSet<&Path> = app
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
                .push(router_endpoint(FrameworkId::Fastify, route, app));
        }
    }
}
