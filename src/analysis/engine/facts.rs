//! What the engine learns: evidence, helper summaries, per-function, per-export and per-file facts.

#[allow(unused_imports)]
use super::*;

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
    /// Throws when the auth object passed at this position is signed out
    /// (`approve(locals.auth)` with `const { userId } = auth; if (!userId) redirect(…)`).
    GuardsAuthParam(usize),
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
    /// An `async` function: calling it without `await` ignores what it throws.
    pub is_async: bool,
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
