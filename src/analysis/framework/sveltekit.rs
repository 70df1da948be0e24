//! SvelteKit (`svelte-clerk`, older `clerk-sveltekit`): endpoints are the method exports of
//! `+server.ts` files (`GET`, `POST`, …, `fallback`), the `load` of `+page.server.ts` and
//! `+layout.server.ts`, and each form action of `+page.server.ts` (`actions.name` is
//! `POST ?/name`, `actions.default` is `POST` to the page). URLs come from the directories
//! under `src/routes` (`[id]`, `[[opt]]`, `[...rest]`, `(group)` dropped); `kit.files.routes`
//! and `kit.files.hooks.server` in `svelte.config.js` move the routes and the hooks.
//!
//! What covers an endpoint from outside its body:
//! - the `handle` hook of `hooks.server.ts` (alone or in `sequence(...)`), when it rejects a
//!   signed-out request for the endpoint's path: a guard that tests `event.url.pathname`
//!   (evaluated for the endpoint's URL) and the older `handleClerk(secret, { protectedPaths })`
//!   prefix list; it covers pages, form actions and `+server.ts` endpoints alike;
//! - a `+layout.server.ts` `load` that rejects signed-out callers, for the page and layout
//!   loads below it only: not for form actions and not for `+server.ts` endpoints.
//!
//! `withClerkHandler()` alone only puts the auth state on `locals`.

use std::collections::HashMap;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrayExpressionElement, BinaryOperator, BindingPattern, Declaration, Expression,
    LogicalOperator, ObjectPropertyKind, Program, Statement, UnaryOperator,
};
use oxc_span::GetSpan;

use crate::analysis::endpoint::{EndpointKind, FrameworkId, Method, Verdict};
use crate::analysis::engine::LocalsGuard;
use crate::analysis::engine::{
    Evidence, FileCx, FnFacts, ImportRule, Name, Pkg, Role, Vocabulary, callee_text, for_each_expr,
    parse, property_key_name, range_of,
};
use crate::analysis::fileroutes::sveltekit_url;
use crate::analysis::framework::nextjs::{exports, make_endpoint};
use crate::analysis::framework::react_router::uses_clerk;
use crate::analysis::framework::{AnalysisOut, AppCx, Framework, app_config, locals_services};
use crate::analysis::routes::sample_paths;
use crate::pattern::RoutePattern;
use crate::source::SourceFile;

pub struct SvelteKit;

/// What SvelteKit adds: `redirect()` and `error()` throw, so a bare call ends the request.
/// `locals` (`locals.auth()`, older `locals.auth`, `locals.session`) is the engine's carrier
/// model, shared with Astro.
pub static VOCABULARY: Vocabulary = Vocabulary {
    imports: &[
        ImportRule {
            package: Pkg::Source("@sveltejs/kit"),
            name: Name::Exact("redirect"),
            role: Role::Exit,
        },
        ImportRule {
            package: Pkg::Source("@sveltejs/kit"),
            name: Name::Exact("error"),
            role: Role::Exit,
        },
    ],
    ..Vocabulary::EMPTY
};

impl Framework for SvelteKit {
    fn id(&self) -> FrameworkId {
        FrameworkId::SvelteKit
    }

    fn detect(&self, app: &AppCx) -> bool {
        app.app.deps.contains_key("@sveltejs/kit") && uses_clerk(app)
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn locals_guards(&self, app: &AppCx) -> Vec<LocalsGuard> {
        hook_file(app)
            .map(|f| locals_services::from_hook(app, f))
            .unwrap_or_default()
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        discover(app, out);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RouteFile {
    Server,
    Page,
    Layout,
}

/// Where the app keeps its routes and its server hooks: `kit.files.routes` and
/// `kit.files.hooks.server` in `svelte.config.js`, else `src/routes` and `src/hooks.server`.
fn layout(cx: &AppCx) -> (String, String) {
    let config = app_config::config_file(cx, "svelte.config");
    let routes = config
        .and_then(|f| app_config::dir_option(f, &["kit", "files", "routes"]))
        .unwrap_or_else(|| "src/routes".to_string());
    let hooks = config
        .and_then(|f| app_config::dir_option(f, &["kit", "files", "hooks", "server"]))
        .unwrap_or_else(|| "src/hooks.server".to_string());
    (routes, hooks)
}

/// The app's server hooks module.
fn hook_file<'a>(cx: &AppCx<'a, '_>) -> Option<&'a SourceFile> {
    let (_, hooks_stem) = layout(cx);
    cx.files.iter().copied().find(|f| {
        let rel = cx.rel(&f.rel_path);
        rel.strip_prefix(hooks_stem.as_str())
            .is_some_and(|ext| matches!(ext, ".ts" | ".js" | "/index.ts" | "/index.js"))
    })
}

fn discover(cx: &AppCx, found: &mut AnalysisOut) {
    let (routes_dir, _) = layout(cx);
    let routes_prefix = if routes_dir.is_empty() {
        String::new()
    } else {
        format!("{routes_dir}/")
    };
    let hook = hook_file(cx).and_then(|f| {
        let from = cx.cx.path_of(&f.rel_path)?.to_path_buf();
        let load = |specifier: &str| -> Option<(String, String)> {
            let target = cx.cx.engine.resolver().resolve(&from, specifier)?;
            let file = cx
                .cx
                .scripts
                .iter()
                .find(|s| cx.cx.path_of(&s.rel_path) == Some(target.as_path()))?;
            Some((file.rel_path.clone(), file.text.to_string()))
        };
        Hook::parse(&f.rel_path, &f.text, &load)
    });

    // Every route file: (kind, directory chain under src/routes, file).
    let mut route_files = Vec::new();
    for f in &cx.files {
        let rel = cx.rel(&f.rel_path);
        let Some(rest) = rel.strip_prefix(routes_prefix.as_str()) else {
            continue;
        };
        let (dirs, file) = match rest.rsplit_once('/') {
            Some((d, file)) => (d.split('/').map(str::to_string).collect::<Vec<_>>(), file),
            None => (Vec::new(), rest),
        };
        let kind = match file.rsplit_once('.').map(|(s, _)| s) {
            Some("+server") => RouteFile::Server,
            Some("+page.server") => RouteFile::Page,
            Some("+layout.server") => RouteFile::Layout,
            _ => continue,
        };
        route_files.push((kind, dirs, *f));
    }

    // `export const prerender = true` in a page or layout (inherited by the routes below,
    // unless one of them sets it again): those loads run at build time, not per request.
    let mut prerender: HashMap<Vec<String>, bool> = HashMap::new();
    for f in &cx.files {
        let rel = cx.rel(&f.rel_path);
        let Some(rest) = rel.strip_prefix(routes_prefix.as_str()) else {
            continue;
        };
        let (dirs, file) = match rest.rsplit_once('/') {
            Some((d, file)) => (d.split('/').map(str::to_string).collect::<Vec<_>>(), file),
            None => (Vec::new(), rest),
        };
        let stem = file.rsplit_once('.').map(|(s, _)| s).unwrap_or(file);
        if !matches!(
            stem,
            "+page" | "+page.server" | "+layout" | "+layout.server"
        ) {
            continue;
        }
        if let Some(v) = prerender_option(&f.text) {
            // A page's own setting is keyed one level deeper so it applies to it alone.
            let mut key = dirs;
            if stem.starts_with("+page") {
                key.push("+page".to_string());
            }
            prerender.insert(key, v);
        }
    }
    let prerendered = |dirs: &[String], page: bool| -> bool {
        if page {
            let mut own = dirs.to_vec();
            own.push("+page".to_string());
            if let Some(v) = prerender.get(&own) {
                return *v;
            }
        }
        (0..=dirs.len())
            .rev()
            .find_map(|n| prerender.get(&dirs[..n]))
            .copied()
            .unwrap_or(false)
    };

    // Directories whose `+layout.server` load rejects signed-out callers.
    let mut layout_guards: HashMap<Vec<String>, String> = HashMap::new();
    let mut per_file = Vec::new();
    for (kind, dirs, file) in &route_files {
        let Some(path) = cx.cx.path_of(&file.rel_path) else {
            continue;
        };
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &file.rel_path, &file.text);
        if let Some((range, message)) = &parsed.error {
            found
                .parse_errors
                .push((file.rel_path.clone(), range.clone(), message.clone()));
        }
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
        let dir_refs: Vec<&str> = dirs.iter().map(String::as_str).collect();
        let url = sveltekit_url(&dir_refs);
        found.walked.insert(file.rel_path.clone());
        let mut items: Vec<(
            EndpointKind,
            Method,
            String,
            String,
            std::ops::Range<usize>,
            FnFacts,
        )> = Vec::new();
        for (name, range, facts) in exports(&fcx, &parsed.program) {
            match kind {
                RouteFile::Server => {
                    let method = if name == "fallback" {
                        Method::Any
                    } else if let Some(m) = Method::from_export(&name) {
                        m
                    } else {
                        continue;
                    };
                    items.push((
                        EndpointKind::RouteHandler,
                        method,
                        url.clone(),
                        name,
                        range,
                        facts,
                    ));
                }
                RouteFile::Page | RouteFile::Layout if name == "load" => {
                    if *kind == RouteFile::Layout && facts.gate.is_some() {
                        layout_guards.insert(dirs.clone(), file.rel_path.clone());
                    }
                    items.push((
                        EndpointKind::Loader,
                        Method::Get,
                        url.clone(),
                        name,
                        range,
                        facts,
                    ));
                }
                _ => {}
            }
        }
        if *kind == RouteFile::Page {
            for (action, range, facts) in form_actions(&fcx, &parsed.program) {
                let action_url = if action == "default" {
                    url.clone()
                } else {
                    format!("{url}?/{action}")
                };
                items.push((
                    EndpointKind::FormAction,
                    Method::Post,
                    action_url,
                    action,
                    range,
                    facts,
                ));
            }
        }
        per_file.push((*kind, dirs.clone(), *file, items));
    }

    for (kind, dirs, file, items) in per_file {
        for (ekind, method, url, name, range, facts) in items {
            if ekind == EndpointKind::Loader && prerendered(&dirs, kind == RouteFile::Page) {
                continue;
            }
            let mut e = make_endpoint(
                ekind,
                Some(method),
                None,
                Some(url.clone()),
                name,
                file,
                range,
                facts,
                &cx.app.rel_root,
            );
            e.framework = FrameworkId::SvelteKit;
            let path = url.split('?').next().unwrap_or(&url);
            e.public =
                (cx.cx.options.is_public)(&file.rel_path, e.method_label(), &sample_paths(path));
            if !matches!(e.verdict, Verdict::Protected(_)) {
                let path = url.split('?').next().unwrap_or(&url);
                if let Some(h) = &hook
                    && h.covers(path)
                {
                    e.verdict = Verdict::Protected(Evidence::Middleware {
                        file: h.file.clone(),
                    });
                    e.depends_on.push(h.file.clone());
                } else if ekind == EndpointKind::Loader {
                    // A layout guard in this directory or above (for a layout load:
                    // strictly above).
                    let upto = if kind == RouteFile::Layout {
                        dirs.len()
                    } else {
                        dirs.len() + 1
                    };
                    let guard = (0..upto).rev().find_map(|n| layout_guards.get(&dirs[..n]));
                    if let Some(layout) = guard {
                        e.verdict = Verdict::Protected(Evidence::Middleware {
                            file: layout.clone(),
                        });
                        e.depends_on.push(layout.clone());
                    }
                }
            }
            found.endpoints.push(e);
        }
    }
}

/// `export const prerender = true | false` (`'auto'` still renders on request).
fn prerender_option(text: &str) -> Option<bool> {
    let i = text.find("export const prerender")?;
    let rest = text[i + "export const prerender".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    if rest.starts_with("true") {
        Some(true)
    } else if rest.starts_with("false")
        || rest.starts_with("'auto'")
        || rest.starts_with("\"auto\"")
    {
        Some(false)
    } else {
        None
    }
}

/// `export const actions = { name: fn, … }` (also `satisfies Actions`): each action, where
/// it is declared, and its facts.
fn form_actions<'a>(
    fcx: &FileCx<'a, '_>,
    program: &'a Program<'a>,
) -> Vec<(String, std::ops::Range<usize>, FnFacts)> {
    let mut out = Vec::new();
    for stmt in &program.body {
        let Statement::ExportDeclaration(d) = stmt else {
            continue;
        };
        let Declaration::VariableDeclaration(v) = &d.declaration else {
            continue;
        };
        for decl in &v.declarations {
            let (BindingPattern::BindingIdentifier(id), Some(init)) = (&decl.id, &decl.init) else {
                continue;
            };
            if id.name != "actions" {
                continue;
            }
            let Expression::ObjectExpression(obj) = init.get_inner_expression() else {
                continue;
            };
            for p in &obj.properties {
                match p {
                    ObjectPropertyKind::ObjectProperty(p) => {
                        let Some(key) = property_key_name(&p.key) else {
                            continue;
                        };
                        let facts = if p.method {
                            match &p.value {
                                Expression::FunctionExpression(f) => fcx.function_facts(f),
                                other => fcx.value_facts(other),
                            }
                        } else {
                            fcx.value_facts(&p.value)
                        };
                        out.push((key.to_string(), range_of(p.key.span()), facts));
                    }
                    ObjectPropertyKind::SpreadProperty(_) => {}
                }
            }
        }
    }
    out
}

/// The `handle` hook, reduced to what it rejects.
struct Hook {
    file: String,
    /// `handleClerk(secret, { protectedPaths })` prefixes.
    prefixes: Vec<String>,
    /// Guard functions, re-parsed on demand: (source text of the function).
    guards: Vec<String>,
    /// Top-level `const x = [...]` string lists and `const x = '...'` strings of the file.
    consts: HashMap<String, Value>,
}

impl Hook {
    /// Reads `hooks.server.ts`; `load` resolves an import specifier of it to another
    /// module's (display path, text), for guards defined elsewhere (`$lib/server/guard`).
    fn parse(
        display: &str,
        text: &str,
        load: &dyn Fn(&str) -> Option<(String, String)>,
    ) -> Option<Hook> {
        let allocator = Allocator::default();
        let parsed = parse(&allocator, display, text);
        if !parsed.ok {
            return None;
        }
        let program = &parsed.program;
        let mut consts = HashMap::new();
        let mut fns: HashMap<String, String> = HashMap::new();
        let mut handle: Option<&Expression> = None;
        let mut handle_fn: Option<String> = None;
        // Imported names: local → (specifier, exported name).
        let mut imports: HashMap<String, (String, String)> = HashMap::new();
        for stmt in &program.body {
            if let Statement::ImportDeclaration(d) = stmt {
                for spec in d.specifiers.iter().flatten() {
                    if let oxc_ast::ast::ImportDeclarationSpecifier::ImportSpecifier(sp) = spec {
                        imports.insert(
                            sp.local.name.to_string(),
                            (d.source.value.to_string(), sp.imported.name().to_string()),
                        );
                    }
                }
            }
            let (decl, exported) = match stmt {
                Statement::VariableDeclaration(v) => (Some(&**v), false),
                Statement::ExportDeclaration(d) => match &d.declaration {
                    Declaration::VariableDeclaration(v) => (Some(&**v), true),
                    Declaration::FunctionDeclaration(f) => {
                        let name =
                            f.id.as_ref()
                                .map(|i| i.name.to_string())
                                .unwrap_or_default();
                        let src = span_text(text, f.span);
                        if name == "handle" {
                            handle_fn = Some(src.clone());
                        }
                        fns.insert(name, src);
                        (None, true)
                    }
                    _ => (None, true),
                },
                Statement::FunctionDeclaration(f) => {
                    if let Some(id) = &f.id {
                        fns.insert(id.name.to_string(), span_text(text, f.span));
                    }
                    (None, false)
                }
                _ => (None, false),
            };
            let Some(decl) = decl else { continue };
            for d in &decl.declarations {
                let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) else {
                    continue;
                };
                let name = id.name.to_string();
                if let Some(v) = const_value(init, &consts) {
                    consts.insert(name.clone(), v);
                }
                if matches!(
                    init.get_inner_expression(),
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                ) {
                    fns.insert(name.clone(), span_text(text, init.span()));
                }
                if exported && name == "handle" {
                    handle = Some(init);
                }
            }
        }
        let mut hook = Hook {
            file: display.to_string(),
            prefixes: Vec::new(),
            guards: Vec::new(),
            consts,
        };
        if let Some(src) = handle_fn {
            hook.guards.push(src);
        }
        // Guards imported from other modules: their exported functions and constants.
        for (local, (specifier, name)) in &imports {
            if fns.contains_key(local) {
                continue;
            }
            let Some((other_display, other_text)) = load(specifier) else {
                continue;
            };
            let Some((other_consts, other_fns)) = module_defs(&other_display, &other_text) else {
                continue;
            };
            if let Some(src) = other_fns.get(name) {
                fns.insert(local.clone(), src.clone());
                for (k, v) in other_consts {
                    hook.consts.entry(k).or_insert(v);
                }
            }
        }
        if let Some(h) = handle {
            hook.collect(h, &fns, text, 0);
        }
        (!hook.prefixes.is_empty() || !hook.guards.is_empty()).then_some(hook)
    }

    fn collect(&mut self, e: &Expression, fns: &HashMap<String, String>, text: &str, depth: usize) {
        if depth > 8 {
            return;
        }
        match e.get_inner_expression() {
            // `sequence(await handleClerk(…), …)`.
            Expression::AwaitExpression(a) => self.collect(&a.argument, fns, text, depth + 1),
            Expression::CallExpression(call) => {
                let name = callee_text(&call.callee);
                let args: Vec<&Expression> = call
                    .arguments
                    .iter()
                    .filter_map(Argument::as_expression)
                    .collect();
                match name.as_str() {
                    "sequence" => {
                        for a in args {
                            self.collect(a, fns, text, depth + 1);
                        }
                    }
                    "handleClerk" => {
                        if let Some(Expression::ObjectExpression(o)) =
                            args.get(1).map(|a| a.get_inner_expression())
                        {
                            for p in &o.properties {
                                if let ObjectPropertyKind::ObjectProperty(p) = p
                                    && property_key_name(&p.key) == Some("protectedPaths")
                                    && let Some(Value::List(list)) =
                                        const_value(&p.value, &self.consts)
                                {
                                    self.prefixes.extend(list);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Expression::Identifier(id) => {
                if let Some(src) = fns.get(id.name.as_str()) {
                    self.guards.push(src.clone());
                }
            }
            Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) => {
                self.guards.push(span_text(text, e.span()));
            }
            _ => {}
        }
    }

    /// Whether every sample of `url` is rejected for a signed-out caller.
    fn covers(&self, url: &str) -> bool {
        let samples = sample_paths(url);
        !samples.is_empty() && samples.iter().all(|p| self.rejects(p))
    }

    fn rejects(&self, path: &str) -> bool {
        if self
            .prefixes
            .iter()
            .any(|p| p.starts_with('/') && path.starts_with(p.as_str()))
        {
            return true;
        }
        self.guards
            .iter()
            .any(|g| guard_rejects(g, path, &self.consts))
    }
}

/// The top-level string constants and functions of a module (exported or not).
type Defs = (HashMap<String, Value>, HashMap<String, String>);

fn module_defs(display: &str, text: &str) -> Option<Defs> {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, display, text);
    if !parsed.ok {
        return None;
    }
    let mut consts = HashMap::new();
    let mut fns = HashMap::new();
    for stmt in &parsed.program.body {
        let decl = match stmt {
            Statement::VariableDeclaration(v) => v,
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::VariableDeclaration(v) => v,
                Declaration::FunctionDeclaration(f) => {
                    if let Some(id) = &f.id {
                        fns.insert(id.name.to_string(), span_text(text, f.span));
                    }
                    continue;
                }
                _ => continue,
            },
            Statement::FunctionDeclaration(f) => {
                if let Some(id) = &f.id {
                    fns.insert(id.name.to_string(), span_text(text, f.span));
                }
                continue;
            }
            _ => continue,
        };
        for d in &decl.declarations {
            let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) else {
                continue;
            };
            if let Some(v) = const_value(init, &consts) {
                consts.insert(id.name.to_string(), v);
            }
            if matches!(
                init.get_inner_expression(),
                Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
            ) {
                fns.insert(id.name.to_string(), span_text(text, init.span()));
            }
        }
    }
    Some((consts, fns))
}

fn span_text(text: &str, span: oxc_span::Span) -> String {
    text.get(span.start as usize..span.end as usize)
        .unwrap_or_default()
        .to_string()
}

/// A value the guard evaluator knows in a signed-out request for one path.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Str(String),
    List(Vec<String>),
    Bool(bool),
    /// An identity (`userId`, a session): falsy for a signed-out caller.
    Identity,
    /// An auth object (`locals.auth()`): its fields are identities.
    AuthObject,
    /// `event.url` / `url`: its `pathname` is the path.
    Url,
    Unknown,
}

fn const_value(e: &Expression, consts: &HashMap<String, Value>) -> Option<Value> {
    match e.get_inner_expression() {
        Expression::StringLiteral(s) => Some(Value::Str(s.value.to_string())),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => t
            .quasis
            .first()
            .map(|q| Value::Str(q.value.raw.to_string())),
        Expression::ArrayExpression(arr) => {
            let mut out = Vec::new();
            for el in &arr.elements {
                match el {
                    ArrayExpressionElement::SpreadElement(s) => {
                        match const_value(&s.argument, consts)? {
                            Value::List(l) => out.extend(l),
                            _ => return None,
                        }
                    }
                    other => match other.as_expression().and_then(|x| const_value(x, consts))? {
                        Value::Str(s) => out.push(s),
                        _ => return None,
                    },
                }
            }
            Some(Value::List(out))
        }
        Expression::Identifier(id) => consts.get(id.name.as_str()).cloned(),
        _ => None,
    }
}

/// Whether a `handle` guard (its source text) rejects a signed-out request for `path`.
fn guard_rejects(src: &str, path: &str, consts: &HashMap<String, Value>) -> bool {
    let allocator = Allocator::default();
    let wrapped = format!("const __guard = {src};");
    let parsed = parse(&allocator, "guard.ts", &wrapped);
    if !parsed.ok {
        return false;
    }
    let Some(Statement::VariableDeclaration(v)) = parsed.program.body.first() else {
        return false;
    };
    let Some(init) = v.declarations.first().and_then(|d| d.init.as_ref()) else {
        return false;
    };
    let (params, body) = match init.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => (&a.params, a.get_function_body()),
        Expression::FunctionExpression(f) => (&f.params, f.body.as_deref()),
        _ => return false,
    };
    let mut ev = GuardEval {
        path: path.to_string(),
        env: consts.clone(),
    };
    // `({ event, resolve })` or `(input)`: `event.url.pathname` is read by member chains.
    if let Some(first) = params.items.first()
        && let BindingPattern::ObjectPattern(obj) = &first.pattern
    {
        for p in &obj.properties {
            if property_key_name(&p.key) == Some("event") {
                ev.bind_pattern(&p.value, Value::Unknown);
            }
        }
    }
    match body {
        Some(b) => ev.block(&b.statements) == Flow::Rejects,
        None => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Flow {
    /// The request is rejected (redirect, error, a non-`resolve` response).
    Rejects,
    /// The request goes on (`return resolve(event)`).
    Passes,
    /// Falls through to the next statement.
    Continues,
    /// Cannot tell.
    Unknown,
}

struct GuardEval {
    path: String,
    env: HashMap<String, Value>,
}

impl GuardEval {
    fn block(&mut self, stmts: &[Statement]) -> Flow {
        for s in stmts {
            match self.stmt(s) {
                Flow::Continues => {}
                other => return other,
            }
        }
        Flow::Continues
    }

    fn stmt(&mut self, s: &Statement) -> Flow {
        match s {
            Statement::VariableDeclaration(v) => {
                for d in &v.declarations {
                    let val = d
                        .init
                        .as_ref()
                        .map(|i| self.value(i))
                        .unwrap_or(Value::Unknown);
                    self.bind_pattern(&d.id, val);
                }
                Flow::Continues
            }
            Statement::ExpressionStatement(e) => {
                if self.is_exit_call(&e.expression) {
                    Flow::Rejects
                } else {
                    Flow::Continues
                }
            }
            Statement::ThrowStatement(_) => Flow::Rejects,
            Statement::ReturnStatement(r) => match &r.argument {
                Some(a) if mentions_resolve(a) => Flow::Passes,
                _ => Flow::Rejects,
            },
            Statement::BlockStatement(b) => self.block(&b.body),
            Statement::IfStatement(i) => match self.truth(&i.test) {
                Some(true) => self.stmt(&i.consequent),
                Some(false) => match &i.alternate {
                    Some(a) => self.stmt(a),
                    None => Flow::Continues,
                },
                None => {
                    let a = self.stmt(&i.consequent);
                    let b = match &i.alternate {
                        Some(alt) => self.stmt(alt),
                        None => Flow::Continues,
                    };
                    if a == b { a } else { Flow::Unknown }
                }
            },
            Statement::TryStatement(t) => self.block(&t.block.body),
            _ => Flow::Continues,
        }
    }

    fn is_exit_call(&self, e: &Expression) -> bool {
        let e = match e.get_inner_expression() {
            Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
            other => other,
        };
        let Expression::CallExpression(c) = e else {
            return false;
        };
        matches!(callee_text(&c.callee).as_str(), "redirect" | "error")
    }

    fn bind_pattern(&mut self, p: &BindingPattern, val: Value) {
        match p {
            BindingPattern::BindingIdentifier(id) => {
                self.env.insert(id.name.to_string(), val);
            }
            BindingPattern::ObjectPattern(obj) => {
                for prop in &obj.properties {
                    let Some(key) = property_key_name(&prop.key) else {
                        continue;
                    };
                    let field = self.field(&val, key);
                    self.bind_pattern(&prop.value, field);
                }
            }
            BindingPattern::AssignmentPattern(a) => self.bind_pattern(&a.left, val),
            BindingPattern::ArrayPattern(_) => {}
        }
    }

    fn field(&self, obj: &Value, key: &str) -> Value {
        match (obj, key) {
            (_, "pathname") if *obj == Value::Url => Value::Str(self.path.clone()),
            (_, "url") => Value::Url,
            (Value::AuthObject, _) => Value::Identity,
            (_, "session" | "user" | "userId") => Value::Identity,
            (_, "auth") => Value::AuthObject,
            _ => Value::Unknown,
        }
    }

    fn value(&mut self, e: &Expression) -> Value {
        match e.get_inner_expression() {
            Expression::StringLiteral(s) => Value::Str(s.value.to_string()),
            Expression::TemplateLiteral(t) if t.expressions.is_empty() => t
                .quasis
                .first()
                .map(|q| Value::Str(q.value.raw.to_string()))
                .unwrap_or(Value::Unknown),
            Expression::BooleanLiteral(b) => Value::Bool(b.value),
            Expression::ArrayExpression(_) => const_value(e, &self.env).unwrap_or(Value::Unknown),
            Expression::Identifier(id) => self
                .env
                .get(id.name.as_str())
                .cloned()
                .unwrap_or(Value::Unknown),
            Expression::StaticMemberExpression(m) => {
                let obj = self.value(&m.object);
                self.field(&obj, m.property.name.as_str())
            }
            Expression::ChainExpression(c) => match c.expression.as_member_expression() {
                Some(m) => {
                    let obj = self.value(m.object());
                    match m.static_property_name() {
                        Some(name) => self.field(&obj, name),
                        None => Value::Unknown,
                    }
                }
                None => Value::Unknown,
            },
            Expression::AwaitExpression(a) => self.value(&a.argument),
            Expression::CallExpression(c) => {
                // `event.locals.auth()`, `locals.auth()`.
                if let Some(m) = c.callee.get_inner_expression().as_member_expression()
                    && m.static_property_name() == Some("auth")
                {
                    return Value::AuthObject;
                }
                match self.truth(e) {
                    Some(b) => Value::Bool(b),
                    None => Value::Unknown,
                }
            }
            _ => match self.truth(e) {
                Some(b) => Value::Bool(b),
                None => Value::Unknown,
            },
        }
    }

    /// The truth of a condition for a signed-out request to the path; `None` when unknown.
    fn truth(&mut self, e: &Expression) -> Option<bool> {
        match e.get_inner_expression() {
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                self.truth(&u.argument).map(|b| !b)
            }
            Expression::LogicalExpression(l) => {
                let a = self.truth(&l.left);
                let b = self.truth(&l.right);
                match l.operator {
                    LogicalOperator::And => match (a, b) {
                        (Some(false), _) | (_, Some(false)) => Some(false),
                        (Some(true), Some(true)) => Some(true),
                        _ => None,
                    },
                    LogicalOperator::Or => match (a, b) {
                        (Some(true), _) | (_, Some(true)) => Some(true),
                        (Some(false), Some(false)) => Some(false),
                        _ => None,
                    },
                    LogicalOperator::Coalesce => None,
                }
            }
            Expression::BinaryExpression(b) => {
                let eq = match b.operator {
                    BinaryOperator::StrictEquality | BinaryOperator::Equality => true,
                    BinaryOperator::StrictInequality | BinaryOperator::Inequality => false,
                    _ => return None,
                };
                let l = self.value(&b.left);
                let r = self.value(&b.right);
                match (l, r) {
                    (Value::Str(a), Value::Str(c)) => Some((a == c) == eq),
                    _ => None,
                }
            }
            Expression::CallExpression(c) => self.call_truth(c),
            Expression::BooleanLiteral(b) => Some(b.value),
            _ => match self.value_no_truth(e) {
                Value::Bool(b) => Some(b),
                Value::Identity => Some(false),
                Value::AuthObject | Value::Url | Value::List(_) => Some(true),
                Value::Str(s) => Some(!s.is_empty()),
                Value::Unknown => None,
            },
        }
    }

    /// `value` without falling back to `truth` (no recursion between the two).
    fn value_no_truth(&mut self, e: &Expression) -> Value {
        match e.get_inner_expression() {
            Expression::Identifier(id) => self
                .env
                .get(id.name.as_str())
                .cloned()
                .unwrap_or(Value::Unknown),
            Expression::StaticMemberExpression(m) => {
                let obj = self.value_no_truth(&m.object);
                let obj = match (&obj, &m.object.get_inner_expression()) {
                    (Value::Unknown, Expression::CallExpression(c))
                        if c.callee
                            .get_inner_expression()
                            .as_member_expression()
                            .and_then(|m| m.static_property_name())
                            == Some("auth") =>
                    {
                        Value::AuthObject
                    }
                    _ => obj,
                };
                self.field(&obj, m.property.name.as_str())
            }
            Expression::ChainExpression(_) => self.value(e),
            _ => Value::Unknown,
        }
    }

    fn call_truth(&mut self, c: &oxc_ast::ast::CallExpression) -> Option<bool> {
        let m = c.callee.get_inner_expression().as_member_expression()?;
        let method = m.static_property_name()?;
        let target = self.value(m.object());
        let arg = c.arguments.first().and_then(Argument::as_expression);
        match (method, target) {
            ("startsWith" | "includes" | "endsWith", Value::Str(s)) => {
                let Value::Str(a) = self.value(arg?) else {
                    return None;
                };
                Some(match method {
                    "startsWith" => s.starts_with(&a),
                    "endsWith" => s.ends_with(&a),
                    _ => s.contains(&a),
                })
            }
            ("includes", Value::List(list)) => {
                let Value::Str(a) = self.value(arg?) else {
                    return None;
                };
                Some(list.contains(&a))
            }
            ("some" | "find" | "every", Value::List(list)) => {
                let cb = arg?;
                let (param, body) = match cb.get_inner_expression() {
                    Expression::ArrowFunctionExpression(a) => {
                        let p = a.params.items.first()?;
                        let BindingPattern::BindingIdentifier(id) = &p.pattern else {
                            return None;
                        };
                        (id.name.to_string(), a.get_expression()?)
                    }
                    _ => return None,
                };
                let mut results = Vec::new();
                for item in list {
                    let saved = self.env.insert(param.clone(), Value::Str(item));
                    results.push(self.truth(body));
                    match saved {
                        Some(v) => self.env.insert(param.clone(), v),
                        None => self.env.remove(&param),
                    };
                }
                if method == "every" {
                    if results.contains(&Some(false)) {
                        Some(false)
                    } else if results.iter().all(|r| *r == Some(true)) {
                        Some(true)
                    } else {
                        None
                    }
                } else if results.contains(&Some(true)) {
                    Some(true)
                } else if results.iter().all(|r| *r == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            ("test", _) => {
                // `/^\/admin/.test(pathname)`.
                let Expression::RegExpLiteral(re) = m.object().get_inner_expression() else {
                    return None;
                };
                let Value::Str(s) = self.value(arg?) else {
                    return None;
                };
                let pattern = RoutePattern::js_regex(
                    re.regex.pattern.text.as_str(),
                    &re.regex.flags.to_string(),
                )
                .ok()?;
                Some(pattern.matches(&s))
            }
            _ => None,
        }
    }
}

fn mentions_resolve(e: &Expression) -> bool {
    let mut found = false;
    for_each_expr(e, &mut |x| {
        if let Expression::CallExpression(c) = x
            && callee_text(&c.callee) == "resolve"
        {
            found = true;
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hook_guards() {
        // (hooks.server.ts, path, rejected for a signed-out caller)
        const CASES: &[(&str, &str, bool)] = &[
            (
                "import { withClerkHandler } from 'svelte-clerk/server'\nexport const handle = withClerkHandler()\n",
                "/admin",
                false,
            ),
            (
                "import { handleClerk } from 'clerk-sveltekit/server'\nexport const handle = sequence(handleClerk(KEY, { protectedPaths: ['/admin', 'settings'] }))\n",
                "/admin/users",
                true,
            ),
            (
                "import { handleClerk } from 'clerk-sveltekit/server'\nexport const handle = sequence(handleClerk(KEY, { protectedPaths: ['/admin', 'settings'] }))\n",
                "/settings",
                false,
            ),
            (
                "const guard = async ({ event, resolve }) => {\n  if (event.url.pathname.startsWith('/admin') && !event.locals.auth().userId) redirect(307, '/sign-in')\n  return resolve(event)\n}\nexport const handle = sequence(withClerkHandler(), guard)\n",
                "/admin/x",
                true,
            ),
            (
                "const guard = async ({ event, resolve }) => {\n  if (event.url.pathname.startsWith('/admin') && !event.locals.auth().userId) redirect(307, '/sign-in')\n  return resolve(event)\n}\nexport const handle = sequence(withClerkHandler(), guard)\n",
                "/blog",
                false,
            ),
            (
                "const PUBLIC = ['/', '/sign-in']\nexport const handle = async ({ event, resolve }) => {\n  const { pathname } = event.url\n  if (PUBLIC.includes(pathname)) return resolve(event)\n  const { userId } = event.locals.auth()\n  if (!userId) throw redirect(303, '/sign-in')\n  return resolve(event)\n}\n",
                "/dashboard",
                true,
            ),
            (
                "const PUBLIC = ['/', '/sign-in']\nexport const handle = async ({ event, resolve }) => {\n  const { pathname } = event.url\n  if (PUBLIC.includes(pathname)) return resolve(event)\n  const { userId } = event.locals.auth()\n  if (!userId) throw redirect(303, '/sign-in')\n  return resolve(event)\n}\n",
                "/sign-in",
                false,
            ),
            (
                "const protectedRoutes = ['/app', '/api/private']\nexport async function handle({ event, resolve }) {\n  const isProtected = protectedRoutes.some((r) => event.url.pathname.startsWith(r))\n  if (isProtected && !event.locals.session) {\n    return new Response('Unauthorized', { status: 401 })\n  }\n  return resolve(event)\n}\n",
                "/api/private/x",
                true,
            ),
            (
                "export const handle = async ({ event, resolve }) => {\n  if (/^\\/admin/.test(event.url.pathname)) {\n    const auth = event.locals.auth()\n    if (!auth.userId) error(401, 'no')\n  }\n  return resolve(event)\n}\n",
                "/admin",
                true,
            ),
            // Only signed-in users are sent away: nobody is rejected.
            (
                "export const handle = async ({ event, resolve }) => {\n  if (event.url.pathname === '/sign-in' && event.locals.auth().userId) redirect(303, '/')\n  return resolve(event)\n}\n",
                "/sign-in",
                false,
            ),
        ];
        for (src, path, expected) in CASES {
            let hook = Hook::parse("src/hooks.server.ts", src, &|_| None);
            let got = hook.is_some_and(|h| h.rejects(path));
            assert_eq!(got, *expected, "{path} with\n{src}");
        }
    }
}
