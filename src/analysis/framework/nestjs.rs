//! NestJS controllers: every `@Get()` / `@Post(':id')` method of a `@Controller('users')`
//! class is an endpoint, its URL the global prefix (`app.setGlobalPrefix('api')`), the
//! controller path and the method path. It is protected by a guard that verifies the caller:
//! `@UseGuards(G)` on the method or the class, or a global guard (`{ provide: APP_GUARD,
//! useClass: G }`, `app.useGlobalGuards(new G())`) unless the method or class is marked public
//! with a metadata decorator the guard reads (`@Public()`). A guard is judged by its body: its
//! `canActivate` (or a method it calls) verifies a token or reads Clerk's auth, and it throws
//! or returns `false` on failure. Otherwise the method's own body is read by the evidence
//! engine.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, Class, ClassElement, Declaration, Decorator, ExportDefaultDeclarationKind,
    Expression, ImportDeclarationSpecifier, MethodDefinition, ObjectPropertyKind, Program,
    Statement,
};
use oxc_span::GetSpan;

use crate::analysis::endpoint::{
    Endpoint, EndpointKind, FrameworkId, HandlerFacts, Location, Method, Verdict,
};
use crate::analysis::engine::Vocabulary;
use crate::analysis::engine::{
    Engine, Evidence, FileCx, FnFacts, parse, property_key_name, range_of,
};
use crate::analysis::framework::routers::{self, RouterFile, join};
use crate::analysis::framework::{AnalysisOut, AppCx, Framework};

pub struct NestJs;

/// Controller methods that take the request (`@Req() req`) read Clerk's auth from it when the
/// Express adapter's `clerkMiddleware()` runs (`req.auth()`).
pub static VOCABULARY: Vocabulary = Vocabulary {
    request_auth: true,
    ..Vocabulary::EMPTY
};

impl Framework for NestJs {
    fn id(&self) -> FrameworkId {
        FrameworkId::NestJs
    }

    fn detect(&self, app: &AppCx) -> bool {
        let deps = &app.app.deps;
        (deps.contains_key("@nestjs/core") || deps.contains_key("@nestjs/common"))
            && routers::uses_clerk(app)
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        let files: Vec<RouterFile> = routers::router_files(app)
            .into_iter()
            .filter(|f| is_candidate(&f.text))
            .collect();
        for e in endpoints(app.cx.engine, &files) {
            out.walked.insert(e.file.clone());
            let mut depends_on = Vec::new();
            let verdict = match (&e.guard, &e.handler.gate) {
                (Some(g), _) | (None, Some(g)) => {
                    if let Evidence::Helper { file, .. } = g
                        && !file.is_empty()
                    {
                        depends_on.push(file.clone());
                    }
                    Verdict::Protected(g.clone())
                }
                (None, None) => match &e.handler.reads {
                    Some(r) => Verdict::Unchecked(r.clone()),
                    None => Verdict::Unprotected,
                },
            };
            let mut endpoint = Endpoint {
                framework: FrameworkId::NestJs,
                kind: EndpointKind::ControllerMethod,
                method: Some(Method::from_router(&e.method).unwrap_or(Method::Any)),
                rpc: None,
                url: Some(e.url.clone()),
                name: e.name.clone(),
                location: Location {
                    file: e.file.clone(),
                    range: e.range.clone(),
                },
                verdict,
                facts: HandlerFacts {
                    reads_clerk: e.handler.reads.is_some(),
                    webhook_signals: e.handler.webhook_signals.clone(),
                    verify_swallowed: e.handler.verify_swallowed,
                    ..HandlerFacts::default()
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
            out.endpoints.push(endpoint);
        }
    }
}

/// One NestJS controller method.
#[derive(Clone, Debug)]
pub struct NestEndpoint {
    pub method: String,
    pub url: String,
    /// `UsersController.findAll`.
    pub name: String,
    pub file: String,
    /// The method name's byte range.
    pub range: Range<usize>,
    pub guard: Option<Evidence>,
    pub handler: FnFacts,
}

/// What a guard class does.
#[derive(Clone, Debug, PartialEq, Eq)]
enum GuardVerdict {
    /// Verifies the caller; `skips_public` when it lets metadata-marked handlers through.
    Verifies {
        skips_public: bool,
    },
    NotAuth,
}

struct NestUnit<'a, 'e> {
    display: String,
    program: &'a Program<'a>,
    cx: FileCx<'a, 'e>,
    /// Local name → import source.
    imports: HashMap<&'a str, &'a str>,
}

/// Whether a file may hold NestJS controllers or guards.
pub fn is_candidate(text: &str) -> bool {
    text.contains("@nestjs/")
}

pub fn endpoints(engine: &Engine, files: &[RouterFile]) -> Vec<NestEndpoint> {
    let allocators: Vec<Allocator> = files.iter().map(|_| Allocator::default()).collect();
    let mut programs = Vec::with_capacity(files.len());
    for (f, alloc) in files.iter().zip(&allocators) {
        let parsed = parse(alloc, &f.display, &f.text);
        programs.push(parsed.ok.then_some(parsed.program));
    }
    let mut units: Vec<NestUnit> = Vec::new();
    for (f, p) in files.iter().zip(&programs) {
        let Some(program) = p else { continue };
        let mut imports = HashMap::new();
        for stmt in &program.body {
            if let Statement::ImportDeclaration(d) = stmt {
                for spec in d.specifiers.iter().flatten() {
                    let local = match spec {
                        ImportDeclarationSpecifier::ImportSpecifier(s) => s.local.name.as_str(),
                        ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                            s.local.name.as_str()
                        }
                        ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                            s.local.name.as_str()
                        }
                    };
                    imports.insert(local, d.source.value.as_str());
                }
            }
        }
        units.push(NestUnit {
            display: f.display.clone(),
            program,
            cx: FileCx::new(engine, &f.path, &f.display, program, Vec::new()),
            imports,
        });
    }
    // Every class of the app by name, and app-wide facts.
    let mut classes: HashMap<&str, (usize, &Class)> = HashMap::new();
    let mut prefix = String::new();
    let mut global_guards: Vec<String> = Vec::new();
    let mut public_decorators: HashSet<String> =
        ["Public", "IsPublic", "SkipAuth", "AllowAnonymous", "NoAuth"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    for (u, unit) in units.iter().enumerate() {
        for stmt in &unit.program.body {
            if let Some(c) = class_of(stmt)
                && let Some(id) = &c.id
            {
                classes.insert(id.name.as_str(), (u, c));
            }
        }
        let text = unit.program.source_text;
        if let Some(p) = string_arg_after(text, ".setGlobalPrefix(") {
            prefix = join("", &p);
        }
        collect_globals(unit.program, &mut global_guards, &mut public_decorators);
    }
    let mut guard_cache: HashMap<String, (GuardVerdict, String)> = HashMap::new();
    let mut judge = |name: &str, from: usize| -> (GuardVerdict, String) {
        if let Some(v) = guard_cache.get(name) {
            return v.clone();
        }
        let v = judge_guard(&units, &classes, name, from);
        guard_cache.insert(name.to_string(), v.clone());
        v
    };
    let globals: Vec<(String, GuardVerdict, String)> = global_guards
        .iter()
        .map(|g| {
            let (v, file) = judge(g, usize::MAX);
            (g.clone(), v, file)
        })
        .collect();
    let mut out = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        for stmt in &unit.program.body {
            let Some(class) = class_of(stmt) else {
                continue;
            };
            let Some(ctrl) = find_decorator(&class.decorators, "Controller") else {
                continue;
            };
            let class_name = class.id.as_ref().map_or("controller", |i| i.name.as_str());
            let ctrl_path = decorator_path(ctrl).unwrap_or_default();
            let class_guards = guard_names(&class.decorators);
            let class_public = is_public(&class.decorators, &public_decorators);
            for el in &class.body.body {
                let ClassElement::MethodDefinition(m) = el else {
                    continue;
                };
                let Some((verb, path)) = route_of(m) else {
                    continue;
                };
                let url = join(&join(&prefix, &ctrl_path), &path);
                let method_public = class_public || is_public(&m.decorators, &public_decorators);
                let mut guard = None;
                for g in guard_names(&m.decorators).iter().chain(class_guards.iter()) {
                    let (v, file) = judge(g, u);
                    if matches!(v, GuardVerdict::Verifies { .. }) {
                        guard = Some(Evidence::Helper {
                            name: g.clone(),
                            file,
                        });
                        break;
                    }
                }
                if guard.is_none() {
                    for (g, v, file) in &globals {
                        match v {
                            GuardVerdict::Verifies { skips_public }
                                if !(method_public && *skips_public) =>
                            {
                                guard = Some(Evidence::Helper {
                                    name: format!("{g} (global)"),
                                    file: file.clone(),
                                });
                                break;
                            }
                            _ => {}
                        }
                    }
                }
                let mut handler = unit.cx.function_facts(&m.value);
                if handler.gate.is_none()
                    && let Some(g) = service_gate(&units, &classes, u, class, &m.value)
                {
                    handler.gate = Some(g);
                }
                let name = property_key_name(&m.key).unwrap_or("method");
                out.push(NestEndpoint {
                    method: verb.to_string(),
                    url,
                    name: format!("{class_name}.{name}"),
                    file: unit.display.clone(),
                    range: range_of(m.key.span()),
                    guard,
                    handler,
                });
            }
        }
    }
    out
}

fn class_of<'a>(stmt: &'a Statement<'a>) -> Option<&'a Class<'a>> {
    match stmt {
        Statement::ClassDeclaration(c) => Some(c),
        Statement::ExportDeclaration(d) => match &d.declaration {
            Declaration::ClassDeclaration(c) => Some(c),
            _ => None,
        },
        Statement::ExportDefaultDeclaration(d) => match &d.declaration {
            ExportDefaultDeclarationKind::ClassDeclaration(c) => Some(c),
            _ => None,
        },
        _ => None,
    }
}

/// The decorator `@name(...)` / `@name`.
fn find_decorator<'a>(decorators: &'a [Decorator<'a>], name: &str) -> Option<&'a Decorator<'a>> {
    decorators.iter().find(|d| decorator_name(d) == Some(name))
}

fn decorator_name<'a>(d: &'a Decorator<'a>) -> Option<&'a str> {
    match d.expression.get_inner_expression() {
        Expression::CallExpression(c) => match c.callee.get_inner_expression() {
            Expression::Identifier(id) => Some(id.name.as_str()),
            Expression::StaticMemberExpression(m) => Some(m.property.name.as_str()),
            _ => None,
        },
        Expression::Identifier(id) => Some(id.name.as_str()),
        _ => None,
    }
}

fn decorator_args<'a>(d: &'a Decorator<'a>) -> &'a [Argument<'a>] {
    match d.expression.get_inner_expression() {
        Expression::CallExpression(c) => &c.arguments,
        _ => &[],
    }
}

/// `@Controller('users')`, `@Controller({ path: 'users' })`, `@Get(':id')`.
fn decorator_path(d: &Decorator) -> Option<String> {
    let first = decorator_args(d).first()?.as_expression()?;
    match first.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::ArrayExpression(a) => match a.elements.first()?.as_expression()? {
            Expression::StringLiteral(s) => Some(s.value.to_string()),
            _ => None,
        },
        Expression::ObjectExpression(o) => o.properties.iter().find_map(|p| match p {
            ObjectPropertyKind::ObjectProperty(p) if property_key_name(&p.key) == Some("path") => {
                match p.value.get_inner_expression() {
                    Expression::StringLiteral(s) => Some(s.value.to_string()),
                    _ => None,
                }
            }
            _ => None,
        }),
        _ => None,
    }
}

const VERBS: &[(&str, &str)] = &[
    ("Get", "GET"),
    ("Post", "POST"),
    ("Put", "PUT"),
    ("Patch", "PATCH"),
    ("Delete", "DELETE"),
    ("Head", "HEAD"),
    ("Options", "OPTIONS"),
    ("All", "ALL"),
];

fn route_of(m: &MethodDefinition) -> Option<(&'static str, String)> {
    for d in &m.decorators {
        let name = decorator_name(d)?;
        if let Some((_, verb)) = VERBS.iter().find(|(n, _)| *n == name) {
            return Some((verb, decorator_path(d).unwrap_or_default()));
        }
    }
    None
}

/// The guard names of `@UseGuards(A, new B())`.
fn guard_names(decorators: &[Decorator]) -> Vec<String> {
    let mut out = Vec::new();
    for d in decorators {
        if decorator_name(d) != Some("UseGuards") {
            continue;
        }
        for a in decorator_args(d) {
            if let Some(name) = a.as_expression().and_then(guard_expr_name) {
                out.push(name);
            }
        }
    }
    out
}

fn guard_expr_name(e: &Expression) -> Option<String> {
    match e.get_inner_expression() {
        Expression::Identifier(id) => Some(id.name.to_string()),
        Expression::NewExpression(n) => guard_expr_name(&n.callee),
        // `AuthGuard('jwt')` from @nestjs/passport
        Expression::CallExpression(c) => guard_expr_name(&c.callee),
        _ => None,
    }
}

fn is_public(decorators: &[Decorator], public: &HashSet<String>) -> bool {
    decorators.iter().any(|d| {
        decorator_name(d).is_some_and(|n| public.contains(n))
            || (decorator_name(d) == Some("SetMetadata")
                && decorator_args(d)
                    .first()
                    .and_then(|a| a.as_expression())
                    .is_some_and(|e| {
                        let t = crate::analysis::engine::callee_text(e).to_ascii_lowercase();
                        t.contains("public") || t.contains("skip")
                    }))
    })
}

/// Global guards (`{ provide: APP_GUARD, useClass: G }`, `app.useGlobalGuards(new G())`) and
/// decorators defined with `SetMetadata(IS_PUBLIC_KEY, true)`.
fn collect_globals(program: &Program, guards: &mut Vec<String>, public: &mut HashSet<String>) {
    let text = program.source_text;
    // `useGlobalGuards(new A(), new B(reflector))`
    let mut rest = text;
    while let Some(i) = rest.find("useGlobalGuards(") {
        let after = &rest[i + "useGlobalGuards(".len()..];
        let end = after.find(");").unwrap_or(after.len());
        for part in after[..end].split("new ").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                guards.push(name);
            }
        }
        rest = &after[end..];
    }
    // `{ provide: APP_GUARD, useClass: G }`
    let mut rest = text;
    while let Some(i) = rest.find("APP_GUARD") {
        let after = &rest[i..];
        let window = &after[..after.len().min(200)];
        if let Some(j) = window.find("useClass") {
            let name: String = window[j + "useClass".len()..]
                .trim_start_matches([':', ' ', '\n', '\t'])
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && !guards.contains(&name) {
                guards.push(name);
            }
        }
        rest = &after["APP_GUARD".len()..];
    }
    // `export const Public = () => SetMetadata(IS_PUBLIC_KEY, true)`
    for stmt in &program.body {
        let decl = match stmt {
            Statement::ExportDeclaration(d) => Some(&d.declaration),
            other => other.as_declaration(),
        };
        if let Some(Declaration::VariableDeclaration(v)) = decl {
            for d in &v.declarations {
                if let (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(init)) =
                    (&d.id, &d.init)
                {
                    let span = init.span();
                    let t = &text[span.start as usize..span.end as usize];
                    if t.contains("SetMetadata(") {
                        public.insert(id.name.to_string());
                    }
                }
            }
        }
    }
}

/// `this.webhooks.verify(req.body, req.headers)` in a controller method: the injected
/// service's method (the constructor parameter's class) read as a handler; its gate (a
/// verified signature, a checked identity) protects the method.
fn service_gate(
    units: &[NestUnit],
    classes: &HashMap<&str, (usize, &Class)>,
    u: usize,
    class: &Class,
    method: &oxc_ast::ast::Function,
) -> Option<Evidence> {
    let body = method.body.as_ref()?;
    let span = body.span;
    let text = &units[u].program.source_text[span.start as usize..span.end as usize];
    // Injected services: constructor parameters `private readonly name: Type`.
    let mut fields: HashMap<String, String> = HashMap::new();
    for el in &class.body.body {
        let ClassElement::MethodDefinition(m) = el else {
            continue;
        };
        if property_key_name(&m.key) != Some("constructor") {
            continue;
        }
        for p in &m.value.params.items {
            if let (oxc_ast::ast::BindingPattern::BindingIdentifier(id), Some(t)) =
                (&p.pattern, &p.type_annotation)
                && let oxc_ast::ast::TSType::TSTypeReference(r) = &t.type_annotation
                && let oxc_ast::ast::TSTypeName::IdentifierReference(tn) = &r.type_name
            {
                fields.insert(id.name.to_string(), tn.name.to_string());
            }
        }
    }
    for (field, ty) in &fields {
        let marker = format!("this.{field}.");
        let mut rest = text;
        while let Some(i) = rest.find(&marker) {
            let after = &rest[i + marker.len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            rest = after;
            let Some(&(su, svc)) = classes.get(ty.as_str()) else {
                continue;
            };
            for el in &svc.body.body {
                if let ClassElement::MethodDefinition(sm) = el
                    && property_key_name(&sm.key) == Some(name.as_str())
                {
                    let facts = units[su].cx.function_facts(&sm.value);
                    if let Some(g) = facts.gate {
                        return Some(g);
                    }
                }
            }
        }
    }
    None
}

/// A guard by name: a class of the app (judged by its body), or one from a package.
fn judge_guard(
    units: &[NestUnit],
    classes: &HashMap<&str, (usize, &Class)>,
    name: &str,
    from: usize,
) -> (GuardVerdict, String) {
    if let Some(&(u, class)) = classes.get(name) {
        let unit = &units[u];
        let span = class.span;
        let body = &unit.program.source_text[span.start as usize..span.end as usize];
        // `canActivate() { return true; … }`: whatever follows never runs.
        let opens_with_return_true = class.body.body.iter().any(|el| {
            matches!(el, ClassElement::MethodDefinition(m)
                if property_key_name(&m.key) == Some("canActivate")
                    && m.value.body.as_ref().and_then(|b| b.statements.first()).is_some_and(|s| {
                        matches!(s, Statement::ReturnStatement(r)
                            if matches!(r.argument.as_ref().map(|a| a.get_inner_expression()), Some(Expression::BooleanLiteral(b)) if b.value))
                    }))
        });
        if opens_with_return_true {
            return (GuardVerdict::NotAuth, unit.display.clone());
        }
        return (judge_guard_text(body), unit.display.clone());
    }
    // A guard from a package: `AuthGuard('jwt')` (@nestjs/passport), Clerk community guards.
    let source = units
        .get(from)
        .and_then(|u| u.imports.get(name).copied())
        .or_else(|| units.iter().find_map(|u| u.imports.get(name).copied()));
    match source {
        Some(src) if !src.starts_with('.') => {
            let s = src.to_ascii_lowercase();
            let auth_pkg = s.contains("passport") || s.contains("clerk") || s.contains("auth");
            let v = if auth_pkg && !name.contains("Throttler") {
                GuardVerdict::Verifies { skips_public: true }
            } else {
                GuardVerdict::NotAuth
            };
            (v, src.to_string())
        }
        _ => (GuardVerdict::NotAuth, String::new()),
    }
}

/// A guard class's text: it verifies when it calls a verifier or reads Clerk's auth and fails
/// closed (throws, or returns `false`).
fn judge_guard_text(body: &str) -> GuardVerdict {
    let verifies = [
        "verifyToken(",
        "authenticateRequest(",
        "verifySession(",
        "jwtVerify(",
        ".verify(",
        "getAuth(",
        ".auth(",
        "validateToken(",
        "verifyJwt(",
        "verifyAccessToken(",
        "getUser(",
        "sessions.getSession(",
    ]
    .iter()
    .any(|w| body.contains(w));
    let fails_closed = body.contains("throw ")
        || body.contains("return false")
        || body.contains("UnauthorizedException");
    let decode_only =
        (body.contains("jwt.decode(") || body.contains("decodeJwt(")) && !body.contains("verify");
    if verifies && fails_closed && !decode_only {
        GuardVerdict::Verifies {
            skips_public: body.contains("reflector") || body.contains("Reflector"),
        }
    } else {
        GuardVerdict::NotAuth
    }
}

/// The string literal argument of the first `marker(` call in `text`.
fn string_arg_after(text: &str, marker: &str) -> Option<String> {
    let i = text.find(marker)?;
    let after = text[i + marker.len()..].trim_start();
    let quote = after.chars().next()?;
    if !matches!(quote, '\'' | '"' | '`') {
        return None;
    }
    let rest = &after[1..];
    let end = rest.find(quote)?;
    Some(rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::engine::FileEntry;
    use std::path::PathBuf;

    fn run(files: &[(&str, &str)]) -> Vec<String> {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let mut entries: HashMap<PathBuf, FileEntry> = HashMap::new();
        let mut list = Vec::new();
        for (path, text) in files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
            let canon = std::fs::canonicalize(&p).unwrap();
            entries.insert(
                canon.clone(),
                FileEntry {
                    display: path.to_string(),
                    text: (*text).into(),
                },
            );
            list.push(RouterFile {
                path: canon,
                display: path.to_string(),
                text: (*text).into(),
                page_url: None,
            });
        }
        let async_auth = |_: &str| false;
        let engine = Engine::new(&entries, &async_auth);
        let mut v: Vec<String> = endpoints(&engine, &list)
            .into_iter()
            .map(|e| {
                let verdict = if e.guard.is_some() {
                    "guard"
                } else if e.handler.gate.is_some() {
                    "handler"
                } else {
                    "none"
                };
                format!("{} {} {verdict}", e.method, e.url)
            })
            .collect();
        v.sort();
        v
    }

    const GUARD: &str = "import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';\nimport { verifyToken } from '@clerk/backend';\n@Injectable()\nexport class ClerkGuard implements CanActivate {\n  async canActivate(ctx: ExecutionContext) {\n    const req = ctx.switchToHttp().getRequest();\n    const token = req.headers.authorization?.split(' ')[1];\n    if (!token) throw new UnauthorizedException();\n    await verifyToken(token, { secretKey: process.env.CLERK_SECRET_KEY });\n    return true;\n  }\n}\n";

    #[allow(clippy::type_complexity)]
    const CASES: &[(&[(&str, &str)], &[&str])] = &[
        // Method and class guards; an unguarded method; the global prefix.
        (
            &[
                ("src/clerk.guard.ts", GUARD),
                (
                    "src/users.controller.ts",
                    "import { Controller, Get, Post, UseGuards } from '@nestjs/common';\nimport { ClerkGuard } from './clerk.guard';\n@Controller('users')\nexport class UsersController {\n  @Get()\n  list() { return []; }\n  @Post(':id')\n  @UseGuards(ClerkGuard)\n  update() { return {}; }\n}\n@Controller({ path: 'admin' })\n@UseGuards(ClerkGuard)\nexport class AdminController {\n  @Get('stats')\n  stats() { return {}; }\n}\n",
                ),
                (
                    "src/main.ts",
                    "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix('api');\n  await app.listen(3000);\n}\n",
                ),
            ],
            &[
                "GET /api/admin/stats guard",
                "GET /api/users none",
                "POST /api/users/:id guard",
            ],
        ),
        // A global guard skips methods marked public through metadata it reads; a guard that
        // only decodes, or always returns true, protects nothing.
        (
            &[
                (
                    "src/auth.guard.ts",
                    "import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';\nimport { Reflector } from '@nestjs/core';\nimport { verifyToken } from '@clerk/backend';\n@Injectable()\nexport class AuthGuard implements CanActivate {\n  constructor(private reflector: Reflector) {}\n  async canActivate(ctx: ExecutionContext) {\n    if (this.reflector.getAllAndOverride(IS_PUBLIC_KEY, [ctx.getHandler()])) return true;\n    try {\n      await verifyToken(ctx.switchToHttp().getRequest().headers.authorization, {});\n    } catch {\n      throw new UnauthorizedException();\n    }\n    return true;\n  }\n}\nexport const IS_PUBLIC_KEY = 'isPublic';\nexport const Public = () => SetMetadata(IS_PUBLIC_KEY, true);\n",
                ),
                (
                    "src/loose.guard.ts",
                    "import { CanActivate, Injectable } from '@nestjs/common';\nimport * as jwt from 'jsonwebtoken';\n@Injectable()\nexport class LooseGuard implements CanActivate {\n  canActivate(ctx) {\n    const claims = jwt.decode(ctx.switchToHttp().getRequest().headers.authorization);\n    if (!claims) throw new Error('no');\n    return true;\n  }\n}\n",
                ),
                (
                    "src/app.module.ts",
                    "import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { AuthGuard } from './auth.guard';\n@Module({ providers: [{ provide: APP_GUARD, useClass: AuthGuard }] })\nexport class AppModule {}\n",
                ),
                (
                    "src/items.controller.ts",
                    "import { Controller, Get, Delete } from '@nestjs/common';\nimport { Public } from './auth.guard';\nimport { LooseGuard } from './loose.guard';\n@Controller('items')\nexport class ItemsController {\n  @Get()\n  @Public()\n  list() { return []; }\n  @Delete(':id')\n  remove() { return {}; }\n}\n",
                ),
            ],
            &["DELETE /items/:id guard", "GET /items none"],
        ),
    ];

    #[test]
    fn cases() {
        for (files, expected) in CASES {
            let want: Vec<String> = {
                let mut w: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
                w.sort();
                w
            };
            assert_eq!(run(files), want, "{files:?}");
        }
    }

    #[test]
    fn guard_bodies() {
        assert!(matches!(
            judge_guard_text("canActivate() { return true; }"),
            GuardVerdict::NotAuth
        ));
        assert!(matches!(
            judge_guard_text(
                "canActivate(c) { const { userId } = getAuth(req); if (!userId) throw new UnauthorizedException(); return true; }"
            ),
            GuardVerdict::Verifies {
                skips_public: false
            }
        ));
    }
}
