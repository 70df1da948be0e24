//! Building the middleware model from the AST.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------------
// Building

pub(crate) struct Builder<'a> {
    pub(crate) module: Module<'a>,
    pub(crate) auth_is_async: bool,
    pub(crate) route_sets: Vec<RouteSet>,
    /// Module-level `const isX = createRouteMatcher(...)` → route set.
    pub(crate) named_matchers: HashMap<&'a str, Option<usize>>,
    pub(crate) models: Vec<(MiddlewareKind, Model)>,
    /// Module-level names a wrapper calls → Clerk instance model.
    pub(crate) delegates: HashMap<&'a str, Option<usize>>,
    pub(crate) issues: Vec<MiddlewareIssue>,
}

impl<'a> Builder<'a> {
    pub(crate) fn push_set(&mut self, set: RouteSet) -> usize {
        self.route_sets.push(set);
        self.route_sets.len() - 1
    }

    pub(crate) fn resolve(&self, e: &'a Expression<'a>, depth: u32) -> Resolved<'a> {
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
    pub(crate) fn target(&mut self, t: Target<'a>, depth: u32) -> Option<(MiddlewareKind, Model)> {
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
                Expression::CallExpression(c) => self
                    .factory_model(c, depth)
                    .or_else(|| self.sequence_model(c, depth)),
                Expression::ArrowFunctionExpression(a) => self.wrapper(fn_of_arrow(a), depth),
                Expression::FunctionExpression(f) => self.wrapper(fn_of_function(f), depth),
                _ => None,
            },
        }
    }

    /// Astro's `sequence(clerkMiddleware(...), other)`: the Clerk middleware in the chain
    /// decides (the other handlers are not read, so their own guards are not credited).
    pub(crate) fn sequence_model(
        &mut self,
        c: &'a CallExpression<'a>,
        depth: u32,
    ) -> Option<(MiddlewareKind, Model)> {
        if !is_ident(&c.callee, Some("sequence")) {
            return None;
        }
        c.arguments
            .iter()
            .filter_map(|a| a.as_expression())
            .find_map(|a| self.target(Target::Expr(a), depth + 1))
    }

    pub(crate) fn factory_model(
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
    pub(crate) fn with_clerk_model(&mut self, c: &'a CallExpression<'a>, depth: u32) -> Model {
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

    pub(crate) fn clerk_model(&mut self, c: &'a CallExpression<'a>, depth: u32) -> Model {
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
                fx.next = param(f.params, 2);
                Model::Handler(fx.body(f))
            }
            Resolved::Object(_) => Model::Runs,
            Resolved::Unknown => Model::Unknown,
        }
    }

    pub(crate) fn auth_mw_model(&mut self, c: &'a CallExpression<'a>, depth: u32) -> Model {
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
                    range: range_of(span),
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
    pub(crate) fn wrapper(&mut self, f: FnRef<'a>, depth: u32) -> Option<(MiddlewareKind, Model)> {
        let mut fx = Fx::new(self, Mode::Wrapper, None, param(f.params, 0), depth);
        let steps = fx.body(f);
        let kind = self.first_delegate_kind(&steps)?;
        Some((kind, Model::Wrapper(steps)))
    }

    pub(crate) fn first_delegate_kind(&self, steps: &[Step]) -> Option<MiddlewareKind> {
        steps.iter().find_map(|s| match s {
            Step::Delegate(i) => self.models.get(*i).map(|(k, _)| k.clone()),
            Step::If { then, els, .. } => self
                .first_delegate_kind(then)
                .or_else(|| self.first_delegate_kind(els)),
            _ => None,
        })
    }

    /// A module-level name that holds a Clerk middleware instance.
    pub(crate) fn delegate(&mut self, name: &'a str, depth: u32) -> Option<usize> {
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
    pub(crate) fn named_matcher(&mut self, name: &'a str) -> Option<usize> {
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

    pub(crate) fn matcher_set(&mut self, c: &'a CallExpression<'a>) -> usize {
        let mut set = RouteSet::default();
        match c.arguments.first().and_then(|a| a.as_expression()) {
            Some(e) => self.add_routes(e, &mut set, 0),
            None => set.unknown = true,
        }
        self.push_set(set)
    }

    /// Adds the literal routes of `e` (string, RegExp, array, `const` array) to `set`.
    pub(crate) fn add_routes(&self, e: &'a Expression<'a>, set: &mut RouteSet, depth: u32) {
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
                    range: range_of(inner.span()),
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
                        range: range_of(r.span),
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
                            range: range_of(n.span),
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
    pub(crate) fn config_matcher(
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
        let range = range_of(value.span());
        let mut out = Vec::new();
        if self.add_next_matchers(value, &mut out, 0) {
            (Some(out), false, Some(range))
        } else {
            (None, true, Some(range))
        }
    }

    pub(crate) fn add_next_matchers(
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
pub(crate) fn default_api_routes() -> RouteSet {
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
pub(crate) enum Mode {
    /// `clerkMiddleware(async (auth, req) => ...)`.
    Clerk,
    /// `authMiddleware({ afterAuth(auth, req) { ... } })`.
    AfterAuth,
    /// `export function proxy(req, ev) { ... return withClerk(req, ev) }`.
    Wrapper,
}

#[derive(Clone, Debug)]
pub(crate) enum Local {
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

pub(crate) enum CallKind {
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

pub(crate) struct Fx<'b, 'a> {
    pub(crate) b: &'b mut Builder<'a>,
    pub(crate) mode: Mode,
    pub(crate) auth: Option<&'a str>,
    pub(crate) req: Option<&'a str>,
    /// The `next` parameter of an Astro `clerkMiddleware((auth, context, next) => …)`
    /// callback: `return next()` lets the request through.
    pub(crate) next: Option<&'a str>,
    pub(crate) public_set: Option<usize>,
    pub(crate) api_set: Option<usize>,
    pub(crate) locals: HashMap<&'a str, Local>,
    pub(crate) depth: u32,
    pub(crate) nest: u32,
}

impl<'b, 'a> Fx<'b, 'a> {
    pub(crate) fn new(
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
            next: None,
            public_set: None,
            api_set: None,
            locals: HashMap::new(),
            depth,
            nest: 0,
        }
    }

    pub(crate) fn body(&mut self, f: FnRef<'a>) -> Vec<Step> {
        match f.body {
            FnBody::Stmts(s) => self.block(s),
            FnBody::Expr(e) => vec![self.ret(e)],
            FnBody::Empty => Vec::new(),
        }
    }

    pub(crate) fn block(&mut self, stmts: &'a [Statement<'a>]) -> Vec<Step> {
        let mut out = Vec::new();
        for s in stmts {
            self.stmt(s, &mut out);
        }
        out
    }

    pub(crate) fn unawaited(&mut self, span: Span) {
        self.b.issues.push(MiddlewareIssue {
            kind: IssueKind::UnawaitedProtect,
            range: range_of(span),
        });
    }

    /// Names whose mention makes an unknown statement matter.
    pub(crate) fn session_names(&self) -> Vec<&'a str> {
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
    pub(crate) fn matters_stmt(&self, s: &'a Statement<'a>) -> bool {
        let names = self.session_names();
        let mut scan = Scan::new(&names);
        scan.visit_statement(s);
        scan.exit_stmt || scan.exit_call || scan.mentions
    }

    /// Whether an unmodelled expression calls `protect` / `redirectTo*` or touches the session.
    pub(crate) fn matters_expr(&self, e: &'a Expression<'a>) -> bool {
        let names = self.session_names();
        let mut scan = Scan::new(&names);
        scan.visit_expression(e);
        scan.exit_call || scan.mentions
    }

    pub(crate) fn stmt(&mut self, s: &'a Statement<'a>, out: &mut Vec<Step>) {
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
    pub(crate) fn effect(&mut self, e: &'a Expression<'a>, awaited: bool, out: &mut Vec<Step>) {
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
    pub(crate) fn ret(&mut self, e: &'a Expression<'a>) -> Step {
        if self.nest > MAX_NEST {
            return Step::Unknown;
        }
        self.nest += 1;
        let step = self.ret_inner(e);
        self.nest -= 1;
        step
    }

    pub(crate) fn ret_inner(&mut self, e: &'a Expression<'a>) -> Step {
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
    pub(crate) fn auth_object(&self, e: &Expression<'a>) -> bool {
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
    pub(crate) fn field_local(&self, key: &str) -> Local {
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

    pub(crate) fn call_kind(&mut self, c: &'a CallExpression<'a>) -> CallKind {
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
                    // Astro: `context.redirect('/sign-in')`.
                    "redirect" if self.is_req(obj) => CallKind::Respond,
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
                if self.next.is_some_and(|n| n == name) {
                    return CallKind::Allow;
                }
                // A module-level helper that only builds a `Response` (`const unauthorized =
                // () => new Response(…, { status: 401 })`).
                if let Some(Binding::Const(_) | Binding::Func(_)) =
                    self.b.module.bindings.get(name).copied()
                    && let Resolved::Fn(f) = self.b.resolve(callee, self.depth + 1)
                    && returns_new_response(f)
                {
                    return CallKind::Respond;
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

    pub(crate) fn var_decl(&mut self, d: &'a VariableDeclaration<'a>, out: &mut Vec<Step>) {
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

    pub(crate) fn bind_unknown(&mut self, p: &'a BindingPattern<'a>) {
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

    pub(crate) fn destructure(
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

    pub(crate) fn classify_init(&mut self, init: &'a Expression<'a>, out: &mut Vec<Step>) -> Local {
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

    pub(crate) fn is_req(&self, e: &Expression<'a>) -> bool {
        is_ident(e, self.req)
    }

    /// `req.nextUrl`, `req.nextUrl.clone()`, `new URL(req.url)`, or a local holding one.
    pub(crate) fn is_next_url(&self, e: &Expression<'a>) -> bool {
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

    pub(crate) fn is_pathname(&self, e: &Expression<'a>) -> bool {
        match e.get_inner_expression() {
            Expression::StaticMemberExpression(m) => {
                m.property.name.as_str() == "pathname"
                    && (self.is_next_url(&m.object) || self.is_context_url(&m.object))
            }
            Expression::Identifier(id) => {
                matches!(self.locals.get(id.name.as_str()), Some(Local::Pathname))
            }
            _ => false,
        }
    }

    /// Astro's `context.url` (a `URL`, unlike Next's string `req.url`).
    pub(crate) fn is_context_url(&self, e: &Expression<'a>) -> bool {
        matches!(e.get_inner_expression(), Expression::StaticMemberExpression(m)
            if m.property.name.as_str() == "url" && self.is_req(&m.object))
    }

    /// `req.url` (an absolute URL).
    pub(crate) fn is_req_url(&self, e: &Expression<'a>) -> bool {
        match e.get_inner_expression() {
            Expression::StaticMemberExpression(m) => {
                m.property.name.as_str() == "url" && self.is_req(&m.object)
            }
            _ => false,
        }
    }

    pub(crate) fn cond(&mut self, e: &'a Expression<'a>) -> Cond {
        if self.nest > MAX_NEST {
            return Cond::Unknown;
        }
        self.nest += 1;
        let c = self.cond_inner(e);
        self.nest -= 1;
        c
    }

    pub(crate) fn cond_inner(&mut self, e: &'a Expression<'a>) -> Cond {
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

    pub(crate) fn call_cond(&mut self, c: &'a CallExpression<'a>) -> Cond {
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

    pub(crate) fn member_cond(&mut self, m: &'a StaticMemberExpression<'a>) -> Cond {
        if !self.auth_object(&m.object) {
            return Cond::Unknown;
        }
        match self.field_local(m.property.name.as_str()) {
            Local::AuthField(sure) => Cond::SignedIn { sure },
            Local::Cond(c) => c,
            _ => Cond::Unknown,
        }
    }

    pub(crate) fn binary_cond(&mut self, b: &'a BinaryExpression<'a>) -> Cond {
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
    pub(crate) fn equality(&mut self, a: &'a Expression<'a>, b: &'a Expression<'a>) -> Cond {
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
    pub(crate) fn session_value(&self, e: &Expression<'a>) -> bool {
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
pub(crate) struct Scan<'n> {
    pub(crate) names: &'n [&'n str],
    pub(crate) fn_depth: u32,
    pub(crate) mentions: bool,
    pub(crate) exit_call: bool,
    pub(crate) exit_stmt: bool,
}

impl<'n> Scan<'n> {
    pub(crate) fn new(names: &'n [&'n str]) -> Scan<'n> {
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

/// A function whose only result is `new Response(…)` / `new NextResponse(…)`.
pub(crate) fn returns_new_response(f: FnRef) -> bool {
    let is_response = |e: &Expression| {
        matches!(e.get_inner_expression(), Expression::NewExpression(n)
            if is_ident(&n.callee, Some("Response")) || is_ident(&n.callee, Some("NextResponse")))
    };
    match f.body {
        FnBody::Expr(e) => is_response(e),
        FnBody::Stmts([Statement::ReturnStatement(r)]) => {
            r.argument.as_ref().is_some_and(is_response)
        }
        _ => false,
    }
}
