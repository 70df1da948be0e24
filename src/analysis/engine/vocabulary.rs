//! What the engine recognises: Clerk APIs, other auth packages, callee classes.

#[allow(unused_imports)]
use super::*;

/// Where an imported name comes from.
#[derive(Clone, Copy, Debug)]
pub enum Pkg {
    /// The import source exactly (`next/navigation`).
    Source(&'static str),
    /// Import sources starting with this (`@clerk/`).
    SourcePrefix(&'static str),
    /// A bare package import whose package name is this (`jose`, `@upstash/qstash` for
    /// `@upstash/qstash/nextjs`).
    Package(&'static str),
    /// Any bare package import.
    AnyPackage,
}

impl Pkg {
    fn matches(self, source: &str) -> bool {
        match self {
            Pkg::Source(s) => source == s,
            Pkg::SourcePrefix(p) => source.starts_with(p),
            Pkg::Package(p) => is_package(source) && package_name(source) == p,
            Pkg::AnyPackage => is_package(source),
        }
    }
}

/// An imported (exported) name.
#[derive(Clone, Copy, Debug)]
pub enum Name {
    Exact(&'static str),
    Prefix(&'static str),
}

impl Name {
    fn matches(self, name: &str) -> bool {
        match self {
            Name::Exact(n) => name == n,
            Name::Prefix(p) => name.starts_with(p),
        }
    }
}

/// What an imported function is to the signed-out walker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Clerk's `auth()`: returns the auth object (a promise on `@clerk/nextjs` 6+).
    ClerkAuth,
    /// `getAuth(req)`: returns the auth object synchronously.
    ClerkGetAuth,
    /// `currentUser()`: returns the user or `null`.
    ClerkCurrentUser,
    /// `requireAuth(handler)`: rejects signed-out callers.
    ClerkRequireAuth,
    /// `withAuth(handler)`: attaches auth only.
    ClerkWithAuth,
    /// Ends the request when called (`redirect()`, `notFound()`, `redirectToSignIn()`).
    Exit,
    /// Verifies a webhook / request signature; the label names it in the inventory.
    Verify(&'static str),
    /// Throws on a bad token (`jwtVerify`); labelled with the local name and package.
    TokenVerify,
    /// Compares secrets in constant time (`timingSafeEqual`).
    SecretCompare,
    /// Remix / React Router `rootAuthLoader(args, callback?)`: exposes the auth state,
    /// protects nothing; its callback is the loader's body.
    ClerkRootAuthLoader,
    /// Another auth library's own route handlers (`toNextJsHandler(auth)`).
    OtherAuthHandler,
    /// Builds a token verifier from a key (`createVerifier({ key })` in fast-jwt): the function
    /// it returns throws on a bad token.
    TokenVerifierFactory,
    /// Builds a middleware that rejects requests without a valid credential (Hono's
    /// `jwt({ secret })`, `bearerAuth({ token })`): the middleware it returns is a guard.
    GuardMiddleware,
}

/// One entry of the import table: `name` imported from `package` plays `role`.
#[derive(Clone, Copy, Debug)]
pub struct ImportRule {
    pub package: Pkg,
    pub name: Name,
    pub role: Role,
}

const fn rule(package: Pkg, name: Name, role: Role) -> ImportRule {
    ImportRule {
        package,
        name,
        role,
    }
}

/// A call that ends the request on the signed-out path (a handler's `return` of an error
/// response written through a response object): the callee's text starts with `callee`
/// (`res.status` matches `res.status(401).json`) and, with `status`, the call carries a
/// `401` or `403` literal.
#[derive(Clone, Copy, Debug)]
pub struct ExitCall {
    pub callee: &'static str,
    pub status: bool,
}

/// What the engine recognises. The engine uses the base vocabulary plus the additions of
/// every framework detected in the project (additions are consulted first).
#[derive(Debug)]
pub struct Vocabulary {
    /// Imported functions by package and name; the first matching rule wins.
    pub imports: &'static [ImportRule],
    /// Import sources whose other names are opaque (not followed, not analysed).
    pub opaque: &'static [Pkg],
    /// Packages of other authentication libraries: a gate on their result is auth, not
    /// Clerk's.
    pub other_auth: &'static [Pkg],
    /// Calls that end the request when a signed-out branch makes them.
    pub exit_calls: &'static [ExitCall],
    /// Member calls that return the Clerk auth object (`req.auth()`, `locals.auth()`): the
    /// callee's text is one of these or ends with `.` and one of these.
    pub auth_calls: &'static [&'static str],
    /// Members that hold the caller's identity, set by the app's own middleware from the
    /// session (`locals.user`, `event.context.userId`): null or undefined when signed out.
    /// Matched on trailing segments like `auth_calls`.
    pub identity_members: &'static [&'static str],
    /// Member calls that return the signed-in user or `null` (`locals.currentUser()`), matched
    /// like `auth_calls`.
    pub user_calls: &'static [&'static str],
    /// Router frameworks (Express, connect-style): a handler's first parameter is the request,
    /// whose `auth` is Clerk's auth object (`req.auth()`, the object form `req.auth.userId`);
    /// a request credential looked up with an exit when unknown gates; a `catch` that answers
    /// with an error status ends the request.
    pub request_auth: bool,
}

impl Vocabulary {
    pub const EMPTY: Vocabulary = Vocabulary {
        imports: &[],
        opaque: &[],
        other_auth: &[],
        exit_calls: &[],
        auth_calls: &[],
        identity_members: &[],
        user_calls: &[],
        request_auth: false,
    };
}

const CLERK: Pkg = Pkg::SourcePrefix("@clerk/");

/// Whether an import source is a Clerk SDK: `@clerk/*`, or the community SDKs for SvelteKit
/// (`svelte-clerk`, the older `clerk-sveltekit`) and Koa (`@dimkl/clerk-koa`).
pub fn is_clerk_source(source: &str) -> bool {
    source.starts_with("@clerk/")
        || (is_package(source)
            && matches!(
                package_name(source),
                "svelte-clerk" | "clerk-sveltekit" | "@dimkl/clerk-koa"
            ))
}

/// What every framework shares: Clerk's server APIs, verifiers, other auth libraries.
pub static BASE: Vocabulary = Vocabulary {
    imports: &[
        rule(CLERK, Name::Exact("auth"), Role::ClerkAuth),
        rule(CLERK, Name::Exact("currentUser"), Role::ClerkCurrentUser),
        rule(CLERK, Name::Exact("getAuth"), Role::ClerkGetAuth),
        // `verifyToken(token, { secretKey })` from `@clerk/backend`: throws on a bad token.
        rule(CLERK, Name::Exact("verifyToken"), Role::TokenVerify),
        rule(CLERK, Name::Exact("requireAuth"), Role::ClerkRequireAuth),
        rule(CLERK, Name::Exact("requireSession"), Role::ClerkRequireAuth),
        rule(
            CLERK,
            Name::Exact("ClerkExpressRequireAuth"),
            Role::ClerkRequireAuth,
        ),
        rule(CLERK, Name::Exact("withAuth"), Role::ClerkWithAuth),
        rule(CLERK, Name::Exact("withSession"), Role::ClerkWithAuth),
        // `@clerk/backend`: throws on a bad or expired session token.
        rule(CLERK, Name::Exact("verifyToken"), Role::TokenVerify),
        // `@clerk/backend`: a request state with `isAuthenticated` / `toAuth()`.
        rule(
            CLERK,
            Name::Exact("authenticateRequest"),
            Role::ClerkGetAuth,
        ),
        rule(
            CLERK,
            Name::Exact("rootAuthLoader"),
            Role::ClerkRootAuthLoader,
        ),
        rule(CLERK, Name::Exact("redirectToSignIn"), Role::Exit),
        rule(CLERK, Name::Exact("redirectToSignUp"), Role::Exit),
        rule(
            CLERK,
            Name::Exact("verifyWebhook"),
            Role::Verify("Clerk `verifyWebhook()`"),
        ),
        rule(
            Pkg::Package("inngest"),
            Name::Exact("serve"),
            Role::Verify("Inngest request signing"),
        ),
        rule(
            Pkg::Package("@polar-sh/sdk"),
            Name::Exact("validateEvent"),
            Role::Verify("Polar `validateEvent()`"),
        ),
        rule(
            Pkg::Package("@upstash/qstash"),
            Name::Prefix("verifySignature"),
            Role::Verify("QStash signature"),
        ),
        rule(
            Pkg::Package("jose"),
            Name::Exact("jwtVerify"),
            Role::TokenVerify,
        ),
        rule(
            Pkg::Package("jose"),
            Name::Exact("verify"),
            Role::TokenVerify,
        ),
        rule(
            Pkg::Package("jsonwebtoken"),
            Name::Exact("jwtVerify"),
            Role::TokenVerify,
        ),
        rule(
            Pkg::Package("jsonwebtoken"),
            Name::Exact("verify"),
            Role::TokenVerify,
        ),
        // Hono's JWT helpers verify the signature and throw on a bad token (`decode` does
        // not, and stays unknown).
        rule(
            Pkg::Source("hono/jwt"),
            Name::Exact("verify"),
            Role::TokenVerify,
        ),
        rule(
            Pkg::Source("hono/jwt"),
            Name::Exact("verifyWithJwks"),
            Role::TokenVerify,
        ),
        rule(
            Pkg::Source("hono/utils/jwt/jwt"),
            Name::Exact("verify"),
            Role::TokenVerify,
        ),
        // Hono's auth middleware answer 401 without a valid credential.
        rule(
            Pkg::Source("hono/jwt"),
            Name::Exact("jwt"),
            Role::GuardMiddleware,
        ),
        rule(
            Pkg::Source("hono/jwk"),
            Name::Exact("jwk"),
            Role::GuardMiddleware,
        ),
        rule(
            Pkg::Source("hono/bearer-auth"),
            Name::Exact("bearerAuth"),
            Role::GuardMiddleware,
        ),
        rule(
            Pkg::Source("hono/basic-auth"),
            Name::Exact("basicAuth"),
            Role::GuardMiddleware,
        ),
        rule(
            Pkg::Package("fast-jwt"),
            Name::Exact("createVerifier"),
            Role::TokenVerifierFactory,
        ),
        rule(
            Pkg::AnyPackage,
            Name::Exact("timingSafeEqual"),
            Role::SecretCompare,
        ),
        rule(
            Pkg::Package("better-auth"),
            Name::Exact("toNextJsHandler"),
            Role::OtherAuthHandler,
        ),
        rule(
            Pkg::Package("better-auth"),
            Name::Exact("handleAuth"),
            Role::OtherAuthHandler,
        ),
        rule(
            Pkg::Package("better-auth"),
            Name::Exact("default"),
            Role::OtherAuthHandler,
        ),
        rule(
            Pkg::Package("@auth0/nextjs-auth0"),
            Name::Exact("toNextJsHandler"),
            Role::OtherAuthHandler,
        ),
        rule(
            Pkg::Package("@auth0/nextjs-auth0"),
            Name::Exact("handleAuth"),
            Role::OtherAuthHandler,
        ),
        rule(
            Pkg::Package("@auth0/nextjs-auth0"),
            Name::Exact("default"),
            Role::OtherAuthHandler,
        ),
        rule(
            Pkg::Package("next-auth"),
            Name::Exact("toNextJsHandler"),
            Role::OtherAuthHandler,
        ),
        rule(
            Pkg::Package("next-auth"),
            Name::Exact("handleAuth"),
            Role::OtherAuthHandler,
        ),
        rule(
            Pkg::Package("next-auth"),
            Name::Exact("default"),
            Role::OtherAuthHandler,
        ),
    ],
    opaque: &[CLERK],
    other_auth: &[
        Pkg::Package("next-auth"),
        Pkg::Package("better-auth"),
        Pkg::Package("lucia"),
        Pkg::Package("iron-session"),
        Pkg::Package("firebase-admin"),
        Pkg::Package("@kinde-oss/kinde-auth-nextjs"),
        Pkg::Package("@workos-inc/authkit-nextjs"),
        Pkg::Package("@auth0/nextjs-auth0"),
        Pkg::Package("@stackframe/stack"),
        Pkg::Package("@supabase/ssr"),
        Pkg::Package("@supabase/auth-helpers-nextjs"),
        Pkg::Package("@privy-io/server-auth"),
        Pkg::Package("@logto/next"),
        Pkg::Package("@propelauth/nextjs"),
        Pkg::SourcePrefix("@auth/"),
        Pkg::SourcePrefix("@descope/"),
    ],
    exit_calls: &[
        ExitCall {
            callee: "res.status",
            status: true,
        },
        ExitCall {
            callee: "response.status",
            status: true,
        },
    ],
    // `await clerkClient.authenticateRequest(req)`: its `isAuthenticated` / `toAuth()` say
    // whether the request carries a valid session.
    auth_calls: &["authenticateRequest"],
    identity_members: &[],
    user_calls: &[],
    request_auth: false,
};

/// The active vocabularies of one engine, additions first, [`BASE`] last.
#[derive(Debug)]
pub struct Vocabularies(pub Vec<&'static Vocabulary>);

impl Default for Vocabularies {
    fn default() -> Self {
        Vocabularies(vec![&BASE])
    }
}

impl Vocabularies {
    /// Base plus these additions (duplicates and `BASE` itself are skipped).
    pub fn with(additions: &[&'static Vocabulary]) -> Self {
        let mut v: Vec<&'static Vocabulary> = Vec::new();
        for a in additions {
            if !std::ptr::eq(*a, &BASE) && !v.iter().any(|x| std::ptr::eq(*x, *a)) {
                v.push(a);
            }
        }
        v.push(&BASE);
        Vocabularies(v)
    }

    /// The role of `name` imported from `source`, if any vocabulary knows it.
    pub fn import_role(&self, source: &str, name: &str) -> Option<Role> {
        self.0
            .iter()
            .flat_map(|v| v.imports)
            .find(|r| r.package.matches(source) && r.name.matches(name))
            .map(|r| r.role)
    }

    /// Imports from `source` that no rule names are opaque.
    pub fn is_opaque(&self, source: &str) -> bool {
        self.0
            .iter()
            .flat_map(|v| v.opaque)
            .any(|p| p.matches(source))
    }

    /// Whether a bare package is another authentication library.
    pub fn is_other_auth(&self, source: &str) -> bool {
        self.0
            .iter()
            .flat_map(|v| v.other_auth)
            .any(|p| p.matches(source))
    }

    /// The exit-call entry whose callee prefix the callee text starts with.
    pub fn exit_call(&self, callee_text: &str) -> Option<ExitCall> {
        self.0
            .iter()
            .flat_map(|v| v.exit_calls)
            .find(|x| callee_text.starts_with(x.callee))
            .copied()
    }

    /// Whether a router framework's request vocabulary is on (see [`Vocabulary::request_auth`]).
    pub fn request_auth(&self) -> bool {
        self.0.iter().any(|v| v.request_auth)
    }

    /// Whether a member call's callee text returns the Clerk auth object.
    pub fn is_auth_call(&self, callee_text: &str) -> bool {
        self.0
            .iter()
            .flat_map(|v| v.auth_calls)
            .any(|s| ends_with_segments(callee_text, s))
    }

    /// Whether a member call's callee text returns the signed-in user or `null`.
    pub fn is_user_call(&self, callee_text: &str) -> bool {
        self.0
            .iter()
            .flat_map(|v| v.user_calls)
            .any(|s| ends_with_segments(callee_text, s))
    }

    /// Whether a member expression's text (`context.locals.user`) holds the caller's
    /// identity.
    pub fn is_identity_member(&self, text: &str) -> bool {
        self.0
            .iter()
            .flat_map(|v| v.identity_members)
            .any(|s| ends_with_segments(text, s))
    }
}

/// `text` is `tail` or ends with `.` and `tail`.
fn ends_with_segments(text: &str, tail: &str) -> bool {
    text == tail
        || text
            .strip_suffix(tail)
            .is_some_and(|head| head.ends_with('.'))
}

/// The walker's callee for an import role.
pub(crate) fn callee_of(role: Role, local: &str, source: &str) -> Callee {
    match role {
        Role::ClerkAuth => Callee::ClerkAuth,
        Role::ClerkGetAuth => Callee::ClerkGetAuth,
        Role::ClerkCurrentUser => Callee::ClerkCurrentUser,
        Role::ClerkRequireAuth => Callee::ClerkRequireAuth,
        Role::ClerkWithAuth => Callee::ClerkWithAuth,
        Role::Exit => Callee::Exit,
        Role::Verify(label) => Callee::Verify(label.to_string()),
        Role::TokenVerify => Callee::OtherGuard(format!("`{local}` ({})", package_name(source))),
        Role::SecretCompare => Callee::SecretCompare,
        Role::OtherAuthHandler => Callee::OtherAuthHandler,
        Role::ClerkRootAuthLoader => Callee::ClerkRootAuthLoader,
        Role::TokenVerifierFactory => {
            Callee::VerifierFactory(format!("`{local}` ({})", package_name(source)))
        }
        Role::GuardMiddleware => Callee::GuardMiddleware(format!("`{local}()` ({source})")),
    }
}

/// Methods of another provider's server client that throw on a bad session or token, with
/// the package whose import in the same file makes the client theirs: Firebase Admin's
/// `getAuth(app).verifyIdToken(token)` and `.verifySessionCookie(cookie)`.
const VERIFY_METHODS: &[(Pkg, &str)] = &[
    (Pkg::Package("firebase-admin"), "verifyIdToken"),
    (Pkg::Package("firebase-admin"), "verifySessionCookie"),
];

/// The label of a member call `x.<method>()` that verifies a token with another provider,
/// when the file imports that provider (`sources` are the file's import sources).
pub(crate) fn verify_method<'s>(
    method: &str,
    mut sources: impl Iterator<Item = &'s str>,
) -> Option<String> {
    let (pkg, _) = VERIFY_METHODS.iter().find(|(_, m)| *m == method)?;
    let source = sources.find(|s| pkg.matches(s))?;
    Some(format!("`{method}` ({})", package_name(source)))
}

/// A summary for a name imported straight from Clerk, used as a value.
pub(crate) fn clerk_import_summary(vocab: &Vocabularies, imp: Import) -> Option<Summary> {
    let ImportName::Named(name) = imp.name else {
        return None;
    };
    match vocab.import_role(imp.source, name)? {
        Role::ClerkAuth | Role::ClerkGetAuth => Some(Summary::Identity {
            object: true,
            other: false,
        }),
        Role::ClerkCurrentUser => Some(Summary::Identity {
            object: false,
            other: false,
        }),
        _ => None,
    }
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
    /// `rootAuthLoader(args, callback?)`.
    ClerkRootAuthLoader,
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
    /// `createVerifier({ key })`: returns a function that throws on a bad token.
    VerifierFactory(String),
    /// `jwt({ secret })` from `hono/jwt`: returns a middleware that rejects a bad credential.
    GuardMiddleware(String),
    SecretCompare,
    Helper {
        summary: Summary,
        name: String,
        file: String,
    },
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A framework that reads auth through `req.auth()` and rejects with `res.sendStatus(401)`.
    static ROUTER: Vocabulary = Vocabulary {
        auth_calls: &["req.auth"],
        user_calls: &["req.currentUser"],
        exit_calls: &[ExitCall {
            callee: "res.sendStatus",
            status: true,
        }],
        ..Vocabulary::EMPTY
    };

    /// The gate of export `GET` of `src`, with these vocabulary additions.
    fn gate(src: &str, additions: &[&'static Vocabulary]) -> Option<Evidence> {
        crate::analysis::engine::testing::export_facts(&[("handler.ts", src)], additions, "GET")
            .and_then(|e| e.handler.gate)
    }

    #[test]
    fn an_entry_changes_what_the_walker_recognises() {
        // (source, gated with base only, gated with the additions)
        let cases: &[(&str, bool, bool)] = &[
            (
                "export function GET(req) {\n  const { userId } = req.auth();\n  if (!userId) throw new Error('no');\n  return 1;\n}\n",
                false,
                true,
            ),
            (
                "import { getAuth } from '@clerk/express';\nexport function GET(req, res) {\n  const { userId } = getAuth(req);\n  if (!userId) res.sendStatus(401);\n  else res.json({});\n}\n",
                false,
                true,
            ),
            (
                "import { getAuth } from '@clerk/express';\nexport function GET(req, res) {\n  const { userId } = getAuth(req);\n  if (!userId) res.status(401).json({});\n  else res.json({});\n}\n",
                true,
                true,
            ),
            (
                "export function GET(req, res) {\n  const { userId } = other.auth();\n  if (!userId) throw new Error('no');\n  return 1;\n}\n",
                false,
                false,
            ),
            // A user accessor: null when signed out.
            (
                "export async function GET(req) {\n  const user = await req.currentUser();\n  if (!user) throw new Error('no');\n  return 1;\n}\n",
                false,
                true,
            ),
            // The accessor kept under another name (`const authFn = event.context.auth`).
            (
                "export function GET(req) {\n  const authFn = req.auth;\n  const { userId } = authFn();\n  if (!userId) throw new Error('no');\n  return 1;\n}\n",
                false,
                true,
            ),
            // The accessor destructured first (`const { auth } = req`).
            (
                "export function GET(req) {\n  const { auth } = req;\n  if (!auth().userId) throw new Error('no');\n  return 1;\n}\n",
                false,
                true,
            ),
        ];
        for (src, base, with) in cases {
            assert_eq!(gate(src, &[]).is_some(), *base, "base: {src}");
            assert_eq!(gate(src, &[&ROUTER]).is_some(), *with, "with: {src}");
        }
    }

    #[test]
    fn a_helper_in_another_file_is_followed() {
        let files: &[(&str, &str)] = &[
            (
                "api/route.ts",
                "import { requireUser } from '../lib/guard';\nexport async function GET() {\n  await requireUser();\n  return 1;\n}\n",
            ),
            (
                "lib/guard.ts",
                "import { auth } from '@clerk/nextjs/server';\nexport async function requireUser() {\n  const { userId } = await auth();\n  if (!userId) throw new Error('signed out');\n  return userId;\n}\n",
            ),
        ];
        let facts = crate::analysis::engine::testing::export_facts(files, &[], "GET").unwrap();
        assert_eq!(
            facts.handler.gate.as_ref().map(|g| g.kind()),
            Some("helper"),
            "{facts:?}"
        );
    }

    #[test]
    fn identity_members_gate_when_checked() {
        static LOCALS: Vocabulary = Vocabulary {
            identity_members: &["state.user", "context.userId"],
            ..Vocabulary::EMPTY
        };
        // (source, gated with base only, gated with the additions)
        let cases: &[(&str, bool, bool)] = &[
            (
                "export function GET({ state }) {\n  if (!state.user) return new Response(null, { status: 401 });\n  return 1;\n}\n",
                false,
                true,
            ),
            (
                "export function GET(context) {\n  const user = context.state.user;\n  if (!user) return new Response(null, { status: 401 });\n  return 1;\n}\n",
                false,
                true,
            ),
            (
                "export function GET(event) {\n  if (!event.context.userId) throw new Error('no');\n  return 1;\n}\n",
                false,
                true,
            ),
            // Read but never checked: no gate.
            (
                "export function GET({ state }) {\n  return Response.json({ user: state.user });\n}\n",
                false,
                false,
            ),
            // Destructured from the object that holds it.
            (
                "export function GET(context) {\n  const { user } = context.state;\n  if (!user) return new Response(null, { status: 401 });\n  return 1;\n}\n",
                false,
                true,
            ),
            // Another member of the same object: no gate.
            (
                "export function GET({ state }) {\n  if (!state.theme) return new Response(null, { status: 401 });\n  return 1;\n}\n",
                false,
                false,
            ),
        ];
        for (src, base, with) in cases {
            assert_eq!(gate(src, &[]).is_some(), *base, "base: {src}");
            assert_eq!(gate(src, &[&LOCALS]).is_some(), *with, "with: {src}");
        }
    }

    #[test]
    fn auto_imported_helpers_are_followed_inside_their_scope() {
        let guard = "export function requireUser(event) {\n  const { userId } = event.context.auth();\n  if (!userId) throw createError({ statusCode: 401 });\n  return userId;\n}\n";
        let reader =
            "export function readUser(event) {\n  return event.context.auth().userId;\n}\n";
        static NUXT: Vocabulary = Vocabulary {
            auth_calls: &["context.auth"],
            ..Vocabulary::EMPTY
        };
        // (handler, helper file, scope, gated)
        let cases: &[(&str, &str, &str, bool)] = &[
            // Called without an import, defined in the auto-import file: a guard.
            (
                "export default defineEventHandler((event) => {\n  requireUser(event);\n  return 1;\n});\n",
                guard,
                "server",
                true,
            ),
            // The scope does not contain the handler: not followed.
            (
                "export default defineEventHandler((event) => {\n  requireUser(event);\n  return 1;\n});\n",
                guard,
                "other",
                false,
            ),
            // A helper that only reads: no gate.
            (
                "export default defineEventHandler((event) => {\n  readUser(event);\n  return 1;\n});\n",
                reader,
                "server",
                false,
            ),
            // A local function of the same name wins over the auto-import.
            (
                "function requireUser(e) { return e; }\nexport default defineEventHandler((event) => {\n  requireUser(event);\n  return 1;\n});\n",
                guard,
                "server",
                false,
            ),
        ];
        let factory = "export function defineAuthed(handler) {\n  return defineEventHandler(async (event) => {\n    const { userId } = event.context.auth();\n    if (!userId) throw createError({ statusCode: 401 });\n    return handler(event, userId);\n  });\n}\nexport const withCors = (handler) => defineEventHandler((event) => handler(event));\n";
        let cases: Vec<(&str, &str, &str, bool)> = cases
            .iter()
            .copied()
            .chain([
                // A handler factory around a guarding function: a wrapper that checks.
                (
                    "export default defineAuthed(async (event, userId) => ({ userId }));\n",
                    factory,
                    "server",
                    true,
                ),
                // One around a function that does not check: nothing.
                (
                    "export default withCors(async (event) => 1);\n",
                    factory,
                    "server",
                    false,
                ),
            ])
            .collect();
        for (handler, helper, scope, gated) in &cases {
            let files: &[(&str, &str)] = &[
                ("server/api/a.ts", handler),
                ("server/utils/auth.ts", helper),
            ];
            let facts = crate::analysis::engine::testing::export_facts_with(
                files,
                &[&NUXT],
                &[(scope, &["server/utils/auth.ts"])],
                "default",
            )
            .unwrap();
            assert_eq!(facts.handler.gate.is_some(), *gated, "{scope}: {handler}");
        }
    }

    /// Shapes that verify the caller without Clerk's own gate, each with a look-alike that
    /// must not count: (files, the first file's export to read, gated).
    #[allow(clippy::type_complexity)]
    const VERIFIED_ELSEWHERE: &[(&[(&str, &str)], &str, bool)] = &[
        // A fast-jwt verifier built from a key, then called: throws on a bad token.
        (
            &[(
                "fn.ts",
                "import { createVerifier } from 'fast-jwt'\nexport async function POST({ token }) {\n  const verify = createVerifier({ key: process.env.SIGNING_KEY })\n  const claims = verify(token)\n  return claims.videoId\n}\n",
            )],
            "POST",
            true,
        ),
        // The same in a `try` whose `catch` answers the request.
        (
            &[(
                "fn.ts",
                "import { createVerifier } from 'fast-jwt'\nexport async function POST({ token }) {\n  let claims\n  try {\n    const verify = createVerifier({ key: process.env.SIGNING_KEY })\n    claims = verify(token)\n  } catch {\n    return { error: 'invalid token' }\n  }\n  return claims\n}\n",
            )],
            "POST",
            true,
        ),
        // A decoder verifies nothing; a project function of the same name is not fast-jwt.
        (
            &[(
                "fn.ts",
                "import { createDecoder } from 'fast-jwt'\nexport async function POST({ token }) {\n  const decode = createDecoder()\n  return decode(token)\n}\n",
            )],
            "POST",
            false,
        ),
        (
            &[
                (
                    "fn.ts",
                    "import { createVerifier } from './jwt'\nexport async function POST({ token }) {\n  const verify = createVerifier({ key: 'k' })\n  return verify(token)\n}\n",
                ),
                ("jwt.ts", "export const createVerifier = (o) => (t) => t\n"),
            ],
            "POST",
            false,
        ),
        // Firebase Admin session cookies, verified in a helper that falls back to no user,
        // then checked by the helper that guards.
        (
            &[
                (
                    "route.ts",
                    "import { requireUser } from './auth.server'\nexport async function loader({ request }) {\n  await requireUser(request)\n  return {}\n}\n",
                ),
                (
                    "auth.server.ts",
                    "import { redirect } from 'react-router'\nimport { checkSessionCookie } from './firebase.server'\nexport async function requireUser(request) {\n  const { uid } = await checkSessionCookie(request.headers.get('cookie'))\n  if (!uid) throw redirect('/login')\n  return uid\n}\n",
                ),
                (
                    "firebase.server.ts",
                    "import { getAuth } from 'firebase-admin/auth'\nconst serverAuth = getAuth()\nexport async function checkSessionCookie(cookie) {\n  try {\n    return await serverAuth.verifySessionCookie(cookie || '')\n  } catch {\n    return { uid: undefined }\n  }\n}\n",
                ),
            ],
            "loader",
            true,
        ),
        // The method name alone, in a file that does not import Firebase, is nothing.
        (
            &[
                (
                    "route.ts",
                    "import { redirect } from 'react-router'\nimport { sessions } from './store'\nexport async function loader({ request }) {\n  const { uid } = await sessions.verifySessionCookie(request)\n  if (!uid) throw redirect('/login')\n  return {}\n}\n",
                ),
                (
                    "store.ts",
                    "export const sessions = { verifySessionCookie: async () => ({ uid: 'x' }) }\n",
                ),
            ],
            "loader",
            false,
        ),
        // An inverse check in a helper (a sign-in page sends signed-in callers away): counts
        // as checked, like the same `if` written in the loader.
        (
            &[
                (
                    "sign-in.ts",
                    "import { redirectIfSignedIn } from './auth.server'\nexport async function loader(args) {\n  await redirectIfSignedIn(args)\n  return {}\n}\n",
                ),
                (
                    "auth.server.ts",
                    "import { getAuth } from '@clerk/react-router/server'\nimport { redirect } from 'react-router'\nexport async function redirectIfSignedIn(args) {\n  const state = await getSignedIn(args)\n  if (state.authenticated) throw redirect('/')\n  return state\n}\nasync function getSignedIn(args) {\n  const { userId } = await getAuth(args)\n  if (!userId) return { authenticated: false }\n  return { authenticated: true }\n}\n",
                ),
            ],
            "loader",
            true,
        ),
        // A helper that throws on another field of the user (`banned`) stops nobody signed out.
        (
            &[
                (
                    "page.ts",
                    "import { getUser } from './auth.server'\nexport async function loader() {\n  const user = await getUser()\n  return { name: user?.firstName }\n}\n",
                ),
                (
                    "auth.server.ts",
                    "import { currentUser } from '@clerk/nextjs/server'\nexport async function getUser() {\n  const user = await currentUser()\n  if (user?.banned) throw new Error('banned')\n  return user\n}\n",
                ),
            ],
            "loader",
            false,
        ),
        // Clerk imported dynamically inside the helper.
        (
            &[
                (
                    "fn.ts",
                    "import { getUserId } from './clerk'\nexport async function POST() {\n  const userId = await getUserId()\n  return userId\n}\n",
                ),
                (
                    "clerk.ts",
                    "export async function getUserId() {\n  const { auth } = await import('@clerk/tanstack-react-start/server')\n  const { userId } = await auth()\n  if (!userId) throw new Error('Unauthorized')\n  return userId\n}\n",
                ),
            ],
            "POST",
            true,
        ),
        // A dynamic import of a project module that checks nothing.
        (
            &[
                (
                    "fn.ts",
                    "export async function POST() {\n  const { readUser } = await import('./user')\n  const { userId } = await readUser()\n  return userId\n}\n",
                ),
                (
                    "user.ts",
                    "export async function readUser() {\n  return { userId: 'anyone' }\n}\n",
                ),
            ],
            "POST",
            false,
        ),
        // A TanStack server function called from another one runs its handler: the identity it
        // returns is checked by the caller.
        (
            &[
                (
                    "words.ts",
                    "import { createServerFn } from '@tanstack/react-start'\nimport { fetchAuth } from './auth'\nexport const saveWord = createServerFn({ method: 'POST' }).handler(async () => {\n  const { userId } = await fetchAuth()\n  if (!userId) throw new Error('Unauthorized')\n  return userId\n})\n",
                ),
                (
                    "auth.ts",
                    "import { createServerFn } from '@tanstack/react-start'\nimport { auth } from '@clerk/tanstack-react-start/server'\nexport const fetchAuth = createServerFn({ method: 'GET' }).handler(async () => {\n  const { userId } = await auth()\n  return { userId }\n})\n",
                ),
            ],
            "saveWord",
            true,
        ),
        // The same call to a server function that returns no identity.
        (
            &[
                (
                    "words.ts",
                    "import { createServerFn } from '@tanstack/react-start'\nimport { fetchAuth } from './auth'\nexport const saveWord = createServerFn({ method: 'POST' }).handler(async () => {\n  const { userId } = await fetchAuth()\n  if (!userId) throw new Error('Unauthorized')\n  return userId\n})\n",
                ),
                (
                    "auth.ts",
                    "import { createServerFn } from '@tanstack/react-start'\nexport const fetchAuth = createServerFn({ method: 'GET' }).handler(async () => ({ theme: 'dark' }))\n",
                ),
            ],
            "saveWord",
            false,
        ),
    ];

    /// Webhook classes loaded with a dynamic import: (handler, verified).
    const DYNAMIC_WEBHOOKS: &[(&str, bool)] = &[
        (
            "export async function GET(request) {\n  const { Webhook } = await import('svix')\n  const wh = new Webhook(process.env.WEBHOOK_SECRET)\n  const evt = wh.verify(await request.text(), Object.fromEntries(request.headers))\n  return Response.json(evt)\n}\n",
            true,
        ),
        (
            "export async function GET(request) {\n  const { Webhook } = await import('./my-webhooks')\n  const wh = new Webhook(process.env.WEBHOOK_SECRET)\n  const evt = wh.verify(await request.text(), {})\n  return Response.json(evt)\n}\n",
            false,
        ),
    ];

    #[test]
    fn dynamic_webhook_classes() {
        for (src, verified) in DYNAMIC_WEBHOOKS {
            let gate = gate(src, &[]);
            assert_eq!(
                matches!(gate, Some(Evidence::Webhook(_))),
                *verified,
                "{gate:?}\n{src}"
            );
        }
    }

    /// A `let` assigned later: (handler, gated).
    const REASSIGNED: &[(&str, bool)] = &[
        (
            "import { getAuth } from '@clerk/react-router/server'\nimport { redirect } from 'react-router'\nexport async function GET(args) {\n  let userId = null\n  if (process.env.E2E && args.request.headers.get('x-e2e-user')) {\n    userId = args.request.headers.get('x-e2e-user')\n  }\n  if (!userId) {\n    const auth = await getAuth(args)\n    userId = auth.userId\n  }\n  if (!userId) return redirect('/sign-in')\n  return { userId }\n}\n",
            true,
        ),
        // A project `getAuth` that spreads Clerk's auth object into its result.
        (
            "import { getAuth } from './auth-wrapper'\nimport { redirect } from 'react-router'\nexport async function GET(args) {\n  const { userId } = await getAuth(args)\n  if (!userId) return redirect('/sign-in')\n  return { userId }\n}\n",
            true,
        ),
        // Assigned something else: the check tests nothing Clerk knows.
        (
            "import { redirect } from 'react-router'\nexport async function GET(args) {\n  let userId = null\n  userId = args.request.headers.get('x-user')\n  if (!userId) return redirect('/sign-in')\n  return { userId }\n}\n",
            false,
        ),
    ];

    #[test]
    fn reassigned_identities() {
        const WRAPPER: &str = "import { getAuth as clerkGetAuth } from '@clerk/react-router/server'\nexport async function getAuth(args) {\n  return { ...(await clerkGetAuth(args)), wrapped: true }\n}\n";
        for (src, gated) in REASSIGNED {
            let files = [("handler.ts", *src), ("auth-wrapper.ts", WRAPPER)];
            let facts = crate::analysis::engine::testing::export_facts(&files, &[], "GET");
            let gate = facts.and_then(|f| f.handler.gate);
            assert_eq!(gate.is_some(), *gated, "{src}");
        }
    }

    #[test]
    fn verified_elsewhere() {
        for (files, export, gated) in VERIFIED_ELSEWHERE {
            let facts = crate::analysis::engine::testing::export_facts(files, &[], export);
            let gate = facts.and_then(|f| f.handler.gate);
            assert_eq!(gate.is_some(), *gated, "{gate:?}\n{}", files[0].1);
        }
    }

    #[test]
    fn import_rules_match_package_and_name() {
        let v = Vocabularies::default();
        assert_eq!(
            v.import_role("@clerk/nextjs/server", "auth"),
            Some(Role::ClerkAuth)
        );
        assert_eq!(
            v.import_role("@upstash/qstash/nextjs", "verifySignatureAppRouter"),
            Some(Role::Verify("QStash signature"))
        );
        assert_eq!(v.import_role("./jose", "jwtVerify"), None);
        assert!(v.is_opaque("@clerk/nextjs"));
        assert!(!v.is_opaque("next/navigation"));
        assert!(v.is_other_auth("@auth/core"));
    }
}
