//! Next.js endpoints: App Router route handlers, server actions (file-level and inline
//! `'use server'`), and Pages Router API routes; each one with its verdict, after the
//! middleware / proxy of its app has been taken into account.

use std::ops::Range;
use std::sync::Arc;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrowFunctionExpression, BindingPattern, Declaration, ExportDefaultDeclarationKind,
    Expression, Function, JSXAttributeItem, JSXAttributeValue, JSXChild, JSXElement,
    ObjectPropertyKind, Program, Statement,
};
use oxc_span::{GetSpan, Span};

pub mod middleware;
mod trpc;

use crate::analysis::endpoint::{
    AppIssue, AppIssueKind, Endpoint, EndpointKind, EndpointRef, FrameworkId, Location, Method,
    RpcOp, Verdict,
};
use crate::analysis::engine::{
    Engine, Evidence, FileCx, FnFacts, ImportRule, Name, Pkg, Role, Vocabulary, export_name,
    for_each_expr, for_each_stmt_expr, parse, property_key_name, range_of,
};
use crate::analysis::framework::{AnalysisOut, AppCx, Framework, rel_to_app};
use crate::analysis::routes::{self, NextFile};
use crate::project::App;
use crate::source::SourceFile;
use middleware::{Coverage, IssueKind, Middleware, MiddlewareKind};

/// The Next.js adapter: App Router route handlers, server actions, Pages API routes and the
/// tRPC procedures an app serves, judged after the app's middleware / proxy.
pub struct NextJs;

/// What Next.js adds to the base vocabulary: `next/navigation` exits.
pub static VOCABULARY: Vocabulary = Vocabulary {
    imports: &[
        ImportRule {
            package: Pkg::Source("next/navigation"),
            name: Name::Exact("redirect"),
            role: Role::Exit,
        },
        ImportRule {
            package: Pkg::Source("next/navigation"),
            name: Name::Exact("permanentRedirect"),
            role: Role::Exit,
        },
        ImportRule {
            package: Pkg::Source("next/navigation"),
            name: Name::Exact("notFound"),
            role: Role::Exit,
        },
        ImportRule {
            package: Pkg::Source("next/navigation"),
            name: Name::Exact("unauthorized"),
            role: Role::Exit,
        },
        ImportRule {
            package: Pkg::Source("next/navigation"),
            name: Name::Exact("forbidden"),
            role: Role::Exit,
        },
    ],
    opaque: &[Pkg::Source("next/navigation")],
    other_auth: &[],
    exit_calls: &[],
    auth_calls: &[],
    identity_members: &[],
    user_calls: &[],
    request_auth: false,
};

impl Framework for NextJs {
    fn id(&self) -> FrameworkId {
        FrameworkId::NextJs
    }

    /// A Next.js app that uses Clerk (its own dependency, or one hoisted above it).
    fn detect(&self, app: &AppCx) -> bool {
        let probe = if app.app.rel_root.is_empty() {
            "package.json".to_string()
        } else {
            format!("{}/package.json", app.app.rel_root)
        };
        is_next_app(app.app) && !app.cx.project.clerk_for(&probe).is_empty()
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    /// A workspace package of a Clerk app (`packages/billing`): its `'use server'` modules
    /// are actions of the app that imports them, its tRPC routers serve it.
    fn workspace_package(&self, app: &AppCx, out: &mut AnalysisOut) {
        let engine = app.cx.engine;
        let mut procedures = Vec::new();
        let mut routers = Vec::new();
        for f in app.files.iter() {
            let defines = trpc::is_candidate(&f.text);
            if !defines && !trpc::is_composer(&f.text) {
                continue;
            }
            if let Some(path) = app.cx.path_of(&f.rel_path) {
                routers.push(trpc::discover(
                    engine,
                    path,
                    f,
                    &app.app.rel_root,
                    &mut procedures,
                ));
                if defines {
                    out.walked.insert(f.rel_path.clone());
                }
            }
        }
        trpc::client_paths(engine, &routers, &mut procedures);
        out.endpoints.extend(procedures);
        for f in app.files.iter().filter(|f| f.text.contains("use server")) {
            if let Some(path) = app.cx.path_of(&f.rel_path) {
                discover(
                    engine,
                    path,
                    f,
                    &NextFile::Other,
                    &app.app.rel_root,
                    &mut out.endpoints,
                    &mut out.parse_errors,
                );
                out.walked.insert(f.rel_path.clone());
            }
        }
    }

    fn endpoints(&self, app_cx: &AppCx, out: &mut AnalysisOut) {
        let app = app_cx.app;
        let engine = app_cx.cx.engine;
        let app_files = &app_cx.files;
        let async_auth = |display: &str| engine.async_auth(display);
        let mw = load_middleware(app, app_files, &async_auth, &mut out.issues);
        let mut endpoints = Vec::new();
        // Each candidate file is parsed and analysed on its own thread; helpers they import
        // are shared through the engine's cache.
        let canonical = app_cx.cx.canonical;
        let found = crate::parallel::parallel_map(app_files, |f| {
            let mut eps = Vec::new();
            let mut errors = Vec::new();
            let mut walked = false;
            let mut routers = None;
            let Some(path) = canonical.get(&f.rel_path) else {
                return (eps, errors, walked, routers);
            };
            let defines = trpc::is_candidate(&f.text);
            if defines || trpc::is_composer(&f.text) {
                routers = Some(trpc::discover(engine, path, f, &app.rel_root, &mut eps));
                walked = defines;
            }
            let class = routes::classify(rel_to_app(&f.rel_path, &app.rel_root));
            if matches!(class, NextFile::AppRoute { .. } | NextFile::PagesApi { .. })
                || f.text.contains("use server")
            {
                discover(
                    engine,
                    path,
                    f,
                    &class,
                    &app.rel_root,
                    &mut eps,
                    &mut errors,
                );
                walked = true;
            }
            (eps, errors, walked, routers)
        });
        let mut trpc_files = Vec::new();
        for (f, (eps, errors, walked, routers)) in app_files.iter().zip(found) {
            if let Some(mut r) = routers {
                r.shift(endpoints.len());
                trpc_files.push(r);
            }
            endpoints.extend(eps);
            out.parse_errors.extend(errors);
            if walked {
                out.walked.insert(f.rel_path.clone());
            }
        }
        trpc::client_paths(engine, &trpc_files, &mut endpoints);
        // tRPC procedures are reached through the app's tRPC route: what protects that route
        // protects them.
        let dispatcher = endpoints
            .iter()
            .filter(|e| e.url.as_deref().is_some_and(|u| u.contains("/trpc")))
            .map(|e| {
                let mut e = e.clone();
                apply_middleware(&mut e, mw.as_ref());
                e.verdict
            })
            .find(|v| matches!(v, Verdict::Protected(Evidence::Middleware { .. })));
        let has_procedures = endpoints
            .iter()
            .any(|e| e.kind == EndpointKind::TrpcProcedure);
        for e in &mut endpoints {
            e.trpc_dispatcher = has_procedures
                && e.kind != EndpointKind::TrpcProcedure
                && e.url.as_deref().is_some_and(|u| u.contains("/trpc"));
            if e.kind == EndpointKind::TrpcProcedure
                && e.verdict == Verdict::Unprotected
                && let Some(v) = &dispatcher
            {
                e.verdict = v.clone();
            }
            apply_middleware(e, mw.as_ref());
            if let Some(url) = &e.url {
                e.public = (app_cx.cx.options.is_public)(
                    &e.location.file,
                    e.method_label(),
                    &routes::sample_paths(url),
                );
            }
        }
        if let Some((mw_file, model)) = &mw {
            if model.kind != MiddlewareKind::NotClerk {
                for e in &endpoints {
                    not_run_gap(e, mw_file, model, &mut out.issues);
                }
            }
            // Patterns whose evaluation gave up: the routes they may match were not counted
            // as protected; say so once per pattern.
            for (pattern, range) in model.gave_up() {
                out.issues.push(AppIssue {
                    framework: FrameworkId::NextJs,
                    app: app.rel_root.clone(),
                    location: Location {
                        file: mw_file.clone(),
                        range,
                    },
                    kind: AppIssueKind::PatternGaveUp { pattern },
                });
            }
        } else {
            // No middleware at all: Clerk's `auth()` throws in every handler that calls it.
            // One finding per app, at the first such endpoint: the cause is the missing file.
            let readers: Vec<&Endpoint> = endpoints
                .iter()
                .filter(|e| {
                    e.facts.reads_clerk
                        && matches!(e.kind, EndpointKind::RouteHandler | EndpointKind::PagesApi)
                })
                .collect();
            if let Some(e) = readers.iter().min_by(|a, b| {
                (&a.location.file, a.location.range.start)
                    .cmp(&(&b.location.file, b.location.range.start))
            }) {
                out.issues.push(AppIssue {
                    framework: FrameworkId::NextJs,
                    app: app.rel_root.clone(),
                    location: e.location.clone(),
                    kind: AppIssueKind::NoMiddleware {
                        endpoint: EndpointRef {
                            kind: e.kind,
                            label: e.label(),
                        },
                        others: readers.len() - 1,
                        expected: expected_middleware_path(app, app_files),
                    },
                });
            }
        }
        out.endpoints.extend(endpoints);
    }
}

fn is_next_app(app: &App) -> bool {
    app.deps.contains_key("next") || app.clerk.package("@clerk/nextjs").is_some()
}

/// Finds the app's middleware / proxy file; reports misplaced files and both names at once.
fn load_middleware(
    app: &App,
    app_files: &[&SourceFile],
    async_auth: &dyn Fn(&str) -> bool,
    issues: &mut Vec<AppIssue>,
) -> Option<(String, Middleware)> {
    let uses_src = app_files.iter().any(|f| {
        let rel = rel_to_app(&f.rel_path, &app.rel_root);
        rel.starts_with("src/app/") || rel.starts_with("src/pages/")
    });
    let mut found: Vec<(&SourceFile, bool, bool)> = Vec::new();
    for f in app_files {
        if let NextFile::Middleware { proxy, in_src } =
            routes::classify(rel_to_app(&f.rel_path, &app.rel_root))
        {
            found.push((f, proxy, in_src));
        }
    }
    let mut placed: Vec<(&SourceFile, bool)> = Vec::new();
    for (f, proxy, in_src) in &found {
        if *in_src != uses_src {
            let text = &f.text;
            if text.contains("@clerk/") {
                issues.push(issue_at(
                    app,
                    &f.rel_path,
                    0..text.find('\n').unwrap_or(text.len()).min(80),
                    AppIssueKind::MiddlewareMisplaced {
                        proxy: *proxy,
                        expected: expected_middleware_path(app, app_files),
                        uses_src,
                    },
                ));
            }
            continue;
        }
        placed.push((f, *proxy));
    }
    if placed.iter().any(|(_, p)| *p) && placed.iter().any(|(_, p)| !*p) {
        let (f, _) = placed.iter().find(|(_, p)| !*p).copied()?;
        issues.push(issue_at(
            app,
            &f.rel_path,
            0..f.text.find('\n').unwrap_or(f.text.len()).min(80),
            AppIssueKind::MiddlewareAndProxy,
        ));
        placed.retain(|(_, p)| *p);
    }
    let (f, _) = placed.first().copied()?;
    let model = Middleware::parse(&f.rel_path, &f.text, async_auth(&f.rel_path));
    for issue in &model.issues {
        // Whether `config.matcher` runs for the app's API routes is checked per endpoint
        // (`not_run_gap`), against the routes the app really has: a generic `/api` probe
        // misjudges matchers written for `/api/trpc` only.
        if issue.kind == IssueKind::MatcherExcludesApi {
            continue;
        }
        issues.push(issue_at(
            app,
            &f.rel_path,
            issue.range.clone(),
            issue.kind.app_kind(),
        ));
    }
    Some((f.rel_path.clone(), model))
}

fn expected_middleware_path(app: &App, app_files: &[&SourceFile]) -> String {
    let uses_src = app_files.iter().any(|f| {
        let rel = rel_to_app(&f.rel_path, &app.rel_root);
        rel.starts_with("src/app/") || rel.starts_with("src/pages/")
    });
    let next16 = app
        .deps
        .get("next")
        .and_then(|s| crate::project::Version::lower_bound(s))
        .is_some_and(|v| v.major >= 16);
    let name = if next16 { "proxy.ts" } else { "middleware.ts" };
    let dir = match (app.rel_root.as_str(), uses_src) {
        ("", true) => "src/".to_string(),
        ("", false) => String::new(),
        (root, true) => format!("{root}/src/"),
        (root, false) => format!("{root}/"),
    };
    format!("{dir}{name}")
}

fn apply_middleware(e: &mut Endpoint, mw: Option<&(String, Middleware)>) {
    if matches!(e.verdict, Verdict::Protected(_)) || e.kind == EndpointKind::ServerAction {
        return;
    }
    let (Some((file, model)), Some(url)) = (mw, &e.url) else {
        return;
    };
    let samples = routes::sample_paths(url);
    if !samples.is_empty()
        && samples
            .iter()
            .all(|p| model.coverage(p) == Coverage::Protected)
    {
        e.verdict = Verdict::Protected(Evidence::Middleware { file: file.clone() });
    }
    e.depends_on.push(file.clone());
}

fn issue_at(app: &App, file: &str, range: Range<usize>, kind: AppIssueKind) -> AppIssue {
    AppIssue {
        framework: FrameworkId::NextJs,
        app: app.rel_root.clone(),
        location: Location {
            file: file.to_string(),
            range,
        },
        kind,
    }
}

fn not_run_gap(e: &Endpoint, mw_file: &str, model: &Middleware, issues: &mut Vec<AppIssue>) {
    if !e.facts.reads_clerk || e.kind == EndpointKind::ServerAction {
        return;
    }
    let Some(url) = &e.url else { return };
    let samples = routes::sample_paths(url);
    if samples
        .iter()
        .any(|p| model.coverage(p) == Coverage::NotRun)
    {
        issues.push(AppIssue {
            framework: FrameworkId::NextJs,
            app: e.app.clone(),
            location: e.location.clone(),
            kind: AppIssueKind::MatcherGap {
                endpoint: EndpointRef {
                    kind: e.kind,
                    label: e.label(),
                },
                url: url.clone(),
                middleware: mw_file.to_string(),
            },
        });
    }
}

/// Finds the endpoints of one file.
fn discover(
    engine: &Engine,
    path: &std::path::Path,
    file: &SourceFile,
    class: &NextFile,
    app_root: &str,
    out: &mut Vec<Endpoint>,
    parse_errors: &mut Vec<(String, Range<usize>, String)>,
) {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &file.rel_path, &file.text);
    if let Some((range, message)) = &parsed.error {
        parse_errors.push((file.rel_path.clone(), range.clone(), message.clone()));
    }
    if !parsed.ok {
        return;
    }
    let program = &parsed.program;
    let cx = FileCx::new(engine, path, &file.rel_path, program, Vec::new());
    let file_directive = program
        .directives
        .iter()
        .map(|d| d.directive.as_str())
        .collect::<Vec<_>>();
    if file_directive.contains(&"use client") {
        return;
    }
    let mut push = |kind: EndpointKind,
                    method: Option<Method>,
                    url: Option<String>,
                    name: String,
                    range: Range<usize>,
                    facts: FnFacts| {
        out.push(make_endpoint(
            kind, method, None, url, name, file, range, facts, app_root,
        ));
    };
    // Exports that hand the request to a Hono app: its routes are the endpoints.
    let delegated = crate::analysis::framework::hono::delegated_exports(&cx, program);
    match class {
        NextFile::AppRoute { url } => {
            for (name, range, facts) in exports(&cx, program) {
                if delegated.contains(&name) {
                    continue;
                }
                if let Some(method) = Method::from_export(&name) {
                    push(
                        EndpointKind::RouteHandler,
                        Some(method),
                        Some(url.clone()),
                        name.clone(),
                        range,
                        facts,
                    );
                }
            }
        }
        NextFile::PagesApi { url } => {
            for (name, range, facts) in exports(&cx, program) {
                if name == "default" && !delegated.contains(&name) {
                    push(
                        EndpointKind::PagesApi,
                        Some(Method::Any),
                        Some(url.clone()),
                        "default".into(),
                        range,
                        facts,
                    );
                }
            }
        }
        _ => {}
    }
    if file_directive.contains(&"use server") {
        for (name, range, facts) in exports(&cx, program) {
            if name == "default" && matches!(class, NextFile::PagesApi { .. }) {
                continue;
            }
            if !is_action_export(program, &name) {
                continue;
            }
            push(
                EndpointKind::ServerAction,
                None,
                None,
                name.clone(),
                range,
                facts,
            );
        }
    } else if file.text.contains("use server") {
        for (range, name, facts) in inline_actions(&cx, program) {
            let line = file.pos(range.start).line;
            let name = name.unwrap_or_else(|| format!("inline action at line {line}"));
            push(EndpointKind::ServerAction, None, None, name, range, facts);
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn make_endpoint(
    kind: EndpointKind,
    method: Option<Method>,
    rpc: Option<RpcOp>,
    url: Option<String>,
    name: String,
    file: &SourceFile,
    range: Range<usize>,
    facts: FnFacts,
    app_root: &str,
) -> Endpoint {
    let mut e = crate::analysis::framework::endpoint_from_facts(
        FrameworkId::NextJs,
        kind,
        method,
        url,
        name,
        Location {
            file: file.rel_path.clone(),
            range,
        },
        facts,
        app_root,
    );
    e.rpc = rpc;
    e
}

/// A `'use server'` file's export that is an action: a function, or a value built by a call
/// (`authedAction.action(...)`); not types, constants or re-exported objects.
fn is_action_export(program: &Program, name: &str) -> bool {
    for stmt in &program.body {
        match stmt {
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::FunctionDeclaration(f)
                    if f.id.as_ref().is_some_and(|i| i.name == name) =>
                {
                    return true;
                }
                Declaration::VariableDeclaration(v) => {
                    for decl in &v.declarations {
                        if let BindingPattern::BindingIdentifier(id) = &decl.id
                            && id.name == name
                        {
                            return decl.init.as_ref().is_some_and(|i| {
                                matches!(
                                    i.get_inner_expression(),
                                    Expression::ArrowFunctionExpression(_)
                                        | Expression::FunctionExpression(_)
                                        | Expression::CallExpression(_)
                                )
                            });
                        }
                    }
                }
                _ => {}
            },
            Statement::ExportDefaultDeclaration(d) if name == "default" => {
                return matches!(
                    &d.declaration,
                    ExportDefaultDeclarationKind::FunctionDeclaration(_)
                        | ExportDefaultDeclarationKind::ArrowFunctionExpression(_)
                        | ExportDefaultDeclarationKind::FunctionExpression(_)
                        | ExportDefaultDeclarationKind::CallExpression(_)
                        | ExportDefaultDeclarationKind::Identifier(_)
                );
            }
            _ => {}
        }
    }
    // `export { a, b }` of local functions, and re-exports: count them.
    true
}

/// Every export of a module with the range to report and its handler facts.
pub(crate) fn exports<'a>(
    cx: &FileCx<'a, '_>,
    program: &'a Program<'a>,
) -> Vec<(String, Range<usize>, FnFacts)> {
    let mut out = Vec::new();
    for stmt in &program.body {
        match stmt {
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::FunctionDeclaration(f) => {
                    if let Some(id) = &f.id {
                        out.push((id.name.to_string(), range_of(id.span), cx.function_facts(f)));
                    }
                }
                Declaration::VariableDeclaration(v) => {
                    for decl in &v.declarations {
                        match (&decl.id, &decl.init) {
                            (BindingPattern::BindingIdentifier(id), Some(init)) => {
                                out.push((
                                    id.name.to_string(),
                                    range_of(id.span),
                                    cx.value_facts(init),
                                ));
                            }
                            (BindingPattern::ObjectPattern(obj), Some(init)) => {
                                // `export const { GET, POST } = handlers`
                                for p in &obj.properties {
                                    if let Some(key) = property_key_name(&p.key) {
                                        let facts = cx.destructured_facts(init, key);
                                        out.push((key.to_string(), range_of(p.span), facts));
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            },
            Statement::ExportNamedDeclaration(d) => {
                if d.export_kind.is_type() {
                    continue;
                }
                for s in &d.specifiers {
                    if s.export_kind.is_type() {
                        continue;
                    }
                    let local = export_name(&s.local);
                    let exported = export_name(&s.exported);
                    let facts = match cx.binding_facts(&local) {
                        Some(ef) => ef.handler,
                        None => match cx.imports.get(local.as_str()).copied() {
                            Some(imp) => imported_facts(cx, imp.source, imp.name),
                            None => FnFacts::default(),
                        },
                    };
                    out.push((exported, range_of(s.span), facts));
                }
            }
            Statement::ExportFromDeclaration(d) => {
                if d.export_kind.is_type() {
                    continue;
                }
                let target = cx.resolve(d.source.value.as_str());
                for s in &d.specifiers {
                    let local = export_name(&s.local);
                    let facts = target
                        .as_ref()
                        .and_then(|t| cx.engine.export(t, &local))
                        .map(|(_, ef)| ef.handler)
                        .unwrap_or_default();
                    out.push((export_name(&s.exported), range_of(s.span), facts));
                }
            }
            Statement::ExportAllDeclaration(d) => {
                if d.exported.is_some() {
                    continue;
                }
                if let Some(target) = cx.resolve(d.source.value.as_str()) {
                    let line = first_line(&d.span, cx.program.source_text);
                    let facts = cx.engine.file_facts(&target);
                    let mut names: Vec<&String> =
                        facts.exports.keys().chain(facts.reexports.keys()).collect();
                    names.sort();
                    for name in names {
                        if let Some((_, ef)) = cx.engine.export(&target, name) {
                            out.push((name.clone(), line.clone(), ef.handler));
                        }
                    }
                }
            }
            Statement::ExportDefaultDeclaration(d) => {
                let start = d.span.start as usize;
                let (range, facts) = match &d.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(f) => (
                        f.id.as_ref()
                            .map(|i| range_of(i.span))
                            .unwrap_or(start..start + 14),
                        cx.function_facts(f),
                    ),
                    other => match other.as_expression() {
                        Some(e) => (start..start + 14, cx.value_facts(e)),
                        None => continue,
                    },
                };
                out.push(("default".into(), range, facts));
            }
            _ => {}
        }
    }
    out
}

fn imported_facts(cx: &FileCx, source: &str, name: crate::analysis::engine::ImportName) -> FnFacts {
    use crate::analysis::engine::ImportName;
    let Some(path) = cx.resolve(source) else {
        return FnFacts::default();
    };
    let name = match name {
        ImportName::Named(n) => n.to_string(),
        ImportName::Default => "default".into(),
        ImportName::Namespace => return FnFacts::default(),
    };
    cx.engine
        .export(&path, &name)
        .map(|(_, ef)| ef.handler)
        .unwrap_or_default()
}

fn first_line(span: &Span, text: &str) -> Range<usize> {
    let start = span.start as usize;
    let end = text[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(span.end as usize)
        .min(span.end as usize);
    start..end
}

/// Functions whose body starts with `'use server'`, anywhere in a module without the
/// file-level directive (inline `<form action={async () => { 'use server' }}>` included).
fn inline_actions<'a>(
    cx: &FileCx<'a, '_>,
    program: &'a Program<'a>,
) -> Vec<(Range<usize>, Option<String>, FnFacts)> {
    let mut found: Vec<InlineFn<'a>> = Vec::new();
    for stmt in &program.body {
        find_in_stmt(stmt, &mut found);
    }
    found
        .into_iter()
        .map(|f| match f {
            InlineFn::Function(func) => {
                let range = func
                    .id
                    .as_ref()
                    .map(|i| range_of(i.span))
                    .unwrap_or_else(|| first_line(&func.span, program.source_text));
                let name = func.id.as_ref().map(|i| i.name.to_string());
                (range, name, cx.function_facts(func))
            }
            InlineFn::Arrow(a) => (
                first_line(&a.span, program.source_text),
                None,
                cx.arrow_facts(a),
            ),
        })
        .collect()
}

enum InlineFn<'a> {
    Function(&'a Function<'a>),
    Arrow(&'a ArrowFunctionExpression<'a>),
}

fn has_use_server(body: Option<&oxc_ast::ast::FunctionBody>) -> bool {
    body.is_some_and(|b| b.directives.iter().any(|d| d.directive == "use server"))
}

fn find_in_function<'a>(f: &'a Function<'a>, found: &mut Vec<InlineFn<'a>>) {
    if has_use_server(f.body.as_deref()) {
        found.push(InlineFn::Function(f));
    }
    if let Some(body) = &f.body {
        for s in &body.statements {
            find_in_stmt(s, found);
        }
    }
}

fn find_in_stmt<'a>(s: &'a Statement<'a>, found: &mut Vec<InlineFn<'a>>) {
    match s {
        Statement::FunctionDeclaration(f) => find_in_function(f, found),
        Statement::ExportDeclaration(d) => match &d.declaration {
            Declaration::FunctionDeclaration(f) => find_in_function(f, found),
            Declaration::VariableDeclaration(v) => {
                for decl in &v.declarations {
                    if let Some(i) = &decl.init {
                        find_in_expr(i, found);
                    }
                }
            }
            _ => {}
        },
        Statement::ExportDefaultDeclaration(d) => match &d.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(f) => find_in_function(f, found),
            other => {
                if let Some(e) = other.as_expression() {
                    find_in_expr(e, found);
                }
            }
        },
        Statement::VariableDeclaration(v) => {
            for decl in &v.declarations {
                if let Some(i) = &decl.init {
                    find_in_expr(i, found);
                }
            }
        }
        other => for_each_stmt_expr(other, &mut |e| find_in_expr(e, found)),
    }
}

fn find_in_expr<'a>(e: &'a Expression<'a>, found: &mut Vec<InlineFn<'a>>) {
    let mut nested: Vec<&'a Expression<'a>> = Vec::new();
    for_each_expr(e, &mut |x| match x {
        Expression::ArrowFunctionExpression(_)
        | Expression::FunctionExpression(_)
        | Expression::JSXElement(_)
        | Expression::JSXFragment(_) => nested.push(x),
        _ => {}
    });
    for x in nested {
        match x {
            Expression::ArrowFunctionExpression(a) => {
                if has_use_server(a.get_function_body()) {
                    found.push(InlineFn::Arrow(a));
                }
                if let Some(body) = a.get_function_body() {
                    for s in &body.statements {
                        find_in_stmt(s, found);
                    }
                } else if let Some(inner) = a.get_expression() {
                    find_in_expr(inner, found);
                }
            }
            Expression::FunctionExpression(f) => find_in_function(f, found),
            Expression::JSXElement(el) => find_in_jsx(el, found),
            Expression::JSXFragment(fr) => {
                for c in &fr.children {
                    find_in_jsx_child(c, found);
                }
            }
            _ => {}
        }
    }
}

fn find_in_jsx<'a>(el: &'a JSXElement<'a>, found: &mut Vec<InlineFn<'a>>) {
    for attr in &el.opening_element.attributes {
        match attr {
            JSXAttributeItem::Attribute(a) => match &a.value {
                Some(JSXAttributeValue::ExpressionContainer(c)) => {
                    if let Some(e) = c.expression.as_expression() {
                        find_in_expr(e, found);
                    }
                }
                Some(JSXAttributeValue::Element(inner)) => find_in_jsx(inner, found),
                _ => {}
            },
            JSXAttributeItem::SpreadAttribute(s) => find_in_expr(&s.argument, found),
        }
    }
    for c in &el.children {
        find_in_jsx_child(c, found);
    }
}

fn find_in_jsx_child<'a>(c: &'a JSXChild<'a>, found: &mut Vec<InlineFn<'a>>) {
    match c {
        JSXChild::Element(el) => find_in_jsx(el, found),
        JSXChild::Fragment(fr) => {
            for c in &fr.children {
                find_in_jsx_child(c, found);
            }
        }
        JSXChild::ExpressionContainer(ec) => {
            if let Some(e) = ec.expression.as_expression() {
                find_in_expr(e, found);
            }
        }
        _ => {}
    }
}

#[allow(dead_code)]
fn span_of(e: &Expression) -> Span {
    e.span()
}

#[allow(dead_code)]
fn unused(_: &Argument, _: &ObjectPropertyKind, _: Arc<str>) {}
