//! What the engine recognises: Clerk APIs, other auth packages, callee classes.

#[allow(unused_imports)]
use super::*;

/// The Clerk server APIs by exported name.
pub(crate) fn clerk_named(name: &str) -> Option<Callee> {
    Some(match name {
        "auth" => Callee::ClerkAuth,
        "currentUser" => Callee::ClerkCurrentUser,
        "getAuth" => Callee::ClerkGetAuth,
        "requireAuth" | "requireSession" | "ClerkExpressRequireAuth" => Callee::ClerkRequireAuth,
        "withAuth" | "withSession" => Callee::ClerkWithAuth,
        "redirectToSignIn" | "redirectToSignUp" => Callee::Exit,
        "verifyWebhook" => Callee::Verify("Clerk `verifyWebhook()`".into()),
        _ => return None,
    })
}

/// A summary for a name imported straight from Clerk, used as a value.
pub(crate) fn clerk_import_summary(imp: Import) -> Option<Summary> {
    if !imp.source.starts_with("@clerk/") {
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
pub(crate) enum Callee {
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
