//! The Next.js middleware / proxy model: what `clerkMiddleware`, `authMiddleware` and
//! `config.matcher` protect.
//!
//! [`Middleware::parse`] finds the exported middleware (`export default`, `export const
//! middleware` / `proxy`, `export function proxy`, or an `export { x as default }` alias),
//! follows local bindings to the Clerk factory call and turns the callback into a small
//! program of [`Step`]s: `if` branches over [`Cond`]itions (route matchers, `auth().userId`,
//! pathname tests), and exits that reject signed-out requests (`auth.protect()`,
//! `redirectToSignIn()`, a redirect or error response behind a signed-out test), let them
//! through (`return`, `NextResponse.next()`, the end of the callback) or are not understood.
//! [`Middleware::coverage`] runs that program for a signed-out request to one pathname; a
//! condition it cannot evaluate runs both branches and only keeps an answer they agree on, so
//! custom logic makes the answer [`Coverage::Unknown`] rather than a wrong claim.
//!
//! Factories count only when imported from an `@clerk/` package. `config.matcher` entries are
//! compiled with [`RoutePattern::next_matcher`]; for `{ source, has, missing }` objects only
//! `source` is used (a request that fails `has`/`missing` is treated as matched).

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::ops::Range;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ArrayExpressionElement, ArrowFunctionExpression, BinaryExpression, BinaryOperator,
    BindingPattern, CallExpression, ChainElement, Declaration, ExportDefaultDeclarationKind,
    Expression, FormalParameters, Function, FunctionBody, IdentifierReference,
    ImportDeclarationSpecifier, LogicalOperator, ModuleExportName, ObjectExpression, ObjectPattern,
    ObjectPropertyKind, RegExpFlags, ReturnStatement, Statement, StaticMemberExpression,
    ThrowStatement, UnaryOperator, VariableDeclaration, VariableDeclarationKind,
};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType, Span};

use crate::analysis::matcher::RoutePattern;

/// How the middleware treats one pathname.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// The middleware runs for the path and rejects signed-out requests.
    Protected,
    /// The middleware runs for the path but lets signed-out requests through (populate-only,
    /// allow-by-default with no matching protected pattern, a public route).
    Runs,
    /// `config.matcher` excludes the path: the middleware does not run (Clerk's `auth()` then
    /// throws in the handler).
    NotRun,
    /// The middleware's shape is not understood (custom logic): neither claim is made.
    Unknown,
}

/// What kind of Clerk middleware the file exports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MiddlewareKind {
    /// `clerkMiddleware(...)`.
    Clerk,
    /// Core-1 `authMiddleware({ publicRoutes, ignoredRoutes, afterAuth })`.
    AuthMiddleware,
    /// Core-1 `withClerkMiddleware(...)`: attaches auth, protects nothing.
    WithClerk,
    /// No Clerk middleware found in the file.
    NotClerk,
}

/// What a [`MiddlewareIssue`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueKind {
    /// A public-route entry opens every API route.
    PublicApi,
    /// `config.matcher` does not match a sample `/api` path (a generic probe: the endpoint
    /// analysis checks the app's real routes instead).
    MatcherExcludesApi,
    /// `auth.protect()` is neither awaited nor returned.
    UnawaitedProtect,
    /// A Core-1 `afterAuth` that rejects nobody.
    AfterAuthOpen,
}

/// A `middleware-matcher-gap` finding inside the middleware file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MiddlewareIssue {
    pub kind: IssueKind,
    /// Byte range in the middleware file (the matcher entry, the `protect` call, ...).
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
}

#[derive(Clone, Debug)]
pub struct Middleware {
    pub kind: MiddlewareKind,
    /// `config.matcher`, when exported; `None` means the middleware runs on every path.
    pub matcher: Option<Vec<RoutePattern>>,
    /// Problems found in the file itself.
    pub issues: Vec<MiddlewareIssue>,
    /// The exported middleware.
    model: Model,
    /// Clerk instances a wrapper function delegates to ([`Step::Delegate`]).
    models: Vec<Model>,
    /// Route matchers, `publicRoutes`, `ignoredRoutes`, `apiRoutes` ([`Cond::Matcher`]).
    route_sets: Vec<RouteSet>,
    /// `config.matcher` exists but is not a literal the analysis can read.
    matcher_unknown: bool,
}

/// The sample API pathname the file-level checks use (dot-free, like route samples).
const API_SAMPLE: &str = "/api/clerk-lint-sample";

/// How many bindings deep the analysis follows identifiers.
const MAX_FOLLOW: u32 = 8;
/// Nesting of statements / expressions past which the analysis gives up (no deep recursion).
const MAX_NEST: u32 = 150;
/// Steps one coverage question may take (unknown conditions fork the evaluation).
const RUN_BUDGET: u32 = 20_000;

// ---------------------------------------------------------------------------------------------
// The model

#[derive(Clone, Debug)]
enum Model {
    /// Not understood.
    Unknown,
    /// Runs on every path and protects nothing (`clerkMiddleware()`, `withClerkMiddleware`).
    Runs,
    /// A `clerkMiddleware` callback.
    Handler(Vec<Step>),
    /// Core-1 `authMiddleware`.
    AuthMw(Box<AuthMw>),
    /// A function of the app's that calls a Clerk middleware instance on some paths.
    Wrapper(Vec<Step>),
}

#[derive(Clone, Debug)]
struct AuthMw {
    /// Index of `publicRoutes` in `route_sets`.
    public: usize,
    /// Index of `ignoredRoutes` in `route_sets`.
    ignored: usize,
    /// A custom `afterAuth`: replaces the default "signed-out and not public → reject".
    after_auth: Option<Vec<Step>>,
    /// A `beforeAuth` can skip authentication: not modelled.
    before_auth: bool,
}

#[derive(Clone, Debug)]
enum Step {
    If {
        cond: Cond,
        then: Vec<Step>,
        els: Vec<Step>,
    },
    /// Rejects the (signed-out) request: `auth.protect()`, `redirectToSignIn()`.
    Deny,
    /// Lets the request through: `return`, `return NextResponse.next()`.
    Allow,
    /// Ends with a response or an exception: a rejection when reached only by signed-out
    /// requests (`if (!userId) return NextResponse.redirect(...)`), unknown otherwise.
    Respond,
    /// Something that may exit in a way the analysis does not follow.
    Unknown,
    /// A wrapper hands the request to a Clerk instance (index into `models`).
    Delegate(usize),
    /// An `auth.protect()` that is neither awaited nor returned on v6+: protects nothing, but
    /// shows what the author meant (used to judge whether a matcher is a public list).
    Unawaited,
}

#[derive(Clone, Debug)]
enum Cond {
    Const(bool),
    Unknown,
    /// A route set matches the pathname.
    Matcher(usize),
    /// A session value: false for signed-out requests; for signed-in ones true when `sure`
    /// (`userId`), unknown otherwise (`orgId`, `has(...)`).
    SignedIn {
        sure: bool,
    },
    Path(PathTest),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

#[derive(Clone, Debug)]
enum PathTest {
    Eq(String),
    Prefix(String),
    Suffix(String),
    Contains(String),
}

impl Cond {
    fn negate(self) -> Cond {
        match self {
            Cond::Const(b) => Cond::Const(!b),
            Cond::Unknown => Cond::Unknown,
            Cond::Not(inner) => *inner,
            c => Cond::Not(Box::new(c)),
        }
    }

    fn mentions_session(&self) -> bool {
        match self {
            Cond::SignedIn { .. } => true,
            Cond::Not(c) => c.mentions_session(),
            Cond::And(a, b) | Cond::Or(a, b) => a.mentions_session() || b.mentions_session(),
            _ => false,
        }
    }
}

#[derive(Clone, Debug, Default)]
struct RouteSet {
    entries: Vec<RouteEntry>,
    /// Some entry is not a literal (or not valid): a non-match proves nothing.
    unknown: bool,
    role: SetRole,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SetRole {
    /// `createRouteMatcher(...)`.
    #[default]
    Matcher,
    /// `authMiddleware` `publicRoutes`.
    AuthPublic,
    /// `ignoredRoutes`, `apiRoutes`.
    Other,
}

#[derive(Clone, Debug)]
struct RouteEntry {
    pattern: RoutePattern,
    /// The entry as written (`/api(.*)`, `/^\/api/i`).
    display: String,
    range: Range<usize>,
}

impl RouteSet {
    fn eval(&self, path: &str) -> Option<bool> {
        if self.entries.iter().any(|e| e.pattern.matches(path)) {
            Some(true)
        } else if self.unknown {
            None
        } else {
            Some(false)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

struct Env<'p> {
    path: &'p str,
    /// Count un-awaited `auth.protect()` calls as protecting (the author's intent).
    intent: bool,
    /// Forces one route set's answer (used to ask "does this matcher open routes?").
    force: Option<(usize, bool)>,
    budget: Cell<u32>,
}

impl Env<'_> {
    fn tick(&self) -> bool {
        let b = self.budget.get();
        if b == 0 {
            return false;
        }
        self.budget.set(b - 1);
        true
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum RunMode {
    /// Inside a Clerk callback: the end of the program lets the request through.
    Handler,
    /// Inside an app function wrapping a Clerk instance: only a delegation says anything.
    Wrapper,
}

struct Cont<'s> {
    steps: &'s [Step],
    /// A signed-in request may not reach these steps.
    div: bool,
    next: Option<&'s Cont<'s>>,
}

fn has_exit(steps: &[Step]) -> bool {
    steps.iter().any(|s| match s {
        Step::If { then, els, .. } => has_exit(then) || has_exit(els),
        Step::Unawaited => false,
        _ => true,
    })
}

/// Can this `afterAuth` program reject a signed-out request (or do something unknown)?
fn can_reject(steps: &[Step], under_session_test: bool) -> bool {
    steps.iter().any(|s| match s {
        Step::Deny | Step::Unknown | Step::Delegate(_) => true,
        Step::Respond => under_session_test,
        Step::Allow | Step::Unawaited => false,
        Step::If { cond, then, els } => {
            let u = under_session_test || cond.mentions_session();
            can_reject(then, u) || can_reject(els, u)
        }
    })
}

impl Middleware {
    /// Reads a middleware/proxy file. `auth_is_async` is true on `@clerk/nextjs` 6 and later
    /// (where `auth.protect()` must be awaited or returned).
    pub fn parse(path: &str, text: &str, auth_is_async: bool) -> Middleware {
        let source_type = match SourceType::from_path(path) {
            Ok(st) if st.is_javascript() => st.with_jsx(true),
            Ok(st) => st,
            Err(_) => SourceType::tsx(),
        };
        let allocator = Allocator::default();
        let ret = Parser::new(&allocator, text, source_type).parse();
        if ret.panicked || ret.diagnostics.has_errors() {
            return Middleware::not_clerk();
        }
        let program = &ret.program;
        let module = Module::collect(&program.body);
        let mut b = Builder {
            module,
            auth_is_async,
            route_sets: Vec::new(),
            named_matchers: HashMap::new(),
            models: Vec::new(),
            delegates: HashMap::new(),
            issues: Vec::new(),
        };

        let mut found = None;
        for name in ["default", "proxy", "middleware"] {
            if let Some(t) = b.module.exports.get(name).copied() {
                found = b.target(t, 0);
                if found.is_some() {
                    break;
                }
            }
        }
        if found.is_none() {
            // A Clerk middleware the export reaches in a way not followed (a chain helper, a
            // re-export): the file is a Clerk middleware whose coverage is unknown.
            let mut scan = FactoryScan {
                module: &b.module,
                found: None,
            };
            scan.visit_program(program);
            found = scan.found.map(|k| (k, Model::Unknown));
        }
        let (kind, model) = found.unwrap_or((MiddlewareKind::NotClerk, Model::Unknown));

        let config = b.module.exports.get("config").copied();
        let (matcher, matcher_unknown, matcher_range) = match config {
            Some(t) => b.config_matcher(t),
            None => (None, false, None),
        };

        let Builder {
            route_sets,
            models,
            issues,
            ..
        } = b;
        let mut mw = Middleware {
            kind,
            matcher,
            issues,
            model,
            models: models.into_iter().map(|(_, m)| m).collect(),
            route_sets,
            matcher_unknown,
        };
        if mw.kind != MiddlewareKind::NotClerk {
            mw.check_public_api();
            if let (Some(m), Some(range)) = (&mw.matcher, matcher_range)
                && !m.iter().any(|p| p.matches(API_SAMPLE))
            {
                mw.issues.push(MiddlewareIssue {
                    kind: IssueKind::MatcherExcludesApi,
                    range,
                    message: "`config.matcher` never runs the middleware for `/api` routes, so `auth()` in route handlers throws".to_string(),
                    help: "add `'/(api|trpc)(.*)'` to `config.matcher`, as in Clerk's recommended config".to_string(),
                });
            }
        }
        mw.issues.sort_by_key(|i| (i.range.start, i.range.end));
        mw.issues.dedup();
        mw
    }

    fn not_clerk() -> Middleware {
        Middleware {
            kind: MiddlewareKind::NotClerk,
            matcher: None,
            issues: Vec::new(),
            model: Model::Unknown,
            models: Vec::new(),
            route_sets: Vec::new(),
            matcher_unknown: false,
        }
    }

    /// Coverage of one concrete pathname. A file without a Clerk middleware (or that does
    /// not parse) answers [`Coverage::Unknown`] everywhere, as does a `config.matcher` that is
    /// not a literal.
    pub fn coverage(&self, pathname: &str) -> Coverage {
        if self.kind == MiddlewareKind::NotClerk || self.matcher_unknown {
            return Coverage::Unknown;
        }
        if let Some(m) = &self.matcher
            && !m.iter().any(|p| p.matches(pathname))
        {
            return Coverage::NotRun;
        }
        self.model_coverage(pathname, None, false)
    }

    fn model_coverage(
        &self,
        pathname: &str,
        force: Option<(usize, bool)>,
        intent: bool,
    ) -> Coverage {
        let env = Env {
            path: pathname,
            intent,
            force,
            budget: Cell::new(RUN_BUDGET),
        };
        self.model_cov(&self.model, &env, 0)
    }

    /// Public-route entries that open every API route: entries of a matcher whose match
    /// turns a protected API request into one that runs unprotected, and `publicRoutes`.
    fn check_public_api(&mut self) {
        let mut found = Vec::new();
        for (idx, set) in self.route_sets.iter().enumerate() {
            let opening: Vec<&RouteEntry> = set
                .entries
                .iter()
                .filter(|e| e.pattern.matches(API_SAMPLE))
                .collect();
            if opening.is_empty() {
                continue;
            }
            let opens = match set.role {
                SetRole::AuthPublic => true,
                SetRole::Other => false,
                SetRole::Matcher => {
                    // Judged as the author meant it: an un-awaited `protect()` counts.
                    self.model_coverage(API_SAMPLE, Some((idx, true)), true) == Coverage::Runs
                        && self.model_coverage(API_SAMPLE, Some((idx, false)), true)
                            == Coverage::Protected
                }
            };
            if opens {
                for e in opening {
                    found.push(MiddlewareIssue {
                    kind: IssueKind::PublicApi,
                        range: e.range.clone(),
                        message: format!("public route `{}` makes every API route public", e.display),
                        help: "list only the API routes that must stay public (for example `/api/webhooks(.*)`) and let the middleware protect the rest".to_string(),
                    });
                }
            }
        }
        self.issues.extend(found);
    }

    fn model_cov(&self, model: &Model, env: &Env, depth: u32) -> Coverage {
        if depth > MAX_FOLLOW {
            return Coverage::Unknown;
        }
        match model {
            Model::Unknown => Coverage::Unknown,
            Model::Runs => Coverage::Runs,
            Model::Handler(steps) => self.run(steps, false, None, RunMode::Handler, env, depth),
            Model::Wrapper(steps) => self.run(steps, false, None, RunMode::Wrapper, env, depth),
            Model::AuthMw(a) => {
                let ignored = self.set_eval(a.ignored, env);
                if ignored == Some(true) {
                    return Coverage::Runs;
                }
                let result = if a.before_auth {
                    Coverage::Unknown
                } else if let Some(steps) = &a.after_auth {
                    self.run(steps, false, None, RunMode::Handler, env, depth)
                } else {
                    match self.set_eval(a.public, env) {
                        Some(true) => Coverage::Runs,
                        Some(false) => Coverage::Protected,
                        None => Coverage::Unknown,
                    }
                };
                if ignored.is_none() && result != Coverage::Runs {
                    Coverage::Unknown
                } else {
                    result
                }
            }
        }
    }

    fn set_eval(&self, idx: usize, env: &Env) -> Option<bool> {
        if let Some((i, v)) = env.force
            && i == idx
        {
            return Some(v);
        }
        self.route_sets.get(idx).and_then(|s| s.eval(env.path))
    }

    fn cond(&self, c: &Cond, env: &Env, signed_out: bool) -> Option<bool> {
        match c {
            Cond::Const(b) => Some(*b),
            Cond::Unknown => None,
            Cond::Matcher(i) => self.set_eval(*i, env),
            Cond::SignedIn { sure } => {
                if signed_out {
                    Some(false)
                } else if *sure {
                    Some(true)
                } else {
                    None
                }
            }
            Cond::Path(t) => Some(match t {
                PathTest::Eq(s) => env.path == s,
                PathTest::Prefix(s) => env.path.starts_with(s.as_str()),
                PathTest::Suffix(s) => env.path.ends_with(s.as_str()),
                PathTest::Contains(s) => env.path.contains(s.as_str()),
            }),
            Cond::Not(x) => self.cond(x, env, signed_out).map(|b| !b),
            Cond::And(a, b) => match (self.cond(a, env, signed_out), self.cond(b, env, signed_out))
            {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            Cond::Or(a, b) => {
                match (self.cond(a, env, signed_out), self.cond(b, env, signed_out)) {
                    (Some(true), _) | (_, Some(true)) => Some(true),
                    (Some(false), Some(false)) => Some(false),
                    _ => None,
                }
            }
        }
    }

    /// Runs `steps` for a signed-out request. `div`: a signed-in request may have left the
    /// path that reaches here (so a response here targets signed-out requests).
    fn run(
        &self,
        steps: &[Step],
        div: bool,
        cont: Option<&Cont<'_>>,
        mode: RunMode,
        env: &Env,
        depth: u32,
    ) -> Coverage {
        if !env.tick() {
            return Coverage::Unknown;
        }
        let wrapper = mode == RunMode::Wrapper;
        let Some((step, rest_steps)) = steps.split_first() else {
            return match cont {
                Some(c) => self.run(c.steps, c.div, c.next, mode, env, depth),
                None if wrapper => Coverage::Unknown,
                None => Coverage::Runs,
            };
        };
        // Every step but `If` ends the request's path through the program.
        match step {
            Step::Deny if !wrapper => Coverage::Protected,
            Step::Allow if !wrapper => Coverage::Runs,
            Step::Respond if !wrapper && div => Coverage::Protected,
            Step::Deny | Step::Allow | Step::Respond | Step::Unknown => Coverage::Unknown,
            Step::Unawaited if env.intent && !wrapper => Coverage::Protected,
            Step::Unawaited => self.run(rest_steps, div, cont, mode, env, depth),
            Step::Delegate(m) => match (wrapper, self.models.get(*m)) {
                (true, Some(model)) => self.model_cov(model, env, depth + 1),
                _ => Coverage::Unknown,
            },
            Step::If { cond, then, els } => {
                let v_out = self.cond(cond, env, true);
                let v_in = self.cond(cond, env, false);
                let cont_div =
                    div || ((v_in != v_out || v_in.is_none()) && (has_exit(then) || has_exit(els)));
                let rest = Cont {
                    steps: rest_steps,
                    div: cont_div,
                    next: cont,
                };
                let branch = |taken: bool| {
                    let body = if taken { then } else { els };
                    let bdiv = div || v_in != Some(taken);
                    self.run(body, bdiv, Some(&rest), mode, env, depth)
                };
                match v_out {
                    Some(b) => branch(b),
                    None => {
                        let a = branch(true);
                        let b = branch(false);
                        if a == b { a } else { Coverage::Unknown }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Module-level facts

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ClerkFn {
    ClerkMiddleware,
    AuthMiddleware,
    WithClerkMiddleware,
    CreateRouteMatcher,
    RedirectToSignIn,
    /// `getAuth(req)`: the session object in a Core-1 `withClerkMiddleware` callback.
    GetAuth,
}

impl ClerkFn {
    fn from_name(name: &str) -> Option<ClerkFn> {
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

    fn kind(self) -> Option<MiddlewareKind> {
        match self {
            ClerkFn::ClerkMiddleware => Some(MiddlewareKind::Clerk),
            ClerkFn::AuthMiddleware => Some(MiddlewareKind::AuthMiddleware),
            ClerkFn::WithClerkMiddleware => Some(MiddlewareKind::WithClerk),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
enum Binding<'a> {
    Const(&'a Expression<'a>),
    /// `let` / `var`: followed only for the exported middleware (reassignment is rare there).
    Var(Option<&'a Expression<'a>>),
    Func(&'a Function<'a>),
}

#[derive(Clone, Copy)]
enum Target<'a> {
    Expr(&'a Expression<'a>),
    Func(&'a Function<'a>),
    Name(&'a str),
}

#[derive(Default)]
struct Module<'a> {
    /// Local names imported from `@clerk/*`.
    clerk: HashMap<&'a str, ClerkFn>,
    /// `import * as x from '@clerk/...'`.
    clerk_ns: Vec<&'a str>,
    /// `createMiddleware` imported from `next-intl/middleware`.
    intl: Vec<&'a str>,
    bindings: HashMap<&'a str, Binding<'a>>,
    /// `default`, `middleware`, `proxy`, `config`.
    exports: HashMap<&'a str, Target<'a>>,
}

fn export_name<'a>(n: &ModuleExportName<'a>) -> &'a str {
    match n {
        ModuleExportName::IdentifierName(i) => i.name.as_str(),
        ModuleExportName::IdentifierReference(i) => i.name.as_str(),
        ModuleExportName::StringLiteral(s) => s.value.as_str(),
    }
}

impl<'a> Module<'a> {
    fn collect(body: &'a [Statement<'a>]) -> Module<'a> {
        let mut m = Module::default();
        for stmt in body {
            match stmt {
                Statement::ImportDeclaration(d) => {
                    if d.import_kind.is_type() {
                        continue;
                    }
                    let source = d.source.value.as_str();
                    let clerk = source.starts_with("@clerk/");
                    let intl = source == "next-intl/middleware";
                    for spec in d.specifiers.iter().flatten() {
                        match spec {
                            ImportDeclarationSpecifier::ImportSpecifier(s) => {
                                if s.import_kind.is_type() {
                                    continue;
                                }
                                let imported = export_name(&s.imported);
                                let local = s.local.name.as_str();
                                if clerk && let Some(f) = ClerkFn::from_name(imported) {
                                    m.clerk.insert(local, f);
                                }
                                if intl && (imported == "default" || imported == "createMiddleware")
                                {
                                    m.intl.push(local);
                                }
                            }
                            ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                                if intl {
                                    m.intl.push(s.local.name.as_str());
                                }
                            }
                            ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                                if clerk {
                                    m.clerk_ns.push(s.local.name.as_str());
                                }
                            }
                        }
                    }
                }
                Statement::VariableDeclaration(d) => m.add_vars(d, false),
                Statement::FunctionDeclaration(f) => m.add_function(f, false),
                Statement::ExportDeclaration(e) => match &e.declaration {
                    Declaration::VariableDeclaration(d) => m.add_vars(d, true),
                    Declaration::FunctionDeclaration(f) => m.add_function(f, true),
                    _ => {}
                },
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

    fn add_vars(&mut self, d: &'a VariableDeclaration<'a>, exported: bool) {
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

    fn add_function(&mut self, f: &'a Function<'a>, exported: bool) {
        let Some(id) = &f.id else { return };
        let name = id.name.as_str();
        self.bindings.insert(name, Binding::Func(f));
        if exported {
            self.exports.insert(name, Target::Func(f));
        }
    }

    /// The Clerk function a callee names (`clerkMiddleware`, `clerk.clerkMiddleware`).
    fn clerk_fn(&self, callee: &Expression<'a>) -> Option<ClerkFn> {
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
    fn is_intl_instance(&self, name: &str) -> bool {
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
struct FactoryScan<'m, 'a> {
    module: &'m Module<'a>,
    found: Option<MiddlewareKind>,
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
enum FnBody<'a> {
    Stmts(&'a [Statement<'a>]),
    Expr(&'a Expression<'a>),
    Empty,
}

#[derive(Clone, Copy)]
struct FnRef<'a> {
    params: &'a FormalParameters<'a>,
    body: FnBody<'a>,
}

fn fn_of_function<'a>(f: &'a Function<'a>) -> FnRef<'a> {
    FnRef {
        params: &f.params,
        body: match &f.body {
            Some(b) => FnBody::Stmts(&b.statements),
            None => FnBody::Empty,
        },
    }
}

fn fn_of_arrow<'a>(a: &'a ArrowFunctionExpression<'a>) -> FnRef<'a> {
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

fn param<'a>(params: &'a FormalParameters<'a>, i: usize) -> Option<&'a str> {
    params
        .items
        .get(i)?
        .pattern
        .get_identifier_name()
        .map(|n| n.as_str())
}

enum Resolved<'a> {
    Fn(FnRef<'a>),
    Object(&'a ObjectExpression<'a>),
    Unknown,
}

fn span_range(s: Span) -> Range<usize> {
    s.start as usize..s.end as usize
}

/// A string literal or a template literal without substitutions.
fn static_str<'a>(e: &'a Expression<'a>) -> Option<&'a str> {
    match e.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.as_str()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            t.quasis.first()?.value.cooked.map(|c| c.as_str())
        }
        _ => None,
    }
}

fn is_ident(e: &Expression, name: Option<&str>) -> bool {
    match (e.get_inner_expression(), name) {
        (Expression::Identifier(id), Some(n)) => id.name.as_str() == n,
        _ => false,
    }
}

fn is_nullish(e: &Expression) -> bool {
    match e.get_inner_expression() {
        Expression::NullLiteral(_) => true,
        Expression::Identifier(id) => id.name.as_str() == "undefined",
        Expression::UnaryExpression(u) => u.operator == UnaryOperator::Void,
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Building

struct Builder<'a> {
    module: Module<'a>,
    auth_is_async: bool,
    route_sets: Vec<RouteSet>,
    /// Module-level `const isX = createRouteMatcher(...)` → route set.
    named_matchers: HashMap<&'a str, Option<usize>>,
    models: Vec<(MiddlewareKind, Model)>,
    /// Module-level names a wrapper calls → Clerk instance model.
    delegates: HashMap<&'a str, Option<usize>>,
    issues: Vec<MiddlewareIssue>,
}

impl<'a> Builder<'a> {
    fn push_set(&mut self, set: RouteSet) -> usize {
        self.route_sets.push(set);
        self.route_sets.len() - 1
    }

    fn resolve(&self, e: &'a Expression<'a>, depth: u32) -> Resolved<'a> {
        if depth > MAX_FOLLOW {
            return Resolved::Unknown;
        }
        match e.get_inner_expression() {
            Expression::ArrowFunctionExpression(a) => Resolved::Fn(fn_of_arrow(a)),
            Expression::FunctionExpression(f) => Resolved::Fn(fn_of_function(f)),
            Expression::ObjectExpression(o) => Resolved::Object(o),
            Expression::Identifier(id) => match self.module.bindings.get(id.name.as_str()) {
                Some(Binding::Const(init)) => self.resolve(init, depth + 1),
                Some(Binding::Func(f)) => Resolved::Fn(fn_of_function(f)),
                _ => Resolved::Unknown,
            },
            _ => Resolved::Unknown,
        }
    }

    /// Follows an exported value to a Clerk middleware.
    fn target(&mut self, t: Target<'a>, depth: u32) -> Option<(MiddlewareKind, Model)> {
        if depth > MAX_FOLLOW {
            return None;
        }
        match t {
            Target::Name(n) => match self.module.bindings.get(n).copied() {
                Some(Binding::Const(e) | Binding::Var(Some(e))) => {
                    self.target(Target::Expr(e), depth + 1)
                }
                Some(Binding::Func(f)) => self.target(Target::Func(f), depth + 1),
                _ => None,
            },
            Target::Func(f) => self.wrapper(fn_of_function(f), depth),
            Target::Expr(e) => match e.get_inner_expression() {
                Expression::Identifier(id) => {
                    self.target(Target::Name(id.name.as_str()), depth + 1)
                }
                Expression::CallExpression(c) => self.factory_model(c, depth),
                Expression::ArrowFunctionExpression(a) => self.wrapper(fn_of_arrow(a), depth),
                Expression::FunctionExpression(f) => self.wrapper(fn_of_function(f), depth),
                _ => None,
            },
        }
    }

    fn factory_model(
        &mut self,
        c: &'a CallExpression<'a>,
        depth: u32,
    ) -> Option<(MiddlewareKind, Model)> {
        match self.module.clerk_fn(&c.callee)? {
            ClerkFn::ClerkMiddleware => Some((MiddlewareKind::Clerk, self.clerk_model(c, depth))),
            ClerkFn::AuthMiddleware => {
                Some((MiddlewareKind::AuthMiddleware, self.auth_mw_model(c, depth)))
            }
            ClerkFn::WithClerkMiddleware => {
                Some((MiddlewareKind::WithClerk, self.with_clerk_model(c, depth)))
            }
            _ => None,
        }
    }

    /// Core-1 `withClerkMiddleware((req) => { const { userId } = getAuth(req); ... })`: it
    /// attaches auth and protects nothing, unless the callback itself exits for signed-out
    /// requests.
    fn with_clerk_model(&mut self, c: &'a CallExpression<'a>, depth: u32) -> Model {
        let Some(e) = c.arguments.first().and_then(|a| a.as_expression()) else {
            return Model::Runs;
        };
        match self.resolve(e, depth) {
            Resolved::Fn(f) => {
                let mut fx = Fx::new(self, Mode::Clerk, None, param(f.params, 0), depth);
                Model::Handler(fx.body(f))
            }
            Resolved::Object(_) => Model::Runs,
            Resolved::Unknown => Model::Unknown,
        }
    }

    fn clerk_model(&mut self, c: &'a CallExpression<'a>, depth: u32) -> Model {
        let Some(first) = c.arguments.first() else {
            return Model::Runs;
        };
        let Some(e) = first.as_expression() else {
            return Model::Unknown;
        };
        match self.resolve(e, depth) {
            Resolved::Fn(f) => {
                let mut fx = Fx::new(
                    self,
                    Mode::Clerk,
                    param(f.params, 0),
                    param(f.params, 1),
                    depth,
                );
                Model::Handler(fx.body(f))
            }
            Resolved::Object(_) => Model::Runs,
            Resolved::Unknown => Model::Unknown,
        }
    }

    fn auth_mw_model(&mut self, c: &'a CallExpression<'a>, depth: u32) -> Model {
        let obj = match c.arguments.first() {
            None => None,
            Some(a) => match a.as_expression().map(|e| self.resolve(e, depth)) {
                Some(Resolved::Object(o)) => Some(o),
                _ => return Model::Unknown,
            },
        };
        let mut public = RouteSet {
            role: SetRole::AuthPublic,
            ..RouteSet::default()
        };
        let mut ignored = RouteSet {
            role: SetRole::Other,
            ..RouteSet::default()
        };
        let mut api: Option<RouteSet> = None;
        let mut after: Option<(FnRef<'a>, Span)> = None;
        let mut after_unknown = false;
        let mut before_auth = false;
        for p in obj.iter().flat_map(|o| o.properties.iter()) {
            let ObjectPropertyKind::ObjectProperty(prop) = p else {
                return Model::Unknown;
            };
            match prop.key.static_name().as_deref() {
                Some("publicRoutes") => self.add_routes(&prop.value, &mut public, 0),
                Some("ignoredRoutes") => self.add_routes(&prop.value, &mut ignored, 0),
                Some("apiRoutes") => {
                    let mut s = RouteSet {
                        role: SetRole::Other,
                        ..RouteSet::default()
                    };
                    self.add_routes(&prop.value, &mut s, 0);
                    api = Some(s);
                }
                Some("afterAuth") => match self.resolve(&prop.value, depth) {
                    Resolved::Fn(f) => after = Some((f, prop.span)),
                    _ => after_unknown = true,
                },
                Some("beforeAuth") => before_auth = true,
                _ => {}
            }
        }
        let public = self.push_set(public);
        let ignored = self.push_set(ignored);
        let api = api.unwrap_or_else(default_api_routes);
        let api = self.push_set(api);
        let after_auth = if after_unknown {
            Some(vec![Step::Unknown])
        } else if let Some((f, span)) = after {
            let mut fx = Fx::new(
                self,
                Mode::AfterAuth,
                param(f.params, 0),
                param(f.params, 1),
                depth,
            );
            fx.public_set = Some(public);
            fx.api_set = Some(api);
            let steps = fx.body(f);
            if !can_reject(&steps, false) {
                self.issues.push(MiddlewareIssue {
                    kind: IssueKind::AfterAuthOpen,
                    range: span_range(span),
                    message: "`afterAuth` never rejects signed-out requests, so `authMiddleware` protects no route".to_string(),
                    help: "return `redirectToSignIn({ returnBackUrl: req.url })` when `!auth.userId && !auth.isPublicRoute`, or drop `afterAuth` to keep the default protection".to_string(),
                });
            }
            Some(steps)
        } else {
            None
        };
        Model::AuthMw(Box::new(AuthMw {
            public,
            ignored,
            after_auth,
            before_auth,
        }))
    }

    /// An app function that hands (some) requests to a Clerk instance.
    fn wrapper(&mut self, f: FnRef<'a>, depth: u32) -> Option<(MiddlewareKind, Model)> {
        let mut fx = Fx::new(self, Mode::Wrapper, None, param(f.params, 0), depth);
        let steps = fx.body(f);
        let kind = self.first_delegate_kind(&steps)?;
        Some((kind, Model::Wrapper(steps)))
    }

    fn first_delegate_kind(&self, steps: &[Step]) -> Option<MiddlewareKind> {
        steps.iter().find_map(|s| match s {
            Step::Delegate(i) => self.models.get(*i).map(|(k, _)| k.clone()),
            Step::If { then, els, .. } => self
                .first_delegate_kind(then)
                .or_else(|| self.first_delegate_kind(els)),
            _ => None,
        })
    }

    /// A module-level name that holds a Clerk middleware instance.
    fn delegate(&mut self, name: &'a str, depth: u32) -> Option<usize> {
        if let Some(v) = self.delegates.get(name) {
            return *v;
        }
        self.delegates.insert(name, None);
        let r = self.target(Target::Name(name), depth + 1).map(|m| {
            self.models.push(m);
            self.models.len() - 1
        });
        self.delegates.insert(name, r);
        r
    }

    /// A module-level `const isX = createRouteMatcher(...)`.
    fn named_matcher(&mut self, name: &'a str) -> Option<usize> {
        if let Some(v) = self.named_matchers.get(name) {
            return *v;
        }
        self.named_matchers.insert(name, None);
        let r = match self.module.bindings.get(name).copied() {
            Some(Binding::Const(init)) => match init.get_inner_expression() {
                Expression::CallExpression(c)
                    if self.module.clerk_fn(&c.callee) == Some(ClerkFn::CreateRouteMatcher) =>
                {
                    Some(self.matcher_set(c))
                }
                _ => None,
            },
            _ => None,
        };
        self.named_matchers.insert(name, r);
        r
    }

    fn matcher_set(&mut self, c: &'a CallExpression<'a>) -> usize {
        let mut set = RouteSet::default();
        match c.arguments.first().and_then(|a| a.as_expression()) {
            Some(e) => self.add_routes(e, &mut set, 0),
            None => set.unknown = true,
        }
        self.push_set(set)
    }

    /// Adds the literal routes of `e` (string, RegExp, array, `const` array) to `set`.
    fn add_routes(&self, e: &'a Expression<'a>, set: &mut RouteSet, depth: u32) {
        if depth > MAX_FOLLOW {
            set.unknown = true;
            return;
        }
        let inner = e.get_inner_expression();
        if let Some(s) = static_str(inner) {
            match RoutePattern::clerk(s) {
                Ok(pattern) => set.entries.push(RouteEntry {
                    pattern,
                    display: s.to_string(),
                    range: span_range(inner.span()),
                }),
                Err(_) => set.unknown = true,
            }
            return;
        }
        match inner {
            Expression::RegExpLiteral(r) => {
                let flags = if r.regex.flags.contains(RegExpFlags::I) {
                    "i"
                } else {
                    ""
                };
                let source = r.regex.pattern.text.as_str();
                match RoutePattern::js_regex(source, flags) {
                    Ok(pattern) => set.entries.push(RouteEntry {
                        pattern,
                        display: r
                            .raw
                            .map_or_else(|| format!("/{source}/{flags}"), |raw| raw.to_string()),
                        range: span_range(r.span),
                    }),
                    Err(_) => set.unknown = true,
                }
            }
            Expression::NewExpression(n) if is_ident(&n.callee, Some("RegExp")) => {
                let source = n
                    .arguments
                    .first()
                    .and_then(|a| a.as_expression())
                    .and_then(static_str);
                let flags = match n.arguments.get(1).and_then(|a| a.as_expression()) {
                    None => Some(""),
                    Some(f) => static_str(f),
                };
                match (source, flags) {
                    (Some(source), Some(flags)) => match RoutePattern::js_regex(source, flags) {
                        Ok(pattern) => set.entries.push(RouteEntry {
                            pattern,
                            display: format!("/{source}/{flags}"),
                            range: span_range(n.span),
                        }),
                        Err(_) => set.unknown = true,
                    },
                    _ => set.unknown = true,
                }
            }
            Expression::ArrayExpression(a) => {
                for el in &a.elements {
                    match el {
                        ArrayExpressionElement::SpreadElement(s) => {
                            self.add_routes(&s.argument, set, depth + 1)
                        }
                        ArrayExpressionElement::Elision(_) => {}
                        other => match other.as_expression() {
                            Some(x) => self.add_routes(x, set, depth + 1),
                            None => set.unknown = true,
                        },
                    }
                }
            }
            Expression::Identifier(id) => match self.module.bindings.get(id.name.as_str()) {
                Some(Binding::Const(init)) => self.add_routes(init, set, depth + 1),
                _ => set.unknown = true,
            },
            _ => set.unknown = true,
        }
    }

    /// `config.matcher`: the compiled entries, whether it could not be read, and its range.
    fn config_matcher(
        &mut self,
        t: Target<'a>,
    ) -> (Option<Vec<RoutePattern>>, bool, Option<Range<usize>>) {
        let expr = match t {
            Target::Expr(e) => Some(e),
            Target::Name(n) => match self.module.bindings.get(n) {
                Some(Binding::Const(e)) => Some(*e),
                _ => None,
            },
            Target::Func(_) => None,
        };
        let Some(expr) = expr else {
            return (None, true, None);
        };
        let Resolved::Object(obj) = self.resolve(expr, 0) else {
            return (None, true, None);
        };
        let mut value = None;
        for p in &obj.properties {
            match p {
                ObjectPropertyKind::ObjectProperty(prop)
                    if prop.key.static_name().as_deref() == Some("matcher") =>
                {
                    value = Some(&prop.value);
                }
                ObjectPropertyKind::SpreadProperty(_) => return (None, true, None),
                _ => {}
            }
        }
        let Some(value) = value else {
            return (None, false, None);
        };
        let range = span_range(value.span());
        let mut out = Vec::new();
        if self.add_next_matchers(value, &mut out, 0) {
            (Some(out), false, Some(range))
        } else {
            (None, true, Some(range))
        }
    }

    fn add_next_matchers(
        &self,
        e: &'a Expression<'a>,
        out: &mut Vec<RoutePattern>,
        depth: u32,
    ) -> bool {
        if depth > MAX_FOLLOW {
            return false;
        }
        if let Some(s) = static_str(e) {
            return match RoutePattern::next_matcher(s) {
                Ok(p) => {
                    out.push(p);
                    true
                }
                Err(_) => false,
            };
        }
        match e.get_inner_expression() {
            Expression::ArrayExpression(a) => a.elements.iter().all(|el| match el {
                ArrayExpressionElement::SpreadElement(s) => {
                    self.add_next_matchers(&s.argument, out, depth + 1)
                }
                ArrayExpressionElement::Elision(_) => true,
                other => other
                    .as_expression()
                    .is_some_and(|x| self.add_next_matchers(x, out, depth + 1)),
            }),
            Expression::ObjectExpression(o) => {
                // `{ source, has, missing, locale }`: only `source` is used.
                let source = o.properties.iter().find_map(|p| match p {
                    ObjectPropertyKind::ObjectProperty(prop)
                        if prop.key.static_name().as_deref() == Some("source") =>
                    {
                        Some(&prop.value)
                    }
                    _ => None,
                });
                source.is_some_and(|s| {
                    static_str(s).is_some() && self.add_next_matchers(s, out, depth + 1)
                })
            }
            Expression::Identifier(id) => match self.module.bindings.get(id.name.as_str()) {
                Some(Binding::Const(init)) => self.add_next_matchers(init, out, depth + 1),
                _ => false,
            },
            _ => false,
        }
    }
}

/// Core-1 `isApiRoute` without `apiRoutes`: `/api/(.*)` and `/trpc/(.*)`, or a request whose
/// method or content type looks like an API call (not decidable from the path).
fn default_api_routes() -> RouteSet {
    let mut set = RouteSet {
        role: SetRole::Other,
        unknown: true,
        ..RouteSet::default()
    };
    for p in ["/api/(.*)", "/trpc/(.*)"] {
        if let Ok(pattern) = RoutePattern::clerk(p) {
            set.entries.push(RouteEntry {
                pattern,
                display: p.to_string(),
                range: 0..0,
            });
        }
    }
    set
}

// ---------------------------------------------------------------------------------------------
// Function bodies → steps

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// `clerkMiddleware(async (auth, req) => ...)`.
    Clerk,
    /// `authMiddleware({ afterAuth(auth, req) { ... } })`.
    AfterAuth,
    /// `export function proxy(req, ev) { ... return withClerk(req, ev) }`.
    Wrapper,
}

#[derive(Clone, Debug)]
enum Local {
    /// `await auth()` / `auth()` (the session object).
    AuthObject,
    /// A session field: `userId` (sure = true), `orgId` (sure = false).
    AuthField(bool),
    /// `has` from the session object.
    HasFn,
    /// `redirectToSignIn`, `redirectToSignUp`, `protect` from the session object.
    DenyFn,
    Pathname,
    /// `req.nextUrl`, `new URL(req.url)`.
    NextUrl,
    Cond(Cond),
    /// A `createRouteMatcher(...)` made inside the function.
    MatcherFn(usize),
    /// A response that lets the request through (`NextResponse.next()`).
    AllowValue,
    /// The result of calling a Clerk instance (wrappers).
    DelegateResult(usize),
    Unknown,
}

enum CallKind {
    /// `auth.protect()` (sync = false) or v5 `auth().protect()` (sync = true).
    Protect {
        sync: bool,
    },
    /// `auth().protect()` on v6+: `auth()` is a promise there, so this throws.
    ProtectUnknown,
    /// `redirectToSignIn()` and friends.
    Deny,
    Delegate(usize),
    /// `NextResponse.next()`, a next-intl middleware.
    Allow,
    /// `NextResponse.redirect(...)`, `NextResponse.json(...)`, `Response.json(...)`.
    Respond,
    Other,
}

struct Fx<'b, 'a> {
    b: &'b mut Builder<'a>,
    mode: Mode,
    auth: Option<&'a str>,
    req: Option<&'a str>,
    public_set: Option<usize>,
    api_set: Option<usize>,
    locals: HashMap<&'a str, Local>,
    depth: u32,
    nest: u32,
}

impl<'b, 'a> Fx<'b, 'a> {
    fn new(
        b: &'b mut Builder<'a>,
        mode: Mode,
        auth: Option<&'a str>,
        req: Option<&'a str>,
        depth: u32,
    ) -> Fx<'b, 'a> {
        Fx {
            b,
            mode,
            auth: if mode == Mode::Wrapper { None } else { auth },
            req,
            public_set: None,
            api_set: None,
            locals: HashMap::new(),
            depth,
            nest: 0,
        }
    }

    fn body(&mut self, f: FnRef<'a>) -> Vec<Step> {
        match f.body {
            FnBody::Stmts(s) => self.block(s),
            FnBody::Expr(e) => vec![self.ret(e)],
            FnBody::Empty => Vec::new(),
        }
    }

    fn block(&mut self, stmts: &'a [Statement<'a>]) -> Vec<Step> {
        let mut out = Vec::new();
        for s in stmts {
            self.stmt(s, &mut out);
        }
        out
    }

    fn unawaited(&mut self, span: Span) {
        self.b.issues.push(MiddlewareIssue {
                    kind: IssueKind::UnawaitedProtect,
            range: span_range(span),
            message: "`auth.protect()` is not awaited: on @clerk/nextjs 6 and later it returns a promise, so the request continues".to_string(),
            help: "write `await auth.protect()` (or `return auth.protect()`)".to_string(),
        });
    }

    /// Names whose mention makes an unknown statement matter.
    fn session_names(&self) -> Vec<&'a str> {
        // In `afterAuth`, `auth` is a plain object: mentioning it cannot exit.
        let mut names: Vec<&'a str> = match self.mode {
            Mode::AfterAuth => Vec::new(),
            _ => self.auth.into_iter().collect(),
        };
        for (n, l) in &self.locals {
            if matches!(l, Local::AuthObject | Local::DenyFn | Local::HasFn) {
                names.push(n);
            }
        }
        for (n, f) in &self.b.module.clerk {
            if *f == ClerkFn::RedirectToSignIn {
                names.push(n);
            }
        }
        names
    }

    /// Whether an unmodelled statement can exit or touches the session.
    fn matters_stmt(&self, s: &'a Statement<'a>) -> bool {
        let names = self.session_names();
        let mut scan = Scan::new(&names);
        scan.visit_statement(s);
        scan.exit_stmt || scan.exit_call || scan.mentions
    }

    /// Whether an unmodelled expression calls `protect` / `redirectTo*` or touches the session.
    fn matters_expr(&self, e: &'a Expression<'a>) -> bool {
        let names = self.session_names();
        let mut scan = Scan::new(&names);
        scan.visit_expression(e);
        scan.exit_call || scan.mentions
    }

    fn stmt(&mut self, s: &'a Statement<'a>, out: &mut Vec<Step>) {
        if self.nest > MAX_NEST {
            out.push(Step::Unknown);
            return;
        }
        self.nest += 1;
        match s {
            Statement::ExpressionStatement(e) => self.effect(&e.expression, false, out),
            Statement::VariableDeclaration(d) => self.var_decl(d, out),
            Statement::IfStatement(i) => {
                let cond = self.cond(&i.test);
                let mut then = Vec::new();
                self.stmt(&i.consequent, &mut then);
                let mut els = Vec::new();
                if let Some(a) = &i.alternate {
                    self.stmt(a, &mut els);
                }
                if !then.is_empty() || !els.is_empty() {
                    out.push(Step::If { cond, then, els });
                }
            }
            Statement::ReturnStatement(r) => out.push(match &r.argument {
                None => Step::Allow,
                Some(e) => self.ret(e),
            }),
            Statement::ThrowStatement(_) => out.push(Step::Respond),
            Statement::BlockStatement(b) => {
                for s in &b.body {
                    self.stmt(s, out);
                }
            }
            Statement::TryStatement(t) => {
                let mut inner = self.block(&t.block.body);
                if let Some(h) = &t.handler {
                    inner.extend(self.block(&h.body.body));
                }
                if let Some(f) = &t.finalizer {
                    inner.extend(self.block(&f.body));
                }
                if !inner.is_empty() {
                    out.push(Step::Unknown);
                }
            }
            Statement::EmptyStatement(_)
            | Statement::DebuggerStatement(_)
            | Statement::FunctionDeclaration(_)
            | Statement::ClassDeclaration(_)
            | Statement::TSTypeAliasDeclaration(_)
            | Statement::TSInterfaceDeclaration(_)
            | Statement::TSEnumDeclaration(_) => {}
            other => {
                if self.matters_stmt(other) {
                    out.push(Step::Unknown);
                }
            }
        }
        self.nest -= 1;
    }

    /// An expression evaluated for its effect.
    fn effect(&mut self, e: &'a Expression<'a>, awaited: bool, out: &mut Vec<Step>) {
        if self.nest > MAX_NEST {
            out.push(Step::Unknown);
            return;
        }
        self.nest += 1;
        let e = e.get_inner_expression();
        match e {
            Expression::AwaitExpression(a) => self.effect(&a.argument, true, out),
            Expression::CallExpression(c) => match self.call_kind(c) {
                CallKind::Protect { sync } => {
                    if awaited || sync || !self.b.auth_is_async {
                        out.push(Step::Deny);
                    } else {
                        self.unawaited(c.span);
                        out.push(Step::Unawaited);
                    }
                }
                CallKind::ProtectUnknown | CallKind::Delegate(_) => out.push(Step::Unknown),
                CallKind::Deny => out.push(Step::Deny),
                CallKind::Allow | CallKind::Respond => {}
                CallKind::Other => {
                    if self.matters_expr(e) {
                        out.push(Step::Unknown);
                    }
                }
            },
            Expression::LogicalExpression(l) => {
                let mut sub = Vec::new();
                self.effect(&l.right, awaited, &mut sub);
                if !sub.is_empty() {
                    let c = self.cond(&l.left);
                    let cond = match l.operator {
                        LogicalOperator::And => c,
                        LogicalOperator::Or => c.negate(),
                        LogicalOperator::Coalesce => Cond::Unknown,
                    };
                    out.push(Step::If {
                        cond,
                        then: sub,
                        els: Vec::new(),
                    });
                }
            }
            Expression::ConditionalExpression(c) => {
                let mut then = Vec::new();
                self.effect(&c.consequent, awaited, &mut then);
                let mut els = Vec::new();
                self.effect(&c.alternate, awaited, &mut els);
                if !then.is_empty() || !els.is_empty() {
                    let cond = self.cond(&c.test);
                    out.push(Step::If { cond, then, els });
                }
            }
            Expression::SequenceExpression(s) => {
                for x in &s.expressions {
                    self.effect(x, false, out);
                }
            }
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::Void => {
                self.effect(&u.argument, false, out);
            }
            Expression::AssignmentExpression(a) => self.effect(&a.right, false, out),
            _ => {
                if self.matters_expr(e) {
                    out.push(Step::Unknown);
                }
            }
        }
        self.nest -= 1;
    }

    /// A returned expression.
    fn ret(&mut self, e: &'a Expression<'a>) -> Step {
        if self.nest > MAX_NEST {
            return Step::Unknown;
        }
        self.nest += 1;
        let step = self.ret_inner(e);
        self.nest -= 1;
        step
    }

    fn ret_inner(&mut self, e: &'a Expression<'a>) -> Step {
        let mut e = e.get_inner_expression();
        while let Expression::AwaitExpression(a) = e {
            e = a.argument.get_inner_expression();
        }
        match e {
            Expression::CallExpression(c) => match self.call_kind(c) {
                CallKind::Protect { .. } | CallKind::Deny => Step::Deny,
                CallKind::Delegate(i) if self.mode == Mode::Wrapper => Step::Delegate(i),
                CallKind::Allow => Step::Allow,
                CallKind::Respond => Step::Respond,
                CallKind::ProtectUnknown | CallKind::Delegate(_) | CallKind::Other => Step::Unknown,
            },
            Expression::NewExpression(n)
                if is_ident(&n.callee, Some("Response"))
                    || is_ident(&n.callee, Some("NextResponse")) =>
            {
                Step::Respond
            }
            Expression::Identifier(id) => match self.locals.get(id.name.as_str()) {
                Some(Local::AllowValue) => Step::Allow,
                Some(Local::DelegateResult(i)) if self.mode == Mode::Wrapper => Step::Delegate(*i),
                _ if id.name.as_str() == "undefined" => Step::Allow,
                _ => Step::Unknown,
            },
            Expression::NullLiteral(_) => Step::Allow,
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::Void => {
                let mut tmp = Vec::new();
                self.effect(&u.argument, false, &mut tmp);
                if tmp.is_empty() {
                    Step::Allow
                } else {
                    Step::Unknown
                }
            }
            Expression::ConditionalExpression(c) => {
                let cond = self.cond(&c.test);
                let then = vec![self.ret(&c.consequent)];
                let els = vec![self.ret(&c.alternate)];
                Step::If { cond, then, els }
            }
            Expression::LogicalExpression(l) if l.operator == LogicalOperator::And => {
                let cond = self.cond(&l.left);
                let then = vec![self.ret(&l.right)];
                Step::If {
                    cond,
                    then,
                    els: vec![Step::Allow],
                }
            }
            _ => Step::Unknown,
        }
    }

    /// `auth()`, `await auth()`, a local holding it, or (in `afterAuth`) the `auth` object.
    fn auth_object(&self, e: &Expression<'a>) -> bool {
        match e.get_inner_expression() {
            Expression::AwaitExpression(a) => self.auth_object(&a.argument),
            Expression::CallExpression(c) => {
                (self.mode == Mode::Clerk
                    && c.arguments.is_empty()
                    && is_ident(&c.callee, self.auth))
                    || self.b.module.clerk_fn(&c.callee) == Some(ClerkFn::GetAuth)
            }
            Expression::Identifier(id) => {
                let n = id.name.as_str();
                matches!(self.locals.get(n), Some(Local::AuthObject))
                    || (self.mode == Mode::AfterAuth && Some(n) == self.auth)
            }
            _ => false,
        }
    }

    /// The meaning of a session field read from the session object.
    fn field_local(&self, key: &str) -> Local {
        match key {
            "userId" | "sessionId" | "isAuthenticated" => Local::AuthField(true),
            "orgId"
            | "orgRole"
            | "orgSlug"
            | "orgPermissions"
            | "sessionClaims"
            | "actor"
            | "factorVerificationAge" => Local::AuthField(false),
            "has" => Local::HasFn,
            "redirectToSignIn" | "redirectToSignUp" | "protect" => Local::DenyFn,
            "isPublicRoute" if self.mode == Mode::AfterAuth => match self.public_set {
                Some(i) => Local::Cond(Cond::Matcher(i)),
                None => Local::Unknown,
            },
            "isApiRoute" if self.mode == Mode::AfterAuth => match self.api_set {
                Some(i) => Local::Cond(Cond::Matcher(i)),
                None => Local::Unknown,
            },
            _ => Local::Unknown,
        }
    }

    fn call_kind(&mut self, c: &'a CallExpression<'a>) -> CallKind {
        let callee = c.callee.get_inner_expression();
        match callee {
            Expression::StaticMemberExpression(m) => {
                let prop = m.property.name.as_str();
                let obj = m.object.get_inner_expression();
                match prop {
                    "protect" if self.mode == Mode::Clerk => {
                        if is_ident(obj, self.auth) {
                            return CallKind::Protect { sync: false };
                        }
                        if let Expression::CallExpression(inner) = obj
                            && is_ident(&inner.callee, self.auth)
                        {
                            return if self.b.auth_is_async {
                                CallKind::ProtectUnknown
                            } else {
                                CallKind::Protect { sync: true }
                            };
                        }
                        if self.auth_object(obj) {
                            return CallKind::Protect {
                                sync: !self.b.auth_is_async,
                            };
                        }
                        CallKind::Other
                    }
                    "redirectToSignIn" | "redirectToSignUp" if self.auth_object(obj) => {
                        CallKind::Deny
                    }
                    "next" if is_ident(obj, Some("NextResponse")) => CallKind::Allow,
                    "redirect" | "rewrite" | "json" | "error"
                        if is_ident(obj, Some("NextResponse"))
                            || is_ident(obj, Some("Response")) =>
                    {
                        CallKind::Respond
                    }
                    _ => CallKind::Other,
                }
            }
            Expression::Identifier(id) => {
                let name = id.name.as_str();
                match self.locals.get(name) {
                    Some(Local::DenyFn) => return CallKind::Deny,
                    Some(_) => return CallKind::Other,
                    None => {}
                }
                if self.b.module.clerk.get(name) == Some(&ClerkFn::RedirectToSignIn) {
                    return CallKind::Deny;
                }
                if self.b.module.is_intl_instance(name) {
                    return CallKind::Allow;
                }
                if self.mode == Mode::Wrapper
                    && let Some(i) = self.b.delegate(name, self.depth)
                {
                    return CallKind::Delegate(i);
                }
                CallKind::Other
            }
            Expression::CallExpression(inner) if self.mode == Mode::Wrapper => {
                // `clerkMiddleware(...)(req, ev)`
                match self.b.factory_model(inner, self.depth + 1) {
                    Some(m) => {
                        self.b.models.push(m);
                        CallKind::Delegate(self.b.models.len() - 1)
                    }
                    None => CallKind::Other,
                }
            }
            _ => CallKind::Other,
        }
    }

    fn var_decl(&mut self, d: &'a VariableDeclaration<'a>, out: &mut Vec<Step>) {
        for decl in &d.declarations {
            let Some(init) = &decl.init else {
                self.bind_unknown(&decl.id);
                continue;
            };
            match &decl.id {
                BindingPattern::BindingIdentifier(id) => {
                    let local = self.classify_init(init, out);
                    self.locals.insert(id.name.as_str(), local);
                }
                BindingPattern::ObjectPattern(p) => self.destructure(p, init, out),
                other => {
                    let _ = self.classify_init(init, out);
                    self.bind_unknown(other);
                }
            }
        }
    }

    fn bind_unknown(&mut self, p: &'a BindingPattern<'a>) {
        match p {
            BindingPattern::BindingIdentifier(id) => {
                self.locals.insert(id.name.as_str(), Local::Unknown);
            }
            BindingPattern::ObjectPattern(o) => {
                for prop in &o.properties {
                    self.bind_unknown(&prop.value);
                }
                if let Some(r) = &o.rest {
                    self.bind_unknown(&r.argument);
                }
            }
            BindingPattern::ArrayPattern(a) => {
                for el in a.elements.iter().flatten() {
                    self.bind_unknown(el);
                }
                if let Some(r) = &a.rest {
                    self.bind_unknown(&r.argument);
                }
            }
            BindingPattern::AssignmentPattern(a) => self.bind_unknown(&a.left),
        }
    }

    fn destructure(
        &mut self,
        p: &'a ObjectPattern<'a>,
        init: &'a Expression<'a>,
        out: &mut Vec<Step>,
    ) {
        let from_auth = self.auth_object(init);
        let from_url = self.is_next_url(init);
        if !from_auth && !from_url {
            let _ = self.classify_init(init, out);
        }
        for prop in &p.properties {
            let key: Option<Cow<'a, str>> = prop.key.static_name();
            let local = match (&prop.value, key.as_deref()) {
                (BindingPattern::BindingIdentifier(_), Some(k)) if from_auth => self.field_local(k),
                (BindingPattern::BindingIdentifier(_), Some("pathname")) if from_url => {
                    Local::Pathname
                }
                _ => Local::Unknown,
            };
            match &prop.value {
                BindingPattern::BindingIdentifier(id) => {
                    self.locals.insert(id.name.as_str(), local);
                }
                other => self.bind_unknown(other),
            }
        }
        if let Some(r) = &p.rest {
            self.bind_unknown(&r.argument);
        }
    }

    fn classify_init(&mut self, init: &'a Expression<'a>, out: &mut Vec<Step>) -> Local {
        let inner = init.get_inner_expression();
        if self.auth_object(inner) {
            return Local::AuthObject;
        }
        let (bare, awaited) = match inner {
            Expression::AwaitExpression(a) => (a.argument.get_inner_expression(), true),
            _ => (inner, false),
        };
        if let Expression::CallExpression(c) = bare {
            if self.b.module.clerk_fn(&c.callee) == Some(ClerkFn::CreateRouteMatcher) {
                return Local::MatcherFn(self.b.matcher_set(c));
            }
            match self.call_kind(c) {
                CallKind::Protect { sync } => {
                    if awaited || sync || !self.b.auth_is_async {
                        out.push(Step::Deny);
                    } else {
                        self.unawaited(c.span);
                        out.push(Step::Unawaited);
                    }
                    return Local::Unknown;
                }
                CallKind::ProtectUnknown => {
                    out.push(Step::Unknown);
                    return Local::Unknown;
                }
                CallKind::Deny => {
                    out.push(Step::Deny);
                    return Local::Unknown;
                }
                CallKind::Delegate(i) => return Local::DelegateResult(i),
                CallKind::Allow => return Local::AllowValue,
                CallKind::Respond => return Local::Unknown,
                CallKind::Other => {}
            }
        }
        if self.is_pathname(inner) {
            return Local::Pathname;
        }
        if self.is_next_url(inner) {
            return Local::NextUrl;
        }
        if let Expression::StaticMemberExpression(m) = inner
            && self.auth_object(&m.object)
        {
            return self.field_local(m.property.name.as_str());
        }
        let c = self.cond(inner);
        if !matches!(c, Cond::Unknown) {
            return Local::Cond(c);
        }
        if self.matters_expr(inner) {
            out.push(Step::Unknown);
        }
        Local::Unknown
    }

    fn is_req(&self, e: &Expression<'a>) -> bool {
        is_ident(e, self.req)
    }

    /// `req.nextUrl`, `req.nextUrl.clone()`, `new URL(req.url)`, or a local holding one.
    fn is_next_url(&self, e: &Expression<'a>) -> bool {
        match e.get_inner_expression() {
            Expression::StaticMemberExpression(m) => {
                m.property.name.as_str() == "nextUrl" && self.is_req(&m.object)
            }
            Expression::CallExpression(c) => match c.callee.get_inner_expression() {
                Expression::StaticMemberExpression(m) if m.property.name.as_str() == "clone" => {
                    self.is_next_url(&m.object)
                }
                _ => false,
            },
            Expression::NewExpression(n) => {
                is_ident(&n.callee, Some("URL"))
                    && n.arguments
                        .first()
                        .and_then(|a| a.as_expression())
                        .is_some_and(|a| self.is_req_url(a))
            }
            Expression::Identifier(id) => {
                matches!(self.locals.get(id.name.as_str()), Some(Local::NextUrl))
            }
            _ => false,
        }
    }

    fn is_pathname(&self, e: &Expression<'a>) -> bool {
        match e.get_inner_expression() {
            Expression::StaticMemberExpression(m) => {
                m.property.name.as_str() == "pathname" && self.is_next_url(&m.object)
            }
            Expression::Identifier(id) => {
                matches!(self.locals.get(id.name.as_str()), Some(Local::Pathname))
            }
            _ => false,
        }
    }

    /// `req.url` (an absolute URL).
    fn is_req_url(&self, e: &Expression<'a>) -> bool {
        match e.get_inner_expression() {
            Expression::StaticMemberExpression(m) => {
                m.property.name.as_str() == "url" && self.is_req(&m.object)
            }
            _ => false,
        }
    }

    fn cond(&mut self, e: &'a Expression<'a>) -> Cond {
        if self.nest > MAX_NEST {
            return Cond::Unknown;
        }
        self.nest += 1;
        let c = self.cond_inner(e);
        self.nest -= 1;
        c
    }

    fn cond_inner(&mut self, e: &'a Expression<'a>) -> Cond {
        match e.get_inner_expression() {
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                self.cond(&u.argument).negate()
            }
            Expression::LogicalExpression(l) => {
                let a = self.cond(&l.left);
                let b = self.cond(&l.right);
                match l.operator {
                    LogicalOperator::And => Cond::And(Box::new(a), Box::new(b)),
                    LogicalOperator::Or => Cond::Or(Box::new(a), Box::new(b)),
                    LogicalOperator::Coalesce => Cond::Unknown,
                }
            }
            Expression::BooleanLiteral(b) => Cond::Const(b.value),
            Expression::NullLiteral(_) => Cond::Const(false),
            Expression::Identifier(id) => match self.locals.get(id.name.as_str()) {
                Some(Local::Cond(c)) => c.clone(),
                Some(Local::AuthField(sure)) => Cond::SignedIn { sure: *sure },
                Some(_) => Cond::Unknown,
                None if id.name.as_str() == "undefined" => Cond::Const(false),
                None => Cond::Unknown,
            },
            Expression::CallExpression(c) => self.call_cond(c),
            Expression::StaticMemberExpression(m) => self.member_cond(m),
            Expression::BinaryExpression(b) => self.binary_cond(b),
            _ => Cond::Unknown,
        }
    }

    fn call_cond(&mut self, c: &'a CallExpression<'a>) -> Cond {
        match c.callee.get_inner_expression() {
            Expression::Identifier(id) => {
                let name = id.name.as_str();
                match self.locals.get(name) {
                    Some(Local::MatcherFn(i)) => return Cond::Matcher(*i),
                    Some(Local::HasFn) => return Cond::SignedIn { sure: false },
                    Some(_) => return Cond::Unknown,
                    None => {}
                }
                match self.b.named_matcher(name) {
                    Some(i) => Cond::Matcher(i),
                    None => Cond::Unknown,
                }
            }
            Expression::StaticMemberExpression(m) => {
                let prop = m.property.name.as_str();
                if prop == "has" && self.auth_object(&m.object) {
                    return Cond::SignedIn { sure: false };
                }
                let Some(arg) = c
                    .arguments
                    .first()
                    .and_then(|a| a.as_expression())
                    .and_then(static_str)
                else {
                    return Cond::Unknown;
                };
                if self.is_pathname(&m.object) {
                    let s = arg.to_string();
                    return match prop {
                        "startsWith" => Cond::Path(PathTest::Prefix(s)),
                        "endsWith" => Cond::Path(PathTest::Suffix(s)),
                        "includes" => Cond::Path(PathTest::Contains(s)),
                        _ => Cond::Unknown,
                    };
                }
                if self.is_req_url(&m.object) && prop == "startsWith" && arg.starts_with('/') {
                    // `req.url` is absolute (`https://host/...`): never starts with `/`.
                    return Cond::Const(false);
                }
                Cond::Unknown
            }
            _ => Cond::Unknown,
        }
    }

    fn member_cond(&mut self, m: &'a StaticMemberExpression<'a>) -> Cond {
        if !self.auth_object(&m.object) {
            return Cond::Unknown;
        }
        match self.field_local(m.property.name.as_str()) {
            Local::AuthField(sure) => Cond::SignedIn { sure },
            Local::Cond(c) => c,
            _ => Cond::Unknown,
        }
    }

    fn binary_cond(&mut self, b: &'a BinaryExpression<'a>) -> Cond {
        let negate = match b.operator {
            BinaryOperator::StrictEquality | BinaryOperator::Equality => false,
            BinaryOperator::StrictInequality | BinaryOperator::Inequality => true,
            _ => return Cond::Unknown,
        };
        let c = self.equality(&b.left, &b.right);
        let c = if matches!(c, Cond::Unknown) {
            self.equality(&b.right, &b.left)
        } else {
            c
        };
        if negate { c.negate() } else { c }
    }

    /// `a === b` where `a` is a pathname or a session field.
    fn equality(&mut self, a: &'a Expression<'a>, b: &'a Expression<'a>) -> Cond {
        if self.is_pathname(a)
            && let Some(s) = static_str(b)
        {
            return Cond::Path(PathTest::Eq(s.to_string()));
        }
        let field = self.cond(a);
        if matches!(field, Cond::SignedIn { .. }) {
            if is_nullish(b) {
                return field.negate();
            }
            match b.get_inner_expression() {
                Expression::BooleanLiteral(l) if l.value => return field,
                Expression::BooleanLiteral(_) => return field.negate(),
                _ => {}
            }
        }
        if static_str(b).is_some() && self.session_value(a) {
            // `sessionClaims?.metadata?.role === 'admin'`: never true for a signed-out
            // request (the claims are null), unknown for a signed-in one.
            return Cond::And(
                Box::new(Cond::SignedIn { sure: false }),
                Box::new(Cond::Unknown),
            );
        }
        Cond::Unknown
    }

    /// A session field or a property path inside one (`sessionClaims?.metadata?.role`,
    /// `(await auth()).orgRole`).
    fn session_value(&self, e: &Expression<'a>) -> bool {
        match e.get_inner_expression() {
            Expression::Identifier(id) => {
                matches!(self.locals.get(id.name.as_str()), Some(Local::AuthField(_)))
            }
            Expression::StaticMemberExpression(m) => {
                (self.auth_object(&m.object)
                    && matches!(
                        self.field_local(m.property.name.as_str()),
                        Local::AuthField(_)
                    ))
                    || self.session_value(&m.object)
            }
            Expression::ComputedMemberExpression(m) => self.session_value(&m.object),
            Expression::ChainExpression(c) => match &c.expression {
                ChainElement::StaticMemberExpression(m) => {
                    (self.auth_object(&m.object)
                        && matches!(
                            self.field_local(m.property.name.as_str()),
                            Local::AuthField(_)
                        ))
                        || self.session_value(&m.object)
                }
                ChainElement::ComputedMemberExpression(m) => self.session_value(&m.object),
                _ => false,
            },
            _ => false,
        }
    }
}

/// What an expression or statement mentions: session names, `protect` / `redirectTo*` calls,
/// and `return` / `throw` outside nested functions.
struct Scan<'n> {
    names: &'n [&'n str],
    fn_depth: u32,
    mentions: bool,
    exit_call: bool,
    exit_stmt: bool,
}

impl<'n> Scan<'n> {
    fn new(names: &'n [&'n str]) -> Scan<'n> {
        Scan {
            names,
            fn_depth: 0,
            mentions: false,
            exit_call: false,
            exit_stmt: false,
        }
    }
}

impl<'a> Visit<'a> for Scan<'_> {
    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        if self.names.contains(&it.name.as_str()) {
            self.mentions = true;
        }
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if matches!(
            it.property.name.as_str(),
            "protect" | "redirectToSignIn" | "redirectToSignUp"
        ) {
            self.exit_call = true;
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_return_statement(&mut self, it: &ReturnStatement<'a>) {
        if self.fn_depth == 0 {
            self.exit_stmt = true;
        }
        walk::walk_return_statement(self, it);
    }

    fn visit_throw_statement(&mut self, it: &ThrowStatement<'a>) {
        if self.fn_depth == 0 {
            self.exit_stmt = true;
        }
        walk::walk_throw_statement(self, it);
    }

    fn visit_function_body(&mut self, it: &FunctionBody<'a>) {
        self.fn_depth += 1;
        walk::walk_function_body(self, it);
        self.fn_depth -= 1;
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.fn_depth += 1;
        walk::walk_arrow_function_expression(self, it);
        self.fn_depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::Coverage::{NotRun, Protected, Runs, Unknown};
    use super::MiddlewareKind::{AuthMiddleware, Clerk, NotClerk, WithClerk};
    use super::*;

    struct Case {
        name: &'static str,
        src: &'static str,
        v6: bool,
        kind: MiddlewareKind,
        paths: &'static [(&'static str, Coverage)],
        /// Substrings of the expected issue messages, in file order.
        issues: &'static [&'static str],
    }

    const IMPORTS: &str = "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server'\nimport { NextResponse } from 'next/server'\n";

    const CASES: &[Case] = &[
        Case {
            name: "populate-only with the recommended matcher",
            src: r#"
export default clerkMiddleware()
export const config = {
  matcher: [
    '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    '/(api|trpc)(.*)',
    '/__clerk/(.*)',
  ],
}"#,
            v6: true,
            kind: Clerk,
            paths: &[
                ("/dashboard", Runs),
                ("/api/notes", Runs),
                ("/api/data.json", Runs),
                ("/logo.png", NotRun),
                ("/_next/static/a.js", NotRun),
            ],
            issues: &[],
        },
        Case {
            name: "options only",
            src: "export default clerkMiddleware({ debug: true, authorizedParties: ['https://x.dev'] })",
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Runs)],
            issues: &[],
        },
        Case {
            name: "callback that never protects",
            src: "export default clerkMiddleware(async (auth, req) => { const { userId } = await auth(); console.log(userId) })",
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Runs), ("/", Runs)],
            issues: &[],
        },
        Case {
            name: "allow-by-default",
            src: r#"
const isProtectedRoute = createRouteMatcher(['/dashboard(.*)', '/api/private(.*)'])
export default clerkMiddleware(async (auth, req) => {
  if (isProtectedRoute(req)) await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[
                ("/dashboard", Protected),
                ("/dashboard/settings", Protected),
                ("/DASHBOARD", Protected),
                ("/api/private/notes", Protected),
                ("/api/notes", Runs),
                ("/", Runs),
            ],
            issues: &[],
        },
        Case {
            name: "deny-by-default",
            src: r#"
const isPublicRoute = createRouteMatcher(['/', '/sign-in(.*)', '/sign-up(.*)', '/api/webhooks(.*)'])
export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) {
    await auth.protect()
  }
})"#,
            v6: true,
            kind: Clerk,
            paths: &[
                ("/", Runs),
                ("/sign-in/factor-one", Runs),
                ("/api/webhooks/clerk", Runs),
                ("/api/notes", Protected),
                ("/dashboard", Protected),
            ],
            issues: &[],
        },
        Case {
            name: "unconditional protect",
            src: "export default clerkMiddleware(async (auth) => { await auth.protect() })",
            v6: true,
            kind: Clerk,
            paths: &[("/", Protected), ("/api/x", Protected)],
            issues: &[],
        },
        Case {
            name: "returned protect with role",
            src: "export default clerkMiddleware((auth, req) => auth.protect({ role: 'org:admin' }))",
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Protected)],
            issues: &[],
        },
        Case {
            name: "v5 auth().protect()",
            src: r#"
const isProtected = createRouteMatcher(['/admin(.*)'])
export default clerkMiddleware((auth, req) => {
  if (isProtected(req)) auth().protect()
})"#,
            v6: false,
            kind: Clerk,
            paths: &[
                ("/admin", Protected),
                ("/admin/users", Protected),
                ("/x", Runs),
            ],
            issues: &[],
        },
        Case {
            name: "v5 auth().protect() on v6 is not understood",
            src: r#"
const isProtected = createRouteMatcher(['/admin(.*)'])
export default clerkMiddleware((auth, req) => {
  if (isProtected(req)) auth().protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/admin", Unknown), ("/x", Runs)],
            issues: &[],
        },
        Case {
            name: "un-awaited protect on v6",
            src: r#"
const isPublic = createRouteMatcher(['/sign-in(.*)'])
export default clerkMiddleware((auth, req) => {
  if (!isPublic(req)) auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/dashboard", Runs), ("/sign-in", Runs)],
            issues: &["`auth.protect()` is not awaited"],
        },
        Case {
            name: "un-awaited protect on v5 protects",
            src: "export default clerkMiddleware((auth, req) => { auth.protect() })",
            v6: false,
            kind: Clerk,
            paths: &[("/dashboard", Protected)],
            issues: &[],
        },
        Case {
            name: "early return for public routes",
            src: r#"
const isPublic = createRouteMatcher(['/sign-in(.*)', '/api/hooks(.*)'])
export default clerkMiddleware(async (auth, req) => {
  if (isPublic(req)) return
  await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/hooks/stripe", Runs), ("/api/notes", Protected)],
            issues: &[],
        },
        Case {
            name: "early NextResponse.next() and a const array",
            src: r#"
const PUBLIC = ['/sign-in(.*)', '/api/public(.*)']
const isPublic = createRouteMatcher([...PUBLIC, '/'])
export default clerkMiddleware(async (auth, req) => {
  if (isPublic(req)) {
    return NextResponse.next()
  }
  await auth.protect()
  return NextResponse.next()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[
                ("/", Runs),
                ("/api/public/a", Runs),
                ("/api/private", Protected),
            ],
            issues: &[],
        },
        Case {
            name: "|| of matchers",
            src: r#"
const isAdmin = createRouteMatcher(['/admin(.*)'])
const isPrivateApi = createRouteMatcher('/api/private/:path*')
export default clerkMiddleware(async (auth, req) => {
  if (isAdmin(req) || isPrivateApi(req)) await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[
                ("/admin/x", Protected),
                ("/api/private", Protected),
                ("/api/private/a/b", Protected),
                ("/api/privateer", Runs),
                ("/", Runs),
            ],
            issues: &[],
        },
        Case {
            name: "&& of negated matchers",
            src: r#"
const isPublic = createRouteMatcher(['/', '/sign-in(.*)'])
const isWebhook = createRouteMatcher([/^\/api\/webhooks\//])
export default clerkMiddleware(async (auth, req) => {
  if (!isPublic(req) && !isWebhook(req)) await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[
                ("/", Runs),
                ("/api/webhooks/clerk", Runs),
                ("/api/notes", Protected),
            ],
            issues: &[],
        },
        Case {
            name: "redirectToSignIn shape",
            src: r#"
const isProtectedRoute = createRouteMatcher(['/dashboard(.*)', '/api/(.*)'])
export default clerkMiddleware(async (auth, req) => {
  const { userId, redirectToSignIn } = await auth()
  if (!userId && isProtectedRoute(req)) {
    return redirectToSignIn({ returnBackUrl: req.url })
  }
})"#,
            v6: true,
            kind: Clerk,
            paths: &[
                ("/dashboard", Protected),
                ("/api/x", Protected),
                ("/", Runs),
            ],
            issues: &[],
        },
        Case {
            name: "v5 auth().userId with auth().redirectToSignIn()",
            src: r#"
const isPublic = createRouteMatcher(['/'])
export default clerkMiddleware((auth, req) => {
  if (!auth().userId && !isPublic(req)) return auth().redirectToSignIn()
})"#,
            v6: false,
            kind: Clerk,
            paths: &[("/", Runs), ("/x", Protected)],
            issues: &[],
        },
        Case {
            name: "NextResponse.redirect when signed out",
            src: r#"
const isPublic = createRouteMatcher(['/sign-in(.*)'])
export default clerkMiddleware(async (auth, req) => {
  if (isPublic(req)) return NextResponse.next()
  const { userId } = await auth()
  if (!userId) return NextResponse.redirect(new URL('/sign-in', req.url))
  return NextResponse.next()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/sign-in", Runs), ("/api/x", Protected)],
            issues: &[],
        },
        Case {
            name: "401 response when userId is null",
            src: r#"
export default clerkMiddleware(async (auth, req) => {
  const session = await auth()
  if (session.userId === null) {
    return new Response('Unauthorized', { status: 401 })
  }
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Protected)],
            issues: &[],
        },
        Case {
            name: "redirect for everyone is not a rejection",
            src: r#"
export default clerkMiddleware(async (auth, req) => {
  if (req.nextUrl.pathname === '/old') return NextResponse.redirect(new URL('/new', req.url))
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/old", Unknown), ("/new", Runs)],
            issues: &[],
        },
        Case {
            name: "has() role check",
            src: r#"
const isAdmin = createRouteMatcher(['/admin(.*)'])
export default clerkMiddleware(async (auth, req) => {
  const { has } = await auth()
  if (isAdmin(req) && !has({ role: 'org:admin' })) {
    return NextResponse.redirect(new URL('/', req.url))
  }
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/admin", Protected), ("/", Runs)],
            issues: &[],
        },
        Case {
            name: "if / else if / else chain",
            src: r#"
const isAdmin = createRouteMatcher(['/admin(.*)'])
const isPublic = createRouteMatcher(['/', '/pricing'])
export default clerkMiddleware(async (auth, req) => {
  if (isAdmin(req)) {
    await auth.protect((has) => has({ role: 'org:admin' }))
  } else if (isPublic(req)) {
    return NextResponse.next()
  } else {
    await auth.protect()
  }
})"#,
            v6: true,
            kind: Clerk,
            paths: &[
                ("/admin/a", Protected),
                ("/pricing", Runs),
                ("/api/x", Protected),
            ],
            issues: &[],
        },
        Case {
            name: "role check on session claims",
            src: r#"
const isAdminRoute = createRouteMatcher(['/admin(.*)'])
export default clerkMiddleware(async (auth, req) => {
  if (isAdminRoute(req) && (await auth()).sessionClaims?.metadata?.role !== 'admin') {
    const url = new URL('/', req.url)
    return NextResponse.redirect(url)
  }
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/admin/users", Protected), ("/", Runs)],
            issues: &[],
        },
        Case {
            name: "un-awaited protect behind && on v6",
            src: r#"
const isProtected = createRouteMatcher(['/admin(.*)'])
export default clerkMiddleware((auth, req) => {
  isProtected(req) && auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/admin", Runs)],
            issues: &["`auth.protect()` is not awaited"],
        },
        Case {
            name: "protect behind && on v5",
            src: r#"
const isProtected = createRouteMatcher(['/admin(.*)'])
export default clerkMiddleware((auth, req) => {
  isProtected(req) && auth().protect()
})"#,
            v6: false,
            kind: Clerk,
            paths: &[("/admin", Protected), ("/", Runs)],
            issues: &[],
        },
        Case {
            name: "isAuthenticated with typed params",
            src: r#"
import type { NextRequest } from 'next/server'
const isProtectedRoute = createRouteMatcher(['/dashboard(.*)'])
export default clerkMiddleware(async (auth: any, req: NextRequest) => {
  const { isAuthenticated, redirectToSignIn } = await auth()
  if (!isAuthenticated && isProtectedRoute(req)) return redirectToSignIn()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/dashboard", Protected), ("/", Runs)],
            issues: &[],
        },
        Case {
            name: "hostname condition is unknown",
            src: r#"
export default clerkMiddleware(async (auth, req) => {
  if (req.nextUrl.hostname === 'admin.example.com') await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/", Unknown), ("/api/x", Unknown)],
            issues: &[],
        },
        Case {
            name: "env-controlled early return is unknown",
            src: r#"
export default clerkMiddleware(async (auth, req) => {
  if (process.env.SKIP_AUTH) return NextResponse.next()
  await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Unknown)],
            issues: &[],
        },
        Case {
            name: "req.url prefix test is never true",
            src: r#"
export default clerkMiddleware(async (auth, req) => {
  if (req.url.startsWith('/api/hooks')) return
  await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/hooks/stripe", Protected), ("/", Protected)],
            issues: &[],
        },
        Case {
            name: "pathname prefix test",
            src: r#"
export default clerkMiddleware(async (auth, request) => {
  const { pathname } = request.nextUrl
  if (pathname.startsWith('/api/public')) return NextResponse.next()
  await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/public/x", Runs), ("/api/x", Protected)],
            issues: &[],
        },
        Case {
            name: "try / catch around protect is unknown",
            src: r#"
export default clerkMiddleware(async (auth, req) => {
  try { await auth.protect() } catch (e) { console.error(e) }
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Unknown)],
            issues: &[],
        },
        Case {
            name: "non-literal matcher argument",
            src: r#"
import { routes } from './routes'
const isPublic = createRouteMatcher(routes)
export default clerkMiddleware(async (auth, req) => {
  if (!isPublic(req)) await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Unknown), ("/", Unknown)],
            issues: &[],
        },
        Case {
            name: "partly literal matcher: a match is still known",
            src: r#"
import { extra } from './routes'
const isPublic = createRouteMatcher(['/sign-in(.*)', ...extra])
export default clerkMiddleware(async (auth, req) => {
  if (!isPublic(req)) await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/sign-in", Runs), ("/api/x", Unknown)],
            issues: &[],
        },
        Case {
            name: "public entry opening every API route",
            src: r#"
const isPublicRoute = createRouteMatcher(['/', '/sign-in(.*)', '/api(.*)', '/(api|trpc)(.*)'])
export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/notes", Runs), ("/dashboard", Protected)],
            issues: &[
                "public route `/api(.*)` makes every API route public",
                "public route `/(api|trpc)(.*)` makes every API route public",
            ],
        },
        Case {
            name: "protected entry covering the API is fine",
            src: r#"
const isProtected = createRouteMatcher(['/api(.*)'])
export default clerkMiddleware(async (auth, req) => {
  if (isProtected(req)) await auth.protect()
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/notes", Protected), ("/", Runs)],
            issues: &[],
        },
        Case {
            name: "next-intl after protection",
            src: r#"
import createMiddleware from 'next-intl/middleware'
const intl = createMiddleware({ locales: ['en', 'de'], defaultLocale: 'en' })
const isProtected = createRouteMatcher(['/:locale/dashboard(.*)'])
export default clerkMiddleware(async (auth, req) => {
  if (isProtected(req)) await auth.protect()
  return intl(req)
})"#,
            v6: true,
            kind: Clerk,
            paths: &[("/en/dashboard", Protected), ("/en", Runs)],
            issues: &[],
        },
        Case {
            name: "handler and options in bindings, exported by alias",
            src: r#"
const isProtected = createRouteMatcher(['/account(.*)'])
const handler = async (auth, req) => {
  if (isProtected(req)) await auth.protect()
}
const mw = clerkMiddleware(handler, { debug: true })
export { mw as default }"#,
            v6: true,
            kind: Clerk,
            paths: &[("/account", Protected), ("/", Runs)],
            issues: &[],
        },
        Case {
            name: "const then export default",
            src: "const mw = clerkMiddleware(async (auth) => { await auth.protect() })\nexport default mw",
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Protected)],
            issues: &[],
        },
        Case {
            name: "export const middleware",
            src: "export const middleware = clerkMiddleware(async (auth) => { await auth.protect() })",
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Protected)],
            issues: &[],
        },
        Case {
            name: "export const proxy",
            src: "export const proxy = clerkMiddleware()",
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Runs)],
            issues: &[],
        },
        Case {
            name: "namespace import",
            src: "//raw\nimport * as clerk from '@clerk/nextjs/server'\nexport default clerk.clerkMiddleware(async (auth) => { await auth.protect() })",
            v6: true,
            kind: Clerk,
            paths: &[("/x", Protected)],
            issues: &[],
        },
        Case {
            name: "proxy.ts function wrapper with a hostname branch",
            src: r#"
import type { NextFetchEvent, NextRequest } from 'next/server'
const isPublic = createRouteMatcher(['/sign-in(.*)'])
const withClerk = clerkMiddleware(async (auth, req) => {
  if (!isPublic(req)) await auth.protect()
})
export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  if (req.nextUrl.hostname.startsWith('docs.')) return NextResponse.next()
  return withClerk(req, ev)
}"#,
            v6: true,
            kind: Clerk,
            paths: &[("/dashboard", Unknown), ("/sign-in", Unknown)],
            issues: &[],
        },
        Case {
            name: "function wrapper with a path branch",
            src: r#"
const withClerk = clerkMiddleware(async (auth, req) => { await auth.protect() })
export default async function middleware(req, ev) {
  if (req.nextUrl.pathname.startsWith('/health')) return NextResponse.next()
  const res = await withClerk(req, ev)
  return res
}"#,
            v6: true,
            kind: Clerk,
            paths: &[("/health", Unknown), ("/api/x", Protected)],
            issues: &[],
        },
        Case {
            name: "inline instance in a wrapper",
            src: "export default function middleware(req, ev) { return clerkMiddleware()(req, ev) }",
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Runs)],
            issues: &[],
        },
        Case {
            name: "opaque chain helper",
            src: r#"
import { chain } from './chain'
const withClerk = clerkMiddleware()
export default chain([withClerk])"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Unknown)],
            issues: &[],
        },
        Case {
            name: "authMiddleware publicRoutes / ignoredRoutes",
            src: r#"//raw
import { authMiddleware } from '@clerk/nextjs'
export default authMiddleware({
  publicRoutes: ['/', '/pricing', '/api/hooks/(.*)'],
  ignoredRoutes: ['/api/cron'],
})
export const config = { matcher: ['/((?!.+\\.[\\w]+$|_next).*)', '/', '/(api|trpc)(.*)'] }"#,
            v6: false,
            kind: AuthMiddleware,
            paths: &[
                ("/", Runs),
                ("/pricing", Runs),
                ("/api/hooks/stripe", Runs),
                ("/api/cron", Runs),
                ("/api/notes", Protected),
                ("/dashboard", Protected),
                ("/logo.png", NotRun),
            ],
            issues: &[],
        },
        Case {
            name: "authMiddleware without options protects everything",
            src: "//raw\nimport { authMiddleware } from '@clerk/nextjs/server'\nexport default authMiddleware()",
            v6: false,
            kind: AuthMiddleware,
            paths: &[("/", Protected), ("/api/x", Protected)],
            issues: &[],
        },
        Case {
            name: "authMiddleware publicRoutes opening the API",
            src: r#"//raw
import { authMiddleware } from '@clerk/nextjs'
export default authMiddleware({ publicRoutes: ['/', '/api/:path*'] })"#,
            v6: false,
            kind: AuthMiddleware,
            paths: &[("/api/notes", Runs), ("/settings", Protected)],
            issues: &["public route `/api/:path*` makes every API route public"],
        },
        Case {
            name: "authMiddleware afterAuth that ignores auth",
            src: r#"//raw
import { authMiddleware } from '@clerk/nextjs'
export default authMiddleware({
  publicRoutes: ['/'],
  afterAuth: (auth, req) => NextResponse.next(),
})"#,
            v6: false,
            kind: AuthMiddleware,
            paths: &[("/", Runs), ("/dashboard", Runs), ("/api/x", Runs)],
            issues: &["`afterAuth` never rejects signed-out requests"],
        },
        Case {
            name: "authMiddleware afterAuth with the default shape",
            src: r#"//raw
import { authMiddleware, redirectToSignIn } from '@clerk/nextjs'
export default authMiddleware({
  publicRoutes: ['/', '/pricing'],
  afterAuth(auth, req, evt) {
    if (!auth.userId && !auth.isPublicRoute) {
      return redirectToSignIn({ returnBackUrl: req.url })
    }
    return NextResponse.next()
  },
})"#,
            v6: false,
            kind: AuthMiddleware,
            paths: &[("/", Runs), ("/pricing", Runs), ("/dashboard", Protected)],
            issues: &[],
        },
        Case {
            name: "authMiddleware afterAuth letting signed-out API calls through",
            src: r#"//raw
import { authMiddleware, redirectToSignIn } from '@clerk/nextjs'
export default authMiddleware({
  afterAuth(auth, req) {
    if (!auth.userId && auth.isApiRoute) return NextResponse.next()
    if (!auth.userId && !auth.isPublicRoute) return redirectToSignIn({ returnBackUrl: req.url })
  },
})"#,
            v6: false,
            kind: AuthMiddleware,
            paths: &[("/api/x", Runs), ("/dashboard", Unknown)],
            issues: &[],
        },
        Case {
            name: "withClerkMiddleware",
            src: r#"//raw
import { withClerkMiddleware } from '@clerk/nextjs/server'
export default withClerkMiddleware((req) => NextResponse.next())"#,
            v6: false,
            kind: WithClerk,
            paths: &[("/api/x", Runs)],
            issues: &[],
        },
        Case {
            name: "config.matcher string",
            src: "export default clerkMiddleware()\nexport const config = { matcher: '/dashboard/:path*' }",
            v6: true,
            kind: Clerk,
            paths: &[
                ("/dashboard", Runs),
                ("/dashboard/a", Runs),
                ("/api/x", NotRun),
            ],
            issues: &["`config.matcher` never runs the middleware for `/api` routes"],
        },
        Case {
            name: "config.matcher objects with has / missing",
            src: r#"
export default clerkMiddleware(async (auth) => { await auth.protect() })
export const config = {
  matcher: [
    { source: '/((?!_next/static|_next/image|favicon.ico).*)', missing: [{ type: 'header', key: 'next-router-prefetch' }] },
  ],
}"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Protected), ("/favicon.ico", NotRun)],
            issues: &[],
        },
        Case {
            name: "config.matcher excluding /api",
            src: r#"
const isPublic = createRouteMatcher(['/'])
export default clerkMiddleware(async (auth, req) => { if (!isPublic(req)) await auth.protect() })
export const config = { matcher: ['/((?!api|_next|.*\\..*).*)'] }"#,
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", NotRun), ("/dashboard", Protected), ("/", Runs)],
            issues: &["`config.matcher` never runs the middleware for `/api` routes"],
        },
        Case {
            name: "config.matcher from a variable",
            src: "import { m } from './m'\nexport default clerkMiddleware()\nexport const config = { matcher: m }",
            v6: true,
            kind: Clerk,
            paths: &[("/api/x", Unknown)],
            issues: &[],
        },
        Case {
            name: "non-Clerk middleware",
            src: r#"//raw
import createMiddleware from 'next-intl/middleware'
export default createMiddleware({ locales: ['en'], defaultLocale: 'en' })
export const config = { matcher: ['/((?!api|_next|.*\\..*).*)'] }"#,
            v6: true,
            kind: NotClerk,
            paths: &[("/api/x", Unknown), ("/", Unknown)],
            issues: &[],
        },
        Case {
            name: "a clerkMiddleware that is not Clerk's",
            src: "//raw\nimport { clerkMiddleware } from './my-clerk'\nexport default clerkMiddleware()",
            v6: true,
            kind: NotClerk,
            paths: &[("/api/x", Unknown)],
            issues: &[],
        },
        Case {
            name: "syntax error",
            src: "export default clerkMiddleware(async (auth, req) => { if (",
            v6: true,
            kind: NotClerk,
            paths: &[("/api/x", Unknown)],
            issues: &[],
        },
    ];

    /// The case's source: `//raw` sources bring their own imports, the others get the
    /// `@clerk/nextjs/server` and `next/server` imports.
    fn source(case: &Case) -> String {
        if case.src.starts_with("//raw") {
            case.src.to_string()
        } else {
            format!("{IMPORTS}{}", case.src)
        }
    }

    #[test]
    fn middleware_case_table() {
        assert!(CASES.len() >= 25);
        let mut checked = 0;
        for case in CASES {
            let src = source(case);
            let mw = Middleware::parse("middleware.ts", &src, case.v6);
            assert_eq!(mw.kind, case.kind, "{}: kind\n{src}", case.name);
            for (path, want) in case.paths {
                assert_eq!(
                    &mw.coverage(path),
                    want,
                    "{}: coverage of {path}\n{src}",
                    case.name
                );
                checked += 1;
            }
            let messages: Vec<&str> = mw.issues.iter().map(|i| i.message.as_str()).collect();
            assert_eq!(
                messages.len(),
                case.issues.len(),
                "{}: issues {messages:?}",
                case.name
            );
            for (got, want) in messages.iter().zip(case.issues) {
                assert!(
                    got.contains(want),
                    "{}: issue `{got}` should contain `{want}`",
                    case.name
                );
            }
            for issue in &mw.issues {
                assert!(issue.range.end <= src.len() && issue.range.start <= issue.range.end);
                assert!(!issue.message.ends_with('.'), "{}", issue.message);
                assert!(!issue.help.is_empty());
            }
        }
        assert!(checked >= 100, "{checked} coverage checks");
    }

    fn issue_text<'s>(src: &'s str, mw: &Middleware, i: usize) -> &'s str {
        let r = mw.issues[i].range.clone();
        &src[r]
    }

    #[test]
    fn issue_ranges_point_at_the_cause() {
        let src = format!(
            "{IMPORTS}const isPublic = createRouteMatcher(['/', '/api(.*)'])\nexport default clerkMiddleware((auth, req) => {{\n  if (!isPublic(req)) auth.protect()\n}})\nexport const config = {{ matcher: ['/((?!api|_next).*)'] }}\n"
        );
        // v5: the protect call is fine, so the public entry opens the API.
        let mw = Middleware::parse("src/middleware.ts", &src, false);
        assert_eq!(mw.issues.len(), 2, "{:?}", mw.issues);
        assert_eq!(issue_text(&src, &mw, 0), "'/api(.*)'");
        assert_eq!(issue_text(&src, &mw, 1), "['/((?!api|_next).*)']");
        // v6: the protect call is dropped (reported), and the entry is still reported: it is
        // a public list by the author's intent.
        let mw = Middleware::parse("src/middleware.ts", &src, true);
        assert_eq!(mw.issues.len(), 3, "{:?}", mw.issues);
        assert_eq!(issue_text(&src, &mw, 0), "'/api(.*)'");
        assert_eq!(issue_text(&src, &mw, 1), "auth.protect()");
        assert!(mw.issues[2].message.contains("config.matcher"));
        assert_eq!(mw.coverage("/dashboard"), Runs);

        let src = "import { authMiddleware } from '@clerk/nextjs'\nexport default authMiddleware({\n  afterAuth(auth, req) { console.log(auth.userId) },\n})\n";
        let mw = Middleware::parse("middleware.js", src, false);
        assert_eq!(mw.issues.len(), 1);
        assert!(issue_text(src, &mw, 0).starts_with("afterAuth(auth, req)"));
    }

    #[test]
    fn matcher_field_is_exposed() {
        let src = format!(
            "{IMPORTS}export default clerkMiddleware()\nexport const config = {{ matcher: ['/', '/(api|trpc)(.*)'] }}"
        );
        let mw = Middleware::parse("middleware.ts", &src, true);
        let m = mw.matcher.as_ref().expect("matcher");
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].source, "/(api|trpc)(.*)");
        let mw = Middleware::parse(
            "middleware.ts",
            &format!("{IMPORTS}export default clerkMiddleware()"),
            true,
        );
        assert!(mw.matcher.is_none());
        assert_eq!(mw.coverage("/anything"), Runs);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let deep_ifs = format!(
            "{IMPORTS}export default clerkMiddleware(async (auth, req) => {{ {} await auth.protect() {} }})",
            "if (req) {".repeat(300),
            "}".repeat(300)
        );
        let long_or = format!(
            "{IMPORTS}const m = createRouteMatcher(['/a'])\nexport default clerkMiddleware(async (auth, req) => {{ if ({}) await auth.protect() }})",
            vec!["m(req)"; 400].join(" || ")
        );
        let many_unknown = format!(
            "{IMPORTS}export default clerkMiddleware(async (auth, req) => {{ {} await auth.protect() }})",
            (0..60)
                .map(|i| format!("if (process.env.X{i}) console.log({i});"))
                .collect::<String>()
        );
        let inputs: Vec<String> = vec![
            String::new(),
            "\u{0}\u{feff}".to_string(),
            "export default".to_string(),
            "export default 42".to_string(),
            "export default clerkMiddleware".to_string(),
            format!("{IMPORTS}export default clerkMiddleware(...args)"),
            format!("{IMPORTS}export default clerkMiddleware(undefined)"),
            format!("{IMPORTS}export default clerkMiddleware(42)"),
            format!("{IMPORTS}export default createRouteMatcher()"),
            format!("{IMPORTS}const a = b; const b = a; export default a"),
            format!("{IMPORTS}export default function middleware(req) {{ return middleware(req) }}"),
            format!("{IMPORTS}function a(r) {{ return b(r) }} function b(r) {{ return a(r) }} export default a"),
            format!("{IMPORTS}export default clerkMiddleware(async (auth, req) => {{ for (;;) {{ if (req) return }} }})"),
            format!("{IMPORTS}export default clerkMiddleware(async ({{ protect }}, [req]) => {{ await protect() }})"),
            format!("{IMPORTS}const isP = createRouteMatcher([/(/, '/(', '/:', 42, null, , ...x])\nexport default clerkMiddleware(async (a, r) => {{ if (!isP(r)) await a.protect() }})"),
            format!("{IMPORTS}const isP = createRouteMatcher(new RegExp('^/a', 'i'))\nexport default clerkMiddleware(async (a, r) => {{ if (isP(r)) await a.protect() }})"),
            format!("{IMPORTS}export default clerkMiddleware()\nexport const config = {{ matcher: [42, {{}}, {{ source: 1 }}] }}"),
            format!("{IMPORTS}export default clerkMiddleware()\nexport const config = {{ ...base }}"),
            format!("{IMPORTS}export default clerkMiddleware()\nexport const config = {{ matcher: 'no-slash' }}"),
            format!("{IMPORTS}export default clerkMiddleware()\nexport const config = 5"),
            "import { authMiddleware } from '@clerk/nextjs'\nexport default authMiddleware({ publicRoutes: (req) => true, afterAuth: someFn, ...rest })".to_string(),
            "import { authMiddleware } from '@clerk/nextjs'\nexport default authMiddleware({ beforeAuth: () => false })".to_string(),
            deep_ifs,
            long_or,
            many_unknown,
            "<div>".repeat(50),
            "((((((((((".repeat(20),
        ];
        for (i, input) in inputs.iter().enumerate() {
            for path in [
                "middleware.ts",
                "proxy.js",
                "middleware",
                "src/middleware.tsx",
            ] {
                for v6 in [false, true] {
                    let mw = Middleware::parse(path, input, v6);
                    for p in ["/", "/api/x", "", "//", "/a/../b", "/é/ü", "/x?y#z"] {
                        let _ = mw.coverage(p);
                    }
                    for issue in &mw.issues {
                        assert!(issue.range.end <= input.len(), "input {i}");
                    }
                }
            }
        }
    }
}
