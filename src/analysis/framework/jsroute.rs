//! Shared pieces for router-style JavaScript frameworks (Fastify, Hono, …): walking the calls
//! made on a router value in source order, reading literal paths and method lists, joining
//! mount prefixes, and judging what a guard in a route's chain does for auth.

use std::ops::Range;

use oxc_ast::ast::{
    Argument, ArrayExpressionElement, BindingPattern, CallExpression, ChainElement, Declaration,
    ExportDefaultDeclarationKind, Expression, FormalParameters, Function, ObjectPropertyKind,
    Statement,
};
use oxc_span::GetSpan;

use crate::analysis::engine::{Evidence, FileCx, FnFacts, binding_names, property_key_name};

/// What one entry of a route's chain (a hook, a middleware, a guard in the route's options)
/// does for a signed-out caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LayerKind {
    /// Stops signed-out callers (or bad signatures) before the handler.
    Gate(Evidence),
    /// Reads auth but lets everyone through.
    Reads(String),
    /// Clerk's own middleware that only attaches auth (`clerkMiddleware()`, `clerkPlugin`).
    Attaches(String),
    /// A function the app added to its instance (`fastify.decorate('authenticate', fn)`),
    /// used as `fastify.authenticate`: judged once every decoration is known.
    Decoration(String),
    /// Nothing to do with auth.
    None,
}

/// One entry of a route's chain, judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    /// How the code names it (`requireUser`, `clerkMiddleware()`).
    pub name: String,
    /// The display path of the file that defines it.
    pub file: String,
    pub kind: LayerKind,
    /// Paths the guard lets through before checking (`if (c.req.path === '/health') return
    /// next()`): it does not cover routes there.
    pub skips: Vec<Skip>,
}

/// A path a guard waves through: exactly this URL, or every URL under this prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    Exact(String),
    Prefix(String),
}

impl Skip {
    fn matches(&self, url: &str) -> bool {
        match self {
            Skip::Exact(p) => url == p || url.trim_end_matches('/') == p.trim_end_matches('/'),
            Skip::Prefix(p) => url.starts_with(p.as_str()),
        }
    }
}

impl Layer {
    pub fn is_gate(&self) -> bool {
        matches!(self.kind, LayerKind::Gate(_))
    }

    /// Whether this layer stops signed-out callers of `url`.
    pub fn gates(&self, url: &str) -> bool {
        self.is_gate() && !self.skips.iter().any(|s| s.matches(url))
    }
}

/// The paths a guard function returns early for, before anything else: `if (path === '/x')
/// return next()`, `if (url.startsWith('/public')) return`, `if (['/a', '/b'].includes(path))
/// return`, joined with `||`.
pub fn guard_skips(cx: &FileCx, e: &Expression) -> Vec<Skip> {
    use crate::analysis::engine::Top;
    let body: Option<&[Statement]> = match e.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => a.get_function_body().map(|b| &b.statements[..]),
        Expression::FunctionExpression(f) => f.body.as_ref().map(|b| &b.statements[..]),
        Expression::CallExpression(c) => {
            // `createMiddleware(async (c, next) => …)`.
            return c
                .arguments
                .iter()
                .filter_map(|a| a.as_expression())
                .find(|a| {
                    matches!(
                        a.get_inner_expression(),
                        Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                    )
                })
                .map(|f| guard_skips(cx, f))
                .unwrap_or_default();
        }
        Expression::Identifier(id) => match cx.top.get(id.name.as_str()).copied() {
            Some(Top::Function(f)) => f.body.as_ref().map(|b| &b.statements[..]),
            Some(Top::Init(init, _)) if !std::ptr::eq(init, e) => return guard_skips(cx, init),
            _ => None,
        },
        _ => None,
    };
    let mut out = Vec::new();
    for s in body.unwrap_or(&[]) {
        let Statement::IfStatement(i) = s else {
            // Only leading statements: declarations of the path are fine, anything else ends.
            if matches!(s, Statement::VariableDeclaration(_)) {
                continue;
            }
            break;
        };
        let returns = match &i.consequent {
            Statement::ReturnStatement(_) => true,
            Statement::BlockStatement(b) => {
                matches!(b.body.last(), Some(Statement::ReturnStatement(_)))
            }
            _ => false,
        };
        if !returns {
            break;
        }
        let before = out.len();
        path_tests(&i.test, &mut out);
        if out.len() == before {
            break;
        }
    }
    out
}

/// Whether an expression reads the request path (`c.req.path`, `request.url`,
/// `request.routerPath`, `req.routeOptions.url`, a local named `path` or `pathname`).
fn is_path_expr(e: &Expression) -> bool {
    let text = crate::analysis::engine::callee_text(e);
    let last = text.rsplit('.').next().unwrap_or_default();
    matches!(
        last,
        "path" | "url" | "routerPath" | "pathname" | "routePath" | "originalUrl"
    )
}

fn path_tests(test: &Expression, out: &mut Vec<Skip>) {
    match test.get_inner_expression() {
        Expression::LogicalExpression(l) if l.operator == oxc_ast::ast::LogicalOperator::Or => {
            path_tests(&l.left, out);
            path_tests(&l.right, out);
        }
        Expression::BinaryExpression(b)
            if matches!(
                b.operator,
                oxc_ast::ast::BinaryOperator::StrictEquality
                    | oxc_ast::ast::BinaryOperator::Equality
            ) =>
        {
            let (lit, other) = match (string_value(&b.left), string_value(&b.right)) {
                (Some(l), None) => (l, &b.right),
                (None, Some(r)) => (r, &b.left),
                _ => return,
            };
            if is_path_expr(other) {
                out.push(Skip::Exact(lit));
            }
        }
        Expression::ChainExpression(ch) => {
            if let ChainElement::CallExpression(c) = &ch.expression {
                path_call(c, out);
            }
        }
        Expression::CallExpression(c) => path_call(c, out),
        _ => {}
    }
}

/// `path.startsWith('/x')`, `['/a', '/b'].includes(path)`.
fn path_call(c: &CallExpression, out: &mut Vec<Skip>) {
    let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression() else {
        return;
    };
    let arg = c.arguments.first().and_then(|a| a.as_expression());
    match m.property.name.as_str() {
        "startsWith" if is_path_expr(&m.object) => {
            if let Some(p) = arg.and_then(string_value) {
                out.push(Skip::Prefix(p));
            }
        }
        "includes" if arg.is_some_and(is_path_expr) => {
            for p in string_list(&m.object) {
                out.push(Skip::Exact(p));
            }
        }
        _ => {}
    }
}

/// The text of a string literal or a template literal without substitutions.
pub fn string_value(e: &Expression) -> Option<String> {
    match e.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => t
            .quasis
            .first()
            .map(|q| q.value.cooked.as_ref().unwrap_or(&q.value.raw).to_string()),
        _ => None,
    }
}

/// The strings of a literal or of an array of literals (`'GET'`, `['GET', 'POST']`).
pub fn string_list(e: &Expression) -> Vec<String> {
    match e.get_inner_expression() {
        Expression::ArrayExpression(a) => {
            a.elements
                .iter()
                .filter_map(|el| match el {
                    ArrayExpressionElement::SpreadElement(_)
                    | ArrayExpressionElement::Elision(_) => None,
                    other => other.as_expression().and_then(string_value),
                })
                .collect()
        }
        other => string_value(other).into_iter().collect(),
    }
}

/// A property of an object literal, by name.
pub fn object_prop<'a>(e: &'a Expression<'a>, key: &str) -> Option<&'a Expression<'a>> {
    let Expression::ObjectExpression(obj) = e.get_inner_expression() else {
        return None;
    };
    obj.properties.iter().rev().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if property_key_name(&p.key) == Some(key) => {
            Some(&p.value)
        }
        _ => None,
    })
}

/// `prefix` + `path` as a URL pattern: one slash between them, no trailing slash (except
/// the root `/`).
pub fn join_path(prefix: &str, path: &str) -> String {
    let mut out = String::new();
    for part in [prefix, path] {
        for seg in part.split('/').filter(|s| !s.is_empty()) {
            out.push('/');
            out.push_str(seg);
        }
    }
    if out.is_empty() { "/".to_string() } else { out }
}

/// The HTTP method names routers register with (`app.get`, `router.post`, …), upper-cased.
pub fn http_method(name: &str) -> Option<&'static str> {
    Some(match name {
        "get" => "GET",
        "post" => "POST",
        "put" => "PUT",
        "patch" => "PATCH",
        "delete" | "del" => "DELETE",
        "head" => "HEAD",
        "options" => "OPTIONS",
        "all" => "ALL",
        _ => return None,
    })
}

/// The name of the first parameter of a function (the router handed to a plugin).
pub fn first_param(params: &FormalParameters) -> Option<String> {
    let p = params.items.first()?;
    match &p.pattern {
        BindingPattern::BindingIdentifier(id) => Some(id.name.to_string()),
        _ => None,
    }
}

/// Whether a function's parameters rebind `name`.
fn shadows(params: &FormalParameters, name: &str) -> bool {
    params.items.iter().any(|p| {
        let mut names = Vec::new();
        binding_names(&p.pattern, &mut names);
        names.iter().any(|n| n == name)
    })
}

/// The identifier a member chain or call chain starts from (`app` in `app.get().post()`).
pub fn chain_root<'a>(e: &'a Expression<'a>) -> &'a Expression<'a> {
    let mut cur = e.get_inner_expression();
    loop {
        match cur {
            Expression::CallExpression(c) => cur = c.callee.get_inner_expression(),
            Expression::StaticMemberExpression(m) => cur = m.object.get_inner_expression(),
            Expression::ComputedMemberExpression(m) => cur = m.object.get_inner_expression(),
            Expression::AwaitExpression(a) => cur = a.argument.get_inner_expression(),
            _ => return cur,
        }
    }
}

/// The method name of a call on a member (`get` in `app.get(…)`) and the object called on.
pub fn method_call<'a>(call: &'a CallExpression<'a>) -> Option<(&'a str, &'a Expression<'a>)> {
    match call.callee.get_inner_expression() {
        Expression::StaticMemberExpression(m) => Some((m.property.name.as_str(), &m.object)),
        _ => None,
    }
}

/// The byte range to report a registration at: the method name (`get` in `app.get(`), so
/// that a chained `.post(` on its own line is reported on that line.
pub fn registration_range(call: &CallExpression) -> Range<usize> {
    match call.callee.get_inner_expression() {
        Expression::StaticMemberExpression(m) => {
            m.property.span.start as usize..m.property.span.end as usize
        }
        other => {
            let s = other.span();
            s.start as usize..s.end as usize
        }
    }
}

/// Walks every call reachable from `stmts` in evaluation order (a chain's inner calls before
/// the outer ones), including calls inside nested functions unless they rebind `handle`.
/// `f` gets each call and whether it is awaited; it returns `true` when it took the call
/// over, and then the call's arguments are not walked.
pub fn walk_calls<'a>(
    stmts: &'a [Statement<'a>],
    handle: &str,
    f: &mut dyn FnMut(&'a CallExpression<'a>, bool) -> bool,
) {
    for s in stmts {
        walk_stmt(s, handle, f);
    }
}

fn walk_function<'a>(
    func: &'a Function<'a>,
    handle: &str,
    f: &mut dyn FnMut(&'a CallExpression<'a>, bool) -> bool,
) {
    if shadows(&func.params, handle) {
        return;
    }
    if let Some(body) = &func.body {
        walk_calls(&body.statements, handle, f);
    }
}

fn walk_stmt<'a>(
    s: &'a Statement<'a>,
    handle: &str,
    f: &mut dyn FnMut(&'a CallExpression<'a>, bool) -> bool,
) {
    match s {
        Statement::ExpressionStatement(e) => walk_expr(&e.expression, handle, false, f),
        Statement::ReturnStatement(r) => {
            if let Some(a) = &r.argument {
                walk_expr(a, handle, false, f);
            }
        }
        Statement::ThrowStatement(t) => walk_expr(&t.argument, handle, false, f),
        Statement::VariableDeclaration(v) => {
            for d in &v.declarations {
                if let Some(i) = &d.init {
                    walk_expr(i, handle, false, f);
                }
            }
        }
        Statement::FunctionDeclaration(func) => walk_function(func, handle, f),
        Statement::IfStatement(i) => {
            walk_expr(&i.test, handle, false, f);
            walk_stmt(&i.consequent, handle, f);
            if let Some(a) = &i.alternate {
                walk_stmt(a, handle, f);
            }
        }
        Statement::BlockStatement(b) => walk_calls(&b.body, handle, f),
        Statement::TryStatement(t) => {
            walk_calls(&t.block.body, handle, f);
            if let Some(h) = &t.handler {
                walk_calls(&h.body.body, handle, f);
            }
            if let Some(fin) = &t.finalizer {
                walk_calls(&fin.body, handle, f);
            }
        }
        Statement::ForOfStatement(x) => {
            walk_expr(&x.right, handle, false, f);
            walk_stmt(&x.body, handle, f);
        }
        Statement::ForInStatement(x) => walk_stmt(&x.body, handle, f),
        Statement::ForStatement(x) => walk_stmt(&x.body, handle, f),
        Statement::WhileStatement(x) => walk_stmt(&x.body, handle, f),
        Statement::DoWhileStatement(x) => walk_stmt(&x.body, handle, f),
        Statement::LabeledStatement(x) => walk_stmt(&x.body, handle, f),
        Statement::SwitchStatement(x) => {
            walk_expr(&x.discriminant, handle, false, f);
            for c in &x.cases {
                walk_calls(&c.consequent, handle, f);
            }
        }
        Statement::ExportDeclaration(d) => match &d.declaration {
            Declaration::FunctionDeclaration(func) => walk_function(func, handle, f),
            Declaration::VariableDeclaration(v) => {
                for d in &v.declarations {
                    if let Some(i) = &d.init {
                        walk_expr(i, handle, false, f);
                    }
                }
            }
            _ => {}
        },
        Statement::ExportDefaultDeclaration(d) => match &d.declaration {
            ExportDefaultDeclarationKind::FunctionDeclaration(func) => {
                walk_function(func, handle, f)
            }
            other => {
                if let Some(e) = other.as_expression() {
                    walk_expr(e, handle, false, f);
                }
            }
        },
        _ => {}
    }
}

fn walk_args<'a>(
    call: &'a CallExpression<'a>,
    handle: &str,
    f: &mut dyn FnMut(&'a CallExpression<'a>, bool) -> bool,
) {
    for a in &call.arguments {
        match a {
            Argument::SpreadElement(s) => walk_expr(&s.argument, handle, false, f),
            other => {
                if let Some(e) = other.as_expression() {
                    walk_expr(e, handle, false, f);
                }
            }
        }
    }
}

fn walk_expr<'a>(
    e: &'a Expression<'a>,
    handle: &str,
    awaited: bool,
    f: &mut dyn FnMut(&'a CallExpression<'a>, bool) -> bool,
) {
    match e {
        Expression::CallExpression(c) => {
            walk_expr(&c.callee, handle, false, f);
            if !f(c, awaited) {
                walk_args(c, handle, f);
            }
        }
        Expression::ChainExpression(c) => {
            if let ChainElement::CallExpression(call) = &c.expression {
                walk_expr(&call.callee, handle, false, f);
                if !f(call, awaited) {
                    walk_args(call, handle, f);
                }
            }
        }
        Expression::NewExpression(n) => {
            for a in &n.arguments {
                if let Some(a) = a.as_expression() {
                    walk_expr(a, handle, false, f);
                }
            }
        }
        Expression::AwaitExpression(a) => walk_expr(&a.argument, handle, true, f),
        Expression::StaticMemberExpression(m) => walk_expr(&m.object, handle, false, f),
        Expression::ComputedMemberExpression(m) => walk_expr(&m.object, handle, false, f),
        Expression::ArrowFunctionExpression(a) if !shadows(&a.params, handle) => {
            if let Some(body) = a.get_function_body() {
                walk_calls(&body.statements, handle, f);
            } else if let Some(e) = a.get_expression() {
                walk_expr(e, handle, false, f);
            }
        }
        Expression::FunctionExpression(func) => walk_function(func, handle, f),
        Expression::LogicalExpression(l) => {
            walk_expr(&l.left, handle, false, f);
            walk_expr(&l.right, handle, false, f);
        }
        Expression::ConditionalExpression(c) => {
            walk_expr(&c.test, handle, false, f);
            walk_expr(&c.consequent, handle, false, f);
            walk_expr(&c.alternate, handle, false, f);
        }
        Expression::SequenceExpression(s) => {
            for x in &s.expressions {
                walk_expr(x, handle, false, f);
            }
        }
        Expression::AssignmentExpression(a) => walk_expr(&a.right, handle, false, f),
        Expression::UnaryExpression(u) => walk_expr(&u.argument, handle, awaited, f),
        Expression::ParenthesizedExpression(p) => walk_expr(&p.expression, handle, awaited, f),
        Expression::TSAsExpression(t) => walk_expr(&t.expression, handle, awaited, f),
        Expression::TSSatisfiesExpression(t) => walk_expr(&t.expression, handle, awaited, f),
        Expression::TSNonNullExpression(t) => walk_expr(&t.expression, handle, awaited, f),
        _ => {}
    }
}

/// Judges one entry of a route's chain: a hook, a middleware, a guard in the route options.
/// `attaches` names Clerk's populate-only middleware factories of the framework's SDKs.
pub fn judge_layer<'a>(
    cx: &FileCx<'a, '_>,
    e: &'a Expression<'a>,
    attaches: &dyn Fn(&FileCx<'a, '_>, &'a Expression<'a>) -> bool,
) -> Layer {
    let name = layer_name(cx, e);
    let file = match e.get_inner_expression() {
        Expression::Identifier(id) => cx.definition_file(id.name.as_str()),
        Expression::CallExpression(c) => match chain_root(&c.callee) {
            Expression::Identifier(id) => cx.definition_file(id.name.as_str()),
            _ => cx.display.clone(),
        },
        _ => cx.display.clone(),
    };
    if attaches(cx, e) {
        return Layer {
            name,
            file,
            kind: LayerKind::Attaches(callee_label(e)),
            skips: Vec::new(),
        };
    }
    let facts = handler_facts(cx, e);
    let kind = kind_of(&facts);
    let skips = if matches!(kind, LayerKind::Gate(_)) {
        guard_skips(cx, e)
    } else {
        Vec::new()
    };
    Layer {
        kind,
        name,
        file,
        skips,
    }
}

/// A guard's facts as a layer kind.
pub fn kind_of(facts: &FnFacts) -> LayerKind {
    match (&facts.gate, &facts.reads) {
        (Some(ev), _) => LayerKind::Gate(ev.clone()),
        (None, Some(r)) => LayerKind::Reads(r.clone()),
        (None, None) => LayerKind::None,
    }
}

fn callee_label(e: &Expression) -> String {
    match e.get_inner_expression() {
        Expression::CallExpression(c) => {
            format!("{}()", crate::analysis::engine::callee_text(&c.callee))
        }
        other => crate::analysis::engine::callee_text(other),
    }
}

/// How a chain entry reads in a message: `requireUser`, `clerkMiddleware()`, `an inline
/// function`.
pub fn layer_name(_cx: &FileCx, e: &Expression) -> String {
    match e.get_inner_expression() {
        Expression::Identifier(id) => id.name.to_string(),
        Expression::StaticMemberExpression(_) | Expression::CallExpression(_) => {
            crate::analysis::engine::callee_text(e)
        }
        _ => "an inline function".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_paths() {
        let cases = [
            ("", "/", "/"),
            ("/api", "/", "/api"),
            ("/api/", "/users", "/api/users"),
            ("", "users/:id", "/users/:id"),
            ("/a", "", "/a"),
        ];
        for (p, s, want) in cases {
            assert_eq!(join_path(p, s), want, "{p} + {s}");
        }
    }

    #[test]
    fn methods() {
        assert_eq!(http_method("get"), Some("GET"));
        assert_eq!(http_method("del"), Some("DELETE"));
        assert_eq!(http_method("use"), None);
    }
}

/// Names that hold a user's id when a handler takes one from the request.
const ID_NAMES: &[&str] = &[
    "userId",
    "user_id",
    "userID",
    "uid",
    "clerkId",
    "clerk_id",
    "clerkUserId",
    "clerk_user_id",
];

/// Where a handler takes a user id from the request (body, query string or a header) and so
/// uses a caller-supplied identity, as written: `req.body.userId`, `c.req.json().userId`,
/// `c.req.query('userId')`. Path parameters are left out: `/users/:userId` names the
/// resource, not the caller.
pub fn identity_from_request(e: &Expression) -> Option<String> {
    use oxc_ast_visit::Visit;
    let mut v = RequestIdentity::default();
    match e.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => {
            if let Some(b) = a.get_function_body() {
                v.visit_function_body(b);
            } else if let Some(e) = a.get_expression() {
                v.visit_expression(e);
            }
        }
        Expression::FunctionExpression(f) => {
            if let Some(b) = &f.body {
                v.visit_function_body(b);
            }
        }
        _ => {}
    }
    v.found
}

#[derive(Default)]
struct RequestIdentity {
    found: Option<String>,
}

/// What part of the request an expression reads: `body`, `query string`, `headers`.
fn request_part(e: &Expression) -> Option<&'static str> {
    let e = match e.get_inner_expression() {
        Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
        other => other,
    };
    match e {
        // `req.body`, `request.query`, `req.headers`.
        Expression::StaticMemberExpression(m) => match m.property.name.as_str() {
            "body" => Some("the request body"),
            "query" => Some("the query string"),
            "headers" => Some("a request header"),
            _ => None,
        },
        // `c.req.json()`, `req.json()`, `c.req.valid('json')`, `c.req.query()`, `c.req.parseBody()`.
        Expression::CallExpression(c) => {
            let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression() else {
                return None;
            };
            match m.property.name.as_str() {
                "json" | "parseBody" | "formData" => {
                    let obj = crate::analysis::engine::callee_text(&m.object);
                    (obj.ends_with("req") || obj.ends_with("request") || obj == "c.req")
                        .then_some("the request body")
                }
                "query" | "queries" => Some("the query string"),
                "valid" => match c
                    .arguments
                    .first()
                    .and_then(|a| a.as_expression())
                    .and_then(string_value)
                {
                    Some(k) if k == "json" || k == "form" => Some("the request body"),
                    Some(k) if k == "query" => Some("the query string"),
                    Some(k) if k == "header" => Some("a request header"),
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

impl<'a> oxc_ast_visit::Visit<'a> for RequestIdentity {
    fn visit_variable_declarator(&mut self, d: &oxc_ast::ast::VariableDeclarator<'a>) {
        if self.found.is_none()
            && let (BindingPattern::ObjectPattern(obj), Some(init)) = (&d.id, &d.init)
            && request_part(init).is_some()
        {
            for p in &obj.properties {
                if let Some(k) = property_key_name(&p.key)
                    && ID_NAMES.contains(&k)
                {
                    let source = match init.get_inner_expression() {
                        Expression::AwaitExpression(a) => &a.argument,
                        other => other,
                    };
                    self.found = Some(format!(
                        "{}.{k}",
                        crate::analysis::engine::callee_text(source)
                    ));
                    return;
                }
            }
        }
        oxc_ast_visit::walk::walk_variable_declarator(self, d);
    }

    fn visit_static_member_expression(&mut self, m: &oxc_ast::ast::StaticMemberExpression<'a>) {
        // `req.body.userId`, `request.query.userId`.
        if self.found.is_none()
            && ID_NAMES.contains(&m.property.name.as_str())
            && request_part(&m.object).is_some()
        {
            self.found = Some(format!(
                "{}.{}",
                crate::analysis::engine::callee_text(&m.object),
                m.property.name
            ));
            return;
        }
        oxc_ast_visit::walk::walk_static_member_expression(self, m);
    }

    fn visit_call_expression(&mut self, c: &CallExpression<'a>) {
        // `c.req.query('userId')`, `c.req.header('x-user-id')`.
        if self.found.is_none()
            && let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression()
            && matches!(m.property.name.as_str(), "query" | "header")
            && let Some(arg) = c
                .arguments
                .first()
                .and_then(|a| a.as_expression())
                .and_then(string_value)
        {
            let norm: String = arg
                .chars()
                .filter(|ch| ch.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if norm.ends_with("userid") || norm == "uid" || norm.ends_with("clerkid") {
                self.found = Some(format!(
                    "{}('{arg}')",
                    crate::analysis::engine::callee_text(&c.callee)
                ));
                return;
            }
        }
        oxc_ast_visit::walk::walk_call_expression(self, c);
    }

    // Nested functions are other code paths (callbacks still run for this request, so they
    // are visited too).
}

#[cfg(test)]
mod identity_tests {
    use super::*;
    use oxc_allocator::Allocator;

    fn find(src: &str) -> Option<String> {
        let alloc = Allocator::default();
        let parsed = crate::analysis::engine::parse(&alloc, "x.ts", src);
        let Statement::ExpressionStatement(s) = &parsed.program.body[0] else {
            panic!("not an expression");
        };
        identity_from_request(&s.expression)
    }

    #[test]
    fn ids_from_the_request() {
        let fail: &[(&str, &str)] = &[
            (
                "async (c) => { const { userId } = await c.req.json() }",
                "c.req.json().userId",
            ),
            (
                "async (req) => { db.x(req.body.userId) }",
                "req.body.userId",
            ),
            (
                "async (request) => { const { clerkId } = request.query }",
                "request.query.clerkId",
            ),
            (
                "(c) => db.list({ userId: c.req.query('userId') })",
                "c.req.query('userId')",
            ),
            (
                "(c) => db.list(c.req.header('x-user-id'))",
                "c.req.header('x-user-id')",
            ),
            (
                "async (c) => { const { uid } = c.req.valid('json') }",
                "c.req.valid().uid",
            ),
        ];
        for (src, want) in fail {
            assert_eq!(find(src).as_deref(), Some(*want), "{src}");
        }
        let pass = [
            "async (c) => { const { name } = await c.req.json() }",
            "async (c) => { const { userId } = c.req.param() }",
            "async (req) => { const { userId } = getAuth(req) }",
            "(c) => c.req.query('page')",
        ];
        for src in pass {
            assert_eq!(find(src), None, "{src}");
        }
    }
}

/// One route of a router-style framework, before it becomes an [`Endpoint`].
#[derive(Clone, Debug)]
pub struct RawRoute {
    /// `GET`, `POST`, …, `*` for every method.
    pub method: String,
    pub url: String,
    /// Display path of the file with the registration, and the byte range to report at.
    pub file: String,
    pub range: Range<usize>,
    /// What runs before the handler, in order (scope hooks, `use` middleware, the route's
    /// own guards).
    pub layers: Vec<Layer>,
    pub handler: FnFacts,
    /// The handler takes a user id from the request.
    pub request_identity: Option<String>,
}

/// The endpoint of a router route: the first guard in front of it that stops signed-out
/// callers, else what its handler does.
pub fn router_endpoint(
    framework: crate::analysis::endpoint::FrameworkId,
    r: RawRoute,
    app: &crate::analysis::framework::AppCx,
) -> crate::analysis::endpoint::Endpoint {
    use crate::analysis::endpoint::{
        Endpoint, EndpointKind, HandlerFacts, Location, Method, Verdict,
    };
    let facts = r.handler;
    let mut depends_on: Vec<String> = Vec::new();
    let late = facts
        .work_before_gate
        .clone()
        .filter(|_| facts.gate.is_some());
    let guard = r.layers.iter().find(|l| l.gates(&r.url));
    let populate_only = r.layers.iter().find_map(|l| match &l.kind {
        LayerKind::Attaches(what) => Some(what.clone()),
        _ => None,
    });
    let chain_reads = r.layers.iter().find_map(|l| match &l.kind {
        LayerKind::Reads(what) => Some(what.clone()),
        _ => None,
    });
    let mut identity = None;
    let verdict = match (&facts.gate, guard) {
        (Some(ev), _) if late.is_none() => {
            if let Evidence::Helper { file, .. } = ev {
                depends_on.push(file.clone());
            }
            Verdict::Protected(ev.clone())
        }
        (_, Some(g)) => {
            if g.file != r.file {
                depends_on.push(g.file.clone());
            }
            Verdict::Protected(match &g.kind {
                // A guard named in the route's chain: the function that checks.
                LayerKind::Gate(Evidence::Webhook(w)) => Evidence::Webhook(w.clone()),
                LayerKind::Gate(Evidence::Other(o)) => Evidence::Other(o.clone()),
                _ if g.name == "an inline function" => Evidence::Middleware {
                    file: g.file.clone(),
                },
                _ => Evidence::Helper {
                    name: g.name.clone(),
                    file: g.file.clone(),
                },
            })
        }
        (Some(_), None) => Verdict::Unprotected,
        (None, None) => match (&r.request_identity, &facts.reads, chain_reads) {
            (Some(id), _, _) => {
                identity = Some(id.clone());
                Verdict::Unchecked(id.clone())
            }
            (None, Some(reads), _) => Verdict::Unchecked(reads.clone()),
            (None, None, Some(reads)) => Verdict::Unchecked(reads),
            (None, None, None) => Verdict::Unprotected,
        },
    };
    let reads_clerk = facts
        .reads
        .as_deref()
        .is_some_and(|x| x.contains("getAuth()") || x.contains("auth()"));
    let method = Method::from_router(&r.method).unwrap_or(Method::Any);
    let mut e = Endpoint {
        framework,
        kind: EndpointKind::RouterRoute,
        method: Some(method),
        rpc: None,
        url: Some(r.url.clone()),
        name: format!("{} {}", method.as_str(), r.url),
        location: Location {
            file: r.file.clone(),
            range: r.range,
        },
        verdict,
        facts: HandlerFacts {
            reads_clerk,
            webhook_signals: facts.webhook_signals,
            verify_swallowed: facts.verify_swallowed,
            late_check: if guard.is_some() { None } else { late },
            request_identity: identity,
            populate_only,
            decode_only: None,
            gap: None,
        },
        app: app.app.rel_root.clone(),
        depends_on,
        public: false,
        trpc_dispatcher: false,
        aliases: Vec::new(),
    };
    e.public = (app.cx.options.is_public)(
        &e.location.file,
        e.method_label(),
        &crate::analysis::routes::sample_paths(&r.url),
    );
    e
}

/// The project's script files as the engine keys them (canonical path → entry), for adapters
/// that follow registrations across files.
pub fn project_files(
    cx: &crate::analysis::framework::ProjectCx,
) -> std::collections::HashMap<std::path::PathBuf, crate::analysis::engine::FileEntry> {
    cx.scripts
        .iter()
        .filter_map(|f| {
            let path = cx.path_of(&f.rel_path)?.to_path_buf();
            Some((
                path,
                crate::analysis::engine::FileEntry {
                    display: f.rel_path.clone(),
                    text: f.text.clone(),
                },
            ))
        })
        .collect()
}

/// A handler or guard read as an endpoint body: like [`FileCx::value_facts`], and also for a
/// member of a namespace import (`handlers.list` with `import * as handlers from './x'`).
pub fn handler_facts<'a>(cx: &FileCx<'a, '_>, e: &'a Expression<'a>) -> FnFacts {
    if let Expression::StaticMemberExpression(m) = e.get_inner_expression()
        && let Expression::Identifier(obj) = m.object.get_inner_expression()
        && let Some(imp) = cx.imports.get(obj.name.as_str()).copied()
        && matches!(imp.name, crate::analysis::engine::ImportName::Namespace)
        && let Some(path) = cx.resolve(imp.source)
    {
        return cx
            .engine
            .export(&path, m.property.name.as_str())
            .map(|(_, ef)| ef.handler)
            .unwrap_or_default();
    }
    cx.value_facts(e)
}
