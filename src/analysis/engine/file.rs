//! One file under analysis ([`FileCx`]): its bindings, and the handler and helper readings
//! of its functions.

#[allow(unused_imports)]
use super::*;

/// One file under analysis: its imports and top-level bindings, and memoised summaries.
pub struct FileCx<'a, 'e> {
    pub engine: &'e Engine<'e>,
    pub path: PathBuf,
    pub display: String,
    pub program: &'a Program<'a>,
    pub imports: HashMap<&'a str, Import<'a>>,
    pub top: HashMap<&'a str, Top<'a>>,
    pub async_auth: bool,
    /// What the engine recognises in this file: the vocabulary of the app that owns it.
    pub vocab: &'e Vocabularies,
    pub(crate) stack: RefCell<Vec<PathBuf>>,
    pub(crate) memo: RefCell<HashMap<String, Summary>>,
    pub(crate) in_progress: RefCell<HashSet<String>>,
}

impl<'a, 'e> FileCx<'a, 'e> {
    pub fn new(
        engine: &'e Engine<'e>,
        path: &Path,
        display: &str,
        program: &'a Program<'a>,
        stack: Vec<PathBuf>,
    ) -> Self {
        let mut imports = collect_imports(&program.body);
        let mut top = HashMap::new();
        for stmt in &program.body {
            if let Some(decl) = declaration_of(stmt) {
                collect_top(decl, &mut top);
            }
        }
        // CommonJS: `const { getAuth } = require('@clerk/express')`, `const db = require('./db')`.
        for (local, source, how) in super::cjs::cjs_requires(program) {
            let name = match how {
                super::cjs::Required::Module => ImportName::Namespace,
                super::cjs::Required::Default => ImportName::Default,
                super::cjs::Required::Named(n) => ImportName::Named(n),
            };
            imports.entry(local).or_insert(Import { source, name });
        }
        // `const { verifyToken } = await import('@clerk/backend')` inside a function.
        for (local, source, imported) in super::cjs::dynamic_imports(program) {
            imports.entry(local).or_insert(Import {
                source,
                name: ImportName::Named(imported),
            });
        }
        let async_auth = engine.async_auth(display);
        Self {
            engine,
            path: path.to_path_buf(),
            display: display.to_string(),
            program,
            imports,
            top,
            async_auth,
            vocab: engine.vocabulary_for(path),
            stack: RefCell::new(stack),
            memo: RefCell::new(HashMap::new()),
            in_progress: RefCell::new(HashSet::new()),
        }
    }

    /// Analyses every export of the file.
    pub(crate) fn all_exports(&self) -> FileFacts {
        let mut facts = FileFacts::default();
        for stmt in &self.program.body {
            match stmt {
                Statement::ExportDefaultDeclaration(d) => {
                    let (handler, summary, range) = match &d.declaration {
                        ExportDefaultDeclarationKind::FunctionDeclaration(f) => (
                            self.function_facts(f),
                            self.function_summary(f),
                            f.id.as_ref().map(|i| range_of(i.span)),
                        ),
                        other => match other.as_expression() {
                            Some(e) => (self.value_facts(e), self.value_summary(e), None),
                            None => (FnFacts::default(), Summary::None, None),
                        },
                    };
                    facts.exports.insert(
                        "default".into(),
                        ExportFacts {
                            handler,
                            summary,
                            name_range: range,
                            is_async: match &d.declaration {
                                ExportDefaultDeclarationKind::FunctionDeclaration(f) => f.r#async,
                                other => other.as_expression().is_some_and(is_async_fn),
                            },
                        },
                    );
                }
                Statement::ExportAllDeclaration(d) => {
                    if d.exported.is_none()
                        && let Some(p) = self.resolve(d.source.value.as_str())
                    {
                        facts.star.push(p);
                    }
                }
                Statement::ExportFromDeclaration(d) => {
                    if let Some(p) = self.resolve(d.source.value.as_str()) {
                        for s in &d.specifiers {
                            facts.reexports.insert(
                                export_name(&s.exported),
                                (p.clone(), export_name(&s.local)),
                            );
                        }
                    }
                }
                Statement::ExportNamedDeclaration(d) => {
                    for s in &d.specifiers {
                        let local = export_name(&s.local);
                        let exported = export_name(&s.exported);
                        if let Some(ef) = self.binding_facts(&local) {
                            facts.exports.insert(exported, ef);
                        } else if let Some(imp) = self.imports.get(local.as_str()).copied()
                            && let Some(p) = self.resolve(imp.source)
                        {
                            let inner = match imp.name {
                                ImportName::Named(n) => n.to_string(),
                                ImportName::Default => "default".into(),
                                ImportName::Namespace => continue,
                            };
                            facts.reexports.insert(exported, (p, inner));
                        }
                    }
                }
                Statement::ExportDeclaration(d) => {
                    let mut names = HashMap::new();
                    collect_top(&d.declaration, &mut names);
                    for name in names.keys() {
                        if let Some(ef) = self.binding_facts(name) {
                            facts.exports.insert(name.to_string(), ef);
                        }
                    }
                }
                _ => {}
            }
        }
        // CommonJS exports (`module.exports = { a }`, `exports.a = fn`).
        for (name, value) in super::cjs::cjs_exports(self.program) {
            if facts.exports.contains_key(&name) {
                continue;
            }
            let ef = match value.get_inner_expression() {
                Expression::Identifier(id) => self.binding_facts(id.name.as_str()),
                _ => None,
            };
            let ef = ef.unwrap_or_else(|| ExportFacts {
                handler: self.value_facts(value),
                summary: self.value_summary(value),
                name_range: Some(range_of(value.span())),
                is_async: is_async_fn(value),
            });
            facts.exports.insert(name, ef);
        }
        facts
    }

    /// Facts for a top-level binding by name.
    pub fn binding_facts(&self, name: &str) -> Option<ExportFacts> {
        let top = *self.top.get(name)?;
        Some(match top {
            Top::Function(f) => ExportFacts {
                handler: self.function_facts(f),
                summary: self.local_summary(name),
                name_range: f.id.as_ref().map(|i| range_of(i.span)),
                is_async: f.r#async,
            },
            Top::Init(e, span, _) => ExportFacts {
                handler: self.value_facts(e),
                summary: self.local_summary(name),
                name_range: Some(range_of(span)),
                is_async: is_async_fn(e),
            },
            Top::Destructured(_, _, span, _) => ExportFacts {
                handler: FnFacts::default(),
                summary: self.local_summary(name),
                name_range: Some(range_of(span)),
                is_async: false,
            },
            Top::Other => return None,
        })
    }

    /// The display path of the file that defines `name` as seen from this file (an import's
    /// target, else this file).
    pub fn definition_file(&self, name: &str) -> String {
        if let Some(imp) = self.imports.get(name).copied()
            && let Some(p) = self.resolve(imp.source)
            && let Some(e) = self.engine.entry(&p)
        {
            return e.display.clone();
        }
        self.display.clone()
    }

    pub fn resolve(&self, specifier: &str) -> Option<PathBuf> {
        if is_package(specifier) && !specifier.starts_with('@') {
            // A bare package name is never a project file... unless it is a workspace
            // package; the resolver skips node_modules, so asking is harmless.
        }
        let p = self.engine.resolver().resolve(&self.path, specifier)?;
        let p = std::fs::canonicalize(&p).unwrap_or(p);
        self.engine.entry(&p).map(|_| p)
    }

    /// The summary of a top-level binding of this file.
    pub fn local_summary(&self, name: &str) -> Summary {
        if let Some(s) = self.memo.borrow().get(name) {
            return s.clone();
        }
        if !self.in_progress.borrow_mut().insert(name.to_string()) {
            return Summary::Unknown;
        }
        let s = match self.top.get(name).copied() {
            Some(Top::Function(f)) => self.function_summary(f),
            Some(Top::Init(e, _, _)) => self.value_summary(e),
            Some(Top::Destructured(init, key, _, _)) => self.destructured_summary(init, key),
            Some(Top::Other) | None => Summary::None,
        };
        self.in_progress.borrow_mut().remove(name);
        self.memo.borrow_mut().insert(name.to_string(), s.clone());
        s
    }

    /// The summary of an imported name, following the import into the project.
    pub(crate) fn import_summary(&self, imp: Import<'_>) -> (Summary, String) {
        let Some(path) = self.resolve(imp.source) else {
            return (Summary::Unknown, imp.source.to_string());
        };
        let display = self
            .engine
            .entry(&path)
            .map(|e| e.display.clone())
            .unwrap_or_default();
        let name = match imp.name {
            ImportName::Named(n) => n.to_string(),
            ImportName::Default => "default".to_string(),
            ImportName::Namespace => return (Summary::None, display),
        };
        let mut stack = self.stack.borrow_mut();
        if stack.iter().any(|p| p == &path) {
            return (Summary::Unknown, display);
        }
        let found = self.engine.export_inner(&path, &name, &mut stack, 0);
        match found {
            Some((file, ef)) => {
                let display = self
                    .engine
                    .entry(&file)
                    .map(|e| e.display.clone())
                    .unwrap_or(display);
                (ef.summary, display)
            }
            None => (Summary::Unknown, display),
        }
    }

    /// The summary of a framework auto-import (`requireUser(event)` from Nuxt's
    /// `server/utils`), and the display path of the file that defines it.
    pub(crate) fn auto_import_summary(&self, name: &str) -> Option<(Summary, String)> {
        let path = self.engine.auto_import(&self.path, name)?;
        if path == self.path {
            return None;
        }
        let mut stack = self.stack.borrow_mut();
        if stack.iter().any(|p| p == &path) {
            return Some((Summary::Unknown, String::new()));
        }
        let (file, ef) = self.engine.export_inner(&path, name, &mut stack, 0)?;
        let display = self
            .engine
            .entry(&file)
            .map(|e| e.display.clone())
            .unwrap_or_default();
        Some((ef.summary, display))
    }

    pub(crate) fn destructured_summary(&self, init: &'a Expression<'a>, key: &str) -> Summary {
        // `export const { auth, handlers } = NextAuth(...)`: another auth library.
        if let Expression::CallExpression(call) = init.get_inner_expression()
            && let Some(pkg) = self.callee_package(&call.callee)
            && self.vocab.is_other_auth(pkg)
        {
            return match key {
                "handlers" | "GET" | "POST" => Summary::None,
                _ => Summary::Identity {
                    object: false,
                    other: true,
                },
            };
        }
        Summary::None
    }

    /// The package a callee identifier is imported from.
    pub(crate) fn callee_package(&self, callee: &Expression<'a>) -> Option<&'a str> {
        let root = root_identifier(callee)?;
        let imp = self.imports.get(root)?;
        is_package(imp.source).then_some(imp.source)
    }

    /// A function read as a handler.
    pub fn function_facts(&self, f: &'a Function<'a>) -> FnFacts {
        match &f.body {
            Some(body) => self.body_facts(&f.params, body, Mode::Handler).facts,
            None => FnFacts::default(),
        }
    }

    pub fn arrow_facts(&self, a: &'a ArrowFunctionExpression<'a>) -> FnFacts {
        self.arrow_walk(a, Mode::Handler).facts
    }

    pub(crate) fn function_summary(&self, f: &'a Function<'a>) -> Summary {
        match &f.body {
            Some(body) => {
                let s = self.body_facts(&f.params, body, Mode::Helper).summary();
                let s = self.self_guarded(s, || self.function_facts(f));
                if s == Summary::None {
                    let p = self.param_guard(&f.params, &body.statements);
                    if p == Summary::None && checks_own_hmac(&body.statements) {
                        return Summary::SecretCheck;
                    }
                    return p;
                }
                s
            }
            None => Summary::None,
        }
    }

    /// An assertion helper (`requireRole(member, roles)` that throws when `member` is null):
    /// it guards when the caller passes an identity in the parameter it checks.
    pub(crate) fn param_guard(
        &self,
        params: &'a FormalParameters<'a>,
        body: &'a [Statement<'a>],
    ) -> Summary {
        for (i, p) in params.items.iter().enumerate().take(4) {
            let BindingPattern::BindingIdentifier(id) = &p.pattern else {
                continue;
            };
            // The parameter holding an auth object whose fields it checks (`approve(auth)`:
            // `const { userId } = auth; if (!userId) redirect(…)`); an identity passed there
            // is checked the same way.
            let mut w = Walker::new(self, Mode::Helper);
            w.declare_params(params);
            w.env
                .insert(id.name.to_string(), Val::AuthObject { awaited: true });
            w.walk_body(body);
            if matches!(w.guards, Some(GuardKind::Auth)) {
                return Summary::GuardsAuthParam(i);
            }
            let mut w = Walker::new(self, Mode::Helper);
            w.declare_params(params);
            w.env.insert(
                id.name.to_string(),
                Val::Identity {
                    falsy: Falsy::Null,
                    other: false,
                },
            );
            w.walk_body(body);
            if matches!(w.guards, Some(GuardKind::Auth)) {
                return Summary::GuardsParam(i);
            }
        }
        Summary::None
    }

    /// A helper that reads auth without guarding its caller, but that, read as a handler,
    /// stops signed-out callers before its own work (it catches its own failure and returns a
    /// fallback): returning its result is as protected as the helper is.
    pub(crate) fn self_guarded(&self, s: Summary, handler: impl FnOnce() -> FnFacts) -> Summary {
        if matches!(s, Summary::Reads) && handler().gate.is_some() {
            Summary::SelfGuarded
        } else {
            s
        }
    }

    pub(crate) fn arrow_walk(
        &self,
        a: &'a ArrowFunctionExpression<'a>,
        mode: Mode,
    ) -> Walker<'a, '_, 'e> {
        let mut w = Walker::new(self, mode);
        w.declare_params(&a.params);
        if let Some(body) = a.get_function_body() {
            w.walk_body(&body.statements);
        } else if let Some(e) = a.get_expression() {
            w.walk_return(Some(e));
        }
        w
    }

    pub(crate) fn body_facts(
        &self,
        params: &'a FormalParameters<'a>,
        body: &'a FunctionBody<'a>,
        mode: Mode,
    ) -> Walker<'a, '_, 'e> {
        let mut w = Walker::new(self, mode);
        w.declare_params(params);
        w.walk_body(&body.statements);
        w
    }

    /// A value exported as an endpoint (`export const POST = <value>`), read as a handler.
    pub fn value_facts(&self, e: &'a Expression<'a>) -> FnFacts {
        self.value_facts_depth(e, 0)
    }

    pub(crate) fn value_facts_depth(&self, e: &'a Expression<'a>, depth: usize) -> FnFacts {
        if depth > 8 {
            return FnFacts::default();
        }
        match e.get_inner_expression() {
            Expression::ArrowFunctionExpression(a) => self.arrow_facts(a),
            Expression::FunctionExpression(f) => self.function_facts(f),
            Expression::Identifier(id) => {
                let name = id.name.as_str();
                match self.top.get(name).copied() {
                    Some(Top::Function(f)) => self.function_facts(f),
                    Some(Top::Init(init, _, _)) => self.value_facts_depth(init, depth + 1),
                    _ => match self.imports.get(name).copied() {
                        Some(imp) => self.imported_handler_facts(imp),
                        None => FnFacts::default(),
                    },
                }
            }
            Expression::CallExpression(call) => self.call_value_facts(call, depth),
            _ => FnFacts::default(),
        }
    }

    pub(crate) fn imported_handler_facts(&self, imp: Import<'a>) -> FnFacts {
        let Some(path) = self.resolve(imp.source) else {
            return FnFacts::default();
        };
        let name = match imp.name {
            ImportName::Named(n) => n.to_string(),
            ImportName::Default => "default".into(),
            ImportName::Namespace => return FnFacts::default(),
        };
        let mut stack = self.stack.borrow_mut();
        self.engine
            .export_inner(&path, &name, &mut stack, 0)
            .map(|(_, ef)| ef.handler)
            .unwrap_or_default()
    }

    /// `withAuth(handler)`, `authedAction.action(fn)`, `requireAuth(handler)`: the wrapper's
    /// summary decides, else the wrapped function's own body.
    pub(crate) fn call_value_facts(&self, call: &'a CallExpression<'a>, depth: usize) -> FnFacts {
        let callee = self.classify_callee(&call.callee, &HashMap::new(), &HashSet::new());
        let name = callee_text(&call.callee);
        match &callee {
            Callee::ClerkRequireAuth => {
                return FnFacts {
                    gate: Some(Evidence::Inline(format!("`{name}()` from Clerk"))),
                    ..FnFacts::default()
                };
            }
            Callee::Helper {
                summary: Summary::Wraps,
                file,
                ..
            } => {
                return FnFacts {
                    gate: Some(Evidence::Helper {
                        name: name.clone(),
                        file: file.clone(),
                    }),
                    ..FnFacts::default()
                };
            }
            Callee::OtherAuthHandler => {
                return FnFacts {
                    gate: Some(Evidence::Other(format!("`{name}` (auth library endpoint)"))),
                    ..FnFacts::default()
                };
            }
            Callee::GuardMiddleware(what) => {
                return FnFacts {
                    gate: Some(Evidence::Other(what.clone())),
                    ..FnFacts::default()
                };
            }
            Callee::Verify(what) => {
                // `verifySignatureAppRouter(handler)` style wrappers.
                return FnFacts {
                    gate: Some(Evidence::Webhook(what.clone())),
                    ..FnFacts::default()
                };
            }
            _ => {}
        }
        // Method chains on a client: `authedAction.inputSchema(s).action(fn)`.
        if let Some(member) = call.callee.get_inner_expression().as_member_expression()
            && self.chain_summary(member.object(), 0) == Summary::Guards(GuardKind::Auth)
        {
            let name = callee_text(member.object())
                .split(['.', '('])
                .next()
                .unwrap_or_default()
                .to_string();
            let file = self.definition_file(&name);
            return FnFacts {
                gate: Some(Evidence::Helper { name, file }),
                ..FnFacts::default()
            };
        }
        let chain_reads = call
            .callee
            .get_inner_expression()
            .as_member_expression()
            .is_some_and(|m| self.chain_summary(m.object(), 0) == Summary::Reads);
        // Otherwise the wrapped function decides (`withCors(handler)`).
        let mut facts = FnFacts::default();
        for arg in &call.arguments {
            if let Some(e) = arg.as_expression()
                && is_function_like(e, self)
            {
                facts = self.value_facts_depth(e, depth + 1);
                break;
            }
        }
        if matches!(callee, Callee::ClerkWithAuth) && facts.reads.is_none() {
            facts.reads = Some(format!("`{name}()`"));
        }
        if chain_reads && facts.reads.is_none() {
            facts.reads = Some("the session from the client's middleware (`ctx`)".to_string());
        }
        facts
    }

    /// Facts for `key` of `export const { GET, POST } = <init>`. uploadthing's
    /// `createRouteHandler({ router })` serves its config on GET (public by design) and runs
    /// the router's `.middleware()` on POST.
    pub fn destructured_facts(&self, init: &'a Expression<'a>, key: &str) -> FnFacts {
        if let Expression::CallExpression(call) = init.get_inner_expression()
            && let Some(pkg) = self.callee_package(&call.callee)
            && package_name(pkg) == "uploadthing"
        {
            if key != "POST" {
                return FnFacts::default();
            }
            let router = call
                .arguments
                .first()
                .and_then(Argument::as_expression)
                .and_then(|o| match o.get_inner_expression() {
                    Expression::ObjectExpression(obj) => {
                        obj.properties.iter().find_map(|p| match p {
                            ObjectPropertyKind::ObjectProperty(p)
                                if property_key_name(&p.key) == Some("router") =>
                            {
                                Some(&p.value)
                            }
                            _ => None,
                        })
                    }
                    _ => None,
                });
            let name = router
                .map(|r| callee_text(r))
                .unwrap_or_else(|| "router".to_string());
            return match router.map(|r| self.value_summary(r)) {
                Some(Summary::Guards(_)) => FnFacts {
                    gate: Some(Evidence::Helper {
                        name: format!("{name} (every upload's `.middleware()`)"),
                        file: self.display.clone(),
                    }),
                    ..FnFacts::default()
                },
                Some(Summary::Reads) => FnFacts {
                    reads: Some(format!("the session in `{name}`")),
                    ..FnFacts::default()
                },
                _ => FnFacts::default(),
            };
        }
        self.value_facts(init)
    }

    /// A value as something callers use: a function's summary, or the summary of a client
    /// chain (`actionClient.use(authMiddleware)`).
    pub(crate) fn value_summary(&self, e: &'a Expression<'a>) -> Summary {
        match e.get_inner_expression() {
            // An uploadthing-style file router: guarded when every entry's chain guards.
            Expression::ObjectExpression(obj) => {
                let mut all = !obj.properties.is_empty();
                let mut reads = false;
                for p in &obj.properties {
                    match p {
                        ObjectPropertyKind::ObjectProperty(p) => {
                            match self.chain_summary(&p.value, 0) {
                                Summary::Guards(_) => {}
                                Summary::Reads => {
                                    reads = true;
                                    all = false;
                                }
                                _ => all = false,
                            }
                        }
                        ObjectPropertyKind::SpreadProperty(_) => all = false,
                    }
                }
                if all {
                    Summary::Guards(GuardKind::Auth)
                } else if reads {
                    Summary::Reads
                } else {
                    Summary::None
                }
            }
            Expression::ArrowFunctionExpression(a) => {
                let s = self.arrow_walk(a, Mode::Helper).summary();
                self.self_guarded(s, || self.arrow_facts(a))
            }
            Expression::FunctionExpression(f) => self.function_summary(f),
            Expression::CallExpression(call) => {
                // `cache(fn)` and similar memoisers keep the function's summary.
                let name = callee_text(&call.callee);
                if matches!(
                    name.as_str(),
                    "cache" | "React.cache" | "unstable_cache" | "memoize"
                ) && let Some(first) = call.arguments.first().and_then(Argument::as_expression)
                {
                    return self.value_summary(first);
                }
                self.chain_summary(e, 0)
            }
            Expression::Identifier(id) => match self.imports.get(id.name.as_str()).copied() {
                Some(imp) => {
                    if let Some(s) = clerk_import_summary(self.vocab, imp) {
                        return s;
                    }
                    self.import_summary(imp).0
                }
                None => self.local_summary(id.name.as_str()),
            },
            _ => Summary::None,
        }
    }

    /// The summary of a client built by chained calls: guarded once any `.use(fn)` in the
    /// chain guards.
    pub fn chain_summary(&self, e: &'a Expression<'a>, depth: usize) -> Summary {
        if depth > 16 {
            return Summary::Unknown;
        }
        match e.get_inner_expression() {
            Expression::CallExpression(call) => {
                if let Some(member) = call.callee.get_inner_expression().as_member_expression() {
                    let method = member.static_property_name().unwrap_or_default();
                    let mut reads = false;
                    // TanStack Start `createServerFn()…handler(fn)` called from server code
                    // runs `fn` (after the chain's function middleware): what calling it does
                    // is what `fn` does, unless that middleware guards first.
                    if method == "handler"
                        && let Some(f) = call.arguments.first().and_then(Argument::as_expression)
                        && is_function_like(f, self)
                        && self.is_server_fn_chain(member.object(), 0)
                    {
                        let inner = self.chain_summary(member.object(), depth + 1);
                        if matches!(inner, Summary::Guards(_)) {
                            return inner;
                        }
                        return self.value_summary(f);
                    }
                    if method == "use" || method == "middleware" {
                        // `.use(mw)`, and TanStack Start's `.middleware([mwA, mwB])`.
                        let items = call.arguments.iter().filter_map(Argument::as_expression);
                        let items: Vec<&'a Expression<'a>> = items
                            .flat_map(|a| match a.get_inner_expression() {
                                Expression::ArrayExpression(arr) => arr
                                    .elements
                                    .iter()
                                    .filter_map(|el| el.as_expression())
                                    .collect::<Vec<_>>(),
                                _ => vec![a],
                            })
                            .collect();
                        for a in items {
                            match self.value_summary(a) {
                                Summary::Guards(k) => return Summary::Guards(k),
                                Summary::Reads | Summary::Identity { .. } => reads = true,
                                _ => {}
                            }
                        }
                    }
                    // TanStack Start `createMiddleware({ type: 'function' }).server(fn)`: the
                    // middleware guards when `fn` throws or redirects for a signed-out caller.
                    if method == "server"
                        && let Some(f) = call.arguments.first().and_then(Argument::as_expression)
                        && is_function_like(f, self)
                    {
                        match self.value_summary(f) {
                            Summary::Guards(k) => return Summary::Guards(k),
                            Summary::Reads | Summary::Identity { .. } => reads = true,
                            _ => {}
                        }
                    }
                    let inner = self.chain_summary(member.object(), depth + 1);
                    if reads && !matches!(inner, Summary::Guards(_)) {
                        return Summary::Reads;
                    }
                    return inner;
                }
                // `createSafeActionClient({ middleware })`, `initTRPC...`: look at options.
                for arg in &call.arguments {
                    if let Some(Expression::ObjectExpression(obj)) =
                        arg.as_expression().map(|a| a.get_inner_expression())
                    {
                        for prop in &obj.properties {
                            if let ObjectPropertyKind::ObjectProperty(p) = prop
                                && property_key_name(&p.key) == Some("middleware")
                                && let Summary::Guards(k) = self.value_summary(&p.value)
                            {
                                return Summary::Guards(k);
                            }
                        }
                    }
                }
                Summary::None
            }
            Expression::StaticMemberExpression(m) => self.chain_summary(&m.object, depth + 1),
            Expression::Identifier(id) => {
                let name = id.name.as_str();
                match self.top.get(name).copied() {
                    Some(Top::Init(init, _, _)) => {
                        if self.in_progress.borrow().contains(name) {
                            return Summary::Unknown;
                        }
                        self.local_summary(name);
                        let _ = init;
                        self.memo
                            .borrow()
                            .get(name)
                            .cloned()
                            .unwrap_or(Summary::Unknown)
                    }
                    Some(_) => Summary::None,
                    None => match self.imports.get(name).copied() {
                        Some(imp) => self.import_summary(imp).0,
                        None => Summary::None,
                    },
                }
            }
            _ => Summary::None,
        }
    }

    /// Whether a method chain starts at TanStack Start's `createServerFn(…)` (imported from a
    /// `@tanstack/*start*` package).
    fn is_server_fn_chain(&self, e: &'a Expression<'a>, depth: usize) -> bool {
        if depth > 16 {
            return false;
        }
        let Expression::CallExpression(c) = e.get_inner_expression() else {
            return false;
        };
        match c.callee.get_inner_expression() {
            Expression::Identifier(id) => self.imports.get(id.name.as_str()).is_some_and(|imp| {
                imp.source.starts_with("@tanstack/")
                    && imp.source.contains("start")
                    && matches!(imp.name, ImportName::Named("createServerFn"))
            }),
            other => other
                .as_member_expression()
                .is_some_and(|m| self.is_server_fn_chain(m.object(), depth + 1)),
        }
    }

    /// What a callee is.
    pub(crate) fn classify_callee(
        &self,
        callee: &'a Expression<'a>,
        env: &HashMap<String, Val>,
        locals: &HashSet<String>,
    ) -> Callee {
        let callee = callee.get_inner_expression();
        match callee {
            Expression::Identifier(id) => {
                let name = id.name.as_str();
                if self.engine.is_configured_helper(name) {
                    return Callee::Helper {
                        summary: Summary::Guards(GuardKind::Other),
                        name: name.to_string(),
                        file: "clerk-lint.toml auth-helpers".to_string(),
                    };
                }
                if let Some(v) = env.get(name) {
                    return match v {
                        Val::HasFn => Callee::HasFn,
                        Val::ExitFn => Callee::Exit,
                        Val::AuthFn => Callee::ClerkAuth,
                        // `const { auth } = locals; auth()`: the carrier's accessor.
                        Val::AuthObject { .. } => Callee::ClerkGetAuth,
                        Val::Summary(s, file) => Callee::Helper {
                            summary: s.clone(),
                            name: name.to_string(),
                            file: file.clone(),
                        },
                        Val::TokenVerifier(what) => Callee::OtherGuard(what.clone()),
                        Val::Imported {
                            source,
                            name: imported,
                        } => self.classify_import(
                            Import {
                                source,
                                name: ImportName::Named(imported),
                            },
                            name,
                        ),
                        _ => Callee::Unknown,
                    };
                }
                if locals.contains(name) {
                    return Callee::Unknown;
                }
                if let Some(imp) = self.imports.get(name).copied() {
                    return self.classify_import(imp, name);
                }
                if self.top.contains_key(name) {
                    let s = self.local_summary(name);
                    return Callee::Helper {
                        summary: s,
                        name: name.to_string(),
                        file: self.display.clone(),
                    };
                }
                if let Some((summary, file)) = self.auto_import_summary(name) {
                    return Callee::Helper {
                        summary,
                        name: name.to_string(),
                        file,
                    };
                }
                Callee::Unknown
            }
            Expression::StaticMemberExpression(m) => {
                let prop = m.property.name.as_str();
                let object = m.object.get_inner_expression();
                if self.engine.is_configured_helper(prop) {
                    return Callee::Helper {
                        summary: Summary::Guards(GuardKind::Other),
                        name: prop.to_string(),
                        file: "clerk-lint.toml auth-helpers".to_string(),
                    };
                }
                // `req.auth()` on a router handler's request.
                if prop == "auth"
                    && let Expression::Identifier(o) = object
                    && env.get(o.name.as_str()) == Some(&Val::Request)
                {
                    return Callee::ClerkGetAuth;
                }
                // auth.protect / auth().protect / (await auth()).protect
                if prop == "protect" {
                    let obj_is_auth = match object {
                        Expression::Identifier(_) => {
                            matches!(self.classify_callee(object, env, locals), Callee::ClerkAuth)
                        }
                        Expression::CallExpression(c) => {
                            matches!(
                                self.classify_callee(&c.callee, env, locals),
                                Callee::ClerkAuth
                            )
                        }
                        Expression::AwaitExpression(a) => match a.argument.get_inner_expression() {
                            Expression::CallExpression(c) => matches!(
                                self.classify_callee(&c.callee, env, locals),
                                Callee::ClerkAuth
                            ),
                            _ => false,
                        },
                        _ => false,
                    };
                    if obj_is_auth {
                        return Callee::ClerkProtect;
                    }
                }
                if prop == "has"
                    && let Expression::Identifier(o) = object
                    && matches!(env.get(o.name.as_str()), Some(Val::AuthObject { .. }))
                {
                    return Callee::HasFn;
                }
                if prop == "verify"
                    && let Expression::Identifier(o) = object
                    && matches!(env.get(o.name.as_str()), Some(Val::Verifier(_)))
                {
                    let what = match env.get(o.name.as_str()) {
                        Some(Val::Verifier(w)) => w.clone(),
                        _ => String::new(),
                    };
                    return Callee::Verify(what);
                }
                if prop == "verify"
                    && let Expression::NewExpression(n) = object
                    && self.is_webhook_class(&n.callee)
                {
                    return Callee::Verify("svix `Webhook.verify`".into());
                }
                // `const wh = new Webhook(secret)` at the top of the module, `wh.verify()` in
                // the handler.
                if prop == "verify"
                    && let Expression::Identifier(o) = object
                    && env.get(o.name.as_str()).is_none()
                    && let Some(Top::Init(init, _, _)) = self.top.get(o.name.as_str()).copied()
                    && let Expression::NewExpression(n) = init.get_inner_expression()
                    && self.is_webhook_class(&n.callee)
                {
                    return Callee::Verify("svix `Webhook.verify`".into());
                }
                if prop == "timingSafeEqual" {
                    return Callee::SecretCompare;
                }
                // `clerkClient.verifyToken(token)`, `clerk.authenticateRequest(req)` on a
                // Clerk client (`clerkClient` from Clerk, or `createClerkClient(…)`).
                if matches!(prop, "verifyToken" | "authenticateRequest")
                    && self.is_clerk_client(object)
                    && let Some(role) = self.vocab.import_role("@clerk/backend", prop)
                {
                    return callee_of(role, prop, "@clerk/backend");
                }
                // Firebase Admin `getAuth().verifyIdToken(token)` / `admin.auth().verifySessionCookie()`:
                // another provider's verifier, which throws on a bad token.
                if matches!(prop, "verifyIdToken" | "verifySessionCookie")
                    && let Some(root) = root_identifier(object)
                    && let Some(imp) = self.imports.get(root)
                    && is_package(imp.source)
                    && self.vocab.is_other_auth(package_name(imp.source))
                {
                    return Callee::OtherGuard(format!(
                        "`{}` ({})",
                        callee_text(callee),
                        package_name(imp.source)
                    ));
                }
                // `import { Jwt } from 'hono/utils/jwt'; Jwt.verify(token, key)`.
                if prop == "verify"
                    && let Expression::Identifier(o) = object
                    && let Some(imp) = self.imports.get(o.name.as_str())
                    && imp.name == ImportName::Named("Jwt")
                    && matches!(imp.source, "hono/utils/jwt" | "hono/jwt")
                {
                    return Callee::OtherGuard(format!("`{}` (hono)", callee_text(callee)));
                }
                // `import jwt from 'jsonwebtoken'; jwt.verify(token, key)`: throws on a bad token.
                if matches!(prop, "verify" | "jwtVerify")
                    && let Expression::Identifier(o) = object
                    && let Some(imp) = self.imports.get(o.name.as_str())
                    && matches!(imp.name, ImportName::Default | ImportName::Namespace)
                    && matches!(imp.source, "jsonwebtoken" | "jose")
                {
                    return Callee::OtherGuard(format!(
                        "`{}` ({})",
                        callee_text(callee),
                        imp.source
                    ));
                }
                // Firebase Admin `auth.verifySessionCookie(cookie)` in a file importing it.
                if let Some(what) = verify_method(prop, self.imports.values().map(|imp| imp.source))
                {
                    return Callee::OtherGuard(what);
                }
                if matches!(prop, "constructEvent" | "constructEventAsync")
                    && let Expression::StaticMemberExpression(w) = object
                    && w.property.name == "webhooks"
                {
                    return Callee::Verify("Stripe `webhooks.constructEvent`".into());
                }
                if matches!(prop, "getUser" | "getSession" | "getClaims")
                    && let Expression::StaticMemberExpression(w) = object
                    && w.property.name == "auth"
                {
                    return Callee::OtherAuth(format!("`{}`", callee_text(callee)));
                }
                if matches!(prop, "getSession" | "getUser")
                    && let Expression::StaticMemberExpression(w) = object
                    && w.property.name == "api"
                {
                    // better-auth: `auth.api.getSession({ headers })`
                    return Callee::OtherAuth(format!("`{}`", callee_text(callee)));
                }
                // `req.auth()`, `locals.auth()`: a framework's auth-object accessor.
                if self.vocab.is_auth_call(&callee_text(callee)) {
                    return Callee::ClerkGetAuth;
                }
                // `locals.currentUser()`: the user or `null`.
                if self.vocab.is_user_call(&callee_text(callee)) {
                    return Callee::ClerkCurrentUser;
                }
                // `locals.repository.followUser()`: a service the request hook binds to the
                // session, whose signed-out form throws from this method.
                if let Expression::StaticMemberExpression(service) = object
                    && is_carrier(&service.object, env)
                    && let Some(hook) =
                        self.engine
                            .locals_guard(&self.path, service.property.name.as_str(), prop)
                {
                    return Callee::Helper {
                        summary: Summary::Guards(GuardKind::Auth),
                        name: format!("locals.{}.{prop}", service.property.name),
                        file: hook.to_string(),
                    };
                }
                // SvelteKit / Astro `locals` (`locals.auth()`, `event.locals.auth()`,
                // `Astro.locals.currentUser()`, `l.auth()` when `l` holds the locals): one
                // carrier model, whatever the object is called.
                if is_carrier(object, env) {
                    match prop {
                        "auth" => return Callee::ClerkGetAuth,
                        "currentUser" => return Callee::ClerkCurrentUser,
                        _ => {}
                    }
                }
                // `ns.helper()` through `import * as ns from './x'`.
                if let Expression::Identifier(o) = object
                    && let Some(imp) = self.imports.get(o.name.as_str()).copied()
                    && imp.name == ImportName::Namespace
                {
                    if let Some(role) = self.vocab.import_role(imp.source, prop) {
                        return callee_of(role, prop, imp.source);
                    }
                    if self.vocab.is_opaque(imp.source) {
                        return Callee::Unknown;
                    }
                    let named = Import {
                        source: imp.source,
                        name: ImportName::Named(prop),
                    };
                    return self.classify_import(named, prop);
                }
                Callee::Unknown
            }
            // `jwt({ secret })(c, next)`: a guard middleware built and run in place.
            Expression::CallExpression(inner) => {
                match self.classify_callee(&inner.callee, env, locals) {
                    Callee::GuardMiddleware(what) => Callee::OtherGuard(what),
                    _ => Callee::Unknown,
                }
            }
            _ => Callee::Unknown,
        }
    }

    /// Whether a called name is an `async` function of the project (local or imported).
    pub(crate) fn callee_is_async(&self, callee: &'a Expression<'a>) -> bool {
        let Expression::Identifier(id) = callee.get_inner_expression() else {
            return false;
        };
        let name = id.name.as_str();
        match self.top.get(name).copied() {
            Some(Top::Function(f)) => return f.r#async,
            Some(Top::Init(e, _, _)) => return is_async_fn(e),
            Some(_) => return false,
            None => {}
        }
        let Some(imp) = self.imports.get(name).copied() else {
            return false;
        };
        let Some(path) = self.resolve(imp.source) else {
            return false;
        };
        let export = match imp.name {
            ImportName::Named(n) => n.to_string(),
            ImportName::Default => "default".to_string(),
            ImportName::Namespace => return false,
        };
        let mut stack = self.stack.borrow_mut();
        self.engine
            .export_inner(&path, &export, &mut stack, 0)
            .is_some_and(|(_, ef)| ef.is_async)
    }

    pub(crate) fn classify_import(&self, imp: Import<'_>, local: &str) -> Callee {
        let source = imp.source;
        let imported = match imp.name {
            ImportName::Named(n) => n,
            ImportName::Default => "default",
            ImportName::Namespace => return Callee::Unknown,
        };
        let vocab = self.vocab;
        if let Some(role) = vocab.import_role(source, imported) {
            return callee_of(role, local, source);
        }
        if vocab.is_opaque(source) {
            return Callee::Unknown;
        }
        if is_package(source) {
            let pkg = package_name(source);
            if vocab.is_other_auth(pkg) {
                return Callee::OtherAuth(format!("`{local}` ({pkg})"));
            }
            // A workspace package of the project (`@acme/auth`) is followed like a local file.
            if self.resolve(source).is_none() {
                return Callee::Unknown;
            }
        }
        let (summary, file) = self.import_summary(imp);
        Callee::Helper {
            summary,
            name: local.to_string(),
            file,
        }
    }

    /// `clerkClient` imported from a Clerk SDK, or a top-level `const c = createClerkClient(…)`
    /// (any function imported from a Clerk SDK).
    fn is_clerk_client(&self, e: &Expression<'a>) -> bool {
        let Expression::Identifier(id) = e.get_inner_expression() else {
            return false;
        };
        let name = id.name.as_str();
        let vocab = self.vocab;
        if let Some(imp) = self.imports.get(name) {
            return vocab.is_opaque(imp.source) && imp.source.contains("clerk");
        }
        if let Some(Top::Init(init, _, _)) = self.top.get(name).copied()
            && let Expression::CallExpression(c) = init.get_inner_expression()
            && let Expression::Identifier(f) = c.callee.get_inner_expression()
            && let Some(imp) = self.imports.get(f.name.as_str())
        {
            return vocab.is_opaque(imp.source) && imp.source.contains("clerk");
        }
        false
    }

    pub(crate) fn is_webhook_class(&self, callee: &Expression<'a>) -> bool {
        if let Expression::Identifier(id) = callee.get_inner_expression()
            && let Some(imp) = self.imports.get(id.name.as_str())
        {
            return matches!(imp.source, "svix" | "standardwebhooks")
                || is_clerk_source(imp.source);
        }
        false
    }
}

/// A function that computes an HMAC itself (`crypto.subtle.sign('HMAC', …)`,
/// `createHmac('sha256', secret)`) and returns whether it matched (`return true` /
/// `return false`, or a comparison): a hand-written signature check, such as a Svix webhook
/// verified without the svix package.
pub(crate) fn checks_own_hmac(body: &[Statement]) -> bool {
    let mut hmac = false;
    let mut returns_verdict = false;
    for s in body {
        for_each_stmt_expr(s, &mut |e| {
            for_each_expr(e, &mut |x| {
                if let Expression::CallExpression(c) = x {
                    let t = callee_text(&c.callee);
                    if t.ends_with("createHmac")
                        || (t.ends_with("subtle.sign") || t.ends_with("subtle.verify"))
                            && c.arguments.iter().any(|a| {
                                matches!(a.as_expression().map(|e| e.get_inner_expression()),
                                    Some(Expression::StringLiteral(l)) if l.value == "HMAC")
                            })
                    {
                        hmac = true;
                    }
                }
            });
        });
    }
    if !hmac {
        return false;
    }
    let mut v = ReturnVerdicts::default();
    for s in body {
        v.visit_statement(s);
    }
    returns_verdict |= v.found;
    returns_verdict
}

/// Finds `return true` / `return false` / `return a === b` outside nested functions.
#[derive(Default)]
struct ReturnVerdicts {
    found: bool,
}

impl<'a> Visit<'a> for ReturnVerdicts {
    fn visit_return_statement(&mut self, it: &oxc_ast::ast::ReturnStatement<'a>) {
        if let Some(arg) = &it.argument {
            match arg.get_inner_expression() {
                Expression::BooleanLiteral(_) => self.found = true,
                Expression::BinaryExpression(b)
                    if matches!(
                        b.operator,
                        BinaryOperator::StrictEquality | BinaryOperator::Equality
                    ) =>
                {
                    self.found = true
                }
                _ => {}
            }
        }
        walk::walk_return_statement(self, it);
    }

    fn visit_function(&mut self, _it: &Function<'a>, _flags: oxc_syntax::scope::ScopeFlags) {}

    fn visit_arrow_function_expression(&mut self, _it: &ArrowFunctionExpression<'a>) {}
}
