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
    Expression, FormalParameters, Function, FunctionBody, IdentifierReference, LogicalOperator,
    ModuleExportName, ObjectExpression, ObjectPattern, ObjectPropertyKind, RegExpFlags,
    ReturnStatement, Statement, StaticMemberExpression, ThrowStatement, UnaryOperator,
    VariableDeclaration, VariableDeclarationKind,
};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType, Span};

use crate::analysis::engine::{ImportName, Tri, collect_imports, declaration_of, range_of};
use crate::pattern::{Match, RoutePattern};

mod bindings;
mod build;

#[allow(unused_imports)]
use bindings::*;
#[allow(unused_imports)]
use build::*;

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueKind {
    /// A public-route entry (as written) opens every API route.
    PublicApi { entry: String },
    /// `config.matcher` does not match a sample `/api` path (a generic probe: the endpoint
    /// analysis checks the app's real routes instead).
    MatcherExcludesApi,
    /// `auth.protect()` is neither awaited nor returned.
    UnawaitedProtect,
    /// A Core-1 `afterAuth` that rejects nobody.
    AfterAuthOpen,
}

impl IssueKind {
    /// The issue as the endpoint model reports it.
    pub fn app_kind(&self) -> crate::analysis::endpoint::AppIssueKind {
        use crate::analysis::endpoint::AppIssueKind;
        match self {
            IssueKind::PublicApi { entry } => AppIssueKind::PublicApiRoute {
                entry: entry.clone(),
            },
            IssueKind::MatcherExcludesApi => AppIssueKind::MatcherExcludesApi,
            IssueKind::UnawaitedProtect => AppIssueKind::UnawaitedProtect,
            IssueKind::AfterAuthOpen => AppIssueKind::AfterAuthOpen,
        }
    }
}

/// A `middleware-matcher-gap` finding inside the middleware file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MiddlewareIssue {
    pub kind: IssueKind,
    /// Byte range in the middleware file (the matcher entry, the `protect` call, ...).
    pub range: Range<usize>,
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
    /// Where `config.matcher` is written.
    matcher_range: Option<Range<usize>>,
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
    /// Whether the set matches `path`; `None` when that is not known (an entry that is not
    /// a literal, or one whose evaluation gave up: either way the route may be in the set,
    /// and a caller that cannot prove protection reports it).
    fn eval(&self, path: &str) -> Option<bool> {
        let mut gave_up = false;
        for e in &self.entries {
            match e.pattern.test(path) {
                Match::Yes => return Some(true),
                Match::GaveUp => gave_up = true,
                Match::No => {}
            }
        }
        if self.unknown || gave_up {
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
        Middleware::parse_exports(
            path,
            text,
            auth_is_async,
            &["default", "proxy", "middleware"],
        )
    }

    /// Reads a middleware file whose middleware is one of these exports (Astro: `onRequest`).
    pub fn parse_exports(
        path: &str,
        text: &str,
        auth_is_async: bool,
        exports: &[&str],
    ) -> Middleware {
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
        for name in exports.iter().copied() {
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
            matcher_range: matcher_range.clone(),
        };
        if mw.kind != MiddlewareKind::NotClerk {
            mw.check_public_api();
            if let (Some(m), Some(range)) = (&mw.matcher, matcher_range)
                && !m.iter().any(|p| p.matches(API_SAMPLE))
            {
                mw.issues.push(MiddlewareIssue {
                    kind: IssueKind::MatcherExcludesApi,
                    range,
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
            matcher_range: None,
        }
    }

    /// The route patterns (as written, with their range) whose evaluation gave up on some
    /// path so far: `createRouteMatcher` / `publicRoutes` entries and `config.matcher`.
    pub fn gave_up(&self) -> Vec<(String, Range<usize>)> {
        let mut out: Vec<(String, Range<usize>)> = self
            .route_sets
            .iter()
            .flat_map(|s| s.entries.iter())
            .filter(|e| e.pattern.gave_up())
            .map(|e| (e.display.clone(), e.range.clone()))
            .collect();
        if let Some(m) = &self.matcher {
            for p in m.iter().filter(|p| p.gave_up()) {
                out.push((p.source.clone(), self.matcher_range.clone().unwrap_or(0..0)));
            }
        }
        out
    }

    /// Coverage of one concrete pathname. A file without a Clerk middleware (or that does
    /// not parse) answers [`Coverage::Unknown`] everywhere, as does a `config.matcher` that is
    /// not a literal.
    pub fn coverage(&self, pathname: &str) -> Coverage {
        if self.kind == MiddlewareKind::NotClerk || self.matcher_unknown {
            return Coverage::Unknown;
        }
        if let Some(m) = &self.matcher {
            let tests: Vec<Match> = m.iter().map(|p| p.test(pathname)).collect();
            if !tests.contains(&Match::Yes) {
                // A matcher entry that gave up may or may not run the middleware here.
                return if tests.contains(&Match::GaveUp) {
                    Coverage::Unknown
                } else {
                    Coverage::NotRun
                };
            }
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
                        kind: IssueKind::PublicApi {
                            entry: e.display.to_string(),
                        },
                        range: e.range.clone(),
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
            Cond::Not(x) => (!Tri::known(self.cond(x, env, signed_out))).as_bool(),
            // Both sides are evaluated (a route pattern's budget is spent the same way
            // whatever the other side says); the logic is the walker's.
            Cond::And(a, b) | Cond::Or(a, b) => {
                let (x, y) = (
                    Tri::known(self.cond(a, env, signed_out)),
                    Tri::known(self.cond(b, env, signed_out)),
                );
                match c {
                    Cond::And(..) => x.and(|| y),
                    _ => x.or(|| y),
                }
                .as_bool()
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
            let texts: Vec<(String, String)> = mw.issues.iter().map(text_of).collect();
            let messages: Vec<&str> = texts.iter().map(|t| t.0.as_str()).collect();
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
            for (issue, (message, help)) in mw.issues.iter().zip(&texts) {
                assert!(issue.range.end <= src.len() && issue.range.start <= issue.range.end);
                assert!(!message.ends_with('.'), "{message}");
                assert!(!help.is_empty());
            }
        }
        assert!(checked >= 100, "{checked} coverage checks");
    }

    /// The message and help the `middleware-matcher-gap` rule writes for an issue.
    fn text_of(issue: &MiddlewareIssue) -> (String, String) {
        let t = crate::rules::middleware_matcher_gap::text(&crate::analysis::endpoint::AppIssue {
            framework: crate::analysis::endpoint::FrameworkId::NextJs,
            app: String::new(),
            location: crate::analysis::endpoint::Location {
                file: "middleware.ts".to_string(),
                range: issue.range.clone(),
            },
            kind: issue.kind.app_kind(),
        });
        (t.message, t.help)
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
        assert!(text_of(&mw.issues[2]).0.contains("config.matcher"));
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
