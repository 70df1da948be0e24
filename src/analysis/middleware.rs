//! The Next.js middleware / proxy model: what `clerkMiddleware`, `authMiddleware` and
//! `config.matcher` protect.
//!
//! INTERFACE FIXED (the analysis uses it); the implementation is being written.

use std::ops::Range;

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

/// A `middleware-matcher-gap` finding inside the middleware file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MiddlewareIssue {
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
    rules: Vec<()>,
}

impl Middleware {
    /// Reads a middleware/proxy file. `auth_is_async` is true on `@clerk/nextjs` 6 and later
    /// (where `auth.protect()` must be awaited or returned).
    pub fn parse(path: &str, text: &str, auth_is_async: bool) -> Middleware {
        let _ = (path, text, auth_is_async);
        Middleware {
            kind: MiddlewareKind::NotClerk,
            matcher: None,
            issues: Vec::new(),
            rules: Vec::new(),
        }
    }

    /// Coverage of one concrete pathname.
    pub fn coverage(&self, pathname: &str) -> Coverage {
        let _ = (pathname, &self.rules);
        Coverage::Unknown
    }
}
