//! Router-style server frameworks (Express, connect-style routers such as `next-connect`):
//! the endpoints registered with `app.get(path, ...)`, `router.route(path).post(...)`,
//! `router.use(guard)`, the full URL from how routers are mounted (`app.use('/api', router)`,
//! across files, `import` and `require`), and the evidence that protects each one.
//!
//! The model is a mount tree walked in registration order: a middleware mounted with
//! `use` covers the routes registered after it (and only under its path when it has one), the
//! middleware in a route's own list covers that route, and a handler's own checks are read by
//! the shared evidence engine ([`crate::analysis::auth`]). A middleware protects only when its
//! body stops a signed-out request: Clerk's `requireAuth()` / `ClerkExpressRequireAuth()`, or a
//! project function whose signed-out path sends a 401/403, throws or calls `next(err)` and never
//! reaches `next()`. `clerkMiddleware()` and `ClerkExpressWithAuth()` only attach auth.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrayExpressionElement, BindingPattern, CallExpression, Declaration,
    ExportDefaultDeclarationKind, Expression, Function, ImportDeclarationSpecifier,
    ImportOrExportKind, ModuleExportName, Program, Statement,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::{GetSpan, Span};

use crate::analysis::endpoint::{
    Endpoint, EndpointKind, FrameworkId, HandlerFacts, Location, Method, Verdict,
};
use crate::analysis::engine::cjs::{self, Required, require_source};
use crate::analysis::engine::{
    Engine, Evidence, FileCx, FnFacts, export_name, parse, property_key_name, range_of,
};
use crate::analysis::framework::{AnalysisOut, AppCx};

/// How many times one router (or router-building function) is walked in a run: once per
/// place it is mounted (or router it is applied to), up to this many places; and how many
/// walks a run takes in all. A diamond of routers mounting the next one twice per level
/// would otherwise take 2^depth walks.
const MAX_EXPANSIONS: usize = 64;
const MAX_WALKS: usize = 20_000;

/// The flavour of router a binding was created by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouterKind {
    /// `express()`: a root.
    ExpressApp,
    /// `express.Router()` / `Router()`.
    ExpressRouter,
    /// `createRouter()` / `nc()` from `next-connect`: a root inside a `pages/api` file.
    Connect,
    /// `new Koa()`: a root. Its middleware has no path and runs for every request.
    KoaApp,
    /// `new Router({ prefix })` from `@koa/router` / `koa-router`, mounted with
    /// `app.use(router.routes())` or nested with `router.use('/x', sub.routes())`.
    KoaRouter,
}

impl RouterKind {
    fn is_koa(self) -> bool {
        matches!(self, RouterKind::KoaApp | RouterKind::KoaRouter)
    }
}

/// One endpoint found on a router.
#[derive(Clone, Debug)]
pub struct RouterEndpoint {
    /// `GET`, `POST`, … or `ALL` (`app.all`, a handler mounted with `use`, a method-less
    /// connect route is `ALL` too unless the method is given).
    pub method: String,
    pub url: String,
    /// Display path of the file with the registration.
    pub file: String,
    /// Byte range of the method name in the registration call (`router.post(` → `post`).
    pub range: Range<usize>,
    /// The middleware that stops signed-out requests before the handler.
    pub guard: Option<Evidence>,
    /// The handler read by the evidence engine.
    pub handler: FnFacts,
    /// A populate-only Clerk middleware on the route's path (`clerkMiddleware()`), for the message.
    pub attach_only: Option<String>,
    /// A middleware in the chain that decodes a token without verifying it (`jwt.decode`).
    pub decode_only: Option<String>,
    /// A user id the handler takes from the request (`req.body.userId`), as written.
    pub request_identity: Option<String>,
    /// Whether the router was found mounted on an app (else its URL is relative).
    pub mounted: bool,
    pub kind: RouterKind,
}

impl RouterEndpoint {
    /// The protection, if any: a guard, else a check in the handler.
    pub fn evidence(&self) -> Option<&Evidence> {
        self.guard.as_ref().or(self.handler.gate.as_ref())
    }
}

/// A file handed to the analysis.
pub struct RouterFile {
    pub path: PathBuf,
    pub display: String,
    pub text: std::sync::Arc<str>,
    /// For `pages/api` files: the URL the file serves (connect-style routers without paths).
    pub page_url: Option<String>,
}

/// Whether a file may register routes (cheap text probe before parsing).
pub fn is_candidate(text: &str) -> bool {
    (text.contains("express")
        || text.contains("next-connect")
        || text.contains("Router")
        || text.contains("koa"))
        && (text.contains(".get(")
            || text.contains(".post(")
            || text.contains(".use(")
            || text.contains(".put(")
            || text.contains(".delete(")
            || text.contains(".patch(")
            || text.contains(".all(")
            || text.contains(".route("))
}

/// Which routers start the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Roots {
    /// `express()` apps, then Express routers never found mounted (their URLs relative).
    Express,
    /// `next-connect` routers in files that serve a URL (`pages/api`).
    Connect,
    /// `new Koa()` apps, then Koa routers never found mounted (their URLs relative).
    Koa,
}

/// Finds every endpoint of the router-style apps among `files` and reads its evidence.
pub fn endpoints(engine: &Engine, files: &[RouterFile], which: Roots) -> Vec<RouterEndpoint> {
    let allocators: Vec<Allocator> = files.iter().map(|_| Allocator::default()).collect();
    let mut programs: Vec<Option<Program>> = Vec::with_capacity(files.len());
    for (f, alloc) in files.iter().zip(&allocators) {
        let parsed = parse(alloc, &f.display, &f.text);
        programs.push(parsed.ok.then_some(parsed.program));
    }
    let mut units: Vec<Unit> = Vec::new();
    for (f, p) in files.iter().zip(&programs) {
        if let Some(program) = p {
            units.push(Unit::new(engine, f, program));
        }
    }
    let by_path: HashMap<PathBuf, usize> = units
        .iter()
        .enumerate()
        .map(|(u, unit)| (unit.path.clone(), u))
        .collect();
    let mut a = Analysis {
        units: &units,
        by_path,
        out: Vec::new(),
        visited: HashSet::new(),
        expansions: HashMap::new(),
        guard_cache: std::cell::RefCell::new(HashMap::new()),
        stack: Vec::new(),
        pending_identity: None,
        koa: which == Roots::Koa,
    };
    // Roots first: apps and connect routers; then routers never found mounted.
    let mut roots: Vec<(usize, String, RouterKind)> = Vec::new();
    let mut others: Vec<(usize, String, RouterKind)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let mut names: Vec<(&String, &RouterKind)> = unit.routers.iter().collect();
        names.sort_by_key(|(n, _)| unit.binding_pos(n));
        for (name, kind) in names {
            match (which, kind) {
                (Roots::Express, RouterKind::ExpressApp) => roots.push((u, name.clone(), *kind)),
                (Roots::Express, RouterKind::ExpressRouter) => {
                    others.push((u, name.clone(), *kind))
                }
                (Roots::Connect, RouterKind::Connect) if unit.page_url.is_some() => {
                    roots.push((u, name.clone(), *kind))
                }
                (Roots::Koa, RouterKind::KoaApp) => roots.push((u, name.clone(), *kind)),
                (Roots::Koa, RouterKind::KoaRouter) => others.push((u, name.clone(), *kind)),
                _ => {}
            }
        }
    }
    for (u, name, kind) in roots {
        let mut ctx = Ctx {
            prefix: String::new(),
            guards: Vec::new(),
            mounted: true,
            kind,
        };
        a.walk_router(u, &name, &mut ctx);
    }
    for (u, name, kind) in others {
        if a.visited.contains(&(u, name.clone())) {
            continue;
        }
        let mut ctx = Ctx {
            prefix: String::new(),
            guards: Vec::new(),
            mounted: false,
            kind,
        };
        a.walk_router(u, &name, &mut ctx);
    }
    let mut out = a.out;
    out.sort_by(|x, y| (&x.file, x.range.start).cmp(&(&y.file, y.range.start)));
    out.dedup_by(|x, y| x.file == y.file && x.range == y.range && x.url == y.url);
    out
}

/// How a module binding was imported (ESM or CommonJS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Imported<'a> {
    Named(&'a str),
    Default,
    /// `import * as x` or `const x = require('y')`: the whole module.
    Module,
}

#[derive(Clone, Copy)]
struct Imp<'a> {
    source: &'a str,
    name: Imported<'a>,
}

#[derive(Clone, Copy)]
enum Binding<'a> {
    Func(&'a Function<'a>),
    Init(&'a Expression<'a>),
}

#[derive(Clone, Copy)]
enum Export<'a> {
    Local(&'a str),
    Expr(&'a Expression<'a>),
    Func(&'a Function<'a>),
    From(&'a str, &'a str),
}

/// One parsed file with its bindings.
struct Unit<'a, 'e> {
    path: PathBuf,
    display: String,
    page_url: Option<String>,
    program: &'a Program<'a>,
    cx: FileCx<'a, 'e>,
    imports: HashMap<&'a str, Imp<'a>>,
    bindings: HashMap<&'a str, (Binding<'a>, u32)>,
    exports: HashMap<String, Export<'a>>,
    routers: HashMap<String, RouterKind>,
    /// `new Router({ prefix: '/api' })`: the prefix of every route of that router.
    prefixes: HashMap<String, String>,
}

impl<'a, 'e> Unit<'a, 'e> {
    fn new(engine: &'e Engine<'e>, f: &RouterFile, program: &'a Program<'a>) -> Self {
        let cx = FileCx::new(engine, &f.path, &f.display, program, Vec::new());
        let mut u = Unit {
            path: f.path.clone(),
            display: f.display.clone(),
            page_url: f.page_url.clone(),
            program,
            cx,
            imports: HashMap::new(),
            bindings: HashMap::new(),
            exports: HashMap::new(),
            routers: HashMap::new(),
            prefixes: HashMap::new(),
        };
        u.collect();
        u
    }

    fn binding_pos(&self, name: &str) -> u32 {
        self.bindings.get(name).map_or(0, |(_, p)| *p)
    }

    fn collect(&mut self) {
        let program = self.program;
        for stmt in &program.body {
            match stmt {
                Statement::ImportDeclaration(decl) => {
                    if decl.import_kind == ImportOrExportKind::Type {
                        continue;
                    }
                    let source = decl.source.value.as_str();
                    for spec in decl.specifiers.iter().flatten() {
                        match spec {
                            ImportDeclarationSpecifier::ImportSpecifier(s) => {
                                let name = match &s.imported {
                                    ModuleExportName::IdentifierName(n) => n.name.as_str(),
                                    ModuleExportName::IdentifierReference(n) => n.name.as_str(),
                                    ModuleExportName::StringLiteral(n) => n.value.as_str(),
                                };
                                let name = if name == "default" {
                                    Imported::Default
                                } else {
                                    Imported::Named(name)
                                };
                                self.imports
                                    .insert(s.local.name.as_str(), Imp { source, name });
                            }
                            ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                                self.imports.insert(
                                    s.local.name.as_str(),
                                    Imp {
                                        source,
                                        name: Imported::Default,
                                    },
                                );
                            }
                            ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                                self.imports.insert(
                                    s.local.name.as_str(),
                                    Imp {
                                        source,
                                        name: Imported::Module,
                                    },
                                );
                            }
                        }
                    }
                }
                Statement::ExportDefaultDeclaration(d) => match &d.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                        self.exports.insert("default".into(), Export::Func(f));
                    }
                    other => {
                        if let Some(e) = other.as_expression() {
                            let ex = match e.get_inner_expression() {
                                Expression::Identifier(id) => Export::Local(id.name.as_str()),
                                _ => Export::Expr(e),
                            };
                            self.exports.insert("default".into(), ex);
                        }
                    }
                },
                Statement::ExportNamedDeclaration(d) => {
                    for s in &d.specifiers {
                        let local_ref: &'a str = match &s.local {
                            ModuleExportName::IdentifierName(i) => i.name.as_str(),
                            ModuleExportName::IdentifierReference(i) => i.name.as_str(),
                            ModuleExportName::StringLiteral(s) => s.value.as_str(),
                        };
                        self.exports
                            .insert(export_name(&s.exported), Export::Local(local_ref));
                    }
                }
                Statement::ExportFromDeclaration(d) => {
                    for s in &d.specifiers {
                        let local_ref: &'a str = match &s.local {
                            ModuleExportName::IdentifierName(i) => i.name.as_str(),
                            ModuleExportName::IdentifierReference(i) => i.name.as_str(),
                            ModuleExportName::StringLiteral(s) => s.value.as_str(),
                        };
                        self.exports.insert(
                            export_name(&s.exported),
                            Export::From(d.source.value.as_str(), local_ref),
                        );
                    }
                }
                Statement::ExportDeclaration(d) => {
                    for name in declared_names(&d.declaration) {
                        self.exports.insert(name.to_string(), Export::Local(name));
                    }
                }
                Statement::ExportAllDeclaration(d) if d.exported.is_none() => {
                    let n = self.exports.len();
                    self.exports
                        .insert(format!("*{n}"), Export::From(d.source.value.as_str(), "*"));
                }
                _ => {}
            }
        }
        for (name, value) in cjs::cjs_exports(program) {
            let ex = match value.get_inner_expression() {
                Expression::Identifier(id) => Export::Local(id.name.as_str()),
                _ => Export::Expr(value),
            };
            self.exports.entry(name).or_insert(ex);
        }
        // Bindings at every depth (a router created inside `async function main()` counts).
        for (name, b, pos) in collect_bindings(program) {
            self.bindings.entry(name).or_insert((b, pos));
            if let Binding::Init(init) = b
                && let Some(imp) = require_of(init)
            {
                self.imports.entry(name).or_insert(imp);
            }
        }
        for (local, imp) in collect_destructured_requires(program) {
            self.imports.entry(local).or_insert(imp);
        }
        let names: Vec<(&'a str, Binding<'a>)> =
            self.bindings.iter().map(|(n, (b, _))| (*n, *b)).collect();
        for (name, b) in names {
            if let Binding::Init(init) = b
                && let Some(kind) = self.router_ctor(init)
            {
                self.routers.insert(name.to_string(), kind);
                if let Some(prefix) = koa_prefix(init) {
                    self.prefixes.insert(name.to_string(), prefix);
                }
            }
        }
    }

    /// `express()`, `express.Router()`, `Router()`, `createRouter()`, `nc()`, `new Koa()`,
    /// `new Router()` (`@koa/router`, `koa-router`).
    fn router_ctor(&self, e: &'a Expression<'a>) -> Option<RouterKind> {
        let callee = match e.get_inner_expression() {
            Expression::CallExpression(c) => &c.callee,
            Expression::NewExpression(n) => &n.callee,
            _ => return None,
        };
        match callee.get_inner_expression() {
            Expression::Identifier(id) => {
                let imp = self.imports.get(id.name.as_str())?;
                match (imp.source, imp.name) {
                    ("koa", Imported::Default | Imported::Module) => Some(RouterKind::KoaApp),
                    (
                        "@koa/router" | "koa-router",
                        Imported::Default | Imported::Module | Imported::Named("Router"),
                    ) => Some(RouterKind::KoaRouter),
                    ("express", Imported::Default | Imported::Module) => {
                        Some(RouterKind::ExpressApp)
                    }
                    ("express", Imported::Named("Router")) => Some(RouterKind::ExpressRouter),
                    ("next-connect", Imported::Named("createRouter") | Imported::Default) => {
                        Some(RouterKind::Connect)
                    }
                    _ => None,
                }
            }
            Expression::StaticMemberExpression(m) if m.property.name == "Router" => {
                match m.object.get_inner_expression() {
                    Expression::Identifier(id) => {
                        let imp = self.imports.get(id.name.as_str())?;
                        match imp.source {
                            "express" => Some(RouterKind::ExpressRouter),
                            "@koa/router" | "koa-router" => Some(RouterKind::KoaRouter),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// The values pushed onto `list` (`list.push(a, b)`) between its declaration
/// (`const list = []`, the last one before `at`) and `at`, in source order (branches included:
/// a conditional push may run).
fn pushed_items<'a>(program: &'a Program<'a>, list: &str, at: u32) -> Vec<&'a Expression<'a>> {
    let mut declared: Option<u32> = None;
    each_stmt(&program.body, &mut |s| {
        if let Statement::VariableDeclaration(v) = s {
            for d in &v.declarations {
                if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init)
                    && id.name == list
                    && matches!(init.get_inner_expression(), Expression::ArrayExpression(_))
                    && id.span.start < at
                {
                    declared = Some(declared.map_or(id.span.start, |p| p.max(id.span.start)));
                }
            }
        }
    });
    let Some(from) = declared else {
        return Vec::new();
    };
    let mut out = Vec::new();
    each_stmt(&program.body, &mut |s| {
        let Statement::ExpressionStatement(es) = s else {
            return;
        };
        if es.span.start <= from || es.span.start >= at {
            return;
        }
        if let Expression::CallExpression(c) = es.expression.get_inner_expression()
            && let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression()
            && m.property.name == "push"
            && matches!(m.object.get_inner_expression(), Expression::Identifier(o) if o.name == list)
        {
            out.extend(c.arguments.iter().filter_map(|a| a.as_expression()));
        }
    });
    out
}

/// The `prefix` option of `new Router({ prefix: '/api' })`.
fn koa_prefix(e: &Expression) -> Option<String> {
    let args = match e.get_inner_expression() {
        Expression::NewExpression(n) => &n.arguments,
        Expression::CallExpression(c) => &c.arguments,
        _ => return None,
    };
    let Some(Expression::ObjectExpression(obj)) = args.first()?.as_expression() else {
        return None;
    };
    obj.properties.iter().find_map(|p| match p {
        oxc_ast::ast::ObjectPropertyKind::ObjectProperty(p)
            if property_key_name(&p.key) == Some("prefix") =>
        {
            match p.value.get_inner_expression() {
                Expression::StringLiteral(s) => Some(s.value.to_string()),
                _ => None,
            }
        }
        _ => None,
    })
}

fn declared_names<'a>(decl: &'a Declaration<'a>) -> Vec<&'a str> {
    let mut out = Vec::new();
    match decl {
        Declaration::FunctionDeclaration(f) => {
            if let Some(id) = &f.id {
                out.push(id.name.as_str());
            }
        }
        Declaration::VariableDeclaration(v) => {
            for d in &v.declarations {
                if let BindingPattern::BindingIdentifier(id) = &d.id {
                    out.push(id.name.as_str());
                }
            }
        }
        _ => {}
    }
    out
}

/// `require('x')` as an import binding of the router analysis.
fn require_of<'a>(e: &'a Expression<'a>) -> Option<Imp<'a>> {
    let (source, how) = cjs::require_of(e)?;
    Some(Imp {
        source,
        name: match how {
            Required::Module => Imported::Module,
            Required::Default => Imported::Default,
            Required::Named(n) => Imported::Named(n),
        },
    })
}

/// Calls `f` on every statement, in source order, descending into blocks, branches, loops and
/// the bodies of functions (declared, or written inside expressions such as
/// `module.exports = (app) => { … }` or `(async () => { … })()`).
fn each_stmt<'a>(stmts: &'a [Statement<'a>], f: &mut dyn FnMut(&'a Statement<'a>)) {
    for s in stmts {
        each_one(s, f);
    }
}

fn each_one<'a>(s: &'a Statement<'a>, f: &mut dyn FnMut(&'a Statement<'a>)) {
    f(s);
    match s {
        Statement::BlockStatement(b) => each_stmt(&b.body, f),
        Statement::IfStatement(i) => {
            each_one(&i.consequent, f);
            if let Some(a) = &i.alternate {
                each_one(a, f);
            }
        }
        Statement::TryStatement(t) => {
            each_stmt(&t.block.body, f);
            if let Some(h) = &t.handler {
                each_stmt(&h.body.body, f);
            }
            if let Some(fin) = &t.finalizer {
                each_stmt(&fin.body, f);
            }
        }
        Statement::ForStatement(x) => each_one(&x.body, f),
        Statement::ForOfStatement(x) => each_one(&x.body, f),
        Statement::ForInStatement(x) => each_one(&x.body, f),
        Statement::WhileStatement(x) => each_one(&x.body, f),
        Statement::DoWhileStatement(x) => each_one(&x.body, f),
        Statement::LabeledStatement(x) => each_one(&x.body, f),
        Statement::SwitchStatement(x) => {
            for c in &x.cases {
                each_stmt(&c.consequent, f);
            }
        }
        Statement::FunctionDeclaration(func) => {
            if let Some(b) = &func.body {
                each_stmt(&b.statements, f);
            }
        }
        Statement::ExportDeclaration(d) => match &d.declaration {
            Declaration::FunctionDeclaration(func) => {
                if let Some(b) = &func.body {
                    each_stmt(&b.statements, f);
                }
            }
            Declaration::VariableDeclaration(v) => {
                for d in &v.declarations {
                    if let Some(init) = &d.init {
                        fns_in_expr(init, f);
                    }
                }
            }
            _ => {}
        },
        Statement::ExportDefaultDeclaration(d) => match &d.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(func) => {
                if let Some(b) = &func.body {
                    each_stmt(&b.statements, f);
                }
            }
            other => {
                if let Some(e) = other.as_expression() {
                    fns_in_expr(e, f);
                }
            }
        },
        Statement::VariableDeclaration(v) => {
            for d in &v.declarations {
                if let Some(init) = &d.init {
                    fns_in_expr(init, f);
                }
            }
        }
        Statement::ExpressionStatement(e) => fns_in_expr(&e.expression, f),
        Statement::ReturnStatement(r) => {
            if let Some(a) = &r.argument {
                fns_in_expr(a, f);
            }
        }
        _ => {}
    }
}

/// The bodies of functions written in an expression (not inside other functions' bodies:
/// `each_one` reaches those).
fn fns_in_expr<'a>(e: &'a Expression<'a>, f: &mut dyn FnMut(&'a Statement<'a>)) {
    match e.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => {
            if let Some(b) = a.get_function_body() {
                each_stmt(&b.statements, f);
            } else if let Some(x) = a.get_expression() {
                fns_in_expr(x, f);
            }
        }
        Expression::FunctionExpression(func) => {
            if let Some(b) = &func.body {
                each_stmt(&b.statements, f);
            }
        }
        Expression::CallExpression(c) => {
            fns_in_expr(&c.callee, f);
            for a in &c.arguments {
                if let Some(x) = a.as_expression() {
                    fns_in_expr(x, f);
                }
            }
        }
        Expression::AwaitExpression(a) => fns_in_expr(&a.argument, f),
        Expression::AssignmentExpression(a) => fns_in_expr(&a.right, f),
        Expression::SequenceExpression(s) => {
            for x in &s.expressions {
                fns_in_expr(x, f);
            }
        }
        Expression::StaticMemberExpression(m) => fns_in_expr(&m.object, f),
        _ => {}
    }
}

/// Variable and function bindings at every depth, with their position.
fn collect_bindings<'a>(program: &'a Program<'a>) -> Vec<(&'a str, Binding<'a>, u32)> {
    let mut out = Vec::new();
    each_stmt(&program.body, &mut |s| {
        let decl: Option<&'a Declaration<'a>> = match s {
            Statement::ExportDeclaration(d) => Some(&d.declaration),
            other => other.as_declaration(),
        };
        match decl {
            Some(Declaration::VariableDeclaration(v)) => {
                for d in &v.declarations {
                    if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) {
                        out.push((id.name.as_str(), Binding::Init(init), id.span.start));
                    }
                }
            }
            Some(Declaration::FunctionDeclaration(func)) => {
                if let Some(id) = &func.id {
                    out.push((id.name.as_str(), Binding::Func(func), id.span.start));
                }
            }
            _ => {}
        }
        if let Statement::ExportDefaultDeclaration(d) = s
            && let ExportDefaultDeclarationKind::FunctionDeclaration(func) = &d.declaration
            && let Some(id) = &func.id
        {
            out.push((id.name.as_str(), Binding::Func(func), id.span.start));
        }
    });
    out
}

/// `const { a, b: c } = require('x')`, at every depth.
fn collect_destructured_requires<'a>(program: &'a Program<'a>) -> Vec<(&'a str, Imp<'a>)> {
    let mut out = Vec::new();
    each_stmt(&program.body, &mut |s| {
        let Statement::VariableDeclaration(v) = s else {
            return;
        };
        for d in &v.declarations {
            if let (BindingPattern::ObjectPattern(obj), Some(init)) = (&d.id, &d.init)
                && let Some(imp) = require_of(init)
            {
                for p in &obj.properties {
                    if let (Some(key), BindingPattern::BindingIdentifier(local)) =
                        (property_key_name(&p.key), &p.value)
                    {
                        out.push((
                            local.name.as_str(),
                            Imp {
                                source: imp.source,
                                name: Imported::Named(key),
                            },
                        ));
                    }
                }
            }
        }
    });
    out
}

// ----------------------------------------------------------------------------------------------
// Registrations

/// One link of a call chain on a router: `.get('/x', a, b)`, `.use(g)`, `.route('/x')`.
struct Link<'a> {
    method: &'a str,
    method_span: Span,
    args: &'a oxc_allocator::Vec<'a, Argument<'a>>,
}

/// Flattens `root.a(..).b(..)` into `root` and its links, innermost first.
fn flatten_chain<'a>(e: &'a Expression<'a>, out: &mut Vec<Link<'a>>) -> Option<&'a str> {
    match e.get_inner_expression() {
        Expression::Identifier(id) => Some(id.name.as_str()),
        Expression::CallExpression(c) => {
            let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression() else {
                return None;
            };
            let root = flatten_chain(&m.object, out)?;
            out.push(Link {
                method: m.property.name.as_str(),
                method_span: m.property.span,
                args: &c.arguments,
            });
            Some(root)
        }
        _ => None,
    }
}

/// A registration statement on a router, in source order.
enum Reg<'a> {
    Chain(Vec<Link<'a>>),
    /// `factory(router)`: the function registers on its parameter `param`.
    Apply {
        callee: &'a Expression<'a>,
        param: usize,
    },
}

/// Every registration on `name` in the program, in source order.
fn registrations<'a>(program: &'a Program<'a>, name: &str) -> Vec<Reg<'a>> {
    regs_in(&program.body, name)
}

/// Every registration on a function's parameter `name` inside its body.
fn registrations_in_fn<'a>(f: FnRef<'a>, name: &str) -> Vec<Reg<'a>> {
    match fn_body(f) {
        Some(b) => regs_in(&b.statements, name),
        None => Vec::new(),
    }
}

fn regs_in<'a>(stmts: &'a [Statement<'a>], name: &str) -> Vec<Reg<'a>> {
    let mut out = Vec::new();
    each_stmt(stmts, &mut |s| {
        let e: &'a Expression<'a> = match s {
            Statement::ExpressionStatement(es) => &es.expression,
            Statement::ExportDefaultDeclaration(d) => match d.declaration.as_expression() {
                Some(e) => e,
                None => return,
            },
            _ => return,
        };
        let e = match e.get_inner_expression() {
            Expression::AwaitExpression(a) => &a.argument,
            other => other,
        };
        if let Some(reg) = take_reg(e, name) {
            out.push(reg);
        }
    });
    out
}

fn take_reg<'a>(e: &'a Expression<'a>, name: &str) -> Option<Reg<'a>> {
    let mut links = Vec::new();
    if let Some(root) = flatten_chain(e, &mut links)
        && root == name
        && !links.is_empty()
    {
        return Some(Reg::Chain(links));
    }
    // `factory(app)` / `require('./routes')(app)`
    if let Expression::CallExpression(c) = e.get_inner_expression()
        && !matches!(
            c.callee.get_inner_expression(),
            Expression::StaticMemberExpression(_)
        )
    {
        for (i, arg) in c.arguments.iter().enumerate() {
            if let Some(Expression::Identifier(id)) =
                arg.as_expression().map(|a| a.get_inner_expression())
                && id.name == name
            {
                return Some(Reg::Apply {
                    callee: &c.callee,
                    param: i,
                });
            }
        }
    }
    None
}

// ----------------------------------------------------------------------------------------------
// The walk

#[derive(Clone, Copy)]
enum FnRef<'a> {
    Decl(&'a Function<'a>),
    Arrow(&'a oxc_ast::ast::ArrowFunctionExpression<'a>),
}

/// What a middleware does for auth.
#[derive(Clone, Debug)]
enum Mw {
    /// Stops signed-out requests.
    Protects(Evidence),
    /// Clerk's populate-only middleware.
    Attaches(String),
    /// Decodes a token without verifying it.
    DecodesOnly(String),
    Nothing,
}

#[derive(Clone, Debug)]
struct Guard {
    /// Applies to URLs under this prefix only (`app.use('/admin', g)`); `None` for all.
    scope: Option<String>,
    mw: Mw,
}

struct Ctx {
    prefix: String,
    guards: Vec<Guard>,
    mounted: bool,
    kind: RouterKind,
}

struct Analysis<'u, 'a, 'e> {
    units: &'u [Unit<'a, 'e>],
    by_path: HashMap<PathBuf, usize>,
    out: Vec<RouterEndpoint>,
    visited: HashSet<(usize, String)>,
    /// How many times each router was walked: a router mounted at a few places gets each
    /// place, a diamond of routers mounting the next one twice per level does not take
    /// 2^depth walks.
    expansions: HashMap<(usize, String), usize>,
    guard_cache: std::cell::RefCell<HashMap<(usize, u32), Mw>>,
    stack: Vec<(usize, String)>,
    /// The request identity of the endpoint being pushed.
    pending_identity: Option<String>,
    /// Koa middleware is `(ctx, next)`: `next` is the second parameter, not the third.
    koa: bool,
}

/// A value in a handler position, resolved.
#[derive(Clone, Copy)]
enum Val<'a> {
    Router(usize, &'a str),
    /// A function, defined in unit `usize`.
    Func(usize, FnRef<'a>),
    /// An expression the engine reads as a value (a wrapped handler: `asyncHandler(fn)`).
    Expr(usize, &'a Expression<'a>),
    /// A call to a Clerk export (`requireAuth()`), by name.
    Clerk(&'static str, &'a str),
    Array(usize, &'a oxc_ast::ast::ArrayExpression<'a>),
    /// An array filled with `list.push(x)` calls (`koa-compose` of a list built in steps):
    /// the list's name and the position of the call that uses it.
    Pushed(usize, &'a str, u32),
    Unknown,
}

const HTTP_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "del", "head", "options", "all",
];

impl<'u, 'a, 'e> Analysis<'u, 'a, 'e> {
    fn unit(&self, u: usize) -> &'u Unit<'a, 'e> {
        &self.units[u]
    }

    /// The position of a middleware's `next` parameter.
    fn next_at(&self) -> usize {
        if self.koa { 1 } else { 2 }
    }

    fn walk_router(&mut self, u: usize, name: &str, ctx: &mut Ctx) {
        let key = (u, name.to_string());
        if self.stack.contains(&key) || self.stack.len() > 16 {
            return;
        }
        if !self.budget(&key) {
            return;
        }
        self.visited.insert(key.clone());
        self.stack.push(key);
        let regs = registrations(self.unit(u).program, name);
        // Koa routers carry their own prefix: `new Router({ prefix })`, `router.prefix('/x')`
        // (which re-prefixes the routes registered before it too).
        let saved = ctx.prefix.clone();
        if ctx.kind.is_koa() {
            if let Some(p) = self.unit(u).prefixes.get(name) {
                ctx.prefix = join(&saved, p);
            }
            for reg in &regs {
                if let Reg::Chain(links) = reg
                    && let Some(p) = links
                        .iter()
                        .filter(|l| l.method == "prefix")
                        .find_map(|l| l.args.first().and_then(path_arg))
                {
                    ctx.prefix = join(&saved, &p);
                }
            }
        }
        self.walk_regs(u, regs, ctx);
        ctx.prefix = saved;
        self.stack.pop();
    }

    /// Counts one walk of `key`; false once it or the run is over its budget.
    fn budget(&mut self, key: &(usize, String)) -> bool {
        let total: usize = self.expansions.values().sum();
        let n = self.expansions.entry(key.clone()).or_default();
        if *n >= MAX_EXPANSIONS || total >= MAX_WALKS {
            return false;
        }
        *n += 1;
        true
    }

    fn walk_regs(&mut self, u: usize, regs: Vec<Reg<'a>>, ctx: &mut Ctx) {
        for reg in regs {
            match reg {
                Reg::Chain(links) => self.walk_chain(u, &links, ctx),
                Reg::Apply { callee, param } => {
                    if let Some((fu, f)) = self.resolve_fn(u, callee, 0) {
                        let Some(pname) = fn_param_name(f, param) else {
                            continue;
                        };
                        let key = (fu, format!("fn@{}", fn_span(f).start));
                        if self.stack.contains(&key) {
                            continue;
                        }
                        if !self.budget(&key) {
                            continue;
                        }
                        self.stack.push(key);
                        let regs = registrations_in_fn(f, pname);
                        self.walk_regs(fu, regs, ctx);
                        self.stack.pop();
                    }
                }
            }
        }
    }

    fn walk_chain(&mut self, u: usize, links: &[Link<'a>], ctx: &mut Ctx) {
        let mut route_path: Option<Option<String>> = None;
        for link in links {
            let method = link.method;
            if method == "route" {
                route_path = Some(link.args.first().and_then(|a| path_arg(a)));
                continue;
            }
            if method == "use" {
                self.walk_use(u, link, ctx);
                continue;
            }
            if !HTTP_METHODS.contains(&method) {
                continue;
            }
            // Koa named routes: `router.get('user', '/users/:id', handler)`.
            let named = ctx.kind.is_koa()
                && link.args.len() >= 3
                && link.args.iter().take(2).all(is_path_arg);
            let args: Vec<&'a Argument<'a>> = link.args.iter().skip(usize::from(named)).collect();
            let (path, handlers): (Option<String>, Vec<&'a Argument<'a>>) = match &route_path {
                Some(p) => (p.clone(), link.args.iter().collect()),
                None => match args.first().copied() {
                    Some(first) if is_path_arg(first) => {
                        (path_arg(first), args.iter().skip(1).copied().collect())
                    }
                    _ => (None, args.clone()),
                },
            };
            if handlers.is_empty() {
                // `app.get('setting')` reads a setting.
                continue;
            }
            if ctx.kind != RouterKind::Connect && path.is_none() && route_path.is_none() {
                continue;
            }
            // `app.all('*', notFound)` / `app.all(/.*/, badUrl)`: the fallback for unknown
            // URLs, registered last, not an endpoint of its own.
            if method == "all" && path.as_deref().is_some_and(is_catch_all) {
                continue;
            }
            self.endpoint(u, link, method, path, &handlers, ctx);
        }
    }

    fn walk_use(&mut self, u: usize, link: &Link<'a>, ctx: &mut Ctx) {
        let mut args: Vec<&'a Argument<'a>> = link.args.iter().collect();
        let mut scope: Option<String> = None;
        if let Some(first) = args.first()
            && is_path_arg(first)
        {
            scope = Some(path_arg(first).unwrap_or_else(|| "/*".into()));
            args.remove(0);
        }
        let abs_scope = scope.as_ref().map(|s| join(&ctx.prefix, s));
        let mut local_guards: Vec<Guard> = Vec::new();
        let mut flat: Vec<(usize, Val<'a>)> = Vec::new();
        for a in args {
            if let Some(e) = a.as_expression() {
                self.flatten_val(u, e, &mut flat);
            }
        }
        let n = flat.len();
        for (i, (vu, v)) in flat.into_iter().enumerate() {
            match v {
                Val::Router(ru, rname) => {
                    let inner_kind = match ctx.kind {
                        RouterKind::Connect => RouterKind::Connect,
                        RouterKind::KoaApp | RouterKind::KoaRouter => RouterKind::KoaRouter,
                        _ => RouterKind::ExpressRouter,
                    };
                    let mut inner = Ctx {
                        prefix: abs_scope.clone().unwrap_or_else(|| ctx.prefix.clone()),
                        guards: ctx
                            .guards
                            .iter()
                            .cloned()
                            .chain(local_guards.iter().cloned())
                            .collect(),
                        mounted: ctx.mounted,
                        kind: inner_kind,
                    };
                    let own_from = inner.guards.len();
                    self.walk_router(ru, rname, &mut inner);
                    // What the mounted router registers with `use` runs for every request that
                    // enters it, also one it has no route for and passes on (`next()`): in
                    // Express a router mounted at `/x` intercepts every later `/x…` request of
                    // its parent. Koa's `router.use(sub.routes())` copies `sub`'s middleware
                    // layers into the parent's stack (the same effect); `app.use(router.routes())`
                    // runs a router's middleware only for the routes it matches.
                    let leaks = match ctx.kind {
                        RouterKind::ExpressApp | RouterKind::ExpressRouter => true,
                        RouterKind::KoaRouter => true,
                        RouterKind::KoaApp | RouterKind::Connect => false,
                    };
                    if leaks {
                        for g in inner.guards.drain(own_from..) {
                            local_guards.push(Guard {
                                scope: g.scope.or_else(|| abs_scope.clone()),
                                mw: g.mw,
                            });
                        }
                    }
                }
                other => {
                    // A terminal handler mounted with `use` (`app.use('/stripe', raw(), hook)`):
                    // the last function, taking no `next`.
                    if i + 1 == n
                        && let Val::Func(fu, f) = other
                        && fn_param_count(f) <= self.next_at()
                        && scope.is_some()
                        && !fn_calls_next(f, self.next_at())
                    {
                        // `app.use('*path', sendIndexHtml)`: the fallback for unknown URLs
                        // (a single-page app's `index.html`), not an endpoint.
                        if scope.as_deref().is_some_and(is_catch_all) {
                            continue;
                        }
                        let facts = self.handler_facts(fu, other);
                        self.push(u, link, "ALL", abs_scope.clone(), facts, ctx, &local_guards);
                        continue;
                    }
                    let mw = self.classify_mw(vu, other);
                    local_guards.push(Guard {
                        scope: abs_scope.clone(),
                        mw,
                    });
                }
            }
        }
        ctx.guards.extend(local_guards);
    }

    /// Flattens arrays of middleware and resolves each value.
    fn flatten_val(&self, u: usize, e: &'a Expression<'a>, out: &mut Vec<(usize, Val<'a>)>) {
        match self.resolve(u, e, 0) {
            Val::Pushed(pu, list, at) => {
                for x in pushed_items(self.unit(pu).program, list, at) {
                    self.flatten_val(pu, x, out);
                }
            }
            Val::Array(au, arr) => {
                for el in &arr.elements {
                    if let ArrayExpressionElement::SpreadElement(s) = el {
                        self.flatten_val(au, &s.argument, out);
                    } else if let Some(x) = el.as_expression() {
                        self.flatten_val(au, x, out);
                    }
                }
            }
            v => out.push((u, v)),
        }
    }

    fn endpoint(
        &mut self,
        u: usize,
        link: &Link<'a>,
        method: &str,
        path: Option<String>,
        handlers: &[&'a Argument<'a>],
        ctx: &mut Ctx,
    ) {
        let mut flat: Vec<(usize, Val<'a>)> = Vec::new();
        for a in handlers {
            if let Some(e) = a.as_expression() {
                self.flatten_val(u, e, &mut flat);
            } else if let Argument::SpreadElement(s) = a {
                self.flatten_val(u, &s.argument, &mut flat);
            }
        }
        let Some((hu, handler)) = flat.pop() else {
            return;
        };
        let mut own: Vec<Guard> = Vec::new();
        for (vu, v) in flat {
            own.push(Guard {
                scope: None,
                mw: self.classify_mw(vu, v),
            });
        }
        let url = match (&path, ctx.kind) {
            (Some(p), _) => join(&ctx.prefix, p),
            (None, RouterKind::Connect) => self
                .unit(u)
                .page_url
                .clone()
                .unwrap_or_else(|| ctx.prefix.clone()),
            (None, _) => ctx.prefix.clone(),
        };
        let facts = self.handler_facts(hu, handler);
        let request_identity = match handler {
            Val::Func(fu, f) => request_identity(self.unit(fu), f),
            _ => None,
        };
        if let Some(id) = request_identity {
            self.pending_identity = Some(id);
        }
        let m = if method == "del" { "delete" } else { method };
        self.push(u, link, &m.to_uppercase(), Some(url), facts, ctx, &own);
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        u: usize,
        link: &Link<'a>,
        method: &str,
        url: Option<String>,
        handler: FnFacts,
        ctx: &Ctx,
        own: &[Guard],
    ) {
        let url = url.unwrap_or_else(|| ctx.prefix.clone());
        let url = if url.is_empty() { "/".to_string() } else { url };
        let mut guard = None;
        let mut attach_only = None;
        let mut decode_only = None;
        for g in ctx.guards.iter().chain(own.iter()) {
            if let Some(scope) = &g.scope
                && !under(&url, scope)
            {
                continue;
            }
            match &g.mw {
                Mw::Protects(ev) => {
                    if guard.is_none() {
                        guard = Some(ev.clone());
                    }
                }
                Mw::Attaches(what) => {
                    attach_only.get_or_insert_with(|| what.clone());
                }
                Mw::DecodesOnly(what) => {
                    decode_only.get_or_insert_with(|| what.clone());
                }
                Mw::Nothing => {}
            }
        }
        let unit = self.unit(u);
        self.out.push(RouterEndpoint {
            method: method.to_string(),
            url,
            file: unit.display.clone(),
            range: range_of(link.method_span),
            guard,
            handler,
            attach_only,
            decode_only,
            request_identity: self.pending_identity.take(),
            mounted: ctx.mounted,
            kind: ctx.kind,
        });
    }

    fn handler_facts(&self, u: usize, v: Val<'a>) -> FnFacts {
        self.handler_facts_depth(u, v, 0)
    }

    fn handler_facts_depth(&self, _u: usize, v: Val<'a>, depth: usize) -> FnFacts {
        let mut facts = match v {
            Val::Func(fu, FnRef::Decl(f)) => self.unit(fu).cx.function_facts(f),
            Val::Func(fu, FnRef::Arrow(a)) => self.unit(fu).cx.arrow_facts(a),
            Val::Expr(eu, e) => self.unit(eu).cx.value_facts(e),
            Val::Clerk(_, local) => FnFacts {
                gate: Some(Evidence::Middleware {
                    file: format!("{local}()"),
                }),
                ..FnFacts::default()
            },
            _ => FnFacts::default(),
        };
        // A handler that hands the request and the response to another handler
        // (`await stripeWebhooks(req, res)`) is as protected as that handler.
        if facts.gate.is_none()
            && depth < 4
            && let Val::Func(fu, f) = v
        {
            for (cu, callee) in self.delegates(fu, f) {
                let inner = self.handler_facts_depth(cu, callee, depth + 1);
                if inner.gate.is_some() {
                    facts.gate = inner.gate;
                    break;
                }
                if facts.reads.is_none() {
                    facts.reads = inner.reads;
                }
                for s in inner.webhook_signals {
                    if !facts.webhook_signals.contains(&s) {
                        facts.webhook_signals.push(s);
                    }
                }
            }
        }
        facts
    }

    /// Project functions called with the handler's request and response
    /// (`handle(req, res)`), at the top level of its body or inside a `try`.
    fn delegates(&self, fu: usize, f: FnRef<'a>) -> Vec<(usize, Val<'a>)> {
        let (Some(req), Some(res)) = (fn_param_name(f, 0), fn_param_name(f, 1)) else {
            return Vec::new();
        };
        let Some(body) = fn_body(f) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut calls: Vec<&'a CallExpression<'a>> = Vec::new();
        let mut take = |e: &'a Expression<'a>| {
            let e = match e.get_inner_expression() {
                Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
                other => other,
            };
            if let Expression::CallExpression(c) = e {
                calls.push(c);
            }
        };
        for s in &body.statements {
            match s {
                Statement::ExpressionStatement(es) => take(&es.expression),
                Statement::ReturnStatement(r) => {
                    if let Some(a) = &r.argument {
                        take(a);
                    }
                }
                Statement::TryStatement(t) => {
                    for s in &t.block.body {
                        match s {
                            Statement::ExpressionStatement(es) => take(&es.expression),
                            Statement::ReturnStatement(r) => {
                                if let Some(a) = &r.argument {
                                    take(a);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        for c in calls {
            let arg_is = |i: usize, name: &str| {
                matches!(
                    c.arguments.get(i).and_then(|a| a.as_expression()).map(|e| e.get_inner_expression()),
                    Some(Expression::Identifier(id)) if id.name == name
                )
            };
            if arg_is(0, req) && arg_is(1, res) {
                let v = self.resolve(fu, &c.callee, 0);
                if matches!(v, Val::Func(..)) {
                    out.push((fu, v));
                }
            }
        }
        out
    }

    /// What a middleware value does for auth.
    fn classify_mw(&self, u: usize, v: Val<'a>) -> Mw {
        match v {
            Val::Clerk(api, local) => match api {
                "requireAuth" | "ClerkExpressRequireAuth" | "createClerkExpressRequireAuth" => {
                    Mw::Protects(Evidence::Middleware {
                        file: format!("{local}()"),
                    })
                }
                "clerkMiddleware" | "ClerkExpressWithAuth" | "withClerkMiddleware" => {
                    Mw::Attaches(format!("{local}()"))
                }
                _ => Mw::Nothing,
            },
            Val::Func(fu, f) => {
                let key = (fu, fn_span(f).start);
                if let Some(m) = self.guard_cache.borrow().get(&key) {
                    return m.clone();
                }
                let m = self.classify_fn_mw(fu, f);
                self.guard_cache.borrow_mut().insert(key, m.clone());
                m
            }
            Val::Expr(eu, e) => {
                let facts = self.unit(eu).cx.value_facts(e);
                match facts.gate {
                    Some(ev) => Mw::Protects(ev),
                    None => Mw::Nothing,
                }
            }
            _ => {
                let _ = u;
                Mw::Nothing
            }
        }
    }

    fn classify_fn_mw(&self, fu: usize, f: FnRef<'a>) -> Mw {
        let unit = self.unit(fu);
        let facts = match f {
            FnRef::Decl(func) => unit.cx.function_facts(func),
            FnRef::Arrow(a) => unit.cx.arrow_facts(a),
        };
        let name = fn_name(unit, f);
        if let Some(ev) = facts.gate
            && !falls_through_to_next(f, self.next_at())
        {
            let _ = ev;
            if decodes_only(unit, f) {
                return Mw::DecodesOnly(name);
            }
            return Mw::Protects(Evidence::Helper {
                name,
                file: unit.display.clone(),
            });
        }
        if decodes_only(unit, f) {
            return Mw::DecodesOnly(name);
        }
        if facts.reads.is_some() && fails_in_clerk_call(f, self.next_at()) {
            return Mw::Protects(Evidence::Helper {
                name,
                file: unit.display.clone(),
            });
        }
        Mw::Nothing
    }

    /// Resolves a value to a router, a function, a Clerk call or an array.
    fn resolve(&self, u: usize, e: &'a Expression<'a>, depth: usize) -> Val<'a> {
        if depth > 10 {
            return Val::Unknown;
        }
        let unit = self.unit(u);
        match e.get_inner_expression() {
            Expression::ArrowFunctionExpression(a) => Val::Func(u, FnRef::Arrow(a)),
            // `const router = await createRouter()`
            Expression::AwaitExpression(a) => self.resolve(u, &a.argument, depth + 1),
            Expression::FunctionExpression(f) => Val::Func(u, FnRef::Decl(f)),
            Expression::ArrayExpression(arr) => Val::Array(u, arr),
            Expression::Identifier(id) => {
                let name = id.name.as_str();
                if unit.routers.contains_key(name) {
                    return Val::Router(u, name);
                }
                // `requireAuth` passed uncalled (`compose([requireAuth, …])`,
                // `app.use('/x', requireAuth, …)`): called with the request it returns a
                // middleware and never calls `next()`, so every request stops there (fails
                // closed).
                if let Some((api @ ("requireAuth" | "ClerkExpressRequireAuth"), local)) =
                    self.clerk_callee(u, e)
                {
                    return Val::Clerk(api, local);
                }
                if let Some(imp) = unit.imports.get(name).copied() {
                    return self.resolve_import(u, imp, depth);
                }
                match unit.bindings.get(name).map(|(b, _)| *b) {
                    Some(Binding::Func(f)) => Val::Func(u, FnRef::Decl(f)),
                    Some(Binding::Init(init)) => self.resolve(u, init, depth + 1),
                    None => Val::Unknown,
                }
            }
            Expression::StaticMemberExpression(m) => {
                let prop = m.property.name.as_str();
                match m.object.get_inner_expression() {
                    Expression::Identifier(o) => {
                        if let Some(imp) = unit.imports.get(o.name.as_str()).copied()
                            && imp.name == Imported::Module
                        {
                            return self.resolve_import(
                                u,
                                Imp {
                                    source: imp.source,
                                    name: Imported::Named(prop),
                                },
                                depth,
                            );
                        }
                        Val::Unknown
                    }
                    Expression::CallExpression(c) => match require_source(c) {
                        Some(src) => self.resolve_import(
                            u,
                            Imp {
                                source: src,
                                name: Imported::Named(prop),
                            },
                            depth,
                        ),
                        None => Val::Unknown,
                    },
                    _ => Val::Unknown,
                }
            }
            Expression::CallExpression(c) => {
                if let Some(src) = require_source(c) {
                    return self.resolve_import(
                        u,
                        Imp {
                            source: src,
                            name: Imported::Default,
                        },
                        depth,
                    );
                }
                // Koa: `router.routes()` / `router.middleware()` is the router's dispatcher.
                if let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression()
                    && matches!(m.property.name.as_str(), "routes" | "middleware")
                    && let Val::Router(ru, rname) = self.resolve(u, &m.object, depth + 1)
                    && self.unit(ru).routers.get(rname) == Some(&RouterKind::KoaRouter)
                {
                    return Val::Router(ru, rname);
                }
                // `compose([a, b])` (`koa-compose`): the middleware in order.
                if let Expression::Identifier(id) = c.callee.get_inner_expression()
                    && unit
                        .imports
                        .get(id.name.as_str())
                        .is_some_and(|i| i.source == "koa-compose")
                    && let Some(arg) = c
                        .arguments
                        .first()
                        .and_then(|a| a.as_expression())
                        .map(|e| e.get_inner_expression())
                {
                    match arg {
                        Expression::ArrayExpression(arr) => return Val::Array(u, arr),
                        // `const mws = []; mws.push(a); … compose(mws)`
                        Expression::Identifier(list) => {
                            return Val::Pushed(u, list.name.as_str(), c.span.start);
                        }
                        _ => {}
                    }
                }
                // A Clerk API called: `requireAuth()`, `clerkMiddleware()`.
                if let Some((api, local)) = self.clerk_callee(u, &c.callee) {
                    return Val::Clerk(api, local);
                }
                // A project factory: `createNotesRouter()`, `requireRole('admin')`.
                if let Some((fu, f)) = self.resolve_fn(u, &c.callee, depth + 1) {
                    if let Some(v) = self.returned(fu, f, depth + 1) {
                        return v;
                    }
                    return Val::Expr(u, e);
                }
                // A wrapper from a package (`asyncHandler(fn)`): the engine reads it.
                Val::Expr(u, e)
            }
            _ => Val::Unknown,
        }
    }

    fn resolve_fn(
        &self,
        u: usize,
        e: &'a Expression<'a>,
        depth: usize,
    ) -> Option<(usize, FnRef<'a>)> {
        match self.resolve(u, e, depth) {
            Val::Func(fu, f) => Some((fu, f)),
            _ => None,
        }
    }

    /// What a factory function returns: a router it creates, or a middleware function.
    fn returned(&self, fu: usize, f: FnRef<'a>, depth: usize) -> Option<Val<'a>> {
        let stmts: &'a [Statement<'a>] = match f {
            FnRef::Decl(func) => &func.body.as_ref()?.statements,
            FnRef::Arrow(a) => match a.get_function_body() {
                Some(b) => &b.statements,
                None => {
                    let e = a.get_expression()?;
                    return match self.resolve(fu, e, depth + 1) {
                        v @ (Val::Router(..) | Val::Func(..)) => Some(v),
                        _ => None,
                    };
                }
            },
        };
        for s in stmts.iter().rev() {
            if let Statement::ReturnStatement(r) = s
                && let Some(arg) = &r.argument
            {
                return match self.resolve(fu, arg, depth + 1) {
                    v @ (Val::Router(..)
                    | Val::Func(..)
                    | Val::Pushed(..)
                    | Val::Array(..)
                    | Val::Clerk(..)) => Some(v),
                    _ => None,
                };
            }
        }
        None
    }

    /// `requireAuth` imported from `@clerk/*` (or `clerk.requireAuth` on a namespace import).
    fn clerk_callee(
        &self,
        u: usize,
        callee: &'a Expression<'a>,
    ) -> Option<(&'static str, &'a str)> {
        let unit = self.unit(u);
        let (imp, local): (Imp<'a>, &'a str) = match callee.get_inner_expression() {
            Expression::Identifier(id) => {
                let imp = *unit.imports.get(id.name.as_str())?;
                let local: &'a str = id.name.as_str();
                (imp, local)
            }
            Expression::StaticMemberExpression(m) => {
                let Expression::Identifier(o) = m.object.get_inner_expression() else {
                    return None;
                };
                let imp = *unit.imports.get(o.name.as_str())?;
                if imp.name != Imported::Module {
                    return None;
                }
                let prop: &'a str = m.property.name.as_str();
                (
                    Imp {
                        source: imp.source,
                        name: Imported::Named(prop),
                    },
                    prop,
                )
            }
            _ => return None,
        };
        if !(imp.source.starts_with("@clerk/") || imp.source == "@dimkl/clerk-koa") {
            return None;
        }
        let Imported::Named(name) = imp.name else {
            return None;
        };
        let api: &'static str = match name {
            "requireAuth" => "requireAuth",
            "ClerkExpressRequireAuth" => "ClerkExpressRequireAuth",
            "createClerkExpressRequireAuth" => "createClerkExpressRequireAuth",
            "clerkMiddleware" => "clerkMiddleware",
            "ClerkExpressWithAuth" => "ClerkExpressWithAuth",
            "withClerkMiddleware" => "withClerkMiddleware",
            _ => return None,
        };
        Some((api, local))
    }

    fn resolve_import(&self, u: usize, imp: Imp<'a>, depth: usize) -> Val<'a> {
        let name = match imp.name {
            Imported::Named(n) => n,
            Imported::Default | Imported::Module => "default",
        };
        self.resolve_from(u, imp.source, name, depth)
    }

    /// Export `name` of the module `source` imported by unit `u`.
    fn resolve_from(&self, u: usize, source: &str, name: &str, depth: usize) -> Val<'a> {
        if depth > 10 {
            return Val::Unknown;
        }
        let unit = self.unit(u);
        let Some(path) = unit.cx.resolve(source) else {
            return Val::Unknown;
        };
        let Some(&tu) = self.by_path.get(&path) else {
            return Val::Unknown;
        };
        self.resolve_export(tu, name, depth + 1)
    }

    fn resolve_export(&self, tu: usize, name: &str, depth: usize) -> Val<'a> {
        if depth > 12 {
            return Val::Unknown;
        }
        let target = self.unit(tu);
        match target.exports.get(name).copied() {
            Some(Export::Local(local)) => {
                if target.routers.contains_key(local) {
                    return Val::Router(tu, local);
                }
                if let Some(imp) = target.imports.get(local).copied() {
                    return self.resolve_import(tu, imp, depth + 1);
                }
                match target.bindings.get(local).map(|(b, _)| *b) {
                    Some(Binding::Func(f)) => Val::Func(tu, FnRef::Decl(f)),
                    Some(Binding::Init(init)) => self.resolve(tu, init, depth + 1),
                    None => Val::Unknown,
                }
            }
            Some(Export::Expr(e)) => self.resolve(tu, e, depth + 1),
            Some(Export::Func(f)) => Val::Func(tu, FnRef::Decl(f)),
            Some(Export::From(src, inner)) => self.resolve_from(tu, src, inner, depth + 1),
            None => {
                // `export * from './x'`
                let stars: Vec<&'a str> = target
                    .exports
                    .values()
                    .filter_map(|e| match e {
                        Export::From(src, "*") => Some(*src),
                        _ => None,
                    })
                    .collect();
                for src in stars {
                    let v = self.resolve_from(tu, src, name, depth + 1);
                    if !matches!(v, Val::Unknown) {
                        return v;
                    }
                }
                Val::Unknown
            }
        }
    }
}

fn fn_span(f: FnRef) -> Span {
    match f {
        FnRef::Decl(func) => func.span,
        FnRef::Arrow(a) => a.span,
    }
}

fn fn_params<'a>(f: FnRef<'a>) -> &'a oxc_ast::ast::FormalParameters<'a> {
    match f {
        FnRef::Decl(func) => &func.params,
        FnRef::Arrow(a) => &a.params,
    }
}

fn fn_param_count(f: FnRef) -> usize {
    fn_params(f).items.len()
}

fn fn_param_name<'a>(f: FnRef<'a>, i: usize) -> Option<&'a str> {
    match &fn_params(f).items.get(i)?.pattern {
        BindingPattern::BindingIdentifier(id) => Some(id.name.as_str()),
        _ => None,
    }
}

fn fn_body<'a>(f: FnRef<'a>) -> Option<&'a oxc_ast::ast::FunctionBody<'a>> {
    match f {
        FnRef::Decl(func) => func.body.as_deref(),
        FnRef::Arrow(a) => a.get_function_body(),
    }
}

fn fn_name(unit: &Unit, f: FnRef) -> String {
    if let FnRef::Decl(func) = f
        && let Some(id) = &func.id
    {
        return id.name.to_string();
    }
    // `const requireUser = (req, res, next) => …`: the binding that holds it.
    let span = fn_span(f);
    for (name, (b, _)) in &unit.bindings {
        if let Binding::Init(init) = b
            && init.get_inner_expression().span() == span
        {
            return (*name).to_string();
        }
    }
    let text = &unit.program.source_text;
    let start = span.start as usize;
    let line = text[..start].matches('\n').count() + 1;
    format!("middleware at line {line}")
}

/// A user id read from the request by the handler (`req.body.userId`, `req.query.clerkId`,
/// `req.params.userId`, `req.headers['x-user-id']`), as written.
fn request_identity(unit: &Unit, f: FnRef) -> Option<String> {
    let req = fn_param_name(f, 0)?;
    let body = fn_body(f)?;
    let text = &unit.program.source_text[body.span.start as usize..body.span.end as usize];
    let names = [
        "userId",
        "user_id",
        "userID",
        "clerkId",
        "clerk_id",
        "clerkUserId",
        "uid",
    ];
    // Koa: `ctx.request.body.userId`, `ctx.query.userId`, `ctx.params.userId`.
    for container in ["body", "query", "params", "request.body", "request.query"] {
        for name in names {
            let dotted = format!("{req}.{container}.{name}");
            let bytes = text.find(&dotted);
            if let Some(i) = bytes {
                let next = text[i + dotted.len()..].chars().next();
                if !next.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    return Some(dotted);
                }
            }
        }
    }
    for header in ["x-user-id", "x-clerk-user-id", "user-id", "userid"] {
        for q in ['\'', '"'] {
            let s = format!("{req}.headers[{q}{header}{q}]");
            if text.contains(&s) {
                return Some(s);
            }
        }
    }
    None
}

/// Whether the function calls its `next` parameter (at `next_at`) anywhere.
fn fn_calls_next(f: FnRef, next_at: usize) -> bool {
    let Some(next) = fn_param_name(f, next_at) else {
        return false;
    };
    let Some(body) = fn_body(f) else {
        return false;
    };
    let mut v = NextCalls {
        next: next.to_string(),
        bare: 0,
        any: 0,
    };
    v.visit_function_body(body);
    v.any > 0
}

/// `if (!userId) { res.status(401).json(…) }` with no `return`, then `next()`: the signed-out
/// request still reaches the route.
fn falls_through_to_next(f: FnRef, next_at: usize) -> bool {
    let Some(next) = fn_param_name(f, next_at) else {
        return false;
    };
    let Some(body) = fn_body(f) else {
        return false;
    };
    let stmts = &body.statements;
    for (i, s) in stmts.iter().enumerate() {
        let Statement::IfStatement(ifs) = s else {
            continue;
        };
        if ifs.alternate.is_some() || ends_request(&ifs.consequent) {
            continue;
        }
        if !sends_status(&ifs.consequent) {
            continue;
        }
        // A bare `next()` later at the top level runs for the signed-out request too.
        for later in &stmts[i + 1..] {
            let mut v = NextCalls {
                next: next.to_string(),
                bare: 0,
                any: 0,
            };
            v.visit_statement(later);
            if v.bare > 0 {
                return true;
            }
        }
    }
    false
}

/// A guard whose signed-out path fails inside a Clerk Backend API call: the identity is
/// passed to `clerkClient.users.getUser(userId)` in a `try` whose `catch` answers without
/// calling `next()` (a null id makes the call throw). Protected, if fragile.
fn fails_in_clerk_call(f: FnRef, next_at: usize) -> bool {
    let (Some(next), Some(body)) = (fn_param_name(f, next_at), fn_body(f)) else {
        return false;
    };
    for s in &body.statements {
        let Statement::TryStatement(t) = s else {
            continue;
        };
        let Some(handler) = &t.handler else { continue };
        let mut calls = ClerkUserCalls { found: false };
        for s in &t.block.body {
            calls.visit_statement(s);
        }
        if !calls.found {
            continue;
        }
        let mut v = NextCalls {
            next: next.to_string(),
            bare: 0,
            any: 0,
        };
        v.visit_block_statement(&handler.body);
        if v.bare == 0 {
            return true;
        }
    }
    false
}

struct ClerkUserCalls {
    found: bool,
}

impl<'a> Visit<'a> for ClerkUserCalls {
    fn visit_call_expression(&mut self, c: &CallExpression<'a>) {
        if let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression()
            && matches!(
                m.property.name.as_str(),
                "getUser" | "getOrganizationMembershipList" | "getSession"
            )
            && let Expression::StaticMemberExpression(o) = m.object.get_inner_expression()
            && matches!(o.property.name.as_str(), "users" | "sessions")
        {
            self.found = true;
        }
        walk::walk_call_expression(self, c);
    }
}

fn ends_request(s: &Statement) -> bool {
    match s {
        Statement::ReturnStatement(_) | Statement::ThrowStatement(_) => true,
        Statement::BlockStatement(b) => b.body.iter().any(ends_request),
        _ => false,
    }
}

fn sends_status(s: &Statement) -> bool {
    let mut v = StatusFinder { found: false };
    v.visit_statement(s);
    v.found
}

struct StatusFinder {
    found: bool,
}

impl<'a> Visit<'a> for StatusFinder {
    /// Koa: `ctx.status = 401`.
    fn visit_assignment_expression(&mut self, a: &oxc_ast::ast::AssignmentExpression<'a>) {
        if let oxc_ast::ast::AssignmentTarget::StaticMemberExpression(m) = &a.left
            && m.property.name == "status"
            && let Expression::NumericLiteral(n) = a.right.get_inner_expression()
            && (n.value == 401.0 || n.value == 403.0)
        {
            self.found = true;
        }
        walk::walk_assignment_expression(self, a);
    }

    fn visit_call_expression(&mut self, c: &CallExpression<'a>) {
        if let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression()
            && matches!(m.property.name.as_str(), "status" | "sendStatus" | "code")
            && let Some(Expression::NumericLiteral(n)) = c
                .arguments
                .first()
                .and_then(|a| a.as_expression())
                .map(|e| e.get_inner_expression())
            && (n.value == 401.0 || n.value == 403.0)
        {
            self.found = true;
        }
        walk::walk_call_expression(self, c);
    }
}

struct NextCalls {
    next: String,
    bare: usize,
    any: usize,
}

impl<'a> Visit<'a> for NextCalls {
    fn visit_call_expression(&mut self, c: &CallExpression<'a>) {
        if let Expression::Identifier(id) = c.callee.get_inner_expression()
            && id.name == self.next.as_str()
        {
            self.any += 1;
            if c.arguments.is_empty() {
                self.bare += 1;
            }
        }
        walk::walk_call_expression(self, c);
    }
}

/// A guard that reads its identity from `jwt.decode(...)` / `decodeJwt(...)` without any
/// verification call.
fn decodes_only(unit: &Unit, f: FnRef) -> bool {
    let Some(body) = fn_body(f) else {
        return false;
    };
    let span = body.span;
    let text = &unit.program.source_text[span.start as usize..span.end as usize];
    let decodes = text.contains("jwt.decode(")
        || text.contains("decodeJwt(")
        || text.contains("jwtDecode(")
        || text.contains("jwt_decode(");
    let verifies = text.contains("verify")
        || text.contains("authenticateRequest")
        || text.contains("getAuth(");
    decodes && !verifies
}

fn is_path_arg(a: &Argument) -> bool {
    match a.as_expression().map(|e| e.get_inner_expression()) {
        Some(Expression::StringLiteral(_)) => true,
        Some(Expression::TemplateLiteral(t)) => t.expressions.is_empty(),
        Some(Expression::RegExpLiteral(_)) => true,
        Some(Expression::ArrayExpression(arr)) => arr.elements.iter().all(|el| {
            matches!(
                el.as_expression().map(|e| e.get_inner_expression()),
                Some(Expression::StringLiteral(_) | Expression::RegExpLiteral(_))
            )
        }),
        _ => false,
    }
}

/// The path of a route or mount argument: a string, the first of an array; a regex is `/*`.
fn path_arg(a: &Argument) -> Option<String> {
    match a.as_expression()?.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            Some(t.quasis.iter().map(|q| q.value.raw.as_str()).collect())
        }
        Expression::RegExpLiteral(_) => Some("/*".into()),
        Expression::ArrayExpression(arr) => match arr.elements.first()?.as_expression()? {
            Expression::StringLiteral(s) => Some(s.value.to_string()),
            _ => Some("/*".into()),
        },
        _ => None,
    }
}

/// `*`, `/*`, `(.*)`, a regex (read as `/*`), Express 5's named wildcards (`*splat`,
/// `/*path`).
fn is_catch_all(path: &str) -> bool {
    let p = path.trim();
    let named_wildcard = |w: &str| {
        w.strip_prefix('*').is_some_and(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
    };
    matches!(p, "*" | "/*" | "(.*)" | "/(.*)" | "/:path*")
        || named_wildcard(p)
        || p.strip_prefix('/').is_some_and(named_wildcard)
}

/// Joins a mount prefix and a route path: `/api` + `/notes` → `/api/notes`, `/api` + `/` → `/api`.
pub fn join(prefix: &str, path: &str) -> String {
    let p = prefix.trim_end_matches('/');
    let path = path.trim();
    if path.is_empty() || path == "/" {
        return if p.is_empty() { "/".into() } else { p.into() };
    }
    if path.starts_with('/') {
        format!("{p}{path}")
    } else {
        format!("{p}/{path}")
    }
}

/// Whether `url` falls under the mount path `scope` (segment-wise: `/api` covers `/api/x`,
/// not `/apix`).
pub fn under(url: &str, scope: &str) -> bool {
    let s = scope.trim_end_matches('/');
    let s = s.trim_end_matches("/*").trim_end_matches('*');
    if s.is_empty() {
        return true;
    }
    url == s || url.starts_with(&format!("{s}/"))
}

// ----------------------------------------------------------------------------------------------
// Adapter glue: from an app to framework-neutral endpoints.

/// Whether the app (or a package above it) depends on a Clerk package.
pub fn uses_clerk(app: &AppCx) -> bool {
    let probe = if app.app.rel_root.is_empty() {
        "package.json".to_string()
    } else {
        format!("{}/package.json", app.app.rel_root)
    };
    !app.cx.project.clerk_for(&probe).is_empty()
}

/// Test, story and type-declaration files never serve requests.
fn is_server_source(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    !(lower.ends_with(".d.ts")
        || lower.contains(".test.")
        || lower.contains(".spec.")
        || lower.contains(".stories.")
        || lower.contains("__tests__/")
        || lower.contains("__mocks__/")
        || lower.starts_with("test/")
        || lower.starts_with("tests/")
        || lower.contains("/test/")
        || lower.contains("/tests/"))
}

/// The app's files as the router analysis reads them (`pages/api` files carry their URL).
pub fn router_files(app: &AppCx) -> Vec<RouterFile> {
    app.files
        .iter()
        .filter(|f| is_server_source(app.rel(&f.rel_path)))
        .filter_map(|f| {
            let path = app.cx.path_of(&f.rel_path)?.to_path_buf();
            let page_url = match crate::analysis::routes::classify(app.rel(&f.rel_path)) {
                crate::analysis::routes::NextFile::PagesApi { url } => Some(url),
                _ => None,
            };
            Some(RouterFile {
                path,
                display: f.rel_path.clone(),
                text: f.text.clone(),
                page_url,
            })
        })
        .collect()
}

/// Lists an app's router endpoints into `out` as framework-neutral [`Endpoint`]s.
pub fn collect(app: &AppCx, which: Roots, framework: FrameworkId, out: &mut AnalysisOut) {
    let files = router_files(app);
    if !files.iter().any(|f| is_candidate(&f.text)) {
        return;
    }
    for e in endpoints(app.cx.engine, &files, which) {
        out.walked.insert(e.file.clone());
        out.endpoints.push(to_endpoint(app, framework, e));
    }
}

/// The verdict and facts of a router endpoint.
pub fn to_endpoint(app: &AppCx, framework: FrameworkId, e: RouterEndpoint) -> Endpoint {
    let mut depends_on = Vec::new();
    let facts = &e.handler;
    let late = facts
        .work_before_gate
        .clone()
        .filter(|_| facts.gate.is_some() && e.guard.is_none());
    let verdict = match (&e.guard, &facts.gate) {
        (Some(g), _) => {
            if let Evidence::Helper { file, .. } = g {
                depends_on.push(file.clone());
            }
            Verdict::Protected(g.clone())
        }
        (None, Some(_)) if late.is_some() => Verdict::Unprotected,
        (None, Some(g)) => {
            if let Evidence::Helper { file, .. } = g {
                depends_on.push(file.clone());
            }
            Verdict::Protected(g.clone())
        }
        (None, None) => match &facts.reads {
            Some(r) => Verdict::Unchecked(r.clone()),
            None => Verdict::Unprotected,
        },
    };
    // A user id from the request used as the identity while `clerkMiddleware()` has put a
    // verified one within reach: the route trusts whatever the caller sends.
    let verdict = match (&verdict, &e.request_identity, &e.attach_only) {
        (Verdict::Unprotected, Some(id), Some(_)) if late.is_none() => {
            Verdict::Unchecked(format!("`{id}`"))
        }
        _ => verdict,
    };
    let reads_clerk = facts.reads.is_some();
    let method = Method::from_router(&e.method).unwrap_or(Method::Any);
    let mut endpoint = Endpoint {
        framework,
        kind: EndpointKind::RouterRoute,
        method: Some(method),
        rpc: None,
        url: Some(e.url.clone()),
        name: format!("{} {}", e.method, e.url),
        location: Location {
            file: e.file.clone(),
            range: e.range.clone(),
        },
        verdict,
        facts: HandlerFacts {
            reads_clerk,
            webhook_signals: e.handler.webhook_signals.clone(),
            verify_swallowed: e.handler.verify_swallowed,
            late_check: late,
            populate_only: e.attach_only.clone(),
            decode_only: e.decode_only.clone(),
            request_identity: e.request_identity.clone(),
            gap: None,
        },
        app: app.app.rel_root.clone(),
        depends_on,
        public: false,
        trpc_dispatcher: false,
        aliases: Vec::new(),
    };
    endpoint.public = (app.cx.options.is_public)(
        &endpoint.location.file,
        endpoint.method_label(),
        &crate::analysis::routes::sample_paths(&e.url),
    );
    endpoint
}

#[cfg(test)]
pub(crate) static TEST_VOCABULARY: crate::analysis::engine::Vocabulary =
    crate::analysis::engine::Vocabulary {
        request_auth: true,
        ..crate::analysis::engine::Vocabulary::EMPTY
    };

#[cfg(test)]
mod tests;
