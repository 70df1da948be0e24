//! The signed-out walker: evaluates one function body in a signed-out environment.

#[allow(unused_imports)]
use super::*;

/// What a local name holds in the signed-out environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Val {
    /// Falsy when signed out: `userId` (null), `isAuthenticated` (false), a user (null).
    Identity { falsy: Falsy, other: bool },
    /// The auth object (always truthy); `awaited` false for an un-awaited promise.
    AuthObject { awaited: bool },
    /// A promise nobody awaited (always truthy).
    Promise,
    /// `has` from the auth object.
    HasFn,
    /// `redirectToSignIn` from the auth object.
    ExitFn,
    /// The `auth` function itself under another name.
    AuthFn,
    /// A helper result that is a `Response` on failure.
    ResponseOnFailure,
    /// A webhook verifier (`new Webhook(secret)`).
    Verifier(String),
    /// A secret read from the environment (`const expected = process.env.CRON_SECRET`).
    EnvSecret,
    /// The outcome of comparing a secret (`const valid = timingSafeEqual(a, b)`).
    SecretCheckResult,
    /// A local function or value with a known summary.
    Summary(Summary, String),
    /// An object a framework hangs the auth state on: SvelteKit / Astro `locals`
    /// (`locals.auth()`, older `locals.auth` and `locals.session`, and what an app's hook
    /// derives from them such as `locals.user`), the `request` a Remix / React Router
    /// `rootAuthLoader` callback receives (`request.auth`).
    Carrier,
    /// The request object of a router handler (`req`), whose `auth` is Clerk's auth object.
    Request,
    /// A token verifier built by a factory (`createVerifier({ key })`): calling it throws on a
    /// bad token. The text names it.
    TokenVerifier(String),
    /// A name taken from a dynamic import (`const { auth } = await import('@clerk/…')`): it is
    /// what a static import of `name` from `source` would be.
    Imported { source: String, name: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// An endpoint body: `return` exits the request.
    Handler,
    /// A function called by an endpoint: only `throw` and redirects stop the request.
    Helper,
}

/// Field names of the auth object that are falsy when signed out.
pub(crate) const IDENTITY_FIELDS: &[&str] = &[
    "userId",
    // Another provider's decoded token: Firebase's `uid`, a JWT's `sub`.
    "uid",
    "sub",
    "sessionId",
    "orgId",
    "orgRole",
    "orgSlug",
    "sessionClaims",
    "actor",
    "user",
    "session",
    "id",
];
pub(crate) const BOOLEAN_IDENTITY_FIELDS: &[&str] = &["isAuthenticated", "isSignedIn"];

/// Walks one function body in order, tracking identities and recording gates.
pub(crate) struct Walker<'a, 'c, 'e> {
    pub(crate) cx: &'c FileCx<'a, 'e>,
    pub(crate) mode: Mode,
    pub(crate) env: HashMap<String, Val>,
    pub(crate) locals: HashSet<String>,
    pub(crate) facts: FnFacts,
    /// Helper mode: a throw-like gate was seen.
    pub(crate) guards: Option<GuardKind>,
    /// Helper mode: a signed-out branch returns a Response.
    pub(crate) returns_response_on_failure: bool,
    /// Inside a `try` block whose enclosing block does work after it (`await next()` in a
    /// middleware): a signed-out caller that skips an `if (user) { … }` there reaches it.
    pub(crate) work_after_try: bool,
    /// Helper mode: a signed-out branch returns a non-Response value.
    pub(crate) returns_value_on_failure: bool,
    /// Helper mode: a signed-out branch returns `null`, `undefined`, `false` or nothing.
    pub(crate) returns_null_on_failure: bool,
    /// Helper mode: the function returns an identity or auth object.
    pub(crate) returns_identity: Option<(bool, bool)>,
    /// Helper mode: the function returns a function that guards.
    pub(crate) returns_guarding_fn: bool,
    /// The project helper whose result the last evaluated value came from.
    pub(crate) last_helper: Option<(String, String)>,
    /// Helper mode: it returns the result of comparing a secret.
    pub(crate) returns_secret_check: bool,
    /// Names bound from a helper's result: a check on them is the helper's evidence.
    pub(crate) origin: HashMap<String, (String, String)>,
}

impl<'a, 'c, 'e> Walker<'a, 'c, 'e> {
    pub(crate) fn new(cx: &'c FileCx<'a, 'e>, mode: Mode) -> Self {
        Self {
            cx,
            mode,
            env: HashMap::new(),
            locals: HashSet::new(),
            facts: FnFacts::default(),
            guards: None,
            returns_response_on_failure: false,
            work_after_try: false,
            returns_value_on_failure: false,
            returns_null_on_failure: false,
            returns_identity: None,
            returns_guarding_fn: false,
            last_helper: None,
            returns_secret_check: false,
            origin: HashMap::new(),
        }
    }

    pub(crate) fn summary(&self) -> Summary {
        if let Some(k) = self.guards {
            return Summary::Guards(k);
        }
        if self.returns_guarding_fn {
            return Summary::Wraps;
        }
        if self.returns_secret_check && self.facts.reads.is_none() {
            return Summary::SecretCheck;
        }
        if self.returns_response_on_failure {
            return Summary::Response;
        }
        // `if (!userId) return null; return { id: userId }`: the result itself is what is
        // null for a signed-out caller.
        if self.returns_null_on_failure {
            return Summary::Identity {
                object: false,
                other: self.returns_identity.is_some_and(|(_, other)| other),
            };
        }
        if let Some((object, other)) = self.returns_identity {
            return Summary::Identity { object, other };
        }
        if self.returns_value_on_failure {
            return Summary::Identity {
                object: false,
                other: false,
            };
        }
        if self.facts.reads.is_some() {
            return Summary::Reads;
        }
        Summary::None
    }

    pub(crate) fn declare_params(&mut self, params: &'a FormalParameters<'a>) {
        let mut request = None;
        if self.cx.vocab.request_auth()
            && let Some(BindingPattern::BindingIdentifier(id)) =
                params.items.first().map(|p| &p.pattern)
        {
            self.env.insert(id.name.to_string(), Val::Request);
            request = Some(id.name.as_str());
        }
        for p in &params.items {
            let mut names = Vec::new();
            binding_names(&p.pattern, &mut names);
            self.locals.extend(names);
            // `({ ctx }) => …` in tRPC procedures and middlewares, next-safe-action actions and
            // uploadthing middlewares: the context carries the session a middleware put there.
            match &p.pattern {
                BindingPattern::ObjectPattern(obj) => {
                    for prop in &obj.properties {
                        match property_key_name(&prop.key) {
                            Some("ctx") => {
                                self.bind(&prop.value, Val::AuthObject { awaited: true })
                            }
                            // `({ locals }) => …` in SvelteKit loads, actions and endpoints.
                            Some("locals") => self.bind(&prop.value, Val::Carrier),
                            _ => {}
                        }
                    }
                }
                // (A router framework's request, Koa's `ctx`, stays the request.)
                BindingPattern::BindingIdentifier(id)
                    if id.name == "ctx" && request != Some("ctx") =>
                {
                    self.env
                        .insert("ctx".to_string(), Val::AuthObject { awaited: true });
                }
                // A helper taking the locals (`requireUser(locals: App.Locals)`).
                BindingPattern::BindingIdentifier(id) if id.name == "locals" => {
                    self.env.insert("locals".to_string(), Val::Carrier);
                }
                _ => {}
            }
        }
    }

    pub(crate) fn gate(&mut self, ev: Evidence, kind: GuardKind, throws: bool) {
        if self.facts.gate.is_none() {
            self.facts.gate = Some(ev);
        }
        if throws && self.guards.is_none() {
            self.guards = Some(kind);
        }
    }

    /// The function body: its top-level statements in order, noting a write that runs
    /// before any check.
    pub(crate) fn walk_body(&mut self, stmts: &'a [Statement<'a>]) {
        for (i, stmt) in stmts.iter().enumerate() {
            if self.mode == Mode::Handler
                && self.facts.gate.is_none()
                && self.facts.work_before_gate.is_none()
            {
                self.facts.work_before_gate = write_in(stmt);
            }
            let had_gate = self.facts.gate.is_some();
            self.walk_stmt(stmt, false, &stmts[i + 1..]);
            // A statement that both writes and checks (`await requireUser(); …` in one
            // expression) counts as checked first.
            if !had_gate && self.facts.gate.is_some() && self.facts.work_before_gate.is_some() {
                let same = write_in(stmt).is_some();
                if same {
                    self.facts.work_before_gate = None;
                }
            }
        }
    }

    pub(crate) fn walk_stmts(&mut self, stmts: &'a [Statement<'a>], swallowed: bool) {
        for (i, stmt) in stmts.iter().enumerate() {
            self.walk_stmt(stmt, swallowed, &stmts[i + 1..]);
        }
    }

    pub(crate) fn walk_stmt(
        &mut self,
        stmt: &'a Statement<'a>,
        swallowed: bool,
        rest: &'a [Statement<'a>],
    ) {
        match stmt {
            Statement::VariableDeclaration(decl) => {
                for d in &decl.declarations {
                    let mut names = Vec::new();
                    binding_names(&d.id, &mut names);
                    self.last_helper = None;
                    let val = d.init.as_ref().map(|init| self.eval_value(init, swallowed));
                    let helper = self.last_helper.take();
                    // `const { verifyToken } = await import('@clerk/backend')`: the names are
                    // the module's (the file's import table has them), not opaque locals.
                    let dynamic_import = d.init.as_ref().is_some_and(|init| {
                        let e = match init.get_inner_expression() {
                            Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
                            other => other,
                        };
                        matches!(e, Expression::ImportExpression(_))
                    });
                    for n in &names {
                        self.env.remove(n);
                        if dynamic_import {
                            continue;
                        }
                        self.locals.insert(n.clone());
                        match &helper {
                            Some(h) => {
                                self.origin.insert(n.clone(), h.clone());
                            }
                            None => {
                                self.origin.remove(n);
                            }
                        }
                    }
                    if let Some(val) = val {
                        self.bind(&d.id, val);
                    }
                    if let (Some(init), BindingPattern::ObjectPattern(obj)) = (&d.init, &d.id) {
                        self.bind_framework_members(init, obj);
                        self.bind_dynamic_import(init, obj);
                    }
                    // `const authFn = event.context.auth`: the accessor under another name.
                    if let (Some(init), BindingPattern::BindingIdentifier(id)) = (&d.init, &d.id)
                        && matches!(
                            init.get_inner_expression(),
                            Expression::StaticMemberExpression(_)
                        )
                        && self.cx.vocab.is_auth_call(&callee_text(init))
                    {
                        self.env.insert(id.name.to_string(), Val::AuthFn);
                    }
                    if let (Some(init), BindingPattern::BindingIdentifier(id)) = (&d.init, &d.id) {
                        if self.cx.vocab.request_auth() && self.looks_up_credential(init) {
                            // `const key = await db.apiKey.find(req.headers['x-api-key'])`: a
                            // credential from the request, looked up; falsy when unknown.
                            self.env.insert(
                                id.name.to_string(),
                                Val::Identity {
                                    falsy: Falsy::Null,
                                    other: true,
                                },
                            );
                        } else if reads_env_secret(init) || hmac_with_env_secret(init) {
                            self.env.insert(id.name.to_string(), Val::EnvSecret);
                        } else if deep_secret_check(init) || self.calls_secret_check(init) {
                            self.env.insert(id.name.to_string(), Val::SecretCheckResult);
                        }
                    }
                }
            }
            Statement::ExpressionStatement(s) => {
                self.scan_statement_expr(&s.expression, swallowed);
            }
            Statement::IfStatement(s) => {
                self.scan_expr(&s.test, swallowed, false);
                self.check_if(
                    &s.test,
                    &s.consequent,
                    s.alternate.as_ref(),
                    rest,
                    swallowed,
                );
                self.walk_stmt(&s.consequent, swallowed, &[]);
                if let Some(alt) = &s.alternate {
                    self.walk_stmt(alt, swallowed, &[]);
                }
            }
            Statement::ReturnStatement(r) => {
                self.walk_return(r.argument.as_ref());
            }
            Statement::ThrowStatement(t) => {
                self.scan_expr(&t.argument, swallowed, false);
            }
            Statement::BlockStatement(b) => self.walk_stmts(&b.body, swallowed),
            Statement::TryStatement(t) => {
                let catch_exits = t.handler.as_ref().is_some_and(|h| {
                    block_exits(&h.body.body, self.mode, self)
                        // Router frameworks: `catch (e) { res.status(400).send(…) }` answers the
                        // request; what follows runs on an unset value and fails.
                        || (self.cx.vocab.request_auth()
                            && sends_error_status(&h.body.body))
                });
                let swallows = t.handler.is_some() && !catch_exits;
                let outer = self.work_after_try;
                self.work_after_try = outer || rest_does_work(rest);
                self.walk_stmts(&t.block.body, swallowed || swallows);
                self.work_after_try = outer;
                if let Some(h) = &t.handler {
                    self.walk_stmts(&h.body.body, swallowed);
                }
                if let Some(f) = &t.finalizer {
                    self.walk_stmts(&f.body, swallowed);
                }
            }
            Statement::SwitchStatement(s) => {
                self.scan_expr(&s.discriminant, swallowed, false);
                for case in &s.cases {
                    // `case 'user.created':` names a webhook event too.
                    if let Some(test) = &case.test {
                        self.webhook_signals_in(test);
                    }
                    self.walk_stmts(&case.consequent, swallowed);
                }
            }
            Statement::ForStatement(s) => self.walk_stmt(&s.body, swallowed, &[]),
            Statement::ForOfStatement(s) => {
                self.scan_expr(&s.right, swallowed, false);
                self.walk_stmt(&s.body, swallowed, &[]);
            }
            Statement::ForInStatement(s) => self.walk_stmt(&s.body, swallowed, &[]),
            Statement::WhileStatement(s) => self.walk_stmt(&s.body, swallowed, &[]),
            Statement::DoWhileStatement(s) => self.walk_stmt(&s.body, swallowed, &[]),
            Statement::LabeledStatement(s) => self.walk_stmt(&s.body, swallowed, &[]),
            Statement::FunctionDeclaration(f) => {
                if let Some(id) = &f.id {
                    self.locals.insert(id.name.to_string());
                    let s = self.cx.function_summary(f);
                    self.env.insert(
                        id.name.to_string(),
                        Val::Summary(s, self.cx.display.clone()),
                    );
                }
            }
            _ => {}
        }
    }

    pub(crate) fn walk_return(&mut self, arg: Option<&'a Expression<'a>>) {
        let Some(arg) = arg else { return };
        // `return userId ? work() : unauthorized()` and `return auth.protect()`.
        if let Expression::ConditionalExpression(c) = arg.get_inner_expression()
            && self.mentions_identity(&c.test)
            && self.discriminates(&c.test)
            && self.mode == Mode::Handler
        {
            let ev = Evidence::Inline(format!("`{}` checked", self.identity_text(&c.test)));
            self.gate(ev, GuardKind::Auth, false);
        }
        // `return selfGuardedHelper()`: the helper's own check covers everything returned.
        let returned_call = match arg.get_inner_expression() {
            Expression::AwaitExpression(a) => match a.argument.get_inner_expression() {
                Expression::CallExpression(c) => Some(&**c),
                _ => None,
            },
            Expression::CallExpression(c) => Some(&**c),
            _ => None,
        };
        if let Some(c) = returned_call
            && let Callee::Helper {
                summary: Summary::SelfGuarded,
                name,
                file,
            } = self.cx.classify_callee(&c.callee, &self.env, &self.locals)
        {
            self.gate(Evidence::Helper { name, file }, GuardKind::Auth, false);
        }
        if self.mode == Mode::Helper && self.is_secret_comparison(arg) {
            self.returns_secret_check = true;
        }
        // A returned promise is awaited by whoever called this function.
        let mut val = self.eval_value_awaited(arg, false, true);
        // `return { userId, user }`: an object whose fields are identities.
        if let Expression::ObjectExpression(obj) = arg.get_inner_expression() {
            let mut fields = false;
            for p in &obj.properties {
                match p {
                    ObjectPropertyKind::ObjectProperty(p)
                        if matches!(
                            self.eval_value(&p.value, false),
                            Val::Identity { falsy, .. } if falsy != Falsy::Never
                        ) =>
                    {
                        fields = true;
                    }
                    // `return { ...(await getAuth(args)), extra }`: the auth object, extended.
                    ObjectPropertyKind::SpreadProperty(sp)
                        if matches!(
                            self.eval_value_awaited(&sp.argument, false, true),
                            Val::AuthObject { awaited: true }
                        ) =>
                    {
                        fields = true;
                    }
                    _ => {}
                }
            }
            if fields {
                val = Val::AuthObject { awaited: true };
            }
        }
        if self.mode == Mode::Helper {
            match &val {
                Val::Identity { other, .. } => {
                    self.returns_identity.get_or_insert((false, *other));
                }
                Val::AuthObject { .. } => {
                    self.returns_identity.get_or_insert((true, false));
                }
                _ => {}
            }
            if self.returns_function_that_guards(arg) {
                self.returns_guarding_fn = true;
            }
        }
    }

    /// Helper mode: `return async (req) => { ...gate...; return fn(req) }`.
    pub(crate) fn returns_function_that_guards(&self, arg: &'a Expression<'a>) -> bool {
        let inner = match arg.get_inner_expression() {
            Expression::ArrowFunctionExpression(a) => self.cx.arrow_walk(a, Mode::Handler).facts,
            Expression::FunctionExpression(f) => self.cx.function_facts(f),
            // `return defineEventHandler(async (event) => { …guard…; return handler(event) })`:
            // a framework's handler factory around a guarding function.
            Expression::CallExpression(c)
                if c.arguments.iter().any(|a| {
                    a.as_expression().is_some_and(|e| {
                        matches!(
                            e.get_inner_expression(),
                            Expression::ArrowFunctionExpression(_)
                                | Expression::FunctionExpression(_)
                        )
                    })
                }) =>
            {
                self.cx.call_value_facts(c, 1)
            }
            _ => return false,
        };
        inner.gate.is_some()
    }

    /// An expression statement: a bare call can be a gate (`await auth.protect()`,
    /// `await requireUser()`, `redirect()` is only an exit inside a branch).
    pub(crate) fn scan_statement_expr(&mut self, e: &'a Expression<'a>, swallowed: bool) {
        // `!userId && redirect('/sign-in')` / `userId || notFound()`
        if let Expression::LogicalExpression(l) = e.get_inner_expression()
            && self.mentions_identity(&l.left)
            && self.discriminates(&l.left)
            && self.is_exit_expr(&l.right)
        {
            let t = self.eval_cond(&l.left);
            let reachable = match l.operator {
                LogicalOperator::And => !matches!(t, Tri::False(_)),
                LogicalOperator::Or | LogicalOperator::Coalesce => t != Tri::True,
            };
            if reachable && !swallowed {
                let ev = Evidence::Inline(format!("`{}` checked", self.identity_text(&l.left)));
                self.gate(ev, GuardKind::Auth, true);
            }
        }
        // `userId = (await getAuth(args)).userId` on a `let` declared earlier: the name now
        // holds what was assigned, when that is an identity or the auth object. Other
        // assignments (a value from a cookie on a dev-only path) leave it as it was.
        if let Expression::AssignmentExpression(a) = e.get_inner_expression()
            && a.operator == oxc_ast::ast::AssignmentOperator::Assign
            && let oxc_ast::ast::AssignmentTarget::AssignmentTargetIdentifier(id) = &a.left
        {
            let val = self.eval_value(&a.right, swallowed);
            if matches!(val, Val::Identity { .. } | Val::AuthObject { .. }) {
                self.env.insert(id.name.to_string(), val);
            }
            return;
        }
        // `res.status(401)...` alone is not a gate; `await auth.protect()` is.
        self.eval_value(e, swallowed);
    }

    /// Records gates and reads inside any expression; returns what it evaluates to.
    pub(crate) fn eval_value(&mut self, e: &'a Expression<'a>, swallowed: bool) -> Val {
        self.eval_value_awaited(e, swallowed, false)
    }

    pub(crate) fn eval_value_awaited(
        &mut self,
        e: &'a Expression<'a>,
        swallowed: bool,
        awaited: bool,
    ) -> Val {
        match e.get_inner_expression() {
            Expression::AwaitExpression(a) => self.eval_value_awaited(&a.argument, swallowed, true),
            // `requestState.toAuth()` is the auth object of an `authenticateRequest()` state.
            Expression::CallExpression(call) if self.is_to_auth(call) => {
                Val::AuthObject { awaited: true }
            }
            Expression::CallExpression(call) => self.eval_call(call, swallowed, awaited),
            Expression::NewExpression(n) => {
                for arg in &n.arguments {
                    if let Some(a) = arg.as_expression() {
                        self.scan_expr(a, swallowed, false);
                    }
                }
                if self.cx.is_webhook_class(&n.callee) || self.is_imported_webhook_class(&n.callee)
                {
                    return Val::Verifier("svix `Webhook.verify`".into());
                }
                Val::Summary(Summary::None, String::new())
            }
            Expression::Identifier(id) => self
                .env
                .get(id.name.as_str())
                .cloned()
                .unwrap_or(Val::Summary(Summary::None, String::new())),
            Expression::StaticMemberExpression(m)
                if self.is_identity_member(&m.object, m.property.name.as_str()) =>
            {
                Val::Identity {
                    falsy: Falsy::Undefined,
                    other: false,
                }
            }
            Expression::StaticMemberExpression(m) => {
                let field = m.property.name.as_str();
                if field == "locals" {
                    // `event.locals`, `Astro.locals`, `context.locals`.
                    return Val::Carrier;
                }
                let obj = self.eval_value_awaited(&m.object, swallowed, false);
                match obj {
                    Val::Carrier => match carrier_field(field) {
                        Some(v) => {
                            self.note_read(&format!("`locals.{field}`"));
                            v
                        }
                        None => Val::Summary(Summary::None, String::new()),
                    },
                    Val::Request if field == "auth" => {
                        // Named as written: `req.auth`, Koa's `ctx.auth`.
                        match m.object.get_inner_expression() {
                            Expression::Identifier(o) => {
                                self.note_read(&format!("`{}.auth`", o.name))
                            }
                            _ => self.note_read("`req.auth`"),
                        }
                        Val::AuthObject { awaited: true }
                    }
                    Val::AuthObject { awaited } => field_val(field, awaited, false),
                    Val::Identity { other, .. } => Val::Identity {
                        falsy: Falsy::Undefined,
                        other,
                    },
                    Val::Promise => Val::Identity {
                        falsy: Falsy::Never,
                        other: false,
                    },
                    _ => Val::Summary(Summary::None, String::new()),
                }
            }
            Expression::ChainExpression(c) => {
                if let Some(m) = c.expression.as_member_expression() {
                    let obj = self.eval_value_awaited(m.object(), swallowed, false);
                    if let (Val::Identity { other, .. }, Some(_)) = (&obj, m.static_property_name())
                    {
                        return Val::Identity {
                            falsy: Falsy::Undefined,
                            other: *other,
                        };
                    }
                    if let (Val::AuthObject { awaited }, Some(f)) = (&obj, m.static_property_name())
                    {
                        return field_val(f, *awaited, false);
                    }
                }
                self.scan_expr(e, swallowed, false);
                Val::Summary(Summary::None, String::new())
            }
            Expression::LogicalExpression(l) => {
                let left = self.eval_value(&l.left, swallowed);
                self.scan_expr(&l.right, swallowed, false);
                left
            }
            Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) => {
                Val::Summary(Summary::None, String::new())
            }
            // `const user = userId ? await getUser(userId) : null`: null when signed out.
            Expression::ConditionalExpression(c)
                if matches!(self.eval_cond(&c.test), Tri::False(_)) =>
            {
                self.scan_expr(&c.consequent, swallowed, false);
                match c.alternate.get_inner_expression() {
                    Expression::NullLiteral(_) => Val::Identity {
                        falsy: Falsy::Null,
                        other: false,
                    },
                    Expression::Identifier(id) if id.name == "undefined" => Val::Identity {
                        falsy: Falsy::Undefined,
                        other: false,
                    },
                    other => self.eval_value(other, swallowed),
                }
            }
            _ => {
                self.scan_expr(e, swallowed, false);
                Val::Summary(Summary::None, String::new())
            }
        }
    }

    pub(crate) fn eval_call(
        &mut self,
        call: &'a CallExpression<'a>,
        swallowed: bool,
        awaited: bool,
    ) -> Val {
        let callee = self
            .cx
            .classify_callee(&call.callee, &self.env, &self.locals);
        // Arguments may hold gates too (`return json(await requireUser())`).
        for arg in &call.arguments {
            if let Some(a) = arg.as_expression()
                && !matches!(
                    a.get_inner_expression(),
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                )
            {
                self.scan_expr(a, swallowed, false);
            } else if let Argument::SpreadElement(s) = arg {
                self.scan_expr(&s.argument, swallowed, false);
            }
        }
        // The callee's object may itself be a call (`auth().protect()`).
        if let Some(m) = call.callee.get_inner_expression().as_member_expression()
            && !matches!(callee, Callee::ClerkProtect)
        {
            let chained = matches!(m.static_property_name(), Some("then" | "catch" | "finally"));
            match m.object().get_inner_expression() {
                // `auth.protect().then(...)`: the promise is consumed.
                Expression::CallExpression(inner) if chained => {
                    self.eval_call(inner, swallowed, true);
                }
                _ => self.scan_expr(m.object(), swallowed, false),
            }
        } else if !matches!(
            call.callee.get_inner_expression(),
            Expression::Identifier(_)
                | Expression::ArrowFunctionExpression(_)
                | Expression::FunctionExpression(_)
        ) {
            // A callee that is itself a call (`f(x)(y)`), or a conditional, may hold gates.
            self.scan_expr(&call.callee, swallowed, false);
        }
        let text = callee_text(&call.callee);
        match callee {
            Callee::ClerkAuth => {
                if self.cx.async_auth && !awaited {
                    self.cx.engine.record_unawaited(Unawaited {
                        file: self.cx.display.clone(),
                        range: range_of(call.span),
                        api: "auth()",
                        used: true,
                    });
                    return Val::AuthObject { awaited: false };
                }
                self.note_read("`auth()`");
                Val::AuthObject { awaited: true }
            }
            Callee::ClerkGetAuth => {
                // A framework accessor (`locals.auth()`, `req.auth()`, `auth()` destructured
                // from `locals`) is named as written.
                let carrier_accessor = matches!(call.callee.get_inner_expression(),
                    Expression::Identifier(id)
                        if matches!(self.env.get(id.name.as_str()), Some(Val::AuthObject { .. })));
                if call.callee.get_inner_expression().is_member_expression() || carrier_accessor {
                    self.note_read(&format!("`{text}()`"));
                } else {
                    self.note_read("`getAuth()`");
                }
                Val::AuthObject { awaited: true }
            }
            Callee::ClerkRootAuthLoader => {
                self.note_read("`rootAuthLoader()`");
                self.walk_root_auth_callback(call, swallowed);
                Val::Summary(Summary::None, String::new())
            }
            Callee::ClerkCurrentUser => {
                self.note_read("`currentUser()`");
                if !awaited {
                    return Val::Promise;
                }
                Val::Identity {
                    falsy: Falsy::Null,
                    other: false,
                }
            }
            Callee::ClerkProtect => {
                // v5 `auth().protect()` is synchronous; from v6 `auth.protect()` is async.
                let v5_style = matches!(
                    call.callee
                        .get_inner_expression()
                        .as_member_expression()
                        .map(|m| m.object().get_inner_expression()),
                    Some(Expression::CallExpression(_))
                );
                let effective = awaited || !self.cx.async_auth || v5_style;
                if self.cx.async_auth && !awaited && !v5_style {
                    self.cx.engine.record_unawaited(Unawaited {
                        file: self.cx.display.clone(),
                        range: range_of(call.span),
                        api: "auth.protect()",
                        used: false,
                    });
                }
                if effective {
                    self.note_read("`auth.protect()`");
                }
                if effective && !swallowed {
                    self.gate(
                        Evidence::Inline(format!("`{text}()`")),
                        GuardKind::Auth,
                        true,
                    );
                }
                Val::AuthObject { awaited: true }
            }
            Callee::Verify(what) => {
                if swallowed {
                    self.facts.verify_swallowed = true;
                } else {
                    self.gate(Evidence::Webhook(what), GuardKind::Webhook, true);
                }
                Val::Summary(Summary::None, String::new())
            }
            Callee::OtherGuard(what) => {
                if !swallowed {
                    self.gate(Evidence::Other(what), GuardKind::Other, true);
                }
                Val::Identity {
                    falsy: Falsy::Null,
                    other: true,
                }
            }
            Callee::OtherAuth(_) => Val::Identity {
                falsy: Falsy::Null,
                other: true,
            },
            Callee::VerifierFactory(what) | Callee::GuardMiddleware(what) => {
                Val::TokenVerifier(what)
            }
            Callee::HasFn => Val::Identity {
                falsy: Falsy::False,
                other: false,
            },
            Callee::Helper {
                summary,
                name,
                file,
            } => match summary {
                Summary::GuardsParam(i) | Summary::GuardsAuthParam(i) => {
                    let auth_object = matches!(summary, Summary::GuardsAuthParam(_));
                    let passes_identity = call
                        .arguments
                        .get(i)
                        .and_then(Argument::as_expression)
                        .is_some_and(|a| match self.eval_value(a, swallowed) {
                            Val::Identity { other: false, .. } => true,
                            Val::AuthObject { awaited: true } => auth_object,
                            _ => false,
                        });
                    if passes_identity && !swallowed {
                        self.gate(
                            Evidence::Helper {
                                name: name.clone(),
                                file: file.clone(),
                            },
                            GuardKind::Auth,
                            true,
                        );
                    }
                    Val::Summary(Summary::None, String::new())
                }
                // An `async` guard called without `await` (or `return`): its rejection is
                // never observed and the work goes on (`requireUser(args); db.delete(…)`).
                Summary::Guards(_) if !awaited && self.cx.callee_is_async(&call.callee) => {
                    self.note_read_helper(&name);
                    Val::Promise
                }
                Summary::Guards(kind) => {
                    if !swallowed {
                        let ev = match kind {
                            GuardKind::Webhook => Evidence::Webhook(format!("`{name}` ({file})")),
                            _ => Evidence::Helper {
                                name: name.clone(),
                                file: file.clone(),
                            },
                        };
                        self.gate(ev, kind, true);
                    } else if kind == GuardKind::Webhook {
                        self.facts.verify_swallowed = true;
                    }
                    self.note_read_helper(&name);
                    Val::Summary(Summary::None, String::new())
                }
                Summary::Identity { object, other } => {
                    self.note_read_helper(&name);
                    self.last_helper = Some((name.clone(), file.clone()));
                    if object {
                        Val::AuthObject { awaited: true }
                    } else {
                        Val::Identity {
                            falsy: Falsy::Null,
                            other,
                        }
                    }
                }
                // Calling a helper that answers signed-out callers with a Response, and ignoring
                // that Response, protects nothing (TR-4): not even an unchecked read.
                Summary::Response => Val::ResponseOnFailure,
                Summary::Reads | Summary::SelfGuarded => {
                    self.note_read_helper(&name);
                    Val::Summary(Summary::None, String::new())
                }
                _ => Val::Summary(Summary::None, String::new()),
            },
            Callee::Exit => Val::Summary(Summary::None, String::new()),
            _ => Val::Summary(Summary::None, String::new()),
        }
    }

    pub(crate) fn note_read(&mut self, what: &str) {
        if self.facts.reads.is_none() {
            self.facts.reads = Some(what.to_string());
        }
    }

    pub(crate) fn note_read_helper(&mut self, name: &str) {
        if self.facts.reads.is_none() {
            self.facts.reads = Some(format!("the session through `{name}()`"));
        }
    }

    /// Looks for calls anywhere in an expression (not inside nested functions).
    pub(crate) fn scan_expr(&mut self, e: &'a Expression<'a>, swallowed: bool, _awaited: bool) {
        for (call, awaited) in outer_calls(e) {
            // Each call once, with its own awaited-ness; nested calls through `eval_call`.
            self.eval_call(call, swallowed, awaited);
        }
        self.carrier_reads_in(e);
        if self.reads_request_auth(e) {
            self.note_read("`req.auth`");
        }
        self.webhook_signals_in(e);
    }

    /// The callback of `rootAuthLoader(args, callback)` is the loader's body; its argument
    /// carries the auth object (`({ request }) => request.auth`, `({ auth }) => …`).
    fn walk_root_auth_callback(&mut self, call: &'a CallExpression<'a>, swallowed: bool) {
        let callback = call
            .arguments
            .iter()
            .filter_map(Argument::as_expression)
            .find(|a| {
                matches!(
                    a.get_inner_expression(),
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                )
            });
        let (params, body, expr) = match callback.map(|c| c.get_inner_expression()) {
            Some(Expression::ArrowFunctionExpression(a)) => {
                (&a.params, a.get_function_body(), a.get_expression())
            }
            Some(Expression::FunctionExpression(f)) => (&f.params, f.body.as_deref(), None),
            _ => return,
        };
        if let Some(first) = params.items.first() {
            let mut names = Vec::new();
            binding_names(&first.pattern, &mut names);
            self.locals.extend(names);
            if let BindingPattern::ObjectPattern(obj) = &first.pattern {
                for prop in &obj.properties {
                    match property_key_name(&prop.key) {
                        Some("request") => self.bind(&prop.value, Val::Carrier),
                        Some("auth") => self.bind(&prop.value, Val::AuthObject { awaited: true }),
                        _ => {}
                    }
                }
            }
        }
        if let Some(body) = body {
            self.walk_stmts(&body.statements, swallowed);
        } else if let Some(e) = expr {
            self.walk_return(Some(e));
        }
    }

    /// `locals.auth` / `locals.session` handed on without a call (`buildClerkProps(locals.auth)`):
    /// the session is read.
    fn carrier_reads_in(&mut self, e: &'a Expression<'a>) {
        let mut hit = None;
        for_each_expr(e, &mut |x| {
            if hit.is_some() {
                return;
            }
            if let Expression::StaticMemberExpression(m) = x
                && matches!(m.property.name.as_str(), "auth" | "session")
            {
                let carrier = match m.object.get_inner_expression() {
                    Expression::Identifier(o) => {
                        matches!(self.env.get(o.name.as_str()), Some(Val::Carrier))
                    }
                    Expression::StaticMemberExpression(o) => o.property.name == "locals",
                    _ => false,
                };
                if carrier {
                    hit = Some(format!("`locals.{}`", m.property.name));
                }
            }
        });
        if let Some(what) = hit {
            self.note_read(&what);
        }
    }

    pub(crate) fn webhook_signals_in(&mut self, e: &'a Expression<'a>) {
        let mut s = SignalCollector::default();
        s.visit_expression(e);
        for sig in s.signals {
            if !self.facts.webhook_signals.contains(&sig) {
                self.facts.webhook_signals.push(sig);
            }
        }
    }

    /// `if (test) consequent else alternate`: a gate when the test reads an identity and the
    /// branch a signed-out caller takes exits.
    pub(crate) fn check_if(
        &mut self,
        test: &'a Expression<'a>,
        consequent: &'a Statement<'a>,
        alternate: Option<&'a Statement<'a>>,
        rest: &'a [Statement<'a>],
        swallowed: bool,
    ) {
        let secret = self.is_secret_comparison(test);
        if !self.mentions_identity(test) && !secret {
            if let Some(v) = self.response_check(test) {
                // `const r = await requireUserOrResponse(); if (r instanceof Response) return r`
                if stmt_exits(consequent, Mode::Handler, self) && v {
                    let ev = Evidence::Helper {
                        name: "helper response".into(),
                        file: self.cx.display.clone(),
                    };
                    self.gate(ev, GuardKind::Auth, false);
                }
            }
            return;
        }
        let t = self.eval_cond(test);
        let then_exit = stmt_exits(consequent, self.mode, self);
        let else_exit = alternate.is_some_and(|a| stmt_exits(a, self.mode, self));
        let then_return = self.mode == Mode::Helper && stmt_returns(consequent);
        let label = if secret {
            "shared secret compared".to_string()
        } else {
            format!("`{}` checked", self.identity_text(test))
        };
        let helper_origin = {
            let mut ids = IdentCollector::default();
            ids.visit_expression(test);
            ids.names.iter().find_map(|n| self.origin.get(n).cloned())
        };
        let (ev, kind) = if secret {
            (Evidence::Other(label), GuardKind::Other)
        } else if let Some((name, file)) = helper_origin
            && !self.mentions_other_identity(test)
        {
            (Evidence::Helper { name, file }, GuardKind::Auth)
        } else if self.mentions_other_identity(test) {
            (
                Evidence::Other(format!("{label} (another auth library)")),
                GuardKind::Other,
            )
        } else {
            (Evidence::Inline(label), GuardKind::Auth)
        };
        let then_reachable = !matches!(t, Tri::False(_));
        let else_reachable = t != Tri::True;
        let exits_throw = |s: &'a Statement<'a>, w: &Self| stmt_exits(s, Mode::Helper, w);
        let inverse = self.mode == Mode::Helper
            && !secret
            && then_exit
            && exits_throw(consequent, self)
            && self.is_plain_identity_test(test);
        if then_exit && then_reachable {
            let throws = exits_throw(consequent, self);
            if !(swallowed && throws && !stmt_returns(consequent)) {
                self.gate(ev.clone(), kind, throws);
            }
        } else if else_exit && else_reachable {
            let throws = alternate.is_some_and(|a| exits_throw(a, self));
            self.gate(ev.clone(), kind, throws);
        } else if matches!(t, Tri::False(_))
            && (secret || self.discriminates(test))
            && alternate.is_none()
            && (contains_call(consequent)
                || inverse
                || rest.first().is_some_and(|s| stmt_exits(s, self.mode, self)))
            && !rest_does_work(rest)
            && !self.work_after_try
        {
            // `if (userId) { ...work... }`: the work runs only when signed in. A helper that
            // throws or redirects only signed-in callers (`if (session.authenticated) throw
            // redirect('/')`) keeps them off a sign-in page: calling it is an inverse check,
            // which counts as checked (PATTERNS RR-2), like the same `if` in a handler.
            let throws = inverse || rest.first().is_some_and(|s| exits_throw(s, self));
            if self.mode == Mode::Handler || throws {
                self.gate(ev.clone(), kind, throws);
            }
        }
        if self.mode == Mode::Helper && then_reachable && then_return && !then_exit {
            // A helper that returns on the signed-out branch: the caller must check it.
            if returns_response(consequent) {
                self.returns_response_on_failure = true;
            } else {
                self.returns_value_on_failure = true;
                if returns_falsy(consequent) {
                    self.returns_null_on_failure = true;
                }
            }
        }
    }

    /// A test that is an identity itself (`userId`, `!!user`, `session.authenticated`,
    /// `auth.isAuthenticated`), not some other field of one (`user.banned`): true exactly when
    /// the caller is signed in.
    fn is_plain_identity_test(&self, test: &'a Expression<'a>) -> bool {
        match test.get_inner_expression() {
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                match u.argument.get_inner_expression() {
                    Expression::UnaryExpression(inner)
                        if inner.operator == UnaryOperator::LogicalNot =>
                    {
                        self.is_plain_identity_test(&inner.argument)
                    }
                    _ => false,
                }
            }
            Expression::Identifier(id) => {
                matches!(self.env.get(id.name.as_str()), Some(Val::Identity { .. }))
            }
            Expression::StaticMemberExpression(m) => {
                let field = m.property.name.as_str();
                (IDENTITY_FIELDS.contains(&field)
                    || BOOLEAN_IDENTITY_FIELDS.contains(&field)
                    || matches!(
                        field,
                        "authenticated" | "signedIn" | "loggedIn" | "isLoggedIn"
                    ))
                    && matches!(
                        self.eval_member_val(&m.object, field),
                        Some(Val::Identity { .. })
                    )
            }
            _ => false,
        }
    }

    /// `r instanceof Response`, `!r.ok`, `r` where `r` holds a helper's failure response.
    pub(crate) fn response_check(&self, test: &'a Expression<'a>) -> Option<bool> {
        let mut ids = IdentCollector::default();
        ids.visit_expression(test);
        Some(
            ids.names
                .iter()
                .any(|n| self.env.get(n.as_str()) == Some(&Val::ResponseOnFailure)),
        )
    }

    pub(crate) fn is_exit_expr(&self, e: &'a Expression<'a>) -> bool {
        match e.get_inner_expression() {
            Expression::CallExpression(c) => matches!(
                self.cx.classify_callee(&c.callee, &self.env, &self.locals),
                Callee::Exit | Callee::ClerkProtect
            ),
            _ => false,
        }
    }

    /// Does the expression read an identity (a value that is falsy when signed out)?
    pub(crate) fn mentions_identity(&self, e: &'a Expression<'a>) -> bool {
        let mut ids = IdentCollector::default();
        ids.visit_expression(e);
        let names_hit = ids.names.iter().any(|n| {
            matches!(
                self.env.get(n.as_str()),
                Some(Val::Identity { .. } | Val::AuthObject { .. } | Val::HasFn | Val::Promise)
            )
        });
        if names_hit
            || ids.calls.iter().any(|c| self.call_is_identity(c))
            || self.reads_request_auth(e)
        {
            return true;
        }
        let mut member_hit = false;
        for_each_expr(e, &mut |x| {
            if let Expression::StaticMemberExpression(m) = x
                && (self.is_identity_member(&m.object, m.property.name.as_str())
                    // `event.locals.session`, `context.locals.user`: the carrier's identity.
                    || (is_carrier(&m.object, &self.env)
                        && carrier_field(m.property.name.as_str()).is_some()))
            {
                member_hit = true;
            }
            // `context?.userId`
            if let Expression::ChainExpression(c) = x
                && let Some(m) = c.expression.as_member_expression()
                && let Some(field) = m.static_property_name()
                && self.is_identity_member(m.object(), field)
            {
                member_hit = true;
            }
        });
        member_hit
    }

    /// An awaited lookup whose argument is a credential the request carries: a header such as
    /// `authorization` / `x-api-key`, a cookie, or a `token` / `key` parameter. A user id from a
    /// header is not a credential (anyone can send one).
    fn looks_up_credential(&self, init: &'a Expression<'a>) -> bool {
        let Expression::AwaitExpression(a) = init.get_inner_expression() else {
            return false;
        };
        let Expression::CallExpression(call) = a.argument.get_inner_expression() else {
            return false;
        };
        let mut hit = false;
        for arg in &call.arguments {
            let Some(arg) = arg.as_expression() else {
                continue;
            };
            for_each_expr(arg, &mut |x| {
                if self.is_request_credential(x) {
                    hit = true;
                }
            });
        }
        hit
    }

    fn is_request_credential(&self, x: &'a Expression<'a>) -> bool {
        let credential_name = |n: &str| {
            let n = n.to_ascii_lowercase();
            !n.contains("user")
                && [
                    "authorization",
                    "token",
                    "key",
                    "secret",
                    "session",
                    "cookie",
                ]
                .iter()
                .any(|w| n.contains(w))
        };
        let is_req = |e: &'a Expression<'a>| matches!(e.get_inner_expression(), Expression::Identifier(o) if self.env.get(o.name.as_str()) == Some(&Val::Request));
        // `req.<container>`
        let container = |e: &'a Expression<'a>| -> Option<&'a str> {
            match e.get_inner_expression() {
                Expression::StaticMemberExpression(m) if is_req(&m.object) => {
                    Some(m.property.name.as_str())
                }
                _ => None,
            }
        };
        match x {
            // req.headers['x-api-key'], req.cookies['session'], req.query['token']
            Expression::ComputedMemberExpression(m) => {
                let Some(c) = container(&m.object) else {
                    return false;
                };
                let Expression::StringLiteral(k) = m.expression.get_inner_expression() else {
                    return false;
                };
                matches!(
                    c,
                    "headers" | "cookies" | "signedCookies" | "query" | "params"
                ) && credential_name(k.value.as_str())
            }
            // req.headers.authorization, req.params.token, req.cookies.session
            Expression::StaticMemberExpression(m) => match container(&m.object) {
                Some("headers" | "cookies" | "signedCookies" | "query" | "params") => {
                    credential_name(m.property.name.as_str())
                }
                _ => false,
            },
            // req.get('x-api-key'), req.header('authorization')
            Expression::CallExpression(c) => match c.callee.get_inner_expression() {
                Expression::StaticMemberExpression(m)
                    if is_req(&m.object)
                        && matches!(m.property.name.as_str(), "get" | "header") =>
                {
                    matches!(
                        c.arguments.first().and_then(|a| a.as_expression()).map(|e| e.get_inner_expression()),
                        Some(Expression::StringLiteral(k)) if credential_name(k.value.as_str())
                    )
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// `req.auth.userId`, `req.auth?.userId` on a router handler's request.
    fn reads_request_auth(&self, e: &'a Expression<'a>) -> bool {
        let mut hit = false;
        for_each_expr(e, &mut |x| {
            if let Expression::StaticMemberExpression(m) = x
                && m.property.name == "auth"
                && let Expression::Identifier(o) = m.object.get_inner_expression()
                && self.env.get(o.name.as_str()) == Some(&Val::Request)
            {
                hit = true;
            }
        });
        hit
    }

    pub(crate) fn mentions_other_identity(&self, e: &'a Expression<'a>) -> bool {
        let mut ids = IdentCollector::default();
        ids.visit_expression(e);
        ids.names.iter().any(|n| {
            matches!(
                self.env.get(n.as_str()),
                Some(Val::Identity { other: true, .. })
            )
        })
    }

    /// `(await auth()).userId`, `await currentUser()` used directly in a condition.
    pub(crate) fn call_is_identity(&self, c: &'a CallExpression<'a>) -> bool {
        matches!(
            self.cx.classify_callee(&c.callee, &self.env, &self.locals),
            Callee::ClerkAuth
                | Callee::ClerkCurrentUser
                | Callee::ClerkGetAuth
                | Callee::HasFn
                | Callee::OtherAuth(_)
                | Callee::Helper {
                    summary: Summary::Identity { .. },
                    ..
                }
        )
    }

    pub(crate) fn identity_text(&self, e: &'a Expression<'a>) -> String {
        let text = span_text(self.cx, e.span());
        let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > 60 {
            format!("{}…", one_line.chars().take(57).collect::<String>())
        } else {
            one_line
        }
    }

    /// A comparison with a secret from the environment: `token !== process.env.CRON_SECRET`.
    pub(crate) fn is_secret_comparison(&self, e: &'a Expression<'a>) -> bool {
        let mut s = SecretCompareCollector::default();
        s.visit_expression(e);
        // A comparison with a name that holds an environment secret (a local or a module
        // constant).
        let mut aliased = false;
        for_each_expr(e, &mut |x| {
            if let Expression::BinaryExpression(b) = x
                && matches!(
                    b.operator,
                    BinaryOperator::StrictEquality
                        | BinaryOperator::StrictInequality
                        | BinaryOperator::Equality
                        | BinaryOperator::Inequality
                )
            {
                for side in [&b.left, &b.right] {
                    for_each_expr(side, &mut |y| {
                        if let Expression::Identifier(id) = y
                            && self.holds_env_secret(id.name.as_str())
                        {
                            aliased = true;
                        }
                    });
                }
            }
            if let Expression::Identifier(id) = x
                && self.env.get(id.name.as_str()) == Some(&Val::SecretCheckResult)
            {
                aliased = true;
            }
        });
        s.found || aliased || {
            let mut ids = IdentCollector::default();
            ids.visit_expression(e);
            ids.calls.iter().any(|c| {
                matches!(
                    self.cx.classify_callee(&c.callee, &self.env, &self.locals),
                    Callee::SecretCompare
                        | Callee::Helper {
                            summary: Summary::SecretCheck,
                            ..
                        }
                )
            })
        }
    }

    /// `await verifySignature(…)` where the helper returns whether a secret matched.
    fn calls_secret_check(&self, init: &'a Expression<'a>) -> bool {
        let e = match init.get_inner_expression() {
            Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
            other => other,
        };
        matches!(e, Expression::CallExpression(c) if matches!(
            self.cx.classify_callee(&c.callee, &self.env, &self.locals),
            Callee::Helper { summary: Summary::SecretCheck, .. }
        ))
    }

    pub(crate) fn holds_env_secret(&self, name: &str) -> bool {
        if let Some(v) = self.env.get(name) {
            return *v == Val::EnvSecret;
        }
        if self.locals.contains(name) {
            return false;
        }
        match self.cx.top.get(name) {
            Some(Top::Init(init, _, _)) => reads_env_secret(init),
            _ => false,
        }
    }

    /// The value of a condition for a signed-out caller.
    pub(crate) fn eval_cond(&self, e: &'a Expression<'a>) -> Tri {
        self.eval_cond_in(e, false)
    }

    /// Does the condition tell signed-in from signed-out callers? `if (!authObject)` does
    /// not (the auth object is always truthy), nor does `userId === null` after a missing
    /// `await` (the field is undefined either way).
    pub(crate) fn discriminates(&self, e: &'a Expression<'a>) -> bool {
        let out = self.eval_cond_in(e, false);
        let inn = self.eval_cond_in(e, true);
        match (out, inn) {
            (Tri::Unknown, _) | (_, Tri::Unknown) => true,
            (Tri::True, Tri::True) => false,
            (Tri::False(_), Tri::False(_)) => false,
            _ => true,
        }
    }

    /// The condition in the signed-out (or signed-in) environment: the engine's one evaluator
    /// ([`eval_logic`]) with this walker's leaves.
    pub(crate) fn eval_cond_in(&self, e: &'a Expression<'a>, signed_in: bool) -> Tri {
        eval_logic(
            &mut SignedOut {
                walker: self,
                signed_in,
            },
            e,
        )
    }

    /// The leaves of a walker condition: identities, auth objects, comparisons, `await`.
    fn cond_leaf(&self, e: &'a Expression<'a>, signed_in: bool) -> Tri {
        match e.get_inner_expression() {
            Expression::BinaryExpression(b) => {
                let eq = match b.operator {
                    BinaryOperator::StrictEquality | BinaryOperator::Equality => true,
                    BinaryOperator::StrictInequality | BinaryOperator::Inequality => false,
                    _ => return Tri::Unknown,
                };
                let loose = matches!(
                    b.operator,
                    BinaryOperator::Equality | BinaryOperator::Inequality
                );
                let sides = [(&b.left, &b.right), (&b.right, &b.left)];
                let Some((val, lit)) = sides.iter().find_map(|(v, l)| {
                    let lit = literal_falsy(l)?;
                    match self.eval_cond_in(v, signed_in) {
                        Tri::Unknown => None,
                        t => Some((t, lit)),
                    }
                }) else {
                    // An identity compared with a value the caller (or the database) chooses:
                    // a signed-out identity is null, and the other side is not, so `===`
                    // never holds and `!==` always does (`to === userId` is no gate;
                    // `doc.ownerId !== userId` is).
                    let identity_side = sides.iter().any(|(v, l)| {
                        !signed_in
                            && matches!(
                                self.eval_cond_in(v, false),
                                Tri::False(Falsy::Null | Falsy::Undefined)
                            )
                            && self.eval_cond_in(l, false) == Tri::Unknown
                            && literal_falsy(l).is_none()
                    });
                    if identity_side {
                        return if eq {
                            Tri::False(Falsy::False)
                        } else {
                            Tri::True
                        };
                    }
                    return Tri::Unknown;
                };
                let same = match val {
                    // A truthy value never equals a falsy literal.
                    Tri::True => false,
                    Tri::False(f) => {
                        let f = if f == Falsy::Never {
                            Falsy::Undefined
                        } else {
                            f
                        };
                        if loose {
                            matches!(
                                (f, lit),
                                (
                                    Falsy::Null | Falsy::Undefined,
                                    Falsy::Null | Falsy::Undefined
                                )
                            ) || f == lit
                        } else {
                            f == lit
                        }
                    }
                    Tri::Unknown => return Tri::Unknown,
                };
                if same == eq {
                    Tri::True
                } else {
                    Tri::False(Falsy::False)
                }
            }
            Expression::Identifier(id) => match self.env.get(id.name.as_str()) {
                Some(Val::Identity { falsy, .. }) => leaf(*falsy, signed_in),
                Some(Val::AuthObject { .. } | Val::Promise | Val::Verifier(_)) => Tri::True,
                _ => Tri::Unknown,
            },
            Expression::StaticMemberExpression(m) => {
                match self.eval_member_val(&m.object, m.property.name.as_str()) {
                    Some(Val::Identity { falsy, .. }) => leaf(falsy, signed_in),
                    _ => Tri::Unknown,
                }
            }
            Expression::ChainExpression(c) => match c.expression.as_member_expression() {
                Some(m) => match self
                    .eval_member_val(m.object(), m.static_property_name().unwrap_or_default())
                {
                    Some(Val::Identity { falsy, .. }) => leaf(
                        if falsy == Falsy::Never {
                            Falsy::Never
                        } else {
                            Falsy::Undefined
                        },
                        signed_in,
                    ),
                    _ => Tri::Unknown,
                },
                None => Tri::Unknown,
            },
            Expression::AwaitExpression(a) => self.eval_cond_in(&a.argument, signed_in),
            Expression::CallExpression(c) => {
                match self.cx.classify_callee(&c.callee, &self.env, &self.locals) {
                    Callee::HasFn if signed_in => Tri::Unknown,
                    Callee::HasFn => Tri::False(Falsy::False),
                    Callee::ClerkCurrentUser | Callee::OtherAuth(_) => leaf(Falsy::Null, signed_in),
                    Callee::Helper {
                        summary: Summary::Identity { object: false, .. },
                        ..
                    } => leaf(Falsy::Null, signed_in),
                    _ => {
                        // `ADMIN_IDS.includes(userId)`: false for a signed-out caller.
                        if let Some(m) = c.callee.get_inner_expression().as_member_expression()
                            && m.static_property_name() == Some("includes")
                            && c.arguments.iter().any(|a| {
                                a.as_expression().is_some_and(|a| {
                                    matches!(self.eval_cond_in(a, signed_in), Tri::False(_))
                                })
                            })
                        {
                            return if signed_in {
                                Tri::Unknown
                            } else {
                                Tri::False(Falsy::False)
                            };
                        }
                        Tri::Unknown
                    }
                }
            }
            _ => Tri::Unknown,
        }
    }

    /// `state.toAuth()` on an auth object / request state.
    fn is_to_auth(&self, call: &'a CallExpression<'a>) -> bool {
        matches!(call.callee.get_inner_expression(),
            Expression::StaticMemberExpression(m) if m.property.name == "toAuth"
                && matches!(m.object.get_inner_expression(), Expression::Identifier(o)
                    if matches!(self.env.get(o.name.as_str()), Some(Val::AuthObject { .. }))))
    }

    /// `locals.user`, `event.context.userId`: an identity the app's middleware set.
    fn is_identity_member(&self, object: &Expression, field: &str) -> bool {
        let vocab = self.cx.vocab;
        vocab.0.iter().any(|v| !v.identity_members.is_empty())
            && vocab.is_identity_member(&format!("{}.{field}", callee_text(object)))
    }

    /// The value of `object.field` for a signed-out caller.
    pub(crate) fn eval_member_val(&self, object: &'a Expression<'a>, field: &str) -> Option<Val> {
        if self.is_identity_member(object, field) {
            return Some(Val::Identity {
                falsy: Falsy::Undefined,
                other: false,
            });
        }
        match object.get_inner_expression() {
            // `req.auth.userId`
            Expression::StaticMemberExpression(inner)
                if inner.property.name == "auth"
                    && matches!(
                        inner.object.get_inner_expression(),
                        Expression::Identifier(o) if self.env.get(o.name.as_str()) == Some(&Val::Request)
                    ) =>
            {
                Some(field_val(field, true, false))
            }
            // `req.auth().userId`, `getAuth(req).userId`
            Expression::CallExpression(c)
                if matches!(
                    self.cx.classify_callee(&c.callee, &self.env, &self.locals),
                    Callee::ClerkGetAuth
                ) =>
            {
                Some(field_val(field, true, false))
            }
            Expression::Identifier(id) => match self.env.get(id.name.as_str())? {
                Val::Carrier => carrier_field(field),
                Val::AuthObject { awaited } => Some(field_val(field, *awaited, false)),
                Val::Identity { other, .. } => Some(Val::Identity {
                    falsy: Falsy::Undefined,
                    other: *other,
                }),
                Val::Promise => Some(Val::Identity {
                    falsy: Falsy::Never,
                    other: false,
                }),
                _ => None,
            },
            Expression::AwaitExpression(a) => match a.argument.get_inner_expression() {
                Expression::CallExpression(c) => {
                    match self.cx.classify_callee(&c.callee, &self.env, &self.locals) {
                        Callee::ClerkAuth | Callee::ClerkGetAuth => {
                            Some(field_val(field, true, false))
                        }
                        Callee::ClerkCurrentUser => Some(Val::Identity {
                            falsy: Falsy::Undefined,
                            other: false,
                        }),
                        Callee::Helper {
                            summary: Summary::Identity { object, other },
                            ..
                        } => Some(if object {
                            field_val(field, true, other)
                        } else {
                            Val::Identity {
                                falsy: Falsy::Undefined,
                                other,
                            }
                        }),
                        _ => None,
                    }
                }
                _ => None,
            },
            // `requestState.toAuth().userId`.
            Expression::CallExpression(c) if self.is_to_auth(c) => {
                Some(field_val(field, true, false))
            }
            Expression::CallExpression(c) => {
                match self.cx.classify_callee(&c.callee, &self.env, &self.locals) {
                    // Un-awaited `auth().userId` on v6+ is undefined; on v5 it is the value.
                    Callee::ClerkAuth => Some(field_val(field, !self.cx.async_auth, false)),
                    Callee::ClerkGetAuth => Some(field_val(field, true, false)),
                    _ => None,
                }
            }
            Expression::StaticMemberExpression(m) => {
                if m.property.name == "locals" {
                    return carrier_field(field);
                }
                match self.eval_member_val(&m.object, m.property.name.as_str())? {
                    Val::Identity { other, .. } => Some(Val::Identity {
                        falsy: Falsy::Undefined,
                        other,
                    }),
                    Val::AuthObject { awaited } => Some(field_val(field, awaited, false)),
                    Val::Carrier => carrier_field(field),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `const { auth, user } = context.locals`: members a framework's vocabulary knows (the
    /// auth accessor `locals.auth`, an identity such as `locals.user`).
    fn bind_framework_members(
        &mut self,
        init: &'a Expression<'a>,
        obj: &'a oxc_ast::ast::ObjectPattern<'a>,
    ) {
        if !matches!(
            init.get_inner_expression(),
            Expression::Identifier(_) | Expression::StaticMemberExpression(_)
        ) {
            return;
        }
        let base = callee_text(init);
        let vocab = self.cx.vocab;
        for prop in &obj.properties {
            let Some(key) = property_key_name(&prop.key) else {
                continue;
            };
            let text = format!("{base}.{key}");
            if vocab.is_auth_call(&text) {
                self.bind(&prop.value, Val::AuthFn);
            } else if vocab.is_identity_member(&text) {
                self.bind(
                    &prop.value,
                    Val::Identity {
                        falsy: Falsy::Undefined,
                        other: false,
                    },
                );
            }
        }
    }

    /// `const { Webhook } = await import('svix')`: a webhook class from a dynamic import.
    fn is_imported_webhook_class(&self, callee: &'a Expression<'a>) -> bool {
        let Expression::Identifier(id) = callee.get_inner_expression() else {
            return false;
        };
        matches!(
            self.env.get(id.name.as_str()),
            Some(Val::Imported { source, .. })
                if matches!(source.as_str(), "svix" | "standardwebhooks") || is_clerk_source(source)
        )
    }

    /// `const { auth } = await import('@clerk/tanstack-react-start/server')`: each name is
    /// what the static import would be.
    fn bind_dynamic_import(
        &mut self,
        init: &'a Expression<'a>,
        obj: &'a oxc_ast::ast::ObjectPattern<'a>,
    ) {
        let init = match init.get_inner_expression() {
            Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
            other => other,
        };
        let Expression::ImportExpression(imp) = init else {
            return;
        };
        let source = match imp.source.get_inner_expression() {
            Expression::StringLiteral(s) => s.value.to_string(),
            _ => return,
        };
        for prop in &obj.properties {
            let (Some(key), BindingPattern::BindingIdentifier(local)) =
                (property_key_name(&prop.key), &prop.value)
            else {
                continue;
            };
            self.env.insert(
                local.name.to_string(),
                Val::Imported {
                    source: source.clone(),
                    name: key.to_string(),
                },
            );
        }
    }

    pub(crate) fn bind(&mut self, pattern: &'a BindingPattern<'a>, val: Val) {
        match pattern {
            BindingPattern::BindingIdentifier(id) => {
                self.env.insert(id.name.to_string(), val);
            }
            BindingPattern::ObjectPattern(obj) => {
                for prop in &obj.properties {
                    let Some(key) = property_key_name(&prop.key) else {
                        continue;
                    };
                    // `const { locals } = context` (or `= event`, `= Astro`): the carrier,
                    // whatever object it is taken from.
                    if key == "locals" {
                        self.bind(&prop.value, Val::Carrier);
                        continue;
                    }
                    let field = match &val {
                        Val::Carrier => carrier_field(key),
                        Val::AuthObject { awaited } => Some(field_val(key, *awaited, false)),
                        Val::Identity { other, .. } => {
                            // `const { user } = await getSession()`: fields of a nullable value.
                            Some(field_val(key, true, *other))
                        }
                        Val::Promise => Some(Val::Identity {
                            falsy: Falsy::Never,
                            other: false,
                        }),
                        _ => None,
                    };
                    if let Some(f) = field {
                        self.bind(&prop.value, f);
                    }
                }
            }
            BindingPattern::AssignmentPattern(a) => self.bind(&a.left, val),
            BindingPattern::ArrayPattern(_) => {}
        }
    }
}

/// The value of a field of an auth carrier (`locals.auth`, `request.auth`) for a signed-out
/// caller.
/// The walker's hook into the one evaluator: conditions in the signed-out (or signed-in)
/// environment.
struct SignedOut<'w, 'a, 'c, 'e> {
    walker: &'w Walker<'a, 'c, 'e>,
    signed_in: bool,
}

impl<'a> Evaluate<'a> for SignedOut<'_, 'a, '_, '_> {
    type Value = Tri;

    fn eval(&mut self, e: &'a Expression<'a>) -> Tri {
        self.walker.eval_cond_in(e, self.signed_in)
    }

    fn leaf(&mut self, e: &'a Expression<'a>) -> Tri {
        self.walker.cond_leaf(e, self.signed_in)
    }
}

pub(crate) fn carrier_field(field: &str) -> Option<Val> {
    match field {
        "auth" => Some(Val::AuthObject { awaited: true }),
        // clerk-sveltekit: the verified session claims, `undefined` when signed out; and what
        // an app's own hook derives from the session (`locals.user`, `locals.authUser`).
        _ if names_identity(field) => Some(Val::Identity {
            falsy: Falsy::Undefined,
            other: false,
        }),
        _ => None,
    }
}

/// Suffixes of a `locals` member that is a service an app's hook puts there (a repository, a
/// database or API client), not the caller's identity, even when its name mentions the user
/// (`locals.userRepo`, `locals.sessionStore`, `locals.users`): it exists signed in or not.
const SERVICE_SUFFIXES: &[&str] = &[
    "repo",
    "repository",
    "repositories",
    "service",
    "services",
    "store",
    "storage",
    "db",
    "database",
    "client",
    "manager",
    "api",
    "cache",
    "model",
    "factory",
    "provider",
    "helper",
    "helpers",
    "users",
    "sessions",
];

/// Whether a `locals` member names the caller's identity or session (`user`, `authUser`,
/// `userId`, `session`, `sessionClaims`) rather than a service (`userRepo`, `db`).
pub(crate) fn names_identity(field: &str) -> bool {
    let lower = field.to_ascii_lowercase();
    (lower.contains("session") || lower.contains("user"))
        && !SERVICE_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// The value of a field of the auth object for a signed-out caller.
pub(crate) fn field_val(field: &str, awaited: bool, other: bool) -> Val {
    if !awaited {
        // Destructuring a promise gives undefined for every field.
        return Val::Identity {
            falsy: Falsy::Never,
            other,
        };
    }
    match field {
        "auth" => Val::AuthObject { awaited: true },
        "has" => Val::HasFn,
        "redirectToSignIn" | "redirectToSignUp" => Val::ExitFn,
        "protect" => Val::AuthFn,
        f if BOOLEAN_IDENTITY_FIELDS.contains(&f) => Val::Identity {
            falsy: Falsy::False,
            other,
        },
        f if IDENTITY_FIELDS.contains(&f) => Val::Identity {
            falsy: Falsy::Null,
            other,
        },
        _ => Val::Summary(Summary::None, String::new()),
    }
}

pub(crate) fn literal_falsy(e: &Expression) -> Option<Falsy> {
    match e.get_inner_expression() {
        Expression::NullLiteral(_) => Some(Falsy::Null),
        Expression::Identifier(id) if id.name == "undefined" => Some(Falsy::Undefined),
        Expression::BooleanLiteral(b) if !b.value => Some(Falsy::False),
        _ => None,
    }
}

/// `crypto.createHmac('sha256', process.env.SECRET).update(body).digest('hex')`: an HMAC
/// keyed with a secret from the environment; comparing it with a request header is a
/// signature check.
fn hmac_with_env_secret(e: &Expression) -> bool {
    let mut hmac = false;
    for_each_expr(e, &mut |x| {
        if let Expression::CallExpression(c) = x
            && callee_text(&c.callee).ends_with("createHmac")
            && c.arguments
                .get(1)
                .and_then(|a| a.as_expression())
                .is_some_and(reads_env_secret)
        {
            hmac = true;
        }
    });
    hmac
}

/// A top-level `res.status(4xx|5xx)…` / `res.sendStatus(4xx|5xx)` statement in a block.
fn sends_error_status(stmts: &[Statement]) -> bool {
    stmts.iter().any(|s| {
        let Statement::ExpressionStatement(es) = s else {
            return false;
        };
        let mut found = false;
        for_each_expr(&es.expression, &mut |x| {
            if let Expression::CallExpression(c) = x
                && let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression()
                && matches!(m.property.name.as_str(), "status" | "sendStatus")
                && let Some(Expression::NumericLiteral(n)) = c
                    .arguments
                    .first()
                    .and_then(|a| a.as_expression())
                    .map(|e| e.get_inner_expression())
                && n.value >= 400.0
            {
                found = true;
            }
            // Koa: `ctx.status = 401` (the response is sent when the middleware returns
            // without calling `next()`).
            if let Expression::AssignmentExpression(a) = x
                && let oxc_ast::ast::AssignmentTarget::StaticMemberExpression(m) = &a.left
                && m.property.name == "status"
                && let Expression::NumericLiteral(n) = a.right.get_inner_expression()
                && n.value >= 400.0
            {
                found = true;
            }
        });
        found
    })
}

/// Does every path through the statement leave the function (or, in helper mode, the
/// request: only `throw` and redirects count)? A branch "exits" when it contains an exit at
/// its top level; nested conditionals count when every branch exits.
pub(crate) fn stmt_exits<'a>(s: &'a Statement<'a>, mode: Mode, w: &Walker<'a, '_, '_>) -> bool {
    match s {
        // `return redirect(307, '/sign-in')` in a helper: the call throws before the return.
        Statement::ReturnStatement(r) => {
            mode == Mode::Handler || r.argument.as_ref().is_some_and(|a| expr_throws(a, w))
        }
        Statement::ThrowStatement(_) => true,
        Statement::BlockStatement(b) => block_exits(&b.body, mode, w),
        Statement::ExpressionStatement(e) => expr_exits(&e.expression, w),
        Statement::IfStatement(i) => {
            stmt_exits(&i.consequent, mode, w)
                && (i.alternate.as_ref().is_some_and(|a| stmt_exits(a, mode, w))
                    // `catch (e) { if (e instanceof Error) throw error(500, e.message) }`:
                    // every error the code throws is an `Error`.
                    || (i.alternate.is_none() && is_instanceof_error(&i.test)))
        }
        Statement::TryStatement(t) => block_exits(&t.block.body, mode, w),
        _ => false,
    }
}

pub(crate) fn block_exits<'a>(
    stmts: &'a [Statement<'a>],
    mode: Mode,
    w: &Walker<'a, '_, '_>,
) -> bool {
    stmts.iter().any(|s| stmt_exits(s, mode, w))
}

/// A call that throws to end the request: a framework exit (`redirect()` from
/// `@sveltejs/kit` or `next/navigation`), `auth.protect()`, a guarding helper.
pub(crate) fn expr_throws<'a>(e: &'a Expression<'a>, w: &Walker<'a, '_, '_>) -> bool {
    let e = match e.get_inner_expression() {
        Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
        other => other,
    };
    let Expression::CallExpression(c) = e else {
        return false;
    };
    matches!(
        w.cx.classify_callee(&c.callee, &w.env, &w.locals),
        Callee::Exit
            | Callee::ClerkProtect
            | Callee::Helper {
                summary: Summary::Guards(_),
                ..
            }
    )
}

/// `redirect()`, `notFound()`, `await auth.protect()`, a guarding helper, `res.status(401)…`.
pub(crate) fn expr_exits<'a>(e: &'a Expression<'a>, w: &Walker<'a, '_, '_>) -> bool {
    let e = match e.get_inner_expression() {
        Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
        other => other,
    };
    let Expression::CallExpression(c) = e else {
        return false;
    };
    match w.cx.classify_callee(&c.callee, &w.env, &w.locals) {
        Callee::Exit | Callee::ClerkProtect => true,
        Callee::Helper {
            summary: Summary::Guards(_),
            ..
        } => true,
        _ => {
            // `res.status(401).json(...)` / `res.status(403).end()` in API routes.
            let text = callee_text(&c.callee);
            match w.cx.vocab.exit_call(&text) {
                Some(x) if x.status => {
                    let mut n = NumberCollector::default();
                    n.visit_expression(e);
                    n.numbers.iter().any(|v| *v == 401.0 || *v == 403.0)
                }
                Some(_) => true,
                None => false,
            }
        }
    }
}

/// Method names that change state when awaited on a client (`db.invoice.create()`).
pub(crate) const WRITE_METHODS: &[&str] = &[
    "create",
    "createMany",
    "insert",
    "insertOne",
    "insertMany",
    "update",
    "updateMany",
    "updateOne",
    "upsert",
    "delete",
    "deleteMany",
    "deleteOne",
    "remove",
    "destroy",
    "send",
    "sendEmail",
    "charge",
    "refund",
    "execute",
    "publish",
    "enqueue",
    "trigger",
];

/// Objects whose methods read the request or build the response, not the app's state.
pub(crate) const NOT_STATE: &[&str] = &[
    "req",
    "request",
    "res",
    "response",
    "headers",
    "cookies",
    "console",
    "z",
    "schema",
    "JSON",
    "Object",
    "Math",
    "Response",
    "NextResponse",
    "params",
    "searchParams",
    "url",
    "formData",
];

/// The first awaited state-changing call in a statement, as text.
pub(crate) fn write_in(stmt: &Statement) -> Option<String> {
    let mut found = None;
    for_each_stmt_expr(stmt, &mut |e| {
        for_each_expr(e, &mut |x| {
            if found.is_some() {
                return;
            }
            let Expression::AwaitExpression(a) = x else {
                return;
            };
            let Expression::CallExpression(c) = a.argument.get_inner_expression() else {
                return;
            };
            let Some(m) = c.callee.get_inner_expression().as_member_expression() else {
                return;
            };
            let Some(method) = m.static_property_name() else {
                return;
            };
            if !WRITE_METHODS.contains(&method) {
                return;
            }
            let text = callee_text(&c.callee);
            let root = text.split(['.', '(']).next().unwrap_or_default();
            if NOT_STATE.contains(&root) {
                return;
            }
            found = Some(format!("{text}()"));
        });
    });
    found
}

/// Whether the statements after an `if (userId) { … }` still do work for a signed-out
/// caller: any awaited call, or a call other than building the response.
pub(crate) fn rest_does_work(rest: &[Statement]) -> bool {
    let mut work = false;
    for s in rest {
        for_each_stmt_expr(s, &mut |e| {
            for_each_expr(e, &mut |x| {
                if let Expression::AwaitExpression(_) = x {
                    work = true;
                }
                if let Expression::CallExpression(c) = x {
                    let t = callee_text(&c.callee);
                    let response = t.starts_with("NextResponse.")
                        || t.starts_with("Response.")
                        || t == "json"
                        || t.starts_with("console.")
                        || t == "redirect"
                        || t == "notFound";
                    if !response {
                        work = true;
                    }
                }
            });
        });
    }
    work
}

/// `return;`, `return null`, `return undefined`, `return false` in a branch.
pub(crate) fn returns_falsy(s: &Statement) -> bool {
    match s {
        Statement::ReturnStatement(r) => match &r.argument {
            None => true,
            Some(a) => literal_falsy(a).is_some(),
        },
        Statement::BlockStatement(b) => b.body.iter().any(returns_falsy),
        _ => false,
    }
}

pub(crate) fn stmt_returns(s: &Statement) -> bool {
    match s {
        Statement::ReturnStatement(_) => true,
        Statement::BlockStatement(b) => b.body.iter().any(stmt_returns),
        _ => false,
    }
}

pub(crate) fn returns_response(s: &Statement) -> bool {
    let mut f = ResponseFinder::default();
    f.visit_statement(s);
    f.found
}

pub(crate) fn contains_call(s: &Statement) -> bool {
    let mut c = CallCollector::default();
    c.visit_statement(s);
    !c.calls.is_empty()
}

pub(crate) fn is_function_like<'a>(e: &'a Expression<'a>, cx: &FileCx<'a, '_>) -> bool {
    match e.get_inner_expression() {
        Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_) => true,
        Expression::Identifier(id) => {
            matches!(
                cx.top.get(id.name.as_str()),
                Some(Top::Function(_) | Top::Init(..))
            ) || cx.imports.contains_key(id.name.as_str())
        }
        Expression::CallExpression(_) => true,
        _ => false,
    }
}

/// Whether an expression is the object a framework hangs the auth state on: SvelteKit /
/// Astro `locals` (`event.locals`, `Astro.locals`, a name bound to them).
pub(crate) fn is_carrier(e: &Expression, env: &HashMap<String, Val>) -> bool {
    match e.get_inner_expression() {
        Expression::Identifier(o) => matches!(env.get(o.name.as_str()), Some(Val::Carrier)),
        Expression::StaticMemberExpression(o) => o.property.name == "locals",
        _ => false,
    }
}

/// `e instanceof Error`.
fn is_instanceof_error(test: &Expression) -> bool {
    matches!(test.get_inner_expression(), Expression::BinaryExpression(b)
        if b.operator == BinaryOperator::Instanceof
            && matches!(b.right.get_inner_expression(), Expression::Identifier(id) if id.name == "Error"))
}
