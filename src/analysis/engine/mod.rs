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
use std::sync::{Arc, Condvar, Mutex};

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

mod bindings;
pub mod cjs;
mod facts;
mod file;
mod logic;
mod parse;
mod visitors;
mod vocabulary;
mod walker;

#[cfg(test)]
mod cases;
#[cfg(test)]
pub mod testing;

pub use bindings::*;
pub use facts::*;
pub use file::FileCx;
pub use logic::{Falsy, Tri, leaf};
pub use parse::*;
pub use visitors::*;
pub use vocabulary::*;
#[allow(unused_imports)]
use walker::*;

/// The cross-file analysis: parses files on demand and caches what it learns per file.
pub struct Engine<'e> {
    resolver: ModuleResolver,
    /// Canonical path → the file as walked.
    files: &'e HashMap<PathBuf, FileEntry>,
    /// Whether `auth()` returns a promise for the app owning a display path.
    async_auth: &'e (dyn Fn(&str) -> bool + Sync),
    cache: Mutex<HashMap<PathBuf, Slot>>,
    /// Signalled whenever a [`Slot::Running`] entry is filled or given up.
    filled: Condvar,
    unawaited: Mutex<HashSet<Unawaited>>,
    /// Function names that count as authentication (`[routes] auth-helpers`).
    auth_helpers: Vec<String>,
    /// What counts as an auth source, an exit, a verifier: the union over the project's
    /// apps, for files no app with a detected framework owns (shared packages).
    vocab: Vocabularies,
    /// Per app (canonical root, deepest first): the vocabulary of the frameworks detected in
    /// that app, `None` for an app where none is.
    app_vocab: Vec<(PathBuf, Option<Vocabularies>)>,
    /// Framework auto-imports (Nuxt's `server/utils`): files whose exports every file under
    /// a scope directory sees without an `import`.
    auto_imports: Vec<AutoImport>,
    /// Auth-bound services on `locals` (see [`LocalsGuard`]).
    locals_guards: Vec<LocalsGuard>,
}

/// A service an app's request hook puts on `locals` whose signed-out form throws from these
/// methods (`locals.repository.followUser()`): calling one guards like a helper, for the files
/// under `scope`.
#[derive(Clone, Debug)]
pub struct LocalsGuard {
    pub scope: PathBuf,
    /// The `locals` member (`repository`).
    pub member: String,
    pub methods: Vec<String>,
    /// The hook module (display path).
    pub file: String,
}

/// Files whose exports the files under `scope` see without importing them (Nitro's
/// `server/utils/**` in a Nuxt app). Paths are canonical.
#[derive(Clone, Debug)]
pub struct AutoImport {
    pub scope: PathBuf,
    pub files: Vec<PathBuf>,
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
            filled: Condvar::new(),
            unawaited: Mutex::new(HashSet::new()),
            auth_helpers: Vec::new(),
            vocab: Vocabularies::default(),
            app_vocab: Vec::new(),
            auto_imports: Vec::new(),
            locals_guards: Vec::new(),
        }
    }

    /// Auth-bound services request hooks put on `locals`.
    pub fn set_locals_guards(&mut self, guards: Vec<LocalsGuard>) {
        self.locals_guards = guards;
    }

    /// The hook module whose `locals.<member>` throws from `method` for signed-out callers,
    /// for a file at `from`.
    pub(crate) fn locals_guard(&self, from: &Path, member: &str, method: &str) -> Option<&str> {
        self.locals_guards
            .iter()
            .find(|g| {
                from.starts_with(&g.scope)
                    && g.member == member
                    && g.methods.iter().any(|m| m == method)
            })
            .map(|g| g.file.as_str())
    }

    /// Framework auto-imports: an identifier a file neither declares nor imports is looked up
    /// in the exports of the auto-import files whose scope contains the file.
    pub fn set_auto_imports(&mut self, auto: Vec<AutoImport>) {
        self.auto_imports = auto;
    }

    /// The auto-imported file that exports `name` for a file at `from`, if any.
    pub(crate) fn auto_import(&self, from: &Path, name: &str) -> Option<PathBuf> {
        self.auto_imports
            .iter()
            .filter(|a| from.starts_with(&a.scope))
            .flat_map(|a| a.files.iter())
            .find(|f| {
                self.files
                    .get(*f)
                    .is_some_and(|e| declares_export(&e.text, name))
            })
            .cloned()
    }

    /// The vocabulary: [`BASE`] plus these framework additions.
    pub fn set_vocabulary(&mut self, additions: &[&'static Vocabulary]) {
        self.vocab = Vocabularies::with(additions);
    }

    pub fn vocabulary(&self) -> &Vocabularies {
        &self.vocab
    }

    /// Per-app vocabularies: `(canonical app root, additions of the frameworks detected in
    /// it)`. A file is read with the vocabulary of the deepest app containing it, so an Express
    /// service's `req.auth` does not make `request.auth` Clerk's in a Fastify service of the
    /// same monorepo; a file under an app without a detected framework (a shared package) gets
    /// the project's union.
    pub fn set_app_vocabularies(&mut self, apps: Vec<(PathBuf, Vec<&'static Vocabulary>)>) {
        let mut v: Vec<(PathBuf, Option<Vocabularies>)> = apps
            .into_iter()
            .map(|(root, additions)| {
                let vocab = (!additions.is_empty()).then(|| Vocabularies::with(&additions));
                (root, vocab)
            })
            .collect();
        v.sort_by_key(|(root, _)| std::cmp::Reverse(root.components().count()));
        self.app_vocab = v;
    }

    /// The vocabulary a file at `path` (canonical) is read with.
    pub fn vocabulary_for(&self, path: &Path) -> &Vocabularies {
        match self
            .app_vocab
            .iter()
            .find(|(root, _)| path.starts_with(root))
        {
            Some((_, Some(v))) => v,
            _ => &self.vocab,
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
        // Each file is parsed and analysed once: a thread that finds another one analysing it
        // waits for the result. Only a thread that holds no file of its own waits (its stack
        // is empty), so no two threads can wait for each other; a nested request for a file
        // another thread is busy with is analysed again rather than risk that.
        let mut claim = None;
        {
            let Ok(mut cache) = self.cache.lock() else {
                return Arc::new(FileFacts::default());
            };
            loop {
                match cache.get(path) {
                    Some(Slot::Done(f)) => return f.clone(),
                    Some(Slot::Running) if stack.is_empty() => {
                        cache = match self.filled.wait(cache) {
                            Ok(c) => c,
                            Err(_) => return Arc::new(FileFacts::default()),
                        };
                    }
                    _ => break,
                }
            }
            if stack.iter().any(|p| p == path) || !self.files.contains_key(path) {
                return Arc::new(FileFacts::default());
            }
            if !cache.contains_key(path) {
                cache.insert(path.to_path_buf(), Slot::Running);
                claim = Some(Claim { engine: self, path });
            }
        }
        let Some(entry) = self.files.get(path) else {
            return Arc::new(FileFacts::default());
        };
        stack.push(path.to_path_buf());
        let facts = Arc::new(analyze_file(self, path, entry, stack));
        stack.pop();
        if let Ok(mut c) = self.cache.lock()
            && !matches!(c.get(path), Some(Slot::Done(_)))
        {
            c.insert(path.to_path_buf(), Slot::Done(facts.clone()));
        }
        // The facts are in: wake the threads waiting for them.
        drop(claim);
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

/// A file's place in the engine's cache.
enum Slot {
    /// A thread is analysing it.
    Running,
    Done(Arc<FileFacts>),
}

/// A thread's claim on analysing one file: released when the facts are in, or, should the
/// analysis panic, given up (the slot is cleared) so that no waiting thread hangs.
struct Claim<'c, 'e> {
    engine: &'c Engine<'e>,
    path: &'c Path,
}

impl Drop for Claim<'_, '_> {
    fn drop(&mut self) {
        if let Ok(mut c) = self.engine.cache.lock()
            && matches!(c.get(self.path), Some(Slot::Running))
        {
            c.remove(self.path);
        }
        self.engine.filled.notify_all();
    }
}

/// Whether a module's text exports `name` (a cheap textual test, so the lookup does not parse
/// every auto-import file: `export function name`, `export const name`, `export { name }`).
fn declares_export(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let before = &text[..i];
        let after = &text[i + name.len()..];
        let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
        if before.chars().next_back().is_some_and(ident) || after.chars().next().is_some_and(ident)
        {
            return false;
        }
        let line = before.rsplit('\n').next().unwrap_or_default().trim_start();
        line.starts_with("export ") && !line.contains('=') || line.starts_with("export {")
    })
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
