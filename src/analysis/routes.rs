//! Next.js file conventions: which files are endpoints or middleware, and the URL of each.
//!
//! INTERFACE FIXED (the analysis uses it); the implementation is being written.

/// What a file is to Next.js, from its path relative to the app root (`/`-separated).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextFile {
    /// `app/**/route.{ts,tsx,js,jsx,mjs,cjs}` (also under `src/`): its URL pattern.
    AppRoute { url: String },
    /// `pages/api/**` (also under `src/`), not `_app`/`_document`/`_middleware`: its URL pattern.
    PagesApi { url: String },
    /// `middleware.{ts,js,mjs}` or `proxy.{ts,js,mjs}` at the app root or in `src/`.
    Middleware { proxy: bool, in_src: bool },
    /// Anything else.
    Other,
}

/// Classifies `rel` (relative to the app root, e.g. `src/app/api/x/route.ts`).
pub fn classify(rel: &str) -> NextFile {
    let _ = rel;
    NextFile::Other
}

/// Concrete pathnames that stand for a URL pattern when testing matchers: a pattern without
/// parameters gives itself; each parameter gets a dot-free sample segment; an optional
/// catch-all gives both the bare prefix and a two-segment sample.
pub fn sample_paths(url: &str) -> Vec<String> {
    vec![url.to_string()]
}
