//! Module-level facts of the middleware file: Clerk factories and local bindings.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------------
// Module-level facts

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ClerkFn {
    ClerkMiddleware,
    AuthMiddleware,
    WithClerkMiddleware,
    CreateRouteMatcher,
    RedirectToSignIn,
    /// `getAuth(req)`: the session object in a Core-1 `withClerkMiddleware` callback.
    GetAuth,
}

impl ClerkFn {
    pub(crate) fn from_name(name: &str) -> Option<ClerkFn> {
        Some(match name {
            "clerkMiddleware" => ClerkFn::ClerkMiddleware,
            "authMiddleware" => ClerkFn::AuthMiddleware,
            "withClerkMiddleware" => ClerkFn::WithClerkMiddleware,
            "createRouteMatcher" => ClerkFn::CreateRouteMatcher,
            "redirectToSignIn" | "redirectToSignUp" => ClerkFn::RedirectToSignIn,
            "getAuth" => ClerkFn::GetAuth,
            _ => return None,
        })
    }

    pub(crate) fn kind(self) -> Option<MiddlewareKind> {
        match self {
            ClerkFn::ClerkMiddleware => Some(MiddlewareKind::Clerk),
            ClerkFn::AuthMiddleware => Some(MiddlewareKind::AuthMiddleware),
            ClerkFn::WithClerkMiddleware => Some(MiddlewareKind::WithClerk),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
pub(crate) enum Binding<'a> {
    Const(&'a Expression<'a>),
    /// `let` / `var`: followed only for the exported middleware (reassignment is rare there).
    Var(Option<&'a Expression<'a>>),
    Func(&'a Function<'a>),
}

#[derive(Clone, Copy)]
pub(crate) enum Target<'a> {
    Expr(&'a Expression<'a>),
    Func(&'a Function<'a>),
    Name(&'a str),
}

#[derive(Default)]
pub(crate) struct Module<'a> {
    /// Local names imported from `@clerk/*`.
    pub(crate) clerk: HashMap<&'a str, ClerkFn>,
    /// `import * as x from '@clerk/...'`.
    pub(crate) clerk_ns: Vec<&'a str>,
    /// `createMiddleware` imported from `next-intl/middleware`.
    pub(crate) intl: Vec<&'a str>,
    pub(crate) bindings: HashMap<&'a str, Binding<'a>>,
    /// `default`, `middleware`, `proxy`, `config`.
    pub(crate) exports: HashMap<&'a str, Target<'a>>,
}

pub(crate) fn export_name<'a>(n: &ModuleExportName<'a>) -> &'a str {
    match n {
        ModuleExportName::IdentifierName(i) => i.name.as_str(),
        ModuleExportName::IdentifierReference(i) => i.name.as_str(),
        ModuleExportName::StringLiteral(s) => s.value.as_str(),
    }
}

impl<'a> Module<'a> {
    pub(crate) fn collect(body: &'a [Statement<'a>]) -> Module<'a> {
        let mut m = Module::default();
        // The engine's import collector; only the Clerk factories and next-intl matter here.
        for (local, import) in collect_imports(body) {
            let clerk = import.source.starts_with("@clerk/");
            let intl = import.source == "next-intl/middleware";
            match import.name {
                ImportName::Named(name) => {
                    if clerk && let Some(f) = ClerkFn::from_name(name) {
                        m.clerk.insert(local, f);
                    }
                    if intl && name == "createMiddleware" {
                        m.intl.push(local);
                    }
                }
                ImportName::Default if intl => m.intl.push(local),
                ImportName::Namespace if clerk => m.clerk_ns.push(local),
                ImportName::Default | ImportName::Namespace => {}
            }
        }
        for stmt in body {
            match stmt {
                Statement::VariableDeclaration(_)
                | Statement::FunctionDeclaration(_)
                | Statement::ExportDeclaration(_) => {
                    // The engine's reading of a top-level declaration (`export` included).
                    let exported = matches!(stmt, Statement::ExportDeclaration(_));
                    match declaration_of(stmt) {
                        Some(Declaration::VariableDeclaration(d)) => m.add_vars(d, exported),
                        Some(Declaration::FunctionDeclaration(f)) => m.add_function(f, exported),
                        _ => {}
                    }
                }
                Statement::ExportDefaultDeclaration(e) => match &e.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                        m.exports.insert("default", Target::Func(f));
                    }
                    other => {
                        if let Some(expr) = other.as_expression() {
                            m.exports.insert("default", Target::Expr(expr));
                        }
                    }
                },
                Statement::ExportNamedDeclaration(e) => {
                    if e.export_kind.is_type() {
                        continue;
                    }
                    for spec in &e.specifiers {
                        let exported = export_name(&spec.exported);
                        if matches!(exported, "default" | "middleware" | "proxy" | "config") {
                            m.exports
                                .insert(exported, Target::Name(export_name(&spec.local)));
                        }
                    }
                }
                _ => {}
            }
        }
        m
    }

    pub(crate) fn add_vars(&mut self, d: &'a VariableDeclaration<'a>, exported: bool) {
        for decl in &d.declarations {
            let Some(name) = decl.id.get_identifier_name() else {
                continue;
            };
            let name = name.as_str();
            let binding = match (&decl.init, d.kind) {
                (Some(init), VariableDeclarationKind::Const) => Binding::Const(init),
                (init, _) => Binding::Var(init.as_ref()),
            };
            self.bindings.insert(name, binding);
            if exported && let Some(init) = &decl.init {
                self.exports.insert(name, Target::Expr(init));
            }
        }
    }

    pub(crate) fn add_function(&mut self, f: &'a Function<'a>, exported: bool) {
        let Some(id) = &f.id else { return };
        let name = id.name.as_str();
        self.bindings.insert(name, Binding::Func(f));
        if exported {
            self.exports.insert(name, Target::Func(f));
        }
    }

    /// The Clerk function a callee names (`clerkMiddleware`, `clerk.clerkMiddleware`).
    pub(crate) fn clerk_fn(&self, callee: &Expression<'a>) -> Option<ClerkFn> {
        match callee.get_inner_expression() {
            Expression::Identifier(id) => self.clerk.get(id.name.as_str()).copied(),
            Expression::StaticMemberExpression(m) => match m.object.get_inner_expression() {
                Expression::Identifier(ns) if self.clerk_ns.contains(&ns.name.as_str()) => {
                    ClerkFn::from_name(m.property.name.as_str())
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// A module binding holding a next-intl middleware (`createMiddleware(routing)`).
    pub(crate) fn is_intl_instance(&self, name: &str) -> bool {
        match self.bindings.get(name) {
            Some(Binding::Const(init)) => match init.get_inner_expression() {
                Expression::CallExpression(c) => match c.callee.get_inner_expression() {
                    Expression::Identifier(id) => self.intl.contains(&id.name.as_str()),
                    _ => false,
                },
                _ => false,
            },
            _ => false,
        }
    }
}

/// Finds any call of a Clerk middleware factory (the fallback when the export is opaque).
pub(crate) struct FactoryScan<'m, 'a> {
    pub(crate) module: &'m Module<'a>,
    pub(crate) found: Option<MiddlewareKind>,
}

impl<'a> Visit<'a> for FactoryScan<'_, 'a> {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if self.found.is_none() {
            self.found = self.module.clerk_fn(&it.callee).and_then(ClerkFn::kind);
        }
        walk::walk_call_expression(self, it);
    }
}

// ---------------------------------------------------------------------------------------------
// Functions

#[derive(Clone, Copy)]
pub(crate) enum FnBody<'a> {
    Stmts(&'a [Statement<'a>]),
    Expr(&'a Expression<'a>),
    Empty,
}

#[derive(Clone, Copy)]
pub(crate) struct FnRef<'a> {
    pub(crate) params: &'a FormalParameters<'a>,
    pub(crate) body: FnBody<'a>,
}

pub(crate) fn fn_of_function<'a>(f: &'a Function<'a>) -> FnRef<'a> {
    FnRef {
        params: &f.params,
        body: match &f.body {
            Some(b) => FnBody::Stmts(&b.statements),
            None => FnBody::Empty,
        },
    }
}

pub(crate) fn fn_of_arrow<'a>(a: &'a ArrowFunctionExpression<'a>) -> FnRef<'a> {
    let body = match a.body.as_function_body() {
        Some(b) => FnBody::Stmts(&b.statements),
        None => match a.body.as_expression() {
            Some(e) => FnBody::Expr(e),
            None => FnBody::Empty,
        },
    };
    FnRef {
        params: &a.params,
        body,
    }
}

pub(crate) fn param<'a>(params: &'a FormalParameters<'a>, i: usize) -> Option<&'a str> {
    params
        .items
        .get(i)?
        .pattern
        .get_identifier_name()
        .map(|n| n.as_str())
}

pub(crate) enum Resolved<'a> {
    Fn(FnRef<'a>),
    Object(&'a ObjectExpression<'a>),
    Unknown,
}

/// A string literal or a template literal without substitutions.
pub(crate) fn static_str<'a>(e: &'a Expression<'a>) -> Option<&'a str> {
    match e.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.as_str()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            t.quasis.first()?.value.cooked.map(|c| c.as_str())
        }
        _ => None,
    }
}

pub(crate) fn is_ident(e: &Expression, name: Option<&str>) -> bool {
    match (e.get_inner_expression(), name) {
        (Expression::Identifier(id), Some(n)) => id.name.as_str() == n,
        _ => false,
    }
}

pub(crate) fn is_nullish(e: &Expression) -> bool {
    match e.get_inner_expression() {
        Expression::NullLiteral(_) => true,
        Expression::Identifier(id) => id.name.as_str() == "undefined",
        Expression::UnaryExpression(u) => u.operator == UnaryOperator::Void,
        _ => false,
    }
}
