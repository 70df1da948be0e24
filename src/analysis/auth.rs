//! Auth evidence inside functions, followed across files.
//!
//! Every function gets two readings. As a **handler** (an endpoint body), the question is
//! whether a signed-out caller is stopped before the work: a Clerk identity is read and the
//! signed-out branch exits (`return`, `throw`, `redirect()`, `notFound()`, `auth.protect()`),
//! or a project helper that does so is called, or a webhook signature is verified, or a
//! shared secret is compared. As a **helper** (something a handler calls), the question is
//! what calling it does: it guards (throws or redirects when signed out), it returns an
//! identity the caller must check, it returns a `Response` the caller must return, it wraps a
//! handler in a guard, or it only reads auth.
//!
//! Conditions are evaluated in a signed-out environment (`userId = null`,
//! `isAuthenticated = false`, `has() = false`; `undefined` for values destructured from an
//! un-awaited `auth()` promise), so vacuous checks such as `if (!authObject)` or
//! `if (userId === null)` after a missing `await` do not count.
//!
//! Names prove nothing: a callee is Clerk's only when its import resolves to an `@clerk/`
//! package; a project function is analysed through its import (tsconfig paths, barrels,
//! default exports), several files deep, with a cycle guard.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrowFunctionExpression, BindingPattern, CallExpression, Declaration,
    ExportDefaultDeclarationKind, Expression, FormalParameters, Function, FunctionBody,
    ImportDeclarationSpecifier, LogicalOperator, ModuleExportName, ObjectPropertyKind, PropertyKey,
    Statement, UnaryOperator,
};
use oxc_ast::ast::{BinaryOperator, ImportOrExportKind, Program};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType, Span};

use crate::analysis::resolve::{ModuleResolver, is_package, package_name};

/// How an endpoint is protected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// A check written in the handler itself.
    Inline(String),
    /// A project function the handler calls (or wraps itself in).
    Helper { name: String, file: String },
    /// The middleware / proxy rejects signed-out requests for the route.
    Middleware { file: String },
    /// A webhook signature is verified.
    Webhook(String),
    /// Another mechanism: another auth library, a shared secret.
    Other(String),
}

impl Evidence {
    /// A short label for the inventory: `inline`, `helper`, `middleware`, `webhook`, `other`.
    pub fn kind(&self) -> &'static str {
        match self {
            Evidence::Inline(_) => "inline",
            Evidence::Helper { .. } => "helper",
            Evidence::Middleware { .. } => "middleware",
            Evidence::Webhook(_) => "webhook",
            Evidence::Other(_) => "other",
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Evidence::Inline(s) | Evidence::Webhook(s) | Evidence::Other(s) => s.clone(),
            Evidence::Helper { name, file } => format!("`{name}` ({file})"),
            Evidence::Middleware { file } => format!("`{file}`"),
        }
    }
}

/// What calling a function (or using a value) does for auth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Summary {
    /// Throws or redirects when the caller is signed out (or the signature is bad).
    Guards(GuardKind),
    /// Returns an identity the caller must check: `userId`, a user or `null`; with
    /// `object`, an auth object whose fields (`userId`, `isAuthenticated`) are the identity.
    Identity { object: bool, other: bool },
    /// Returns a `Response` (or another value) instead of throwing when signed out: the
    /// caller must return it.
    Response,
    /// Returns a function that checks auth before calling the function it was given.
    Wraps,
    /// Reads auth but stops nobody.
    Reads,
    /// Stops signed-out callers before its own work but returns a fallback instead of
    /// throwing: a caller that only returns its result is protected by it.
    SelfGuarded,
    /// Returns whether a secret from the environment matches (`tokenMatches(header)`): a
    /// condition on its result is a shared-secret check.
    SecretCheck,
    /// Throws when its argument at this position is null: a guard when the caller passes an
    /// identity there.
    GuardsParam(usize),
    /// Nothing to do with auth.
    None,
    /// Not analysable (an unresolved import, a cycle).
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardKind {
    Auth,
    Webhook,
    Other,
}

/// An `auth()` / `auth.protect()` call without `await` on a version where they are async.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unawaited {
    pub file: String,
    pub range: Range<usize>,
    /// `auth()` or `auth.protect()`.
    pub api: &'static str,
    /// Whether the result is used as if it were the resolved value (`const { userId } = auth()`).
    pub used: bool,
}

/// What the analysis learns about one function read as a handler.
#[derive(Clone, Debug, Default)]
pub struct FnFacts {
    /// The first check that stops signed-out callers.
    pub gate: Option<Evidence>,
    /// A Clerk auth API read (for `unchecked-auth`), e.g. "`auth()`".
    pub reads: Option<String>,
    /// Signs that the function handles Clerk webhook events.
    pub webhook_signals: Vec<String>,
    /// A signature check exists but its failure is swallowed (`try { verify } catch {}`).
    pub verify_swallowed: bool,
    /// A write that runs before the first check (`db.invoice.create()`): the check comes too
    /// late to stop it (PATTERNS NX-7).
    pub work_before_gate: Option<String>,
}

/// Facts about one exported binding.
#[derive(Clone, Debug)]
pub struct ExportFacts {
    pub handler: FnFacts,
    pub summary: Summary,
    /// Where the exported value is declared (byte range of its name), for reports.
    pub name_range: Option<Range<usize>>,
}

/// Facts about one file.
#[derive(Clone, Debug, Default)]
pub struct FileFacts {
    pub exports: HashMap<String, ExportFacts>,
    /// `export * from` targets, in order.
    pub star: Vec<PathBuf>,
    /// `export { x } from './y'` re-exports: exported name → (file, name there).
    pub reexports: HashMap<String, (PathBuf, String)>,
}

/// A project file the engine may read.
#[derive(Clone, Debug)]
pub struct FileEntry {
    pub display: String,
    pub text: Arc<str>,
}

/// The cross-file analysis: parses files on demand and caches what it learns per file.
pub struct Engine<'e> {
    resolver: ModuleResolver,
    /// Canonical path → the file as walked.
    files: &'e HashMap<PathBuf, FileEntry>,
    /// Whether `auth()` returns a promise for the app owning a display path.
    async_auth: &'e (dyn Fn(&str) -> bool + Sync),
    cache: Mutex<HashMap<PathBuf, Arc<FileFacts>>>,
    unawaited: Mutex<HashSet<Unawaited>>,
    /// Function names that count as authentication (`[routes] auth-helpers`).
    auth_helpers: Vec<String>,
}

impl<'e> Engine<'e> {
    pub fn new(
        files: &'e HashMap<PathBuf, FileEntry>,
        async_auth: &'e (dyn Fn(&str) -> bool + Sync),
    ) -> Self {
        Self {
            resolver: ModuleResolver::new(),
            files,
            async_auth,
            cache: Mutex::new(HashMap::new()),
            unawaited: Mutex::new(HashSet::new()),
            auth_helpers: Vec::new(),
        }
    }

    /// The project's workspace packages (name → directory) for resolving their imports.
    pub fn set_workspace(&mut self, packages: HashMap<String, PathBuf>) {
        self.resolver.set_workspace(packages);
    }

    pub fn set_auth_helpers(&mut self, names: Vec<String>) {
        self.auth_helpers = names;
    }

    fn is_configured_helper(&self, name: &str) -> bool {
        self.auth_helpers.iter().any(|h| h == name)
    }

    pub fn resolver(&self) -> &ModuleResolver {
        &self.resolver
    }

    pub fn entry(&self, path: &Path) -> Option<&FileEntry> {
        self.files.get(path)
    }

    pub fn async_auth(&self, display: &str) -> bool {
        (self.async_auth)(display)
    }

    /// Every un-awaited `auth()` met so far, sorted.
    pub fn unawaited(&self) -> Vec<Unawaited> {
        let mut v: Vec<Unawaited> = self
            .unawaited
            .lock()
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default();
        v.sort_by(|a, b| (&a.file, a.range.start).cmp(&(&b.file, b.range.start)));
        v
    }

    fn record_unawaited(&self, u: Unawaited) {
        if let Ok(mut s) = self.unawaited.lock() {
            s.insert(u);
        }
    }

    /// The facts of `path` (a canonical path of a walked file).
    pub fn file_facts(&self, path: &Path) -> Arc<FileFacts> {
        self.file_facts_inner(path, &mut Vec::new())
    }

    fn file_facts_inner(&self, path: &Path, stack: &mut Vec<PathBuf>) -> Arc<FileFacts> {
        if let Some(f) = self.cache.lock().ok().and_then(|c| c.get(path).cloned()) {
            return f;
        }
        if stack.iter().any(|p| p == path) {
            return Arc::new(FileFacts::default());
        }
        let Some(entry) = self.files.get(path) else {
            return Arc::new(FileFacts::default());
        };
        stack.push(path.to_path_buf());
        let facts = Arc::new(analyze_file(self, path, entry, stack));
        stack.pop();
        if let Ok(mut c) = self.cache.lock() {
            c.insert(path.to_path_buf(), facts.clone());
        }
        facts
    }

    /// The facts of export `name` of `path`, following re-exports and `export *`.
    pub fn export(&self, path: &Path, name: &str) -> Option<(PathBuf, ExportFacts)> {
        self.export_inner(path, name, &mut Vec::new(), 0)
    }

    fn export_inner(
        &self,
        path: &Path,
        name: &str,
        stack: &mut Vec<PathBuf>,
        depth: usize,
    ) -> Option<(PathBuf, ExportFacts)> {
        if depth > 12 {
            return None;
        }
        let facts = self.file_facts_inner(path, stack);
        if let Some(e) = facts.exports.get(name) {
            return Some((path.to_path_buf(), e.clone()));
        }
        if let Some((file, inner)) = facts.reexports.get(name) {
            return self.export_inner(file, inner, stack, depth + 1);
        }
        if name != "default" {
            for star in &facts.star {
                if let Some(found) = self.export_inner(star, name, stack, depth + 1) {
                    return Some(found);
                }
            }
        }
        None
    }
}

/// A parsed file, ready for analysis. The caller keeps the allocator alive.
pub struct Parsed<'a> {
    pub program: Program<'a>,
    pub ok: bool,
    /// The first syntax error (byte range, message), recoverable or not.
    pub error: Option<(Range<usize>, String)>,
}

pub fn parse<'a>(allocator: &'a Allocator, path: &str, text: &'a str) -> Parsed<'a> {
    let source_type = match SourceType::from_path(path) {
        Ok(st) if st.is_javascript() => st.with_jsx(true),
        Ok(st) => st,
        Err(_) => SourceType::tsx(),
    };
    let ret = Parser::new(allocator, text, source_type).parse();
    let error = ret.diagnostics.errors().next().map(|d| {
        let span = d
            .labels
            .first()
            .map(|l| l.span())
            .unwrap_or(Span::new(0, 0));
        (range_of(span), d.message.to_string())
    });
    Parsed {
        ok: !ret.panicked,
        program: ret.program,
        error,
    }
}

fn analyze_file(
    engine: &Engine,
    path: &Path,
    entry: &FileEntry,
    stack: &mut Vec<PathBuf>,
) -> FileFacts {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &entry.display, &entry.text);
    if !parsed.ok {
        return FileFacts::default();
    }
    let cx = FileCx::new(
        engine,
        path,
        &entry.display,
        &parsed.program,
        std::mem::take(stack),
    );
    let facts = cx.all_exports();
    *stack = cx.stack.into_inner();
    facts
}

/// How a name was imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportName<'a> {
    Named(&'a str),
    Default,
    Namespace,
}

#[derive(Clone, Copy, Debug)]
pub struct Import<'a> {
    pub source: &'a str,
    pub name: ImportName<'a>,
}

/// A top-level binding of a module.
#[derive(Clone, Copy)]
pub enum Top<'a> {
    Function(&'a Function<'a>),
    /// `const x = <expr>`.
    Init(&'a Expression<'a>, Span),
    /// `const { a, b: c } = <expr>`: the key destructured.
    Destructured(&'a Expression<'a>, &'a str, Span),
    Other,
}

/// One file under analysis: its imports and top-level bindings, and memoised summaries.
pub struct FileCx<'a, 'e> {
    pub engine: &'e Engine<'e>,
    pub path: PathBuf,
    pub display: String,
    pub program: &'a Program<'a>,
    pub imports: HashMap<&'a str, Import<'a>>,
    pub top: HashMap<&'a str, Top<'a>>,
    pub async_auth: bool,
    stack: RefCell<Vec<PathBuf>>,
    memo: RefCell<HashMap<String, Summary>>,
    in_progress: RefCell<HashSet<String>>,
}

impl<'a, 'e> FileCx<'a, 'e> {
    pub fn new(
        engine: &'e Engine<'e>,
        path: &Path,
        display: &str,
        program: &'a Program<'a>,
        stack: Vec<PathBuf>,
    ) -> Self {
        let mut imports = HashMap::new();
        let mut top = HashMap::new();
        for stmt in &program.body {
            match stmt {
                Statement::ImportDeclaration(decl) => {
                    if decl.import_kind == ImportOrExportKind::Type {
                        continue;
                    }
                    let source = decl.source.value.as_str();
                    for spec in decl.specifiers.iter().flatten() {
                        match spec {
                            ImportDeclarationSpecifier::ImportSpecifier(s) => {
                                if s.import_kind == ImportOrExportKind::Type {
                                    continue;
                                }
                                let name = match &s.imported {
                                    ModuleExportName::IdentifierName(n) => n.name.as_str(),
                                    ModuleExportName::IdentifierReference(n) => n.name.as_str(),
                                    ModuleExportName::StringLiteral(n) => n.value.as_str(),
                                };
                                let name = if name == "default" {
                                    ImportName::Default
                                } else {
                                    ImportName::Named(name)
                                };
                                imports.insert(s.local.name.as_str(), Import { source, name });
                            }
                            ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                                imports.insert(
                                    s.local.name.as_str(),
                                    Import {
                                        source,
                                        name: ImportName::Default,
                                    },
                                );
                            }
                            ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                                imports.insert(
                                    s.local.name.as_str(),
                                    Import {
                                        source,
                                        name: ImportName::Namespace,
                                    },
                                );
                            }
                        }
                    }
                }
                Statement::ExportNamedDeclaration(_) => {}
                _ => {}
            }
            if let Some(decl) = declaration_of(stmt) {
                collect_top(decl, &mut top);
            }
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
            stack: RefCell::new(stack),
            memo: RefCell::new(HashMap::new()),
            in_progress: RefCell::new(HashSet::new()),
        }
    }

    /// Analyses every export of the file.
    fn all_exports(&self) -> FileFacts {
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
            },
            Top::Init(e, span) => ExportFacts {
                handler: self.value_facts(e),
                summary: self.local_summary(name),
                name_range: Some(range_of(span)),
            },
            Top::Destructured(_, _, span) => ExportFacts {
                handler: FnFacts::default(),
                summary: self.local_summary(name),
                name_range: Some(range_of(span)),
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
            Some(Top::Init(e, _)) => self.value_summary(e),
            Some(Top::Destructured(init, key, _)) => self.destructured_summary(init, key),
            Some(Top::Other) | None => Summary::None,
        };
        self.in_progress.borrow_mut().remove(name);
        self.memo.borrow_mut().insert(name.to_string(), s.clone());
        s
    }

    /// The summary of an imported name, following the import into the project.
    fn import_summary(&self, imp: Import<'a>) -> (Summary, String) {
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

    fn destructured_summary(&self, init: &'a Expression<'a>, key: &str) -> Summary {
        // `export const { auth, handlers } = NextAuth(...)`: another auth library.
        if let Expression::CallExpression(call) = init.get_inner_expression()
            && let Some(pkg) = self.callee_package(&call.callee)
            && is_other_auth_package(pkg)
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
    fn callee_package(&self, callee: &Expression<'a>) -> Option<&'a str> {
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

    fn function_summary(&self, f: &'a Function<'a>) -> Summary {
        match &f.body {
            Some(body) => {
                let s = self.body_facts(&f.params, body, Mode::Helper).summary();
                let s = self.self_guarded(s, || self.function_facts(f));
                if s == Summary::None {
                    return self.param_guard(&f.params, &body.statements);
                }
                s
            }
            None => Summary::None,
        }
    }

    /// An assertion helper (`requireRole(member, roles)` that throws when `member` is null):
    /// it guards when the caller passes an identity in the parameter it checks.
    fn param_guard(&self, params: &'a FormalParameters<'a>, body: &'a [Statement<'a>]) -> Summary {
        for (i, p) in params.items.iter().enumerate().take(4) {
            let BindingPattern::BindingIdentifier(id) = &p.pattern else {
                continue;
            };
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
    fn self_guarded(&self, s: Summary, handler: impl FnOnce() -> FnFacts) -> Summary {
        if matches!(s, Summary::Reads) && handler().gate.is_some() {
            Summary::SelfGuarded
        } else {
            s
        }
    }

    fn arrow_walk(&self, a: &'a ArrowFunctionExpression<'a>, mode: Mode) -> Walker<'a, '_, 'e> {
        let mut w = Walker::new(self, mode);
        w.declare_params(&a.params);
        if let Some(body) = a.get_function_body() {
            w.walk_body(&body.statements);
        } else if let Some(e) = a.get_expression() {
            w.walk_return(Some(e));
        }
        w
    }

    fn body_facts(
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

    fn value_facts_depth(&self, e: &'a Expression<'a>, depth: usize) -> FnFacts {
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
                    Some(Top::Init(init, _)) => self.value_facts_depth(init, depth + 1),
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

    fn imported_handler_facts(&self, imp: Import<'a>) -> FnFacts {
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
    fn call_value_facts(&self, call: &'a CallExpression<'a>, depth: usize) -> FnFacts {
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
    fn value_summary(&self, e: &'a Expression<'a>) -> Summary {
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
                    if let Some(s) = clerk_import_summary(imp) {
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
                    if method == "use" || method == "middleware" {
                        for arg in &call.arguments {
                            if let Some(a) = arg.as_expression() {
                                match self.value_summary(a) {
                                    Summary::Guards(k) => return Summary::Guards(k),
                                    Summary::Reads | Summary::Identity { .. } => reads = true,
                                    _ => {}
                                }
                            }
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
                    Some(Top::Init(init, _)) => {
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

    /// What a callee is.
    fn classify_callee(
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
                        Val::Summary(s, file) => Callee::Helper {
                            summary: s.clone(),
                            name: name.to_string(),
                            file: file.clone(),
                        },
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
                if prop == "timingSafeEqual" {
                    return Callee::SecretCompare;
                }
                // `clerkClient.verifyToken(token)`, `clerk.authenticateRequest(req)` on a
                // Clerk client (`clerkClient` from Clerk, or `createClerkClient(…)`).
                if matches!(prop, "verifyToken" | "authenticateRequest")
                    && self.is_clerk_client(object)
                {
                    return clerk_named(prop).unwrap_or(Callee::Unknown);
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
                // `ns.helper()` through `import * as ns from './x'`.
                if let Expression::Identifier(o) = object
                    && let Some(imp) = self.imports.get(o.name.as_str()).copied()
                    && imp.name == ImportName::Namespace
                {
                    if is_clerk_source(imp.source) {
                        return clerk_named(prop).unwrap_or(Callee::Unknown);
                    }
                    let named = Import {
                        source: imp.source,
                        name: ImportName::Named(prop),
                    };
                    return self.classify_import(named, prop);
                }
                Callee::Unknown
            }
            _ => Callee::Unknown,
        }
    }

    fn classify_import(&self, imp: Import<'a>, local: &str) -> Callee {
        let source = imp.source;
        let imported = match imp.name {
            ImportName::Named(n) => n,
            ImportName::Default => "default",
            ImportName::Namespace => return Callee::Unknown,
        };
        if is_clerk_source(source) {
            if source.ends_with("/webhooks") && imported == "verifyWebhook" {
                return Callee::Verify("Clerk `verifyWebhook()`".into());
            }
            return clerk_named(imported).unwrap_or(Callee::Unknown);
        }
        if source == "next/navigation" {
            return match imported {
                "redirect" | "permanentRedirect" | "notFound" | "unauthorized" | "forbidden" => {
                    Callee::Exit
                }
                _ => Callee::Unknown,
            };
        }
        if is_package(source) {
            let pkg = package_name(source);
            if pkg == "inngest" && imported == "serve" {
                return Callee::Verify("Inngest request signing".into());
            }
            if pkg == "@upstash/qstash" && imported.starts_with("verifySignature") {
                return Callee::Verify("QStash signature".into());
            }
            if matches!(imported, "jwtVerify" | "verify") && matches!(pkg, "jose" | "jsonwebtoken")
            {
                return Callee::OtherGuard(format!("`{local}` ({pkg})"));
            }
            if matches!(imported, "timingSafeEqual") {
                return Callee::SecretCompare;
            }
            if is_other_auth_package(pkg) {
                if matches!(imported, "toNextJsHandler" | "handleAuth" | "default")
                    && matches!(pkg, "better-auth" | "@auth0/nextjs-auth0" | "next-auth")
                {
                    return Callee::OtherAuthHandler;
                }
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

    /// `clerkClient` imported from Clerk, or a top-level `const c = createClerkClient(…)`.
    fn is_clerk_client(&self, e: &Expression<'a>) -> bool {
        let Expression::Identifier(id) = e.get_inner_expression() else {
            return false;
        };
        let name = id.name.as_str();
        if let Some(imp) = self.imports.get(name) {
            return is_clerk_source(imp.source);
        }
        if let Some(Top::Init(init, _)) = self.top.get(name).copied()
            && let Expression::CallExpression(c) = init.get_inner_expression()
            && let Expression::Identifier(f) = c.callee.get_inner_expression()
            && let Some(imp) = self.imports.get(f.name.as_str())
        {
            return is_clerk_source(imp.source);
        }
        false
    }

    fn is_webhook_class(&self, callee: &Expression<'a>) -> bool {
        if let Expression::Identifier(id) = callee.get_inner_expression()
            && let Some(imp) = self.imports.get(id.name.as_str())
        {
            return matches!(imp.source, "svix" | "standardwebhooks")
                || is_clerk_source(imp.source);
        }
        false
    }
}

/// Whether a module specifier is one of Clerk's SDKs (or the community Hono SDK with the
/// same API).
pub fn is_clerk_source(source: &str) -> bool {
    source.starts_with("@clerk/") || source == "@hono/clerk-auth"
}

/// The Clerk server APIs by exported name.
fn clerk_named(name: &str) -> Option<Callee> {
    Some(match name {
        "auth" => Callee::ClerkAuth,
        "currentUser" => Callee::ClerkCurrentUser,
        "getAuth" => Callee::ClerkGetAuth,
        "requireAuth" | "requireSession" | "ClerkExpressRequireAuth" => Callee::ClerkRequireAuth,
        "withAuth" | "withSession" => Callee::ClerkWithAuth,
        "redirectToSignIn" | "redirectToSignUp" => Callee::Exit,
        "verifyWebhook" => Callee::Verify("Clerk `verifyWebhook()`".into()),
        // `@clerk/backend`: throws on a bad or expired session token.
        "verifyToken" => Callee::OtherGuard("Clerk `verifyToken()`".into()),
        // `@clerk/backend`: a request state with `isAuthenticated`, like an auth object.
        "authenticateRequest" => Callee::ClerkGetAuth,
        _ => return None,
    })
}

/// A summary for a name imported straight from Clerk, used as a value.
fn clerk_import_summary(imp: Import) -> Option<Summary> {
    if !is_clerk_source(imp.source) {
        return None;
    }
    match imp.name {
        ImportName::Named("auth") | ImportName::Named("getAuth") => Some(Summary::Identity {
            object: true,
            other: false,
        }),
        ImportName::Named("currentUser") => Some(Summary::Identity {
            object: false,
            other: false,
        }),
        _ => None,
    }
}

/// Packages of other authentication libraries: a gate on their result is auth, not Clerk's.
pub fn is_other_auth_package(pkg: &str) -> bool {
    matches!(
        pkg,
        "next-auth"
            | "better-auth"
            | "lucia"
            | "iron-session"
            | "firebase-admin"
            | "@kinde-oss/kinde-auth-nextjs"
            | "@workos-inc/authkit-nextjs"
            | "@auth0/nextjs-auth0"
            | "@stackframe/stack"
            | "@supabase/ssr"
            | "@supabase/auth-helpers-nextjs"
            | "@privy-io/server-auth"
            | "@logto/next"
            | "@propelauth/nextjs"
    ) || pkg.starts_with("@auth/")
        || pkg.starts_with("@descope/")
}

#[derive(Clone, Debug)]
enum Callee {
    ClerkAuth,
    ClerkProtect,
    ClerkCurrentUser,
    ClerkGetAuth,
    /// Core-1 `requireAuth(handler)`: rejects signed-out callers.
    ClerkRequireAuth,
    /// Core-1 `withAuth(handler)`: attaches `req.auth` only.
    ClerkWithAuth,
    HasFn,
    /// `redirect()`, `notFound()`, `redirectToSignIn()`: they throw.
    Exit,
    Verify(String),
    /// A session read from another auth library; the text names it (for debugging output).
    #[allow(dead_code)]
    OtherAuth(String),
    /// An auth library's own route handlers (`toNextJsHandler(auth)`).
    OtherAuthHandler,
    /// `jwtVerify()`: throws on a bad token.
    OtherGuard(String),
    SecretCompare,
    Helper {
        summary: Summary,
        name: String,
        file: String,
    },
    Unknown,
}

/// What a local name holds in the signed-out environment.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Val {
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Falsy {
    Null,
    Undefined,
    False,
    /// Undefined whether or not the caller is signed in: a field of an un-awaited promise.
    Never,
}

/// An identity's truth value: falsy when signed out, truthy when signed in (unless it is a
/// field of a promise, which is undefined either way).
fn leaf(f: Falsy, signed_in: bool) -> Tri {
    if signed_in && f != Falsy::Never {
        Tri::True
    } else {
        Tri::False(f)
    }
}

/// Three-valued truth in the signed-out environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tri {
    True,
    False(Falsy),
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// An endpoint body: `return` exits the request.
    Handler,
    /// A function called by an endpoint: only `throw` and redirects stop the request.
    Helper,
}

/// Field names of the auth object that are falsy when signed out.
const IDENTITY_FIELDS: &[&str] = &[
    "userId",
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
const BOOLEAN_IDENTITY_FIELDS: &[&str] = &["isAuthenticated", "isSignedIn"];

/// Walks one function body in order, tracking identities and recording gates.
struct Walker<'a, 'c, 'e> {
    cx: &'c FileCx<'a, 'e>,
    mode: Mode,
    env: HashMap<String, Val>,
    locals: HashSet<String>,
    facts: FnFacts,
    /// Helper mode: a throw-like gate was seen.
    guards: Option<GuardKind>,
    /// Helper mode: a signed-out branch returns a Response.
    returns_response_on_failure: bool,
    /// Helper mode: a signed-out branch returns a non-Response value.
    returns_value_on_failure: bool,
    /// Helper mode: a signed-out branch returns `null`, `undefined`, `false` or nothing.
    returns_null_on_failure: bool,
    /// Helper mode: the function returns an identity or auth object.
    returns_identity: Option<(bool, bool)>,
    /// Helper mode: the function returns a function that guards.
    returns_guarding_fn: bool,
    /// The project helper whose result the last evaluated value came from.
    last_helper: Option<(String, String)>,
    /// Helper mode: it returns the result of comparing a secret.
    returns_secret_check: bool,
    /// Names bound from a helper's result: a check on them is the helper's evidence.
    origin: HashMap<String, (String, String)>,
}

impl<'a, 'c, 'e> Walker<'a, 'c, 'e> {
    fn new(cx: &'c FileCx<'a, 'e>, mode: Mode) -> Self {
        Self {
            cx,
            mode,
            env: HashMap::new(),
            locals: HashSet::new(),
            facts: FnFacts::default(),
            guards: None,
            returns_response_on_failure: false,
            returns_value_on_failure: false,
            returns_null_on_failure: false,
            returns_identity: None,
            returns_guarding_fn: false,
            last_helper: None,
            returns_secret_check: false,
            origin: HashMap::new(),
        }
    }

    fn summary(&self) -> Summary {
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

    fn declare_params(&mut self, params: &'a FormalParameters<'a>) {
        for p in &params.items {
            let mut names = Vec::new();
            binding_names(&p.pattern, &mut names);
            self.locals.extend(names);
            // `({ ctx }) => …` in tRPC procedures and middlewares, next-safe-action actions and
            // uploadthing middlewares: the context carries the session a middleware put there.
            match &p.pattern {
                BindingPattern::ObjectPattern(obj) => {
                    for prop in &obj.properties {
                        if property_key_name(&prop.key) == Some("ctx") {
                            self.bind(&prop.value, Val::AuthObject { awaited: true });
                        }
                    }
                }
                BindingPattern::BindingIdentifier(id) if id.name == "ctx" => {
                    self.env
                        .insert("ctx".to_string(), Val::AuthObject { awaited: true });
                }
                _ => {}
            }
        }
    }

    fn gate(&mut self, ev: Evidence, kind: GuardKind, throws: bool) {
        if self.facts.gate.is_none() {
            self.facts.gate = Some(ev);
        }
        if throws && self.guards.is_none() {
            self.guards = Some(kind);
        }
    }

    /// The function body: its top-level statements in order, noting a write that runs
    /// before any check.
    fn walk_body(&mut self, stmts: &'a [Statement<'a>]) {
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

    fn walk_stmts(&mut self, stmts: &'a [Statement<'a>], swallowed: bool) {
        for (i, stmt) in stmts.iter().enumerate() {
            self.walk_stmt(stmt, swallowed, &stmts[i + 1..]);
        }
    }

    fn walk_stmt(&mut self, stmt: &'a Statement<'a>, swallowed: bool, rest: &'a [Statement<'a>]) {
        match stmt {
            Statement::VariableDeclaration(decl) => {
                for d in &decl.declarations {
                    let mut names = Vec::new();
                    binding_names(&d.id, &mut names);
                    self.last_helper = None;
                    let val = d.init.as_ref().map(|init| self.eval_value(init, swallowed));
                    let helper = self.last_helper.take();
                    for n in &names {
                        self.env.remove(n);
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
                    if let (Some(init), BindingPattern::BindingIdentifier(id)) = (&d.init, &d.id) {
                        if reads_env_secret(init) {
                            self.env.insert(id.name.to_string(), Val::EnvSecret);
                        } else if deep_secret_check(init) {
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
                let catch_exits = t
                    .handler
                    .as_ref()
                    .is_some_and(|h| block_exits(&h.body.body, self.mode, self));
                let swallows = t.handler.is_some() && !catch_exits;
                self.walk_stmts(&t.block.body, swallowed || swallows);
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

    fn walk_return(&mut self, arg: Option<&'a Expression<'a>>) {
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
                if let ObjectPropertyKind::ObjectProperty(p) = p
                    && matches!(
                        self.eval_value(&p.value, false),
                        Val::Identity { falsy, .. } if falsy != Falsy::Never
                    )
                {
                    fields = true;
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
    fn returns_function_that_guards(&self, arg: &'a Expression<'a>) -> bool {
        let inner = match arg.get_inner_expression() {
            Expression::ArrowFunctionExpression(a) => self.cx.arrow_walk(a, Mode::Handler).facts,
            Expression::FunctionExpression(f) => self.cx.function_facts(f),
            _ => return false,
        };
        inner.gate.is_some()
    }

    /// An expression statement: a bare call can be a gate (`await auth.protect()`,
    /// `await requireUser()`, `redirect()` is only an exit inside a branch).
    fn scan_statement_expr(&mut self, e: &'a Expression<'a>, swallowed: bool) {
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
        // `res.status(401)...` alone is not a gate; `await auth.protect()` is.
        self.eval_value(e, swallowed);
    }

    /// Records gates and reads inside any expression; returns what it evaluates to.
    fn eval_value(&mut self, e: &'a Expression<'a>, swallowed: bool) -> Val {
        self.eval_value_awaited(e, swallowed, false)
    }

    fn eval_value_awaited(&mut self, e: &'a Expression<'a>, swallowed: bool, awaited: bool) -> Val {
        match e.get_inner_expression() {
            Expression::AwaitExpression(a) => self.eval_value_awaited(&a.argument, swallowed, true),
            // `requestState.toAuth()` is the auth object of an `authenticateRequest()` state.
            Expression::CallExpression(call)
                if matches!(call.callee.get_inner_expression(),
                    Expression::StaticMemberExpression(m) if m.property.name == "toAuth"
                        && matches!(m.object.get_inner_expression(), Expression::Identifier(o)
                            if matches!(self.env.get(o.name.as_str()), Some(Val::AuthObject { .. })))) =>
            {
                Val::AuthObject { awaited: true }
            }
            Expression::CallExpression(call) => self.eval_call(call, swallowed, awaited),
            Expression::NewExpression(n) => {
                for arg in &n.arguments {
                    if let Some(a) = arg.as_expression() {
                        self.scan_expr(a, swallowed, false);
                    }
                }
                if self.cx.is_webhook_class(&n.callee) {
                    return Val::Verifier("svix `Webhook.verify`".into());
                }
                Val::Summary(Summary::None, String::new())
            }
            Expression::Identifier(id) => self
                .env
                .get(id.name.as_str())
                .cloned()
                .unwrap_or(Val::Summary(Summary::None, String::new())),
            Expression::StaticMemberExpression(m) => {
                let obj = self.eval_value_awaited(&m.object, swallowed, false);
                let field = m.property.name.as_str();
                match obj {
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

    fn eval_call(&mut self, call: &'a CallExpression<'a>, swallowed: bool, awaited: bool) -> Val {
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
                self.note_read("`getAuth()`");
                Val::AuthObject { awaited: true }
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
            Callee::HasFn => Val::Identity {
                falsy: Falsy::False,
                other: false,
            },
            Callee::Helper {
                summary,
                name,
                file,
            } => match summary {
                Summary::GuardsParam(i) => {
                    let passes_identity = call
                        .arguments
                        .get(i)
                        .and_then(Argument::as_expression)
                        .is_some_and(|a| {
                            matches!(
                                self.eval_value(a, swallowed),
                                Val::Identity { other: false, .. }
                            )
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

    fn note_read(&mut self, what: &str) {
        if self.facts.reads.is_none() {
            self.facts.reads = Some(what.to_string());
        }
    }

    fn note_read_helper(&mut self, name: &str) {
        if self.facts.reads.is_none() {
            self.facts.reads = Some(format!("the session through `{name}()`"));
        }
    }

    /// Looks for calls anywhere in an expression (not inside nested functions).
    fn scan_expr(&mut self, e: &'a Expression<'a>, swallowed: bool, _awaited: bool) {
        let mut calls = CallCollector::default();
        calls.visit_expression(e);
        for call in calls.calls {
            // Each call once, with its own awaited-ness.
            self.eval_call(call.0, swallowed, call.1);
        }
        self.webhook_signals_in(e);
    }

    fn webhook_signals_in(&mut self, e: &'a Expression<'a>) {
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
    fn check_if(
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
                || rest.first().is_some_and(|s| stmt_exits(s, self.mode, self)))
            && !rest_does_work(rest)
        {
            // `if (userId) { ...work... }`: the work runs only when signed in.
            let throws = rest.first().is_some_and(|s| exits_throw(s, self));
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

    /// `r instanceof Response`, `!r.ok`, `r` where `r` holds a helper's failure response.
    fn response_check(&self, test: &'a Expression<'a>) -> Option<bool> {
        let mut ids = IdentCollector::default();
        ids.visit_expression(test);
        Some(
            ids.names
                .iter()
                .any(|n| self.env.get(n.as_str()) == Some(&Val::ResponseOnFailure)),
        )
    }

    fn is_exit_expr(&self, e: &'a Expression<'a>) -> bool {
        match e.get_inner_expression() {
            Expression::CallExpression(c) => matches!(
                self.cx.classify_callee(&c.callee, &self.env, &self.locals),
                Callee::Exit | Callee::ClerkProtect
            ),
            _ => false,
        }
    }

    /// Does the expression read an identity (a value that is falsy when signed out)?
    fn mentions_identity(&self, e: &'a Expression<'a>) -> bool {
        let mut ids = IdentCollector::default();
        ids.visit_expression(e);
        let names_hit = ids.names.iter().any(|n| {
            matches!(
                self.env.get(n.as_str()),
                Some(Val::Identity { .. } | Val::AuthObject { .. } | Val::HasFn | Val::Promise)
            )
        });
        names_hit || ids.calls.iter().any(|c| self.call_is_identity(c))
    }

    fn mentions_other_identity(&self, e: &'a Expression<'a>) -> bool {
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
    fn call_is_identity(&self, c: &'a CallExpression<'a>) -> bool {
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

    fn identity_text(&self, e: &'a Expression<'a>) -> String {
        let text = span_text(self.cx, e.span());
        let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > 60 {
            format!("{}…", one_line.chars().take(57).collect::<String>())
        } else {
            one_line
        }
    }

    /// A comparison with a secret from the environment: `token !== process.env.CRON_SECRET`.
    fn is_secret_comparison(&self, e: &'a Expression<'a>) -> bool {
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

    fn holds_env_secret(&self, name: &str) -> bool {
        if let Some(v) = self.env.get(name) {
            return *v == Val::EnvSecret;
        }
        if self.locals.contains(name) {
            return false;
        }
        match self.cx.top.get(name) {
            Some(Top::Init(init, _)) => reads_env_secret(init),
            _ => false,
        }
    }

    /// The value of a condition for a signed-out caller.
    fn eval_cond(&self, e: &'a Expression<'a>) -> Tri {
        self.eval_cond_in(e, false)
    }

    /// Does the condition tell signed-in from signed-out callers? `if (!authObject)` does
    /// not (the auth object is always truthy), nor does `userId === null` after a missing
    /// `await` (the field is undefined either way).
    fn discriminates(&self, e: &'a Expression<'a>) -> bool {
        let out = self.eval_cond_in(e, false);
        let inn = self.eval_cond_in(e, true);
        match (out, inn) {
            (Tri::Unknown, _) | (_, Tri::Unknown) => true,
            (Tri::True, Tri::True) => false,
            (Tri::False(_), Tri::False(_)) => false,
            _ => true,
        }
    }

    fn eval_cond_in(&self, e: &'a Expression<'a>, signed_in: bool) -> Tri {
        match e.get_inner_expression() {
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                match self.eval_cond_in(&u.argument, signed_in) {
                    Tri::True => Tri::False(Falsy::False),
                    Tri::False(_) => Tri::True,
                    Tri::Unknown => Tri::Unknown,
                }
            }
            Expression::LogicalExpression(l) => {
                let a = self.eval_cond_in(&l.left, signed_in);
                match l.operator {
                    LogicalOperator::Or => match a {
                        Tri::True => Tri::True,
                        Tri::False(_) => self.eval_cond_in(&l.right, signed_in),
                        Tri::Unknown => match self.eval_cond_in(&l.right, signed_in) {
                            Tri::True => Tri::True,
                            _ => Tri::Unknown,
                        },
                    },
                    LogicalOperator::And => match a {
                        Tri::False(f) => Tri::False(f),
                        Tri::True => self.eval_cond_in(&l.right, signed_in),
                        Tri::Unknown => match self.eval_cond_in(&l.right, signed_in) {
                            Tri::False(f) => Tri::False(f),
                            _ => Tri::Unknown,
                        },
                    },
                    LogicalOperator::Coalesce => match a {
                        Tri::False(Falsy::Null | Falsy::Undefined | Falsy::Never) => {
                            self.eval_cond_in(&l.right, signed_in)
                        }
                        other => other,
                    },
                }
            }
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
            Expression::BooleanLiteral(b) => {
                if b.value {
                    Tri::True
                } else {
                    Tri::False(Falsy::False)
                }
            }
            Expression::NullLiteral(_) => Tri::False(Falsy::Null),
            _ => Tri::Unknown,
        }
    }

    /// The value of `object.field` for a signed-out caller.
    fn eval_member_val(&self, object: &'a Expression<'a>, field: &str) -> Option<Val> {
        match object.get_inner_expression() {
            Expression::Identifier(id) => match self.env.get(id.name.as_str())? {
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
            Expression::CallExpression(c) => {
                // `requestState.toAuth().userId` (`@clerk/backend` `authenticateRequest()`).
                if let Expression::StaticMemberExpression(m) = c.callee.get_inner_expression()
                    && m.property.name == "toAuth"
                    && let Expression::Identifier(o) = m.object.get_inner_expression()
                    && matches!(self.env.get(o.name.as_str()), Some(Val::AuthObject { .. }))
                {
                    return Some(field_val(field, true, false));
                }
                match self.cx.classify_callee(&c.callee, &self.env, &self.locals) {
                    // Un-awaited `auth().userId` on v6+ is undefined; on v5 it is the value.
                    Callee::ClerkAuth => Some(field_val(field, !self.cx.async_auth, false)),
                    Callee::ClerkGetAuth => Some(field_val(field, true, false)),
                    _ => None,
                }
            }
            Expression::StaticMemberExpression(m) => {
                match self.eval_member_val(&m.object, m.property.name.as_str())? {
                    Val::Identity { other, .. } => Some(Val::Identity {
                        falsy: Falsy::Undefined,
                        other,
                    }),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn bind(&mut self, pattern: &'a BindingPattern<'a>, val: Val) {
        match pattern {
            BindingPattern::BindingIdentifier(id) => {
                self.env.insert(id.name.to_string(), val);
            }
            BindingPattern::ObjectPattern(obj) => {
                for prop in &obj.properties {
                    let Some(key) = property_key_name(&prop.key) else {
                        continue;
                    };
                    let field = match &val {
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

/// The value of a field of the auth object for a signed-out caller.
fn field_val(field: &str, awaited: bool, other: bool) -> Val {
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

fn literal_falsy(e: &Expression) -> Option<Falsy> {
    match e.get_inner_expression() {
        Expression::NullLiteral(_) => Some(Falsy::Null),
        Expression::Identifier(id) if id.name == "undefined" => Some(Falsy::Undefined),
        Expression::BooleanLiteral(b) if !b.value => Some(Falsy::False),
        _ => None,
    }
}

/// Does every path through the statement leave the function (or, in helper mode, the
/// request: only `throw` and redirects count)? A branch "exits" when it contains an exit at
/// its top level; nested conditionals count when every branch exits.
fn stmt_exits<'a>(s: &'a Statement<'a>, mode: Mode, w: &Walker<'a, '_, '_>) -> bool {
    match s {
        Statement::ReturnStatement(_) => mode == Mode::Handler,
        Statement::ThrowStatement(_) => true,
        Statement::BlockStatement(b) => block_exits(&b.body, mode, w),
        Statement::ExpressionStatement(e) => expr_exits(&e.expression, w),
        Statement::IfStatement(i) => {
            stmt_exits(&i.consequent, mode, w)
                && i.alternate.as_ref().is_some_and(|a| stmt_exits(a, mode, w))
        }
        Statement::TryStatement(t) => block_exits(&t.block.body, mode, w),
        _ => false,
    }
}

fn block_exits<'a>(stmts: &'a [Statement<'a>], mode: Mode, w: &Walker<'a, '_, '_>) -> bool {
    stmts.iter().any(|s| stmt_exits(s, mode, w))
}

/// `redirect()`, `notFound()`, `await auth.protect()`, a guarding helper, `res.status(401)…`.
fn expr_exits<'a>(e: &'a Expression<'a>, w: &Walker<'a, '_, '_>) -> bool {
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
            // Fastify: `reply.code(401)` / `reply.status(401)`.
            if [
                "res.status",
                "response.status",
                "reply.status",
                "reply.code",
                "rep.code",
            ]
            .iter()
            .any(|p| text.starts_with(p))
            {
                let mut n = NumberCollector::default();
                n.visit_expression(e);
                return n.numbers.iter().any(|v| *v == 401.0 || *v == 403.0);
            }
            false
        }
    }
}

/// Method names that change state when awaited on a client (`db.invoice.create()`).
const WRITE_METHODS: &[&str] = &[
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
const NOT_STATE: &[&str] = &[
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
fn write_in(stmt: &Statement) -> Option<String> {
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
fn rest_does_work(rest: &[Statement]) -> bool {
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
fn returns_falsy(s: &Statement) -> bool {
    match s {
        Statement::ReturnStatement(r) => match &r.argument {
            None => true,
            Some(a) => literal_falsy(a).is_some(),
        },
        Statement::BlockStatement(b) => b.body.iter().any(returns_falsy),
        _ => false,
    }
}

fn stmt_returns(s: &Statement) -> bool {
    match s {
        Statement::ReturnStatement(_) => true,
        Statement::BlockStatement(b) => b.body.iter().any(stmt_returns),
        _ => false,
    }
}

fn returns_response(s: &Statement) -> bool {
    let mut f = ResponseFinder::default();
    f.visit_statement(s);
    f.found
}

fn contains_call(s: &Statement) -> bool {
    let mut c = CallCollector::default();
    c.visit_statement(s);
    !c.calls.is_empty()
}

fn is_function_like<'a>(e: &'a Expression<'a>, cx: &FileCx<'a, '_>) -> bool {
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

/// The declaration a top-level statement carries (`export function f` included).
fn declaration_of<'a>(stmt: &'a Statement<'a>) -> Option<&'a Declaration<'a>> {
    match stmt {
        Statement::ExportDeclaration(d) => Some(&d.declaration),
        other => other.as_declaration(),
    }
}

fn collect_top<'a>(decl: &'a Declaration<'a>, top: &mut HashMap<&'a str, Top<'a>>) {
    match decl {
        Declaration::FunctionDeclaration(f) => {
            if let Some(id) = &f.id {
                top.insert(id.name.as_str(), Top::Function(f));
            }
        }
        Declaration::VariableDeclaration(v) => {
            for d in &v.declarations {
                match (&d.id, &d.init) {
                    (BindingPattern::BindingIdentifier(id), Some(init)) => {
                        top.insert(id.name.as_str(), Top::Init(init, id.span));
                    }
                    (BindingPattern::ObjectPattern(obj), Some(init)) => {
                        for p in &obj.properties {
                            if let (Some(key), BindingPattern::BindingIdentifier(local)) =
                                (property_key_name(&p.key), &p.value)
                            {
                                top.insert(
                                    local.name.as_str(),
                                    Top::Destructured(init, key, local.span),
                                );
                            }
                        }
                    }
                    (other, _) => {
                        let mut names = Vec::new();
                        binding_names(other, &mut names);
                        for n in names {
                            let _ = n;
                        }
                    }
                }
            }
        }
        Declaration::ClassDeclaration(c) => {
            if let Some(id) = &c.id {
                top.insert(id.name.as_str(), Top::Other);
            }
        }
        _ => {}
    }
}

pub fn property_key_name<'a>(key: &'a PropertyKey<'a>) -> Option<&'a str> {
    match key {
        PropertyKey::StaticIdentifier(id) => Some(id.name.as_str()),
        PropertyKey::StringLiteral(s) => Some(s.value.as_str()),
        _ => None,
    }
}

pub fn binding_names(p: &BindingPattern, out: &mut Vec<String>) {
    match p {
        BindingPattern::BindingIdentifier(id) => out.push(id.name.to_string()),
        BindingPattern::ObjectPattern(o) => {
            for prop in &o.properties {
                binding_names(&prop.value, out);
            }
            if let Some(r) = &o.rest {
                binding_names(&r.argument, out);
            }
        }
        BindingPattern::ArrayPattern(a) => {
            for el in a.elements.iter().flatten() {
                binding_names(el, out);
            }
            if let Some(r) = &a.rest {
                binding_names(&r.argument, out);
            }
        }
        BindingPattern::AssignmentPattern(a) => binding_names(&a.left, out),
    }
}

pub fn export_name(n: &ModuleExportName) -> String {
    match n {
        ModuleExportName::IdentifierName(i) => i.name.to_string(),
        ModuleExportName::IdentifierReference(i) => i.name.to_string(),
        ModuleExportName::StringLiteral(s) => s.value.to_string(),
    }
}

fn root_identifier<'a>(e: &'a Expression<'a>) -> Option<&'a str> {
    match e.get_inner_expression() {
        Expression::Identifier(id) => Some(id.name.as_str()),
        Expression::StaticMemberExpression(m) => root_identifier(&m.object),
        Expression::CallExpression(c) => root_identifier(&c.callee),
        _ => None,
    }
}

/// `a.b.c` for a callee, or `…` for anything else.
pub fn callee_text(e: &Expression) -> String {
    match e.get_inner_expression() {
        Expression::Identifier(id) => id.name.to_string(),
        Expression::StaticMemberExpression(m) => {
            format!("{}.{}", callee_text(&m.object), m.property.name)
        }
        Expression::CallExpression(c) => format!("{}()", callee_text(&c.callee)),
        Expression::AwaitExpression(a) => callee_text(&a.argument),
        _ => "…".to_string(),
    }
}

pub fn range_of(span: Span) -> Range<usize> {
    span.start as usize..span.end as usize
}

fn span_text<'a>(cx: &FileCx<'a, '_>, span: Span) -> &'a str {
    let text: &'a str = cx.program.source_text;
    text.get(span.start as usize..span.end as usize)
        .unwrap_or("")
}

/// Calls the closure on `e` and every sub-expression, outside nested functions.
pub fn for_each_expr<'a>(e: &'a Expression<'a>, f: &mut dyn FnMut(&'a Expression<'a>)) {
    f(e);
    match e {
        Expression::CallExpression(c) => {
            for_each_expr(&c.callee, f);
            for a in &c.arguments {
                if let Some(a) = a.as_expression() {
                    for_each_expr(a, f);
                } else if let Argument::SpreadElement(s) = a {
                    for_each_expr(&s.argument, f);
                }
            }
        }
        Expression::NewExpression(n) => {
            for_each_expr(&n.callee, f);
            for a in &n.arguments {
                if let Some(a) = a.as_expression() {
                    for_each_expr(a, f);
                }
            }
        }
        Expression::AwaitExpression(a) => for_each_expr(&a.argument, f),
        Expression::StaticMemberExpression(m) => for_each_expr(&m.object, f),
        Expression::ComputedMemberExpression(m) => {
            for_each_expr(&m.object, f);
            for_each_expr(&m.expression, f);
        }
        Expression::PrivateFieldExpression(m) => for_each_expr(&m.object, f),
        Expression::ChainExpression(c) => match &c.expression {
            oxc_ast::ast::ChainElement::CallExpression(call) => {
                for_each_expr(&call.callee, f);
                for a in &call.arguments {
                    if let Some(a) = a.as_expression() {
                        for_each_expr(a, f);
                    }
                }
            }
            oxc_ast::ast::ChainElement::TSNonNullExpression(t) => for_each_expr(&t.expression, f),
            other => {
                if let Some(m) = other.as_member_expression() {
                    for_each_expr(m.object(), f);
                }
            }
        },
        Expression::LogicalExpression(l) => {
            for_each_expr(&l.left, f);
            for_each_expr(&l.right, f);
        }
        Expression::BinaryExpression(b) => {
            for_each_expr(&b.left, f);
            for_each_expr(&b.right, f);
        }
        Expression::ConditionalExpression(c) => {
            for_each_expr(&c.test, f);
            for_each_expr(&c.consequent, f);
            for_each_expr(&c.alternate, f);
        }
        Expression::UnaryExpression(u) => for_each_expr(&u.argument, f),
        Expression::ParenthesizedExpression(p) => for_each_expr(&p.expression, f),
        Expression::TSAsExpression(t) => for_each_expr(&t.expression, f),
        Expression::TSSatisfiesExpression(t) => for_each_expr(&t.expression, f),
        Expression::TSNonNullExpression(t) => for_each_expr(&t.expression, f),
        Expression::TSTypeAssertion(t) => for_each_expr(&t.expression, f),
        Expression::SequenceExpression(s) => {
            for x in &s.expressions {
                for_each_expr(x, f);
            }
        }
        Expression::AssignmentExpression(a) => for_each_expr(&a.right, f),
        Expression::TemplateLiteral(t) => {
            for x in &t.expressions {
                for_each_expr(x, f);
            }
        }
        Expression::TaggedTemplateExpression(t) => {
            for x in &t.quasi.expressions {
                for_each_expr(x, f);
            }
        }
        Expression::ArrayExpression(a) => {
            for el in &a.elements {
                if let Some(x) = el.as_expression() {
                    for_each_expr(x, f);
                }
            }
        }
        Expression::ObjectExpression(o) => {
            for p in &o.properties {
                match p {
                    ObjectPropertyKind::ObjectProperty(p) => for_each_expr(&p.value, f),
                    ObjectPropertyKind::SpreadProperty(s) => for_each_expr(&s.argument, f),
                }
            }
        }
        _ => {}
    }
}

/// Every call in an expression, outside nested functions, with whether it is awaited.
#[derive(Default)]
struct CallCollector<'a> {
    calls: Vec<(&'a CallExpression<'a>, bool)>,
}

impl<'a> CallCollector<'a> {
    fn visit_expression(&mut self, e: &'a Expression<'a>) {
        let mut awaited: Vec<*const CallExpression<'a>> = Vec::new();
        let mut all: Vec<&'a CallExpression<'a>> = Vec::new();
        for_each_expr(e, &mut |x| match x {
            Expression::AwaitExpression(a) => {
                if let Expression::CallExpression(c) = a.argument.get_inner_expression() {
                    awaited.push(&**c as *const _);
                }
            }
            Expression::CallExpression(c) => all.push(c),
            _ => {}
        });
        for c in all {
            let is_awaited = awaited.contains(&(c as *const _));
            self.calls.push((c, is_awaited));
        }
    }

    fn visit_statement(&mut self, s: &'a Statement<'a>) {
        for_each_stmt_expr(s, &mut |e| self.visit_expression(e));
    }
}

/// Calls the closure on every top-level expression of a statement (recursing into blocks
/// and branches, not into nested functions).
pub fn for_each_stmt_expr<'a>(s: &'a Statement<'a>, f: &mut dyn FnMut(&'a Expression<'a>)) {
    match s {
        Statement::ExpressionStatement(e) => f(&e.expression),
        Statement::ReturnStatement(r) => {
            if let Some(a) = &r.argument {
                f(a)
            }
        }
        Statement::ThrowStatement(t) => f(&t.argument),
        Statement::VariableDeclaration(v) => {
            for d in &v.declarations {
                if let Some(i) = &d.init {
                    f(i)
                }
            }
        }
        Statement::IfStatement(i) => {
            f(&i.test);
            for_each_stmt_expr(&i.consequent, f);
            if let Some(a) = &i.alternate {
                for_each_stmt_expr(a, f);
            }
        }
        Statement::BlockStatement(b) => {
            for x in &b.body {
                for_each_stmt_expr(x, f);
            }
        }
        Statement::TryStatement(t) => {
            for x in &t.block.body {
                for_each_stmt_expr(x, f);
            }
            if let Some(h) = &t.handler {
                for x in &h.body.body {
                    for_each_stmt_expr(x, f);
                }
            }
        }
        Statement::ForOfStatement(x) => {
            f(&x.right);
            for_each_stmt_expr(&x.body, f);
        }
        Statement::ForStatement(x) => for_each_stmt_expr(&x.body, f),
        Statement::WhileStatement(x) => for_each_stmt_expr(&x.body, f),
        Statement::SwitchStatement(x) => {
            f(&x.discriminant);
            for c in &x.cases {
                for y in &c.consequent {
                    for_each_stmt_expr(y, f);
                }
            }
        }
        _ => {}
    }
}

/// Identifiers and calls read by an expression (outside nested functions).
#[derive(Default)]
struct IdentCollector<'a> {
    names: Vec<String>,
    calls: Vec<&'a CallExpression<'a>>,
}

impl<'a> IdentCollector<'a> {
    fn visit_expression(&mut self, e: &'a Expression<'a>) {
        for_each_expr(e, &mut |x| match x {
            Expression::Identifier(id) => self.names.push(id.name.to_string()),
            Expression::CallExpression(c) => self.calls.push(c),
            _ => {}
        });
    }
}

#[derive(Default)]
struct NumberCollector {
    numbers: Vec<f64>,
}

impl<'a> Visit<'a> for NumberCollector {
    fn visit_numeric_literal(&mut self, it: &oxc_ast::ast::NumericLiteral<'a>) {
        self.numbers.push(it.value);
    }
}

#[derive(Default)]
struct ResponseFinder {
    found: bool,
}

impl<'a> Visit<'a> for ResponseFinder {
    fn visit_new_expression(&mut self, it: &oxc_ast::ast::NewExpression<'a>) {
        if callee_text(&it.callee).ends_with("Response") {
            self.found = true;
        }
        walk::walk_new_expression(self, it);
    }
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let t = callee_text(&it.callee);
        if t.starts_with("NextResponse.") || t.starts_with("Response.") || t == "json" {
            self.found = true;
        }
        walk::walk_call_expression(self, it);
    }
}

/// `x === process.env.SECRET`, `req.headers.get('authorization') !== \`Bearer ${process.env.CRON_SECRET}\``.
#[derive(Default)]
struct SecretCompareCollector {
    found: bool,
}

impl<'a> Visit<'a> for SecretCompareCollector {
    fn visit_binary_expression(&mut self, it: &oxc_ast::ast::BinaryExpression<'a>) {
        if matches!(
            it.operator,
            BinaryOperator::StrictEquality
                | BinaryOperator::StrictInequality
                | BinaryOperator::Equality
                | BinaryOperator::Inequality
        ) {
            let mut env = EnvSecretFinder::default();
            env.visit_expression(&it.left);
            env.visit_expression(&it.right);
            if env.found {
                self.found = true;
            }
        }
        walk::walk_binary_expression(self, it);
    }
}

/// A secret compared anywhere inside an expression, callbacks included:
/// `sigs.some((s) => timingSafeEqual(a, Buffer.from(s)))`.
fn deep_secret_check(e: &Expression) -> bool {
    let mut s = SecretCompareCollector::default();
    s.visit_expression(e);
    if s.found {
        return true;
    }
    let mut t = TimingSafeFinder::default();
    t.visit_expression(e);
    t.found
}

#[derive(Default)]
struct TimingSafeFinder {
    found: bool,
}

impl<'a> Visit<'a> for TimingSafeFinder {
    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if callee_text(&it.callee).ends_with("timingSafeEqual") {
            self.found = true;
        }
        walk::walk_call_expression(self, it);
    }
}

/// `process.env.SOME_SECRET` (or with `?? ''`, `|| ''`, `!`, `as string`) as a value.
fn reads_env_secret(e: &Expression) -> bool {
    match e.get_inner_expression() {
        Expression::LogicalExpression(l) => reads_env_secret(&l.left),
        inner @ (Expression::StaticMemberExpression(_)
        | Expression::ComputedMemberExpression(_)) => {
            let mut f = EnvSecretFinder::default();
            f.visit_expression(inner);
            f.found
        }
        _ => false,
    }
}

#[derive(Default)]
struct EnvSecretFinder {
    found: bool,
}

impl<'a> Visit<'a> for EnvSecretFinder {
    fn visit_static_member_expression(&mut self, it: &oxc_ast::ast::StaticMemberExpression<'a>) {
        let name = it.property.name.as_str();
        if let Expression::StaticMemberExpression(inner) = it.object.get_inner_expression()
            && inner.property.name == "env"
        {
            let upper = name.to_ascii_uppercase();
            if ["SECRET", "TOKEN", "KEY", "PASSWORD", "PASS"]
                .iter()
                .any(|w| upper.contains(w))
            {
                self.found = true;
            }
        }
        walk::walk_static_member_expression(self, it);
    }
}

/// Signs of a Clerk webhook handler in an expression.
#[derive(Default)]
struct SignalCollector {
    signals: Vec<String>,
}

const CLERK_EVENT_PREFIXES: &[&str] = &[
    "user.",
    "session.",
    "organization.",
    "organizationMembership.",
    "organizationInvitation.",
    "email.",
    "sms.",
    "role.",
    "permission.",
    "waitlistEntry.",
    "subscription.",
    "subscriptionItem.",
    "paymentAttempt.",
];

impl<'a> Visit<'a> for SignalCollector {
    fn visit_string_literal(&mut self, it: &oxc_ast::ast::StringLiteral<'a>) {
        let v = it.value.as_str();
        if v.starts_with("svix-") {
            self.signals.push(format!("reads the `{v}` header"));
        } else if CLERK_EVENT_PREFIXES.iter().any(|p| v.starts_with(p))
            && v.split('.').count() == 2
            && v.split('.').nth(1).is_some_and(|s| {
                matches!(
                    s,
                    "created"
                        | "updated"
                        | "deleted"
                        | "ended"
                        | "removed"
                        | "revoked"
                        | "accepted"
                        | "active"
                        | "pending"
                )
            })
        {
            self.signals.push(format!("handles the `{v}` event"));
        }
    }
}
