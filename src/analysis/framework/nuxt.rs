//! Nuxt (`@clerk/nuxt`): endpoints are the default-exported event handlers of
//! `server/api/**` (served under `/api`) and `server/routes/**` (served from `/`); a method
//! suffix (`notes.get.ts`, `[id].delete.ts`) restricts the method, no suffix serves every
//! method; `index` names the directory; `[id]` and `[...slug]` are parameters.
//! `event.context.auth()` is Clerk's auth object (the Clerk module's server middleware
//! attaches it; it protects nothing by itself).
//!
//! Nitro server middleware (`server/middleware/*.ts`) runs before every route: one whose
//! handler throws (or returns an error) for signed-out requests protects the routes its path
//! tests let through (`event.path.startsWith('/api/private')`, an early `return` for other
//! paths). Client route middleware (`middleware/*.ts`, `definePageMeta`) never runs for
//! server routes.
//!
//! `server/utils/**` is auto-imported into every server file: helpers called without an
//! import are followed there.

use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, BinaryOperator, Expression, LogicalOperator, ObjectPropertyKind, Statement,
    UnaryOperator,
};

use crate::analysis::endpoint::{Endpoint, EndpointKind, FrameworkId, Location, Method, Verdict};
use crate::analysis::engine::{
    AutoImport, Evidence, FileCx, FnFacts, GuardKind, ImportRule, Name, Pkg, Role, Summary,
    Vocabulary, callee_text, parse, property_key_name,
};
use crate::analysis::framework::file_routes::bracket_url;
use crate::analysis::framework::nextjs::exports;
use crate::analysis::framework::{AnalysisOut, AppCx, Framework, endpoint_from_facts};
use crate::analysis::routes;

/// The Nuxt adapter.
pub struct Nuxt;

/// What Nuxt adds: `event.context.auth()` returns Clerk's auth object, `event.context.user`
/// (set by the app's middleware) the caller; the community
/// `h3-clerk` package (Nuxt apps before `@clerk/nuxt`) has Clerk's `getAuth(event)`.
pub static VOCABULARY: Vocabulary = Vocabulary {
    imports: &[ImportRule {
        package: Pkg::Package("h3-clerk"),
        name: Name::Exact("getAuth"),
        role: Role::ClerkGetAuth,
    }],
    opaque: &[Pkg::Package("h3-clerk")],
    auth_calls: &["context.auth"],
    // Set by the app's own server middleware from the session; `event.context.auth.userId`
    // is the `@clerk/nuxt` 0.x object form.
    identity_members: &[
        "context.user",
        "context.userId",
        "context.auth.userId",
        "context.auth.isAuthenticated",
    ],
    ..Vocabulary::EMPTY
};

const SCRIPT_EXTENSIONS: &[&str] = &["ts", "js", "mjs", "mts"];

impl Framework for Nuxt {
    fn id(&self) -> FrameworkId {
        FrameworkId::Nuxt
    }

    fn detect(&self, app: &AppCx) -> bool {
        let probe = if app.app.rel_root.is_empty() {
            "package.json".to_string()
        } else {
            format!("{}/package.json", app.app.rel_root)
        };
        (app.app.deps.contains_key("nuxt") || app.app.deps.contains_key("nuxt3"))
            && !app.cx.project.clerk_for(&probe).is_empty()
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn auto_imports(&self, app: &AppCx) -> Vec<AutoImport> {
        let files: Vec<PathBuf> = app
            .files
            .iter()
            .filter(|f| app.rel(&f.rel_path).starts_with("server/utils/"))
            .filter_map(|f| app.cx.path_of(&f.rel_path).map(Path::to_path_buf))
            .collect();
        if files.is_empty() {
            return Vec::new();
        }
        let server = app.app.root.join("server");
        let scope = std::fs::canonicalize(&server).unwrap_or(server);
        vec![AutoImport { scope, files }]
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        let engine = app.cx.engine;
        let mut guards: Vec<ServerGuard> = Vec::new();
        let mut middleware: Vec<&crate::source::SourceFile> = app
            .files
            .iter()
            .copied()
            .filter(|f| is_server_middleware(app.rel(&f.rel_path)))
            .collect();
        middleware.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        for f in middleware {
            let Some(path) = app.cx.path_of(&f.rel_path) else {
                continue;
            };
            out.walked.insert(f.rel_path.clone());
            let allocator = Allocator::default();
            let parsed = parse(&allocator, &f.rel_path, &f.text);
            if !parsed.ok {
                continue;
            }
            let cx = FileCx::new(engine, path, &f.rel_path, &parsed.program, Vec::new());
            if let Some(guard) = server_guard(&cx, &parsed.program.body, &f.rel_path) {
                guards.push(guard);
            }
        }
        let mut endpoints = Vec::new();
        for f in &app.files {
            let rel = app.rel(&f.rel_path);
            let Some((url, method)) = server_route(rel) else {
                continue;
            };
            let Some(path) = app.cx.path_of(&f.rel_path) else {
                continue;
            };
            out.walked.insert(f.rel_path.clone());
            let allocator = Allocator::default();
            let parsed = parse(&allocator, &f.rel_path, &f.text);
            if let Some((range, message)) = &parsed.error {
                out.parse_errors
                    .push((f.rel_path.clone(), range.clone(), message.clone()));
            }
            if !parsed.ok {
                continue;
            }
            let program = &parsed.program;
            let cx = FileCx::new(engine, path, &f.rel_path, program, Vec::new());
            let Some((_, range, facts)) = exports(&cx, program)
                .into_iter()
                .find(|(name, _, _)| name == "default")
            else {
                continue;
            };
            let facts = object_handler_facts(&cx, program).unwrap_or(facts);
            let mut e = endpoint_from_facts(
                FrameworkId::Nuxt,
                EndpointKind::ServerRoute,
                Some(method),
                Some(url.clone()),
                "default".to_string(),
                Location {
                    file: f.rel_path.clone(),
                    range,
                },
                facts,
                &app.app.rel_root,
            );
            apply_guards(&mut e, &guards);
            e.public = (app.cx.options.is_public)(
                &e.location.file,
                e.method_label(),
                &routes::sample_paths(&url),
            );
            endpoints.push(e);
        }
        out.endpoints.extend(endpoints);
    }
}

/// `server/middleware/<name>.ts` (Nitro runs only the top-level files).
fn is_server_middleware(rel: &str) -> bool {
    rel.strip_prefix("server/middleware/")
        .is_some_and(|rest| !rest.contains('/') && has_script_ext(rest))
}

fn has_script_ext(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| SCRIPT_EXTENSIONS.contains(&ext) && !stem.ends_with(".d"))
}

/// The URL and method of a server route file (`server/api/notes/[id].delete.ts` →
/// (`/api/notes/:id`, DELETE)), or `None` for other files.
pub fn server_route(rel: &str) -> Option<(String, Method)> {
    let (base, rest) = if let Some(rest) = rel.strip_prefix("server/api/") {
        (Some("api"), rest)
    } else if let Some(rest) = rel.strip_prefix("server/routes/") {
        (None, rest)
    } else {
        return None;
    };
    if !has_script_ext(rest) {
        return None;
    }
    let (stem, _) = rest.rsplit_once('.')?;
    let mut segments: Vec<&str> = stem.split('/').collect();
    let last = segments.pop()?;
    let (name, method) = match last.rsplit_once('.') {
        Some((name, suffix)) => match method_suffix(suffix) {
            Some(m) => (name, m),
            None => (last, Method::Any),
        },
        None => (last, Method::Any),
    };
    if name != "index" {
        segments.push(name);
    }
    if let Some(base) = base {
        segments.insert(0, base);
    }
    Some((bracket_url(&segments), method))
}

fn method_suffix(suffix: &str) -> Option<Method> {
    Some(match suffix {
        "get" => Method::Get,
        "post" => Method::Post,
        "put" => Method::Put,
        "patch" => Method::Patch,
        "delete" => Method::Delete,
        "head" => Method::Head,
        "options" => Method::Options,
        _ => return None,
    })
}

/// `export default defineEventHandler({ onRequest: [guard], handler })`: a guarding
/// `onRequest` hook protects the handler.
fn object_handler_facts<'a>(
    cx: &FileCx<'a, '_>,
    program: &'a oxc_ast::ast::Program<'a>,
) -> Option<FnFacts> {
    let call = program.body.iter().find_map(|s| match s {
        Statement::ExportDefaultDeclaration(d) => match d.declaration.as_expression() {
            Some(Expression::CallExpression(c)) => Some(c),
            _ => None,
        },
        _ => None,
    })?;
    let Some(Expression::ObjectExpression(obj)) = call
        .arguments
        .first()
        .and_then(Argument::as_expression)
        .map(|e| e.get_inner_expression())
    else {
        return None;
    };
    let mut handler = None;
    let mut guard = None;
    for prop in &obj.properties {
        let ObjectPropertyKind::ObjectProperty(p) = prop else {
            continue;
        };
        match property_key_name(&p.key) {
            Some("handler") => handler = Some(cx.value_facts(&p.value)),
            Some("onRequest") => {
                let items: Vec<&Expression> = match p.value.get_inner_expression() {
                    Expression::ArrayExpression(a) => a
                        .elements
                        .iter()
                        .filter_map(|e| e.as_expression())
                        .collect(),
                    other => vec![other],
                };
                for item in items {
                    let facts = cx.value_facts(item);
                    if facts.gate.is_some() {
                        guard = facts.gate;
                        break;
                    }
                    if matches!(cx.value_summary(item), Summary::Guards(GuardKind::Auth)) {
                        let name = callee_text(item);
                        guard = Some(Evidence::Helper {
                            file: cx.definition_file(&name),
                            name,
                        });
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    let mut facts = handler.unwrap_or_default();
    if let Some(g) = guard {
        facts.gate = Some(g);
        facts.work_before_gate = None;
    }
    Some(facts)
}

/// A server middleware that rejects signed-out requests, and which paths it does so for.
#[derive(Debug)]
struct ServerGuard {
    file: String,
    /// Top-level path decisions of the handler, in order.
    steps: Vec<PathStep>,
}

#[derive(Debug)]
enum PathStep {
    /// `if (<path test>) return`: the guard does not run for matching paths.
    Skip(PathCond),
    /// `if (<path test> && <signed out>) throw …`, `if (<path test>) { …guard… }`: the guard
    /// runs for matching paths.
    Guard(PathCond),
}

/// A condition on the request path.
#[derive(Clone, Debug)]
enum PathCond {
    Prefix(String),
    Exact(String),
    Contains(String),
    Suffix(String),
    Not(Box<PathCond>),
    And(Vec<PathCond>),
    Or(Vec<PathCond>),
    /// A condition that is not about the path (the auth test of a guard): ignored.
    Other,
    /// A path test that is not understood.
    Unknown,
}

impl PathCond {
    /// `Some(bool)` when the path decides the condition; `None` when unknown. `Other` atoms
    /// are true (the signed-out branch of the auth test).
    fn eval(&self, path: &str) -> Option<bool> {
        match self {
            PathCond::Prefix(p) => Some(path.starts_with(p.as_str())),
            PathCond::Exact(p) => Some(path == p || path.trim_end_matches('/') == p),
            PathCond::Contains(p) => Some(path.contains(p.as_str())),
            PathCond::Suffix(p) => Some(path.ends_with(p.as_str())),
            PathCond::Not(c) => c.eval_strict(path).map(|b| !b),
            PathCond::And(cs) => {
                let mut all = Some(true);
                for c in cs {
                    match c.eval(path) {
                        Some(false) => return Some(false),
                        Some(true) => {}
                        None => all = None,
                    }
                }
                all
            }
            PathCond::Or(cs) => {
                let mut any = Some(false);
                for c in cs {
                    match c.eval(path) {
                        Some(true) => return Some(true),
                        Some(false) => {}
                        None => any = None,
                    }
                }
                any
            }
            PathCond::Other => Some(true),
            PathCond::Unknown => None,
        }
    }

    /// Like `eval`, but an `Other` atom is unknown (a negated auth test).
    fn eval_strict(&self, path: &str) -> Option<bool> {
        if self.mentions_other() {
            return None;
        }
        self.eval(path)
    }

    fn mentions_other(&self) -> bool {
        match self {
            PathCond::Other => true,
            PathCond::Not(c) => c.mentions_other(),
            PathCond::And(cs) | PathCond::Or(cs) => cs.iter().any(PathCond::mentions_other),
            _ => false,
        }
    }

    fn is_path_only(&self) -> bool {
        !self.mentions_other()
    }
}

/// Whether an expression reads the request path (`event.path`, `url.pathname`,
/// `getRequestURL(event).pathname`, `event.node.req.url`, a local named like one).
fn is_path_expr(e: &Expression) -> bool {
    let text = callee_text(e).to_ascii_lowercase();
    text.contains("path") || text.ends_with("url") || text.contains(".url")
}

fn path_cond(e: &Expression) -> PathCond {
    match e.get_inner_expression() {
        Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
            match path_cond(&u.argument) {
                PathCond::Other => PathCond::Other,
                c => PathCond::Not(Box::new(c)),
            }
        }
        Expression::LogicalExpression(l) => {
            let a = path_cond(&l.left);
            let b = path_cond(&l.right);
            match l.operator {
                LogicalOperator::And => PathCond::And(vec![a, b]),
                LogicalOperator::Or => PathCond::Or(vec![a, b]),
                LogicalOperator::Coalesce => PathCond::Unknown,
            }
        }
        Expression::CallExpression(c) => {
            let Some(m) = c.callee.get_inner_expression().as_member_expression() else {
                return PathCond::Other;
            };
            let Some(prop) = m.static_property_name() else {
                return PathCond::Other;
            };
            if !is_path_expr(m.object()) {
                return PathCond::Other;
            }
            let lit = match c.arguments.first().and_then(Argument::as_expression) {
                Some(Expression::StringLiteral(s)) => s.value.to_string(),
                _ => return PathCond::Unknown,
            };
            match prop {
                "startsWith" => PathCond::Prefix(lit),
                "includes" => PathCond::Contains(lit),
                "endsWith" => PathCond::Suffix(lit),
                _ => PathCond::Unknown,
            }
        }
        Expression::BinaryExpression(b) => {
            let (path, lit) = match (
                b.left.get_inner_expression(),
                b.right.get_inner_expression(),
            ) {
                (p, Expression::StringLiteral(s)) | (Expression::StringLiteral(s), p)
                    if is_path_expr(p) =>
                {
                    (p, s.value.to_string())
                }
                _ => return PathCond::Other,
            };
            let _ = path;
            match b.operator {
                BinaryOperator::StrictEquality | BinaryOperator::Equality => PathCond::Exact(lit),
                BinaryOperator::StrictInequality | BinaryOperator::Inequality => {
                    PathCond::Not(Box::new(PathCond::Exact(lit)))
                }
                _ => PathCond::Unknown,
            }
        }
        _ => PathCond::Other,
    }
}

/// Whether a statement ends the request without an error (`return`, `return;`,
/// `return next()`), i.e. a skip.
fn is_plain_return(s: &Statement) -> bool {
    match s {
        Statement::ReturnStatement(r) => match &r.argument {
            None => true,
            Some(e) => !contains_error(&callee_text(e)),
        },
        Statement::BlockStatement(b) => b.body.len() == 1 && is_plain_return(&b.body[0]),
        _ => false,
    }
}

fn contains_error(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("error") || t.contains("401") || t.contains("403") || t.contains("redirect")
}

/// Whether a statement (block) throws or returns an error somewhere.
fn rejects(s: &Statement, source: &str) -> bool {
    let span = oxc_span::GetSpan::span(s);
    let text = &source[span.start as usize..span.end as usize];
    text.contains("throw ") || contains_error(text)
}

/// Reads a server middleware file: its default export's handler must stop signed-out
/// requests (an engine gate); its top-level path tests say for which paths.
fn server_guard<'a>(
    cx: &FileCx<'a, '_>,
    body: &'a [Statement<'a>],
    file: &str,
) -> Option<ServerGuard> {
    let export = body.iter().find_map(|s| match s {
        Statement::ExportDefaultDeclaration(d) => d.declaration.as_expression(),
        _ => None,
    })?;
    let facts = cx.value_facts(export);
    facts.gate.as_ref()?;
    // The handler function: the first function argument of the wrapper call.
    let handler = match export.get_inner_expression() {
        Expression::CallExpression(c) => c
            .arguments
            .iter()
            .filter_map(Argument::as_expression)
            .find(|a| {
                matches!(
                    a.get_inner_expression(),
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                )
            })?,
        other => other,
    };
    let stmts: &[Statement] = match handler.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => &a.get_function_body()?.statements,
        Expression::FunctionExpression(f) => &f.body.as_ref()?.statements,
        _ => return None,
    };
    let source = cx.program.source_text;
    let mut steps = Vec::new();
    for s in stmts {
        let Statement::IfStatement(i) = s else {
            continue;
        };
        let cond = path_cond(&i.test);
        let has_path = !matches!(cond, PathCond::Other);
        if !has_path {
            continue;
        }
        if i.alternate.is_none() && is_plain_return(&i.consequent) {
            steps.push(PathStep::Skip(cond));
        } else if rejects(&i.consequent, source) {
            steps.push(PathStep::Guard(cond));
        } else {
            steps.push(PathStep::Skip(PathCond::Unknown));
        }
    }
    Some(ServerGuard {
        file: file.to_string(),
        steps,
    })
}

impl ServerGuard {
    /// Whether the guard rejects signed-out requests to `path`.
    fn protects(&self, path: &str) -> bool {
        let mut guarded_somewhere = false;
        for step in &self.steps {
            match step {
                PathStep::Skip(c) => {
                    let decided = if c.is_path_only() { c.eval(path) } else { None };
                    match decided {
                        Some(false) => {}
                        _ => return false,
                    }
                }
                PathStep::Guard(c) => {
                    guarded_somewhere = true;
                    match c.eval(path) {
                        Some(true) => return true,
                        Some(false) => {}
                        None => return false,
                    }
                }
            }
        }
        // No path-specific guard applies: the handler's own (unconditional) gate does.
        !guarded_somewhere
    }
}

fn apply_guards(e: &mut Endpoint, guards: &[ServerGuard]) {
    for g in guards {
        e.depends_on.push(g.file.clone());
    }
    if matches!(e.verdict, Verdict::Protected(_)) {
        return;
    }
    let Some(url) = &e.url else { return };
    let samples = routes::sample_paths(url);
    if let Some(g) = guards
        .iter()
        .find(|g| !samples.is_empty() && samples.iter().all(|p| g.protects(p)))
    {
        e.verdict = Verdict::Protected(Evidence::Middleware {
            file: g.file.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_files_map_to_routes() {
        let cases: &[(&str, Option<(&str, Method)>)] = &[
            ("server/api/notes.ts", Some(("/api/notes", Method::Any))),
            (
                "server/api/notes/index.get.ts",
                Some(("/api/notes", Method::Get)),
            ),
            (
                "server/api/notes/[id].delete.ts",
                Some(("/api/notes/:id", Method::Delete)),
            ),
            (
                "server/api/files/[...path].ts",
                Some(("/api/files/:path*", Method::Any)),
            ),
            ("server/routes/health.ts", Some(("/health", Method::Any))),
            (
                "server/routes/feed.xml.get.ts",
                Some(("/feed.xml", Method::Get)),
            ),
            (
                "server/routes/sitemap.xml.ts",
                Some(("/sitemap.xml", Method::Any)),
            ),
            ("server/api/index.post.js", Some(("/api", Method::Post))),
            ("server/middleware/auth.ts", None),
            ("server/utils/auth.ts", None),
            ("server/api/types.d.ts", None),
        ];
        for (rel, want) in cases {
            let got = server_route(rel);
            assert_eq!(got.as_ref().map(|(u, m)| (u.as_str(), *m)), *want, "{rel}");
        }
    }

    fn cond(src: &str) -> PathCond {
        let allocator = Allocator::default();
        let text = format!("if ({src}) {{}}");
        let parsed = parse(&allocator, "x.ts", allocator.alloc_str(&text));
        match &parsed.program.body[0] {
            Statement::IfStatement(i) => path_cond(&i.test),
            _ => unreachable!(),
        }
    }

    #[test]
    fn path_conditions_evaluate_per_path() {
        // (condition, path, expected)
        let cases: &[(&str, &str, Option<bool>)] = &[
            (
                "event.path.startsWith('/api/private')",
                "/api/private/x",
                Some(true),
            ),
            (
                "event.path.startsWith('/api/private')",
                "/api/public",
                Some(false),
            ),
            ("!event.path.startsWith('/api')", "/api/x", Some(false)),
            ("!event.path.startsWith('/api')", "/about", Some(true)),
            (
                "getRequestURL(event).pathname === '/api/me'",
                "/api/me",
                Some(true),
            ),
            ("url.pathname !== '/api/me'", "/api/me", Some(false)),
            (
                "event.path.startsWith('/api') && !userId",
                "/api/x",
                Some(true),
            ),
            (
                "event.path.startsWith('/api') && !userId",
                "/x",
                Some(false),
            ),
            ("event.path.startsWith(prefix)", "/x", None),
            ("event.path.match(/x/)", "/x", None),
        ];
        for (src, path, want) in cases {
            assert_eq!(cond(src).eval(path), *want, "{src} @ {path}");
        }
    }
}
