//! The Clerk API surface a script uses: what it imports from Clerk packages and how it uses
//! those bindings (JSX elements and their props, calls and their option keys, member access),
//! for the migration rules (`deprecated-api`, `route-matcher-wildcard`).
//!
//! Everything is keyed by the import, never by a name alone: `<SignIn afterSignInUrl>` counts
//! only when `SignIn` is imported from a Clerk package, so a component of the app's own that
//! happens to share a name stays silent. [`collect`] runs on the syntax tree that
//! [`super::script::ScriptFile::parse`] already built, and returns at once for a file that
//! imports nothing from Clerk.

use std::collections::HashMap;
use std::ops::Range;

use oxc_ast::ast::{
    Argument, ArrowFunctionExpression, AwaitExpression, BindingPattern, CallExpression, Expression,
    Function, ImportDeclarationSpecifier, ImportOrExportKind, JSXAttribute, JSXAttributeItem,
    JSXAttributeName, JSXElementName, JSXMemberExpressionObject, JSXOpeningElement,
    ModuleExportName, ObjectProperty, ObjectPropertyKind, Program, PropertyKey, Statement,
    StaticMemberExpression, StringLiteral, VariableDeclarator,
};
use oxc_ast_visit::{Visit, walk};
use oxc_span::{GetSpan, Span};
use oxc_syntax::scope::ScopeFlags;

/// What one script does with Clerk packages.
#[derive(Clone, Debug, Default)]
pub struct ClerkUsage {
    /// Imports, re-exports and `require`s of Clerk packages, in source order.
    pub imports: Vec<ClerkImport>,
    /// JSX elements whose tag is a Clerk import.
    pub jsx: Vec<JsxUse>,
    /// Calls of Clerk imports (`createRouteMatcher([...])`, `createClerkClient({ ... })`).
    pub calls: Vec<CallUse>,
    /// `binding.property` where `binding` is a Clerk import and is not called
    /// (`clerkClient.users`), or `const { users } = clerkClient`.
    pub members: Vec<MemberUse>,
    /// `x.<a>.<b>(...)` calls of the few chains the rules know (`.m2m.verifyToken(...)`).
    pub chains: Vec<ChainCall>,
    /// `<id>.auth.<field>` and `const { <field> } = <id>.auth` with an Auth-object field
    /// (Express's `req.auth` used as an object).
    pub auth_fields: Vec<AuthField>,
    /// `setActive({ ... })` / `x.setActive({ ... })`: the keys of its options object.
    pub set_active: Vec<CallUse>,
    /// Calls of `auth()` from `@clerk/nextjs` (or of the `auth` a `clerkMiddleware` callback
    /// receives) and `auth().protect()`, with what making them `await`ed needs.
    pub auth_calls: Vec<AuthCall>,
    /// `x.<name>` for every property name in a file that imports from Clerk, with the range
    /// of the name (the migration tables know a few, such as `profileImageUrl`).
    pub properties: Vec<(String, Range<usize>)>,
    /// Clerk component tags in a `.vue` template that imports nothing from Clerk: Nuxt's
    /// `@clerk/nuxt` module registers the components globally (`import` is 0, unused).
    pub auto_jsx: Vec<JsxUse>,
    /// `req.auth` used as a value (`res.json(req.auth)`, `if (req.auth)`): neither called,
    /// nor read through a field (those are in `auth_fields`); `field` is empty.
    pub auth_values: Vec<AuthField>,
    /// The keys of object literals, as the dotted path of keys (and JSX attribute names)
    /// leading to them (`appearance.elements.card`), with the key's range; in files that
    /// import from Clerk only.
    pub key_paths: Vec<(String, Range<usize>)>,
    /// Short identifier-like string literals (`'saml'`) with their ranges; in files that
    /// import from Clerk only.
    pub words: Vec<(String, Range<usize>)>,
}

/// A call of Next.js `auth()` (`@clerk/nextjs` 5 style), for the `await auth()` upgrade.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthCall {
    /// The call `auth()`.
    pub range: Range<usize>,
    /// For `auth().protect(...)`: the whole outer call; `range` is its `auth()`.
    pub protect: Option<Range<usize>>,
    /// The call (the outer one for `protect`) is the operand of `await`.
    pub awaited: bool,
    /// `auth().userId`: the call is the object of a member access (needs parentheses).
    pub member_object: bool,
    /// The enclosing function is `async`; `None` outside any function.
    pub in_async: Option<bool>,
    /// Where `async ` makes the enclosing function async (a `function` keyword or an arrow
    /// function's start); `None` for methods and generators.
    pub async_at: Option<usize>,
    /// `auth` is the first parameter of a `clerkMiddleware` callback.
    pub via_middleware: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// `import { a } from "m"`
    Import,
    /// `export { a } from "m"`
    Reexport,
    /// `const { a } = require("m")`
    Require,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClerkImport {
    /// The module specifier: `@clerk/nextjs/server`.
    pub source: String,
    /// The specifier's text between its quotes.
    pub source_range: Range<usize>,
    pub kind: ImportKind,
    /// `import type { ... }`
    pub type_only: bool,
    pub specifiers: Vec<ImportSpec>,
    /// A default or namespace import (`import clerk from`, `import * as clerk from`), or a
    /// `require` bound to a plain name.
    pub has_other_specifiers: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSpec {
    /// The exported name (`authMiddleware` in `import { authMiddleware as mw }`).
    pub imported: String,
    /// The local binding (`mw`).
    pub local: String,
    /// The range of the imported name.
    pub range: Range<usize>,
    /// `import { type X }`, or the whole declaration is type-only.
    pub type_only: bool,
}

/// A JSX element whose tag is a Clerk import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsxUse {
    /// Index into [`ClerkUsage::imports`].
    pub import: usize,
    /// The component's exported name (`SignIn`, also for `<Clerk.SignIn>`).
    pub component: String,
    pub name_range: Range<usize>,
    pub attrs: Vec<Attr>,
    /// `{...props}`: the element may receive any prop.
    pub has_spread: bool,
}

/// A JSX attribute or an object-literal key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    /// The range of the name.
    pub range: Range<usize>,
    /// `{ apiKey }` (object keys only).
    pub shorthand: bool,
}

/// A call of a Clerk import (or of `setActive`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallUse {
    /// Index into [`ClerkUsage::imports`] (unused for `set_active`).
    pub import: usize,
    /// The callee's exported name.
    pub callee: String,
    pub callee_range: Range<usize>,
    /// The keys of an object literal passed as first or second argument.
    pub object_keys: Vec<Attr>,
    /// That object has a `...spread`.
    pub object_has_spread: bool,
    /// String literals given as the first argument, directly or inside an array literal:
    /// their value and the range of their contents.
    pub strings: Vec<(String, Range<usize>)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberUse {
    pub import: usize,
    /// The binding's exported name (`clerkClient`).
    pub binding: String,
    pub property: String,
    /// The range of `binding.property`.
    pub range: Range<usize>,
    /// The range of the binding's identifier (`clerkClient`, or its local alias).
    pub object_range: Range<usize>,
    /// Whether the innermost enclosing function is `async` (`None` at the top level).
    pub in_async: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainCall {
    /// The two last names of the callee: `("m2m", "verifyToken")`.
    pub names: (String, String),
    /// The range of `a.b`.
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthField {
    /// The object `auth` is read from: `req` in `req.auth.userId`.
    pub object: String,
    /// `userId`, `has`, ...
    pub field: String,
    /// The range of `<id>.auth`.
    pub range: Range<usize>,
}

/// Methods whose first argument's keys are recorded with the method in `key_paths`
/// (`update().password`): the Core 2 option changes of `user.update`,
/// `user.createExternalAccount` and `clerkClient.authenticateRequest`.
const METHOD_KEYS: &[&str] = &["update", "createExternalAccount", "authenticateRequest"];

/// Callee chains worth recording: Backend API methods removed in Core 3.
const CHAINS: &[(&str, &str)] = &[
    ("m2m", "verifyToken"),
    ("apiKeys", "verifySecret"),
    ("idpOAuthAccessToken", "verifyAccessToken"),
];

/// Fields of Clerk's Auth object, as read from `req.auth` on Express.
const AUTH_FIELDS: &[&str] = &[
    "userId",
    "sessionId",
    "sessionClaims",
    "sessionStatus",
    "orgId",
    "orgRole",
    "orgSlug",
    "orgPermissions",
    "actor",
    "has",
    "getToken",
    "isAuthenticated",
    "tokenType",
    "factorVerificationAge",
];

/// Whether a dependency is a Clerk SDK: every `@clerk/*` package and the community ones
/// (`gatsby-plugin-clerk`, `@hono/clerk-auth`, `svelte-clerk`, `vue-clerk`, `@dimkl/clerk-koa`).
pub fn is_clerk_package(name: &str) -> bool {
    name.strip_prefix("@clerk/")
        .is_some_and(|rest| !rest.is_empty())
        || matches!(
            name,
            "gatsby-plugin-clerk"
                | "@hono/clerk-auth"
                | "svelte-clerk"
                | "vue-clerk"
                | "clerk-sveltekit"
                | "@dimkl/clerk-koa"
        )
}

/// Whether a module specifier names a Clerk package (`@clerk/nextjs/server`,
/// `@hono/clerk-auth`).
pub fn is_clerk_module(source: &str) -> bool {
    is_clerk_package(package_of(source))
}

/// The package a module specifier belongs to: `@clerk/nextjs/server` → `@clerk/nextjs`.
pub fn package_of(source: &str) -> &str {
    let mut parts = source.splitn(3, '/');
    match (parts.next(), parts.next()) {
        (Some(scope), Some(name)) if scope.starts_with('@') => {
            &source[..scope.len() + 1 + name.len()]
        }
        (Some(name), _) => name,
        _ => source,
    }
}

/// Adds what `program` (parsed from text starting at byte `base` of the file) does with
/// Clerk packages to `out`.
pub fn collect(program: &Program<'_>, base: usize, out: &mut ClerkUsage) {
    let first = out.imports.len();
    let mut bindings: HashMap<String, Binding> = HashMap::new();
    for stmt in &program.body {
        scan_import(stmt, base, out, &mut bindings);
    }
    // Without a Clerk import only Express's `req.auth`, which `clerkMiddleware()` set up in
    // another file, can still be Clerk's: the rules decide from the app's dependencies.
    if out.imports.len() == first
        && !(program.source_text.contains("req.auth")
            || program.source_text.contains("request.auth"))
    {
        return;
    }
    let mut v = Collector {
        base,
        out,
        bindings,
        text: program.source_text,
        frames: Vec::new(),
        awaited: std::collections::HashSet::new(),
        member_objects: std::collections::HashSet::new(),
        handled: std::collections::HashSet::new(),
        middleware_auth: Vec::new(),
        key_path: Vec::new(),
        auth_used: std::collections::HashSet::new(),
    };
    v.visit_program(program);
}

/// What a local name is bound to.
#[derive(Clone, Debug)]
enum Binding {
    /// A named import: (import index, exported name).
    Named(usize, String),
    /// `import * as ns` / `const ns = require(...)`: the import index.
    Namespace(usize),
}

fn range(base: usize, span: Span) -> Range<usize> {
    base + span.start as usize..base + span.end as usize
}

/// The contents of a string literal (without its quotes).
fn inner(base: usize, span: Span) -> Range<usize> {
    let r = range(base, span);
    if r.len() >= 2 {
        r.start + 1..r.end - 1
    } else {
        r
    }
}

fn export_name<'a>(name: &'a ModuleExportName<'a>) -> (&'a str, Span) {
    match name {
        ModuleExportName::IdentifierName(n) => (n.name.as_str(), n.span),
        ModuleExportName::IdentifierReference(n) => (n.name.as_str(), n.span),
        ModuleExportName::StringLiteral(n) => (n.value.as_str(), n.span),
    }
}

fn scan_import(
    stmt: &Statement<'_>,
    base: usize,
    out: &mut ClerkUsage,
    bindings: &mut HashMap<String, Binding>,
) {
    match stmt {
        Statement::ImportDeclaration(d) => {
            let source = d.source.value.as_str();
            if !is_clerk_module(source) {
                return;
            }
            let index = out.imports.len();
            let type_only = d.import_kind == ImportOrExportKind::Type;
            let mut specifiers = Vec::new();
            let mut other = false;
            for spec in d.specifiers.iter().flatten() {
                match spec {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => {
                        let (imported, span) = export_name(&s.imported);
                        let local = s.local.name.to_string();
                        bindings.insert(local.clone(), Binding::Named(index, imported.to_string()));
                        specifiers.push(ImportSpec {
                            imported: imported.to_string(),
                            local,
                            range: range(base, span),
                            type_only: type_only || s.import_kind == ImportOrExportKind::Type,
                        });
                    }
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                        other = true;
                        bindings.insert(s.local.name.to_string(), Binding::Namespace(index));
                    }
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                        // `import clerk from "@clerk/astro"`: calls of it are `default(...)`.
                        other = true;
                        bindings.insert(
                            s.local.name.to_string(),
                            Binding::Named(index, "default".to_string()),
                        );
                    }
                }
            }
            out.imports.push(ClerkImport {
                source: source.to_string(),
                source_range: inner(base, d.source.span),
                kind: ImportKind::Import,
                type_only,
                specifiers,
                has_other_specifiers: other,
            });
        }
        Statement::ExportFromDeclaration(d) => {
            let source = d.source.value.as_str();
            if !is_clerk_module(source) {
                return;
            }
            let type_only = d.export_kind == ImportOrExportKind::Type;
            let specifiers = d
                .specifiers
                .iter()
                .map(|s| {
                    let (imported, span) = export_name(&s.local);
                    let (exported, _) = export_name(&s.exported);
                    ImportSpec {
                        imported: imported.to_string(),
                        local: exported.to_string(),
                        range: range(base, span),
                        type_only: type_only || s.export_kind == ImportOrExportKind::Type,
                    }
                })
                .collect();
            out.imports.push(ClerkImport {
                source: source.to_string(),
                source_range: inner(base, d.source.span),
                kind: ImportKind::Reexport,
                type_only,
                specifiers,
                has_other_specifiers: false,
            });
        }
        Statement::VariableDeclaration(d) => {
            for decl in &d.declarations {
                scan_require(decl, base, out, bindings);
            }
        }
        _ => {}
    }
}

/// `const { a, b: c } = require("@clerk/x")` and `const clerk = require("@clerk/x")`.
fn scan_require(
    decl: &VariableDeclarator<'_>,
    base: usize,
    out: &mut ClerkUsage,
    bindings: &mut HashMap<String, Binding>,
) {
    let Some(Expression::CallExpression(call)) =
        decl.init.as_ref().map(|e| e.get_inner_expression())
    else {
        return;
    };
    let Expression::Identifier(callee) = call.callee.get_inner_expression() else {
        return;
    };
    if callee.name != "require" || call.arguments.len() != 1 {
        return;
    }
    let Some(Argument::StringLiteral(s)) = call.arguments.first() else {
        return;
    };
    let source = s.value.as_str();
    if !is_clerk_module(source) {
        return;
    }
    let index = out.imports.len();
    let mut specifiers = Vec::new();
    let mut other = false;
    match &decl.id {
        BindingPattern::ObjectPattern(p) => {
            for prop in &p.properties {
                let (PropertyKey::StaticIdentifier(key), false) = (&prop.key, prop.computed) else {
                    other = true;
                    continue;
                };
                let local = match &prop.value {
                    BindingPattern::BindingIdentifier(id) => id.name.to_string(),
                    BindingPattern::AssignmentPattern(a) => match &a.left {
                        BindingPattern::BindingIdentifier(id) => id.name.to_string(),
                        _ => continue,
                    },
                    _ => continue,
                };
                bindings.insert(local.clone(), Binding::Named(index, key.name.to_string()));
                specifiers.push(ImportSpec {
                    imported: key.name.to_string(),
                    local,
                    range: range(base, key.span),
                    type_only: false,
                });
            }
            if p.rest.is_some() {
                other = true;
            }
        }
        BindingPattern::BindingIdentifier(id) => {
            other = true;
            bindings.insert(id.name.to_string(), Binding::Namespace(index));
        }
        _ => other = true,
    }
    out.imports.push(ClerkImport {
        source: source.to_string(),
        source_range: inner(base, s.span),
        kind: ImportKind::Require,
        type_only: false,
        specifiers,
        has_other_specifiers: other,
    });
}

struct Collector<'o> {
    base: usize,
    out: &'o mut ClerkUsage,
    bindings: HashMap<String, Binding>,
    /// The text `program` was parsed from (spans index into it).
    text: &'o str,
    /// The enclosing functions: (is async, where `async ` would go).
    frames: Vec<(bool, Option<usize>)>,
    /// Starts of the calls that are the operand of `await`.
    awaited: std::collections::HashSet<u32>,
    /// Starts of the calls that are the object of a member access.
    member_objects: std::collections::HashSet<u32>,
    /// Starts of `auth()` calls already recorded as part of `auth().protect()`.
    handled: std::collections::HashSet<u32>,
    /// The names of the `auth` parameter of the `clerkMiddleware` callbacks being walked.
    middleware_auth: Vec<String>,
    /// The object keys (and JSX attribute names) enclosing the node being walked.
    key_path: Vec<String>,
    /// Spans of member expressions that are called, read through, or destructured (so a
    /// `req.auth` among them is not a bare value).
    auth_used: std::collections::HashSet<(u32, u32)>,
}

impl Collector<'_> {
    fn range(&self, span: Span) -> Range<usize> {
        range(self.base, span)
    }

    /// Whether `call` is `auth()` of `@clerk/nextjs` (or a `clerkMiddleware` callback's
    /// `auth()`), and if so whether through the middleware parameter.
    fn is_next_auth_call(&self, call: &CallExpression<'_>) -> Option<bool> {
        if !call.arguments.is_empty() {
            return None;
        }
        if let Expression::Identifier(id) = call.callee.get_inner_expression()
            && self.middleware_auth.iter().any(|n| n == id.name.as_str())
        {
            return Some(true);
        }
        let (import, name) = self.resolve(&call.callee)?;
        let source = self.out.imports[import].source.as_str();
        (name == "auth"
            && matches!(
                source,
                "@clerk/nextjs" | "@clerk/nextjs/server" | "@clerk/nextjs/app-beta"
            ))
        .then_some(false)
    }

    fn record_auth_call(
        &mut self,
        call: &CallExpression<'_>,
        protect: Option<&CallExpression<'_>>,
        via_middleware: bool,
    ) {
        let outer = protect.unwrap_or(call);
        let frame = self.frames.last().copied();
        self.out.auth_calls.push(AuthCall {
            range: self.range(call.span),
            protect: protect.map(|p| self.range(p.span)),
            awaited: self.awaited.contains(&outer.span.start),
            member_object: self.member_objects.contains(&outer.span.start),
            in_async: frame.map(|(a, _)| a),
            async_at: frame.and_then(|(_, at)| at),
            via_middleware,
        });
    }

    /// The Clerk import an expression names: a bound identifier or `namespace.name`.
    fn resolve(&self, expr: &Expression<'_>) -> Option<(usize, String)> {
        match expr.get_inner_expression() {
            Expression::Identifier(id) => match self.bindings.get(id.name.as_str())? {
                Binding::Named(i, name) => Some((*i, name.clone())),
                Binding::Namespace(_) => None,
            },
            Expression::StaticMemberExpression(m) => match m.object.get_inner_expression() {
                Expression::Identifier(ns) => match self.bindings.get(ns.name.as_str())? {
                    Binding::Namespace(i) => Some((*i, m.property.name.to_string())),
                    Binding::Named(..) => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    fn call_use(&self, import: usize, callee: String, call: &CallExpression<'_>) -> CallUse {
        let mut use_ = CallUse {
            import,
            callee,
            callee_range: self.range(call.callee.span()),
            object_keys: Vec::new(),
            object_has_spread: false,
            strings: Vec::new(),
        };
        for arg in call.arguments.iter().take(2) {
            if let Some(Expression::ObjectExpression(o)) =
                arg.as_expression().map(|e| e.get_inner_expression())
            {
                for prop in &o.properties {
                    match prop {
                        ObjectPropertyKind::ObjectProperty(p) if !p.computed => {
                            let key = match &p.key {
                                PropertyKey::StaticIdentifier(k) => {
                                    Some((k.name.to_string(), self.range(k.span)))
                                }
                                PropertyKey::StringLiteral(s) => {
                                    Some((s.value.to_string(), inner(self.base, s.span)))
                                }
                                _ => None,
                            };
                            if let Some((name, range)) = key {
                                use_.object_keys.push(Attr {
                                    name,
                                    range,
                                    shorthand: p.shorthand,
                                });
                            }
                        }
                        ObjectPropertyKind::ObjectProperty(_) => {}
                        ObjectPropertyKind::SpreadProperty(_) => use_.object_has_spread = true,
                    }
                }
            }
        }
        if let Some(first) = call.arguments.first().and_then(|a| a.as_expression()) {
            match first.get_inner_expression() {
                Expression::ArrayExpression(a) => {
                    for el in &a.elements {
                        if let Some(e) = el.as_expression()
                            && let Some(s) = self.string(e)
                        {
                            use_.strings.push(s);
                        }
                    }
                }
                e => {
                    if let Some(s) = self.string(e) {
                        use_.strings.push(s);
                    }
                }
            }
        }
        use_
    }

    fn string(&self, e: &Expression<'_>) -> Option<(String, Range<usize>)> {
        match e.get_inner_expression() {
            Expression::StringLiteral(s) => Some((s.value.to_string(), inner(self.base, s.span))),
            Expression::TemplateLiteral(t) if t.expressions.is_empty() && t.quasis.len() == 1 => {
                let cooked = t.quasis[0].value.cooked.as_ref()?;
                Some((cooked.to_string(), inner(self.base, t.span)))
            }
            _ => None,
        }
    }
}

impl<'a> Visit<'a> for Collector<'_> {
    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        // `async ` goes before the `function` keyword; methods and generators get no fix.
        let start = it.span.start as usize;
        let at = (!it.generator
            && self
                .text
                .get(start..)
                .is_some_and(|t| t.starts_with("function")))
        .then_some(self.base + start);
        self.frames.push((it.r#async, at));
        walk::walk_function(self, it, flags);
        self.frames.pop();
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.frames
            .push((it.r#async, Some(self.base + it.span.start as usize)));
        walk::walk_arrow_function_expression(self, it);
        self.frames.pop();
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        let key = match &it.key {
            PropertyKey::StaticIdentifier(k) if !it.computed => Some((k.name.as_str(), k.span)),
            PropertyKey::StringLiteral(k) if !it.computed => Some((k.value.as_str(), k.span)),
            _ => None,
        };
        let Some((key, span)) = key.filter(|_| !self.out.imports.is_empty()) else {
            walk::walk_object_property(self, it);
            return;
        };
        self.key_path.push(key.to_string());
        self.out
            .key_paths
            .push((self.key_path.join("."), self.range(span)));
        walk::walk_object_property(self, it);
        self.key_path.pop();
    }

    fn visit_jsx_attribute(&mut self, it: &JSXAttribute<'a>) {
        if let JSXAttributeName::Identifier(n) = &it.name {
            self.key_path.push(n.name.to_string());
            if !self.out.imports.is_empty() {
                self.out
                    .key_paths
                    .push((self.key_path.join("."), self.range(n.span)));
            }
            walk::walk_jsx_attribute(self, it);
            self.key_path.pop();
        } else {
            walk::walk_jsx_attribute(self, it);
        }
    }

    fn visit_string_literal(&mut self, it: &StringLiteral<'a>) {
        let v = it.value.as_str();
        if !self.out.imports.is_empty()
            && (1..=40).contains(&v.len())
            && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.out
                .words
                .push((v.to_string(), inner(self.base, it.span)));
        }
    }

    fn visit_await_expression(&mut self, it: &AwaitExpression<'a>) {
        if let Expression::CallExpression(c) = it.argument.get_inner_expression() {
            self.awaited.insert(c.span.start);
        }
        walk::walk_await_expression(self, it);
    }

    fn visit_jsx_opening_element(&mut self, it: &JSXOpeningElement<'a>) {
        let target = match &it.name {
            JSXElementName::IdentifierReference(id) => match self.bindings.get(id.name.as_str()) {
                Some(Binding::Named(i, name)) => Some((*i, name.clone(), id.span)),
                _ => None,
            },
            JSXElementName::MemberExpression(m) => match &m.object {
                JSXMemberExpressionObject::IdentifierReference(ns) => {
                    match self.bindings.get(ns.name.as_str()) {
                        Some(Binding::Namespace(i)) => {
                            Some((*i, m.property.name.to_string(), m.span))
                        }
                        _ => None,
                    }
                }
                _ => None,
            },
            _ => None,
        };
        if let Some((import, component, span)) = target {
            let mut attrs = Vec::new();
            let mut has_spread = false;
            for item in &it.attributes {
                match item {
                    JSXAttributeItem::Attribute(a) => {
                        if let JSXAttributeName::Identifier(n) = &a.name {
                            attrs.push(Attr {
                                name: n.name.to_string(),
                                range: self.range(n.span),
                                shorthand: false,
                            });
                        }
                    }
                    JSXAttributeItem::SpreadAttribute(_) => has_spread = true,
                }
            }
            self.out.jsx.push(JsxUse {
                import,
                component,
                name_range: self.range(span),
                attrs,
                has_spread,
            });
        }
        walk::walk_jsx_opening_element(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if let Expression::StaticMemberExpression(m) = it.callee.get_inner_expression() {
            self.auth_used.insert((m.span.start, m.span.end));
        }
        // `auth().protect()` and `auth()`.
        if let Expression::StaticMemberExpression(m) = it.callee.get_inner_expression()
            && m.property.name == "protect"
            && let Expression::CallExpression(inner) = m.object.get_inner_expression()
            && let Some(via) = self.is_next_auth_call(inner)
        {
            self.handled.insert(inner.span.start);
            self.record_auth_call(inner, Some(it), via);
        } else if !self.handled.contains(&it.span.start)
            && let Some(via) = self.is_next_auth_call(it)
        {
            self.record_auth_call(it, None, via);
        }
        let mut pushed = false;
        if let Some((import, callee)) = self.resolve(&it.callee) {
            if callee == "clerkMiddleware"
                && package_of(&self.out.imports[import].source) == "@clerk/nextjs"
                && let Some(name) = it.arguments.first().and_then(|a| first_param(a))
            {
                self.middleware_auth.push(name);
                pushed = true;
            }
            let use_ = self.call_use(import, callee, it);
            self.out.calls.push(use_);
        }
        // `x.update({ password })`: the keys of the first argument, as `update().password`.
        if let Expression::StaticMemberExpression(m) = it.callee.get_inner_expression()
            && METHOD_KEYS.contains(&m.property.name.as_str())
            && !self.out.imports.is_empty()
            && let Some(Argument::ObjectExpression(obj)) = it.arguments.first()
        {
            for prop in &obj.properties {
                if let ObjectPropertyKind::ObjectProperty(p) = prop
                    && !p.computed
                    && let PropertyKey::StaticIdentifier(k) = &p.key
                {
                    let path = format!("{}().{}", m.property.name, k.name);
                    let range = self.range(k.span);
                    self.out.key_paths.push((path, range));
                }
            }
        }
        match it.callee.get_inner_expression() {
            Expression::StaticMemberExpression(m) => {
                if let Expression::StaticMemberExpression(inner_m) = m.object.get_inner_expression()
                {
                    let pair = (inner_m.property.name.as_str(), m.property.name.as_str());
                    if CHAINS.contains(&pair) {
                        let start = inner_m.property.span.start;
                        let span = Span::new(start, m.property.span.end);
                        self.out.chains.push(ChainCall {
                            names: (pair.0.to_string(), pair.1.to_string()),
                            range: self.range(span),
                        });
                    }
                }
                if m.property.name == "setActive" {
                    let use_ = self.call_use(0, "setActive".to_string(), it);
                    self.out.set_active.push(use_);
                }
            }
            Expression::Identifier(id) if id.name == "setActive" => {
                let use_ = self.call_use(0, "setActive".to_string(), it);
                self.out.set_active.push(use_);
            }
            _ => {}
        }
        walk::walk_call_expression(self, it);
        if pushed {
            self.middleware_auth.pop();
        }
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if let Expression::StaticMemberExpression(inner) = it.object.get_inner_expression() {
            self.auth_used.insert((inner.span.start, inner.span.end));
        }
        if it.property.name == "auth"
            && !self.auth_used.contains(&(it.span.start, it.span.end))
            && let Expression::Identifier(object) = it.object.get_inner_expression()
            && matches!(object.name.as_str(), "req" | "request")
        {
            self.out.auth_values.push(AuthField {
                object: object.name.to_string(),
                field: String::new(),
                range: self.range(it.span),
            });
        }
        if !self.out.imports.is_empty() {
            self.out
                .properties
                .push((it.property.name.to_string(), self.range(it.property.span)));
        }
        if let Expression::CallExpression(c) = it.object.get_inner_expression() {
            self.member_objects.insert(c.span.start);
        }
        match it.object.get_inner_expression() {
            Expression::Identifier(id) => {
                if let Some(Binding::Named(i, name)) = self.bindings.get(id.name.as_str()) {
                    let use_ = MemberUse {
                        import: *i,
                        binding: name.clone(),
                        property: it.property.name.to_string(),
                        range: self.range(it.span),
                        object_range: self.range(id.span),
                        in_async: self.frames.last().map(|f| f.0),
                    };
                    self.out.members.push(use_);
                }
            }
            Expression::StaticMemberExpression(auth)
                if auth.property.name == "auth"
                    && AUTH_FIELDS.contains(&it.property.name.as_str()) =>
            {
                if let Expression::Identifier(object) = auth.object.get_inner_expression() {
                    self.out.auth_fields.push(AuthField {
                        object: object.name.to_string(),
                        field: it.property.name.to_string(),
                        range: self.range(auth.span),
                    });
                }
            }
            _ => {}
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (BindingPattern::ObjectPattern(p), Some(init)) = (&it.id, &it.init) {
            let keys = p.properties.iter().filter_map(|prop| match &prop.key {
                PropertyKey::StaticIdentifier(k) if !prop.computed => Some(k.name.as_str()),
                _ => None,
            });
            match init.get_inner_expression() {
                Expression::StaticMemberExpression(auth) if auth.property.name == "auth" => {
                    self.auth_used.insert((auth.span.start, auth.span.end));
                    if let Expression::Identifier(object) = auth.object.get_inner_expression() {
                        for key in keys.filter(|k| AUTH_FIELDS.contains(k)) {
                            self.out.auth_fields.push(AuthField {
                                object: object.name.to_string(),
                                field: key.to_string(),
                                range: self.range(auth.span),
                            });
                        }
                    }
                }
                Expression::Identifier(id) => {
                    if let Some(Binding::Named(i, name)) = self.bindings.get(id.name.as_str()) {
                        let (i, name) = (*i, name.clone());
                        let range = self.range(id.span);
                        let in_async = self.frames.last().map(|f| f.0);
                        for key in keys {
                            self.out.members.push(MemberUse {
                                import: i,
                                binding: name.clone(),
                                property: key.to_string(),
                                range: range.clone(),
                                object_range: range.clone(),
                                in_async,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        walk::walk_variable_declarator(self, it);
    }
}

/// The name of the first parameter of a function argument (`(auth, req) => ...`).
fn first_param(arg: &Argument<'_>) -> Option<String> {
    let params = match arg.as_expression()?.get_inner_expression() {
        Expression::ArrowFunctionExpression(f) => &f.params,
        Expression::FunctionExpression(f) => &f.params,
        _ => return None,
    };
    match &params.items.first()?.pattern {
        BindingPattern::BindingIdentifier(id) => Some(id.name.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::script::ScriptFile;
    use super::*;

    fn usage(src: &str) -> ClerkUsage {
        let f = ScriptFile::parse("a.tsx", src);
        assert!(f.parse_error.is_none(), "{:?}", f.parse_error);
        f.clerk
    }

    #[test]
    fn packages() {
        assert_eq!(package_of("@clerk/nextjs/server"), "@clerk/nextjs");
        assert_eq!(package_of("@clerk/nextjs"), "@clerk/nextjs");
        assert_eq!(package_of("@hono/clerk-auth"), "@hono/clerk-auth");
        assert_eq!(package_of("svelte-clerk/server"), "svelte-clerk");
        assert!(is_clerk_module("@clerk/express"));
        assert!(!is_clerk_module("@clerkx/express"));
        assert!(!is_clerk_module("./clerk"));
    }

    #[test]
    fn imports_jsx_and_calls_are_keyed_by_their_import() {
        let src = r#"
import { SignIn as ClerkSignIn, type User } from "@clerk/nextjs";
import * as Clerk from '@clerk/clerk-react';
import { createRouteMatcher, clerkClient } from "@clerk/nextjs/server";
import { SignUp } from "./local";
export { auth } from "@clerk/nextjs";
const { authMiddleware } = require("@clerk/nextjs");
const m = createRouteMatcher(["/a(.*)", `/b`, x]);
const u = await clerkClient.users.getUser("1");
export default function P(props) {
  return <>
    <ClerkSignIn afterSignInUrl="/x" {...props} />
    <Clerk.UserButton afterSignOutUrl="/" />
    <SignUp afterSignUpUrl="/y" />
  </>;
}
"#;
        let u = usage(src);
        let sources: Vec<&str> = u.imports.iter().map(|i| i.source.as_str()).collect();
        assert_eq!(
            sources,
            [
                "@clerk/nextjs",
                "@clerk/clerk-react",
                "@clerk/nextjs/server",
                "@clerk/nextjs",
                "@clerk/nextjs"
            ]
        );
        assert!(u.imports[0].specifiers[1].type_only);
        assert_eq!(&src[u.imports[0].source_range.clone()], "@clerk/nextjs");
        assert_eq!(u.imports[3].kind, ImportKind::Reexport);
        assert_eq!(u.imports[4].kind, ImportKind::Require);
        assert_eq!(u.imports[4].specifiers[0].imported, "authMiddleware");
        let jsx: Vec<(&str, bool)> = u
            .jsx
            .iter()
            .map(|j| (j.component.as_str(), j.has_spread))
            .collect();
        assert_eq!(jsx, [("SignIn", true), ("UserButton", false)]);
        assert_eq!(&src[u.jsx[0].attrs[0].range.clone()], "afterSignInUrl");
        let call = u
            .calls
            .iter()
            .find(|c| c.callee == "createRouteMatcher")
            .unwrap();
        let strings: Vec<&str> = call.strings.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(strings, ["/a(.*)", "/b"]);
        assert_eq!(&src[call.strings[0].1.clone()], "/a(.*)");
        assert_eq!(u.members.len(), 1);
        assert_eq!(u.members[0].property, "users");
        assert_eq!(&src[u.members[0].range.clone()], "clerkClient.users");
    }

    #[test]
    fn object_keys_chains_and_auth_fields() {
        let src = r#"
import { clerkMiddleware, createClerkClient } from "@clerk/express";
const c = createClerkClient({ apiKey: k, secretKey, ...rest });
app.get("/", (req, res) => {
  const { userId } = req.auth;
  if (!req.auth.has({ role: "x" })) return;
  req.auth().userId;
  c.m2m.verifyToken({ token });
  setActive({ session, beforeEmit: () => {} });
});
"#;
        let u = usage(src);
        let call = u
            .calls
            .iter()
            .find(|c| c.callee == "createClerkClient")
            .unwrap();
        let keys: Vec<(&str, bool)> = call
            .object_keys
            .iter()
            .map(|k| (k.name.as_str(), k.shorthand))
            .collect();
        assert_eq!(keys, [("apiKey", false), ("secretKey", true)]);
        assert!(call.object_has_spread);
        let fields: Vec<&str> = u.auth_fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["userId", "has"]);
        assert_eq!(u.chains.len(), 1);
        assert_eq!(&src[u.chains[0].range.clone()], "m2m.verifyToken");
        assert_eq!(u.set_active.len(), 1);
        assert_eq!(u.set_active[0].object_keys[1].name, "beforeEmit");
    }

    #[test]
    fn files_without_clerk_imports_collect_only_req_auth() {
        // `req.auth` may be Clerk's through a `clerkMiddleware()` installed in another file:
        // collected, and the rule decides from the app's dependencies. Nothing else is.
        let u = usage(
            "import { SignIn } from './ui';\nconst a = req.auth.userId;\n<SignIn afterSignInUrl='/' />;",
        );
        assert!(u.imports.is_empty() && u.jsx.is_empty() && u.calls.is_empty());
        assert_eq!(u.auth_fields.len(), 1);
        let u = usage("import { SignIn } from './ui';\n<SignIn afterSignInUrl='/' />;");
        assert!(u.imports.is_empty() && u.jsx.is_empty() && u.auth_fields.is_empty());
    }
}
