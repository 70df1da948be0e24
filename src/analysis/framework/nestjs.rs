//! NestJS controllers: every `@Get()` / `@Post(':id')` method of a `@Controller('users')`
//! class is an endpoint, its URL the global prefix (`app.setGlobalPrefix('api')`), the
//! controller path and the method path. It is protected by a guard that verifies the caller:
//! `@UseGuards(G)` on the method or the class, or a global guard (`{ provide: APP_GUARD,
//! useClass: G }`, `app.useGlobalGuards(new G())`) unless the method or class is marked public
//! with a metadata decorator the guard reads (`@Public()`), or a middleware applied with
//! `consumer.apply(Mw).exclude(…).forRoutes(path | Controller)` whose `use()` rejects a
//! signed-out request. Guards and middleware are judged by the evidence engine: `canActivate`
//! (or the injected service method it calls) stops a signed-out request by throwing or
//! returning `false` (a `catch` that returns `true` fails open). Otherwise the method's own
//! body is read by the engine.

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
    let mut mw_rules: Vec<MwRule> = Vec::new();
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
        if unit.program.source_text.contains("forRoutes(") {
            let mut f = ConsumerRules {
                rules: Vec::new(),
                unit: u,
            };
            oxc_ast_visit::Visit::visit_program(&mut f, unit.program);
            mw_rules.extend(f.rules);
        }
    }
    // `consumer.apply(Mw).forRoutes(…)`: each middleware judged once.
    let mw_guards: Vec<(MwRule, Option<Evidence>)> = mw_rules
        .into_iter()
        .map(|r| {
            let ev = r
                .middlewares
                .iter()
                .find_map(|m| judge_middleware(&units, &classes, m, r.unit));
            (r, ev)
        })
        .collect();
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
                if guard.is_none() {
                    let rel = join(&ctrl_path, &path);
                    for (rule, ev) in &mw_guards {
                        if let Some(ev) = ev
                            && rule.covers(class_name, &rel, &url, verb)
                        {
                            guard = Some(ev.clone());
                            break;
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

/// `consumer.apply(A, B).exclude(…).forRoutes(…)` in a module's `configure()`.
#[derive(Debug)]
struct MwRule {
    unit: usize,
    middlewares: Vec<String>,
    /// Paths (`'health'`, `{ path: 'public/(.*)', method: … }`) the middleware skips.
    excludes: Vec<String>,
    /// Paths, or controller class names.
    routes: Vec<String>,
}

impl MwRule {
    /// Whether the middleware runs for a route of `controller` at `rel` (controller path plus
    /// method path) or `url` (with the global prefix).
    fn covers(&self, controller: &str, rel: &str, url: &str, _verb: &str) -> bool {
        let matches = |spec: &str| {
            let spec = spec.trim();
            if spec.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                return spec == controller;
            }
            let pat = join("", spec);
            let pat = pat
                .trim_end_matches("(.*)")
                .trim_end_matches('*')
                .trim_end_matches('/');
            if pat.is_empty() {
                return true;
            }
            routers::under(rel, pat) || routers::under(url, pat)
        };
        self.routes.iter().any(|r| matches(r)) && !self.excludes.iter().any(|e| matches(e))
    }
}

struct ConsumerRules {
    rules: Vec<MwRule>,
    unit: usize,
}

impl<'b> oxc_ast_visit::Visit<'b> for ConsumerRules {
    fn visit_call_expression(&mut self, c: &oxc_ast::ast::CallExpression<'b>) {
        if let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression()
            && m.property.name == "forRoutes"
        {
            let mut rule = MwRule {
                unit: self.unit,
                middlewares: Vec::new(),
                excludes: Vec::new(),
                routes: c.arguments.iter().filter_map(route_spec).collect(),
            };
            // Walk the chain down to `.apply(…)`.
            let mut cur = m.object.get_inner_expression();
            while let Expression::CallExpression(inner) = cur {
                let Expression::StaticMemberExpression(im) = inner.callee.get_inner_expression()
                else {
                    break;
                };
                match im.property.name.as_str() {
                    "exclude" => rule
                        .excludes
                        .extend(inner.arguments.iter().filter_map(route_spec)),
                    "apply" => rule.middlewares.extend(
                        inner
                            .arguments
                            .iter()
                            .filter_map(|a| a.as_expression())
                            .filter_map(guard_expr_name),
                    ),
                    _ => {}
                }
                cur = im.object.get_inner_expression();
            }
            self.rules.push(rule);
        }
        oxc_ast_visit::walk::walk_call_expression(self, c);
    }
}

/// A `forRoutes` / `exclude` argument: a path string, `{ path }`, or a controller class name.
fn route_spec(a: &Argument) -> Option<String> {
    match a.as_expression()?.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::Identifier(id) => Some(id.name.to_string()),
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

/// A middleware applied with `consumer.apply()`: a `NestMiddleware` class whose `use(req, res,
/// next)` stops a signed-out request (the engine's gate, without falling through to `next()`),
/// a middleware function, or Clerk's `requireAuth()` / `ClerkExpressRequireAuth()`.
fn judge_middleware(
    units: &[NestUnit],
    classes: &HashMap<&str, (usize, &Class)>,
    name: &str,
    from: usize,
) -> Option<Evidence> {
    if let Some(&(u, class)) = classes.get(name) {
        let unit = &units[u];
        let m = class.body.body.iter().find_map(|el| match el {
            ClassElement::MethodDefinition(m) if property_key_name(&m.key) == Some("use") => {
                Some(m)
            }
            _ => None,
        })?;
        let facts = unit.cx.function_facts(&m.value);
        let body = m.value.body.as_ref()?;
        let text = &unit.program.source_text[body.span.start as usize..body.span.end as usize];
        let next = match m.value.params.items.get(2).map(|p| &p.pattern) {
            Some(oxc_ast::ast::BindingPattern::BindingIdentifier(id)) => id.name.as_str(),
            _ => "next",
        };
        // A signed-out branch that answers but then reaches a bare `next()` at the top level.
        let bare_next_after_if = body.statements.iter().enumerate().any(|(i, s)| {
            matches!(s, Statement::IfStatement(ifs) if ifs.alternate.is_none()
                && !block_ends(&ifs.consequent)
                && {
                    let span = ifs.consequent.span();
                    let c = &unit.program.source_text[span.start as usize..span.end as usize];
                    c.contains("401") || c.contains("403") || c.contains(".status(")
                })
                && body.statements[i + 1..].iter().any(|later| {
                    matches!(later, Statement::ExpressionStatement(es)
                        if matches!(es.expression.get_inner_expression(), Expression::CallExpression(c)
                            if c.arguments.is_empty()
                                && matches!(c.callee.get_inner_expression(), Expression::Identifier(n) if n.name == next)))
                })
        });
        let decode_only = (text.contains("jwt.decode(") || text.contains("decodeJwt("))
            && !text.contains("verify");
        return (facts.gate.is_some() && !bare_next_after_if && !decode_only).then(|| {
            Evidence::Helper {
                name: name.to_string(),
                file: unit.display.clone(),
            }
        });
    }
    // Clerk's own strict middleware (`apply(ClerkExpressRequireAuth())`).
    let source = units.get(from).and_then(|u| u.imports.get(name).copied())?;
    (source.starts_with("@clerk/") && matches!(name, "requireAuth" | "ClerkExpressRequireAuth"))
        .then(|| Evidence::Middleware {
            file: format!("{name}()"),
        })
}

/// A block (or statement) whose last statement returns or throws.
fn block_ends(s: &Statement) -> bool {
    match s {
        Statement::ReturnStatement(_) | Statement::ThrowStatement(_) => true,
        Statement::BlockStatement(b) => b.body.last().is_some_and(block_ends),
        _ => false,
    }
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
        let skips_public = body.contains("reflector") || body.contains("Reflector");
        // `canActivate` read by the evidence engine: its failure path throws or returns
        // (`false`) before the request goes on; a check delegated to an injected service
        // (`this.clerk.verify(token)`) is that service method's.
        let can_activate = class.body.body.iter().find_map(|el| match el {
            ClassElement::MethodDefinition(m)
                if property_key_name(&m.key) == Some("canActivate") =>
            {
                Some(m)
            }
            _ => None,
        });
        if let Some(m) = can_activate {
            let facts = unit.cx.function_facts(&m.value);
            let decode_only = (body.contains("jwt.decode(") || body.contains("decodeJwt("))
                && !body.contains("verify");
            // A `catch` that answers `return true` lets a bad token through.
            let fails_open = m
                .value
                .body
                .as_ref()
                .is_some_and(|b| catch_returns_true(&b.statements));
            let gated = !fails_open
                && (facts.gate.is_some()
                    || service_gate(units, classes, u, class, &m.value).is_some());
            let v = if gated && !decode_only {
                GuardVerdict::Verifies { skips_public }
            } else {
                GuardVerdict::NotAuth
            };
            return (v, unit.display.clone());
        }
        // `class JwtGuard extends AuthGuard('clerk')` (`@nestjs/passport`) without its own
        // `canActivate`: the package guard's.
        if let Some(sup) = class.heritage_expression()
            && let Some(base) = guard_expr_name(sup)
        {
            let (v, _) = judge_guard(units, classes, &base, u);
            return (v, unit.display.clone());
        }
        return (GuardVerdict::NotAuth, unit.display.clone());
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

/// Whether a `catch` (in these statements, blocks and branches) returns `true`: for a
/// guard's `canActivate`, the failure path allows the request.
fn catch_returns_true(stmts: &[Statement]) -> bool {
    let returns_true = |s: &Statement| {
        matches!(s, Statement::ReturnStatement(r)
            if matches!(r.argument.as_ref().map(|a| a.get_inner_expression()),
                Some(Expression::BooleanLiteral(b)) if b.value))
    };
    stmts.iter().any(|s| match s {
        Statement::TryStatement(t) => {
            t.handler
                .as_ref()
                .is_some_and(|h| h.body.body.iter().any(returns_true))
                || catch_returns_true(&t.block.body)
        }
        Statement::BlockStatement(b) => catch_returns_true(&b.body),
        Statement::IfStatement(i) => {
            catch_returns_true(std::slice::from_ref(&i.consequent))
                || i.alternate
                    .as_ref()
                    .is_some_and(|a| catch_returns_true(std::slice::from_ref(a)))
        }
        _ => false,
    })
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
        // `consumer.apply(Mw).exclude(…).forRoutes(…)`: a middleware whose `use()` rejects a
        // signed-out request covers the routes it is applied to, minus the excluded ones; one
        // that answers 401 but still calls `next()` covers nothing.
        (
            &[
                (
                    "src/app.module.ts",
                    "import { Module, MiddlewareConsumer, NestModule, Injectable, NestMiddleware } from '@nestjs/common';\nimport { getAuth } from '@clerk/express';\nimport { NotesController } from './notes.controller';\n@Injectable()\nexport class AuthMiddleware implements NestMiddleware {\n  use(req, res, next) {\n    if (!getAuth(req).userId) return res.status(401).json({});\n    next();\n  }\n}\n@Injectable()\nexport class SoftMiddleware implements NestMiddleware {\n  use(req, res, next) {\n    if (!getAuth(req).userId) { res.status(401); }\n    next();\n  }\n}\n@Module({})\nexport class AppModule implements NestModule {\n  configure(consumer: MiddlewareConsumer) {\n    consumer.apply(AuthMiddleware).exclude('items/public').forRoutes('items');\n    consumer.apply(SoftMiddleware).forRoutes(NotesController);\n  }\n}\n",
                ),
                (
                    "src/items.controller.ts",
                    "import { Controller, Get } from '@nestjs/common';\n@Controller('items')\nexport class ItemsController {\n  @Get() list() { return []; }\n  @Get('public') pub() { return []; }\n}\n",
                ),
                (
                    "src/notes.controller.ts",
                    "import { Controller, Get } from '@nestjs/common';\n@Controller('notes')\nexport class NotesController {\n  @Get() list() { return []; }\n}\n",
                ),
            ],
            &[
                "GET /items guard",
                "GET /items/public none",
                "GET /notes none",
            ],
        ),
        // Guards are judged by the evidence engine: an optional-chained Clerk client call and a
        // verifier from a dynamic `import()` in a `try` whose `catch` fails closed protect; the
        // same verification with a `catch` that lets the request through does not; a check
        // delegated to an injected service is that service's.
        (
            &[
                (
                    "src/guards.ts",
                    "import clerkClient from '@clerk/clerk-sdk-node';\nimport { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';\nimport { ClerkService } from './clerk.service';\n@Injectable()\nexport class OptionalGuard implements CanActivate {\n  async canActivate(ctx: ExecutionContext) {\n    try {\n      await clerkClient?.verifyToken(ctx.switchToHttp().getRequest().cookies.__session, {});\n    } catch (err) {\n      return false;\n    }\n    return true;\n  }\n}\n@Injectable()\nexport class DynamicGuard implements CanActivate {\n  async canActivate(ctx: ExecutionContext) {\n    try {\n      const { verifyToken } = await import('@clerk/backend');\n      await verifyToken(ctx.switchToHttp().getRequest().headers.authorization, {});\n      return true;\n    } catch (error) {\n      throw new UnauthorizedException();\n    }\n  }\n}\n@Injectable()\nexport class OpenGuard implements CanActivate {\n  async canActivate(ctx: ExecutionContext) {\n    try {\n      await clerkClient.verifyToken(ctx.switchToHttp().getRequest().cookies.__session, {});\n    } catch (err) {\n      return true;\n    }\n    return true;\n  }\n}\n@Injectable()\nexport class ServiceGuard implements CanActivate {\n  constructor(private readonly clerk: ClerkService) {}\n  async canActivate(ctx: ExecutionContext) {\n    await this.clerk.check(ctx.switchToHttp().getRequest().headers.authorization);\n    return true;\n  }\n}\n",
                ),
                (
                    "src/clerk.service.ts",
                    "import { verifyToken } from '@clerk/backend';\nexport class ClerkService {\n  async check(token: string) {\n    return await verifyToken(token, {});\n  }\n}\n",
                ),
                (
                    "src/c.controller.ts",
                    "import { Controller, Get, UseGuards } from '@nestjs/common';\nimport { OptionalGuard, DynamicGuard, OpenGuard, ServiceGuard } from './guards';\n@Controller('c')\nexport class C {\n  @Get('a') @UseGuards(OptionalGuard) a() { return 1; }\n  @Get('b') @UseGuards(DynamicGuard) b() { return 1; }\n  @Get('c') @UseGuards(OpenGuard) c() { return 1; }\n  @Get('d') @UseGuards(ServiceGuard) d() { return 1; }\n}\n",
                ),
            ],
            &[
                "GET /c/a guard",
                "GET /c/b guard",
                "GET /c/c none",
                "GET /c/d guard",
            ],
        ),
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
}
