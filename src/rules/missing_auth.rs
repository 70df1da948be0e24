//! `missing-auth`: a server endpoint that never verifies who is calling.

use crate::analysis::endpoint::{Endpoint, EndpointKind, FrameworkId, Gap, Verdict};
use crate::diagnostic::Diagnostic;
use crate::rules::{ProjectCx, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds server entry points that anyone can call without a verified Clerk session:
    /// Next.js App Router route handlers (every HTTP-method export of `app/**/route.ts`),
    /// server actions (every export of a `'use server'` module and every function whose body
    /// starts with `'use server'`, inline `<form action>` closures included) and Pages Router
    /// API routes (`pages/api/**`).
    ///
    /// An endpoint counts as protected when a signed-out caller is stopped before the work:
    /// `await auth.protect()`, `const { userId } = await auth()` followed by an exit when
    /// `userId` is null (`return`, `throw`, `redirect()`, `notFound()`, `unauthorized()`),
    /// `currentUser()` with a null check, `getAuth(req)` in `pages/api`, `has()` gates; a
    /// project helper that does one of these, followed across files (tsconfig paths, barrels,
    /// default exports, several levels deep); a wrapper such as `withAuth(handler)` whose
    /// body checks; an action client whose `.use()` middleware checks; the middleware or proxy
    /// when `auth.protect()` runs for the route's URL (`createRouteMatcher` patterns and
    /// `config.matcher` are evaluated); a verified webhook signature; a shared secret compared
    /// with one from the environment; another auth library's session check. Server actions
    /// are never covered by middleware: they are called by id, not by path.
    ///
    /// In the file-routed frameworks: every React Router / Remix route-module `loader` and
    /// `action` (modules registered in `app/routes.ts`, or the flat-route files; a check in a
    /// parent route's loader covers neither); SvelteKit `+server.ts` methods, `load` functions
    /// (covered by a guarding parent `+layout.server.ts`; prerendered ones are not endpoints)
    /// and each form action; TanStack Start server functions (`createServerFn().handler()`,
    /// guarded by function middleware; a route's `beforeLoad` covers nothing) and server
    /// routes. A SvelteKit `handle` hook that rejects signed-out requests for a path covers
    /// every endpoint under it; a React Router `middleware` export only counts when the
    /// `v8_middleware` future flag is on.
    ///
    /// Router frameworks are read the same way, per route. **Express** (`@clerk/express`,
    /// legacy `@clerk/clerk-sdk-node`): every `app.get(path, …)`, `router.post(…)`,
    /// `router.route(path).delete(…)` and `app.all`, with its full URL from how routers are
    /// mounted (`app.use('/api', router)`, across files, `import` and `require`). A route is
    /// protected by `requireAuth()` / `ClerkExpressRequireAuth()` or a project guard in its
    /// own middleware list (arrays included) or mounted with `use` before it (order matters; a
    /// path-scoped `app.use('/admin', guard)` covers only that prefix), or by a check of
    /// `getAuth(req)` / `req.auth()` / `req.auth.userId` in the handler. A guard is judged by
    /// its body: its signed-out path must answer 401/403, throw or call `next(err)` without
    /// reaching `next()`. `clerkMiddleware()` and `ClerkExpressWithAuth()` only attach auth
    /// and protect nothing; a guard that only decodes a token (`jwt.decode`) protects nothing.
    /// **next-connect** routers in `pages/api`: each `.get()` / `.post()` is its own endpoint,
    /// and `.use(guard)` covers the routes after it. **NestJS**: every `@Get()` / `@Post()`
    /// method of a `@Controller()`, protected by `@UseGuards()` on the method or class or a
    /// global `APP_GUARD` whose `canActivate` verifies the session and fails closed (a
    /// `@Public()` method opts out of a guard that reads that metadata). **Fastify**
    /// (`@clerk/fastify`, or `@clerk/backend` in a hook): `app.get(path, [opts], handler)` and
    /// `app.route({ method, url })` in plugins registered with `{ prefix }` (also through
    /// `@fastify/autoload`); a hook added with `addHook('onRequest' | 'preHandler' | …)` covers
    /// every route of its plugin scope and of the scopes inside it, even routes declared before
    /// it, and a `fastify-plugin` plugin's hooks cover the scope that registers it; guards in a
    /// route's `preHandler` / `onRequest` / `preValidation` options, and decorations used as
    /// `app.authenticate`. **Hono** (`@clerk/hono`, `@hono/clerk-auth`): middleware runs in
    /// registration order, so `app.use(path, guard)` covers only the matching routes
    /// registered after it; `app.route('/x', sub)` mounts a sub-app's routes with its own
    /// middleware, across files; a Hono app served by a Next.js catch-all (`handle(app)`) is
    /// judged route by route. `clerkPlugin` and `clerkMiddleware()` only attach auth. A guard
    /// that returns early for some paths (`if (c.req.path === '/health') return next()`) does
    /// not cover them. **Koa** (`@koa/router` / `koa-router` with `@dimkl/clerk-koa` or
    /// `@clerk/backend`): `router.get(path, …middleware, handler)` with the URL from
    /// `new Router({ prefix })` and `router.use('/x', sub.routes())`; `requireAuth()` or a
    /// project middleware in the route's list or `router.use()`d before it protects when its
    /// signed-out path answers (`ctx.throw(401)`, `ctx.status = 401; return`) without reaching
    /// `await next()`; `clerkMiddleware()` only attaches `ctx.auth`. In Express (and Koa's
    /// `router.use(sub.routes())`) a router's `use` middleware also runs for the later routes
    /// of its parent under its mount path. A Clerk webhook handler that skips verification is
    /// reported by `unverified-webhook` instead.
    ///
    /// Rust backends (axum, actix-web, rocket and poem crates that use `clerk-rs` or check
    /// Clerk tokens by hand): every route is an endpoint, reported at its handler's `fn`. It is
    /// protected by a `ClerkLayer` / `ClerkMiddleware` / `ClerkPoemMiddleware` that wraps it
    /// (an axum `.layer()` wraps only the routes added before it, on its own router) and whose
    /// route list contains the exact request path (`None` = all; an entry with a parameter
    /// never matches), rocket's `ClerkGuard` with a config that lists the path, a project
    /// extractor or middleware function that verifies the token and rejects, or a check in the
    /// handler. A handler that takes `Extension<ClerkJwt>` with no such layer over it, and one
    /// whose token is only decoded (`insecure_decode`, base64 of the payload), is reported.
    ///
    /// ## Why is this bad?
    /// The endpoint is a public HTTP API. Anyone can call it with any arguments, whatever the
    /// pages that normally call it check: a layout or page redirect does not run when a route
    /// handler or a server action is called directly.
    ///
    /// ## Example
    /// ```ts
    /// // app/api/projects/route.ts
    /// export async function POST(req: Request) {
    ///   const project = await db.project.create({ data: await req.json() });
    ///   return Response.json(project);
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```ts
    /// import { auth } from "@clerk/nextjs/server";
    ///
    /// export async function POST(req: Request) {
    ///   const { userId } = await auth();
    ///   if (!userId) return new Response("Unauthorized", { status: 401 });
    ///   const project = await db.project.create({ data: { ...(await req.json()), ownerId: userId } });
    ///   return Response.json(project);
    /// }
    /// ```
    ///
    /// ## Public on purpose
    /// A storefront `GET`, a health check, an `og` image, a newsletter sign-up: say so, and the
    /// finding goes away while every other endpoint stays checked. Either list the endpoint in
    /// `clerk-lint.toml` (the finding's help gives the exact entry; an entry that names no
    /// endpoint is reported by `unused-suppression`):
    /// ```toml
    /// [routes]
    /// public = [
    ///   "/api/health",                 # a URL, every method
    ///   "GET /api/products/:id",       # one method of a URL
    ///   "post.getAll",                 # a tRPC procedure by the path clients call
    ///   "app/actions.ts#subscribe",    # a server action: file (from the app root) and name
    /// ]
    /// ```
    /// A tRPC procedure is named by the path a client calls it by (`trpc.post.getAll`), as
    /// `clerk-lint routes` lists it, from how the routers are composed into the root router
    /// (`appRouter = createTRPCRouter({ post: postRouter })`); its definition name
    /// (`postRouter.getAll`) is accepted too.
    ///
    /// or put a suppression with the reason on the line above the handler:
    /// ```ts
    /// // clerk-lint-ignore[missing-auth]: the product catalogue is public
    /// export async function GET() {
    /// ```
    ///
    /// ## References
    /// - [Protect content and read user data](https://clerk.com/docs/guides/secure/protect-content)
    pub static META {
        id: "missing-auth",
        source: Project,
        severity: Error,
        summary: "a server endpoint that never verifies who is calling",
    }
}

pub struct MissingAuth;

impl Rule for MissingAuth {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_project(&self, cx: &ProjectCx, out: &mut Vec<Diagnostic>) {
        for e in cx.endpoints.iter() {
            if e.verdict != Verdict::Unprotected || e.public {
                continue;
            }
            // A Clerk webhook handler that skips verification is `unverified-webhook`'s
            // finding: its fix is a signature check, not a session.
            if !e.facts.webhook_signals.is_empty() && e.facts.late_check.is_none() {
                continue;
            }
            let Some(file) = cx.files.get(&e.location.file) else {
                continue;
            };
            let major = cx.nextjs_major(&e.location.file);
            let message = match e.kind {
                EndpointKind::ServerAction => format!(
                    "server action `{}` never verifies who is calling: anyone can invoke it by its id",
                    e.name
                ),
                EndpointKind::AstroAction => format!(
                    "action `{}` never verifies who is calling: anyone can call `{}`",
                    e.name,
                    e.label()
                ),
                _ => format!(
                    "{} `{}` never verifies who is calling",
                    e.kind.describe(),
                    e.label()
                ),
            };
            let who = format!("{} `{}`", e.kind.describe(), e.label());
            let (message, gap_help) = match &e.facts.gap {
                Some(gap) => {
                    let (m, h) = gap_text(&who, gap);
                    (m, Some(h))
                }
                None => (message, None),
            };
            let message = match &e.facts.late_check {
                Some(write) => format!(
                    "{} `{}` checks who is calling only after `{write}` has run",
                    e.kind.describe(),
                    if e.kind == EndpointKind::ServerAction {
                        e.name.clone()
                    } else {
                        e.label()
                    }
                ),
                None => message,
            };
            // Router frameworks: say what only looked like protection.
            let message = match (&e.facts.populate_only, &e.facts.decode_only) {
                (_, Some(guard)) if e.facts.late_check.is_none() => format!(
                    "{message}: `{guard}` only decodes the token, without verifying its signature"
                ),
                (Some(mw), None) if e.facts.late_check.is_none() => {
                    format!("{message}: `{mw}` only attaches auth and rejects nobody")
                }
                _ => message,
            };
            let help = if let Some(help) = gap_help {
                help
            } else if e.facts.late_check.is_some() {
                "move the check to the top: a signed-out caller's request has already changed data by the time it is rejected".to_string()
            } else if e.trpc_dispatcher {
                "this route serves every tRPC procedure, and each procedure is checked on its own: protect the route in the middleware if every procedure needs a session, or suppress this finding with the reason that the procedures check".to_string()
            } else if is_rust(e.framework) && e.facts.decode_only.is_some() {
                "verify the token: clerk-rs `validate_jwt` or its framework layer, or `jsonwebtoken::decode` with a `DecodingKey` from Clerk's JWKS, and reject the request when it fails".to_string()
            } else if let Some(fix) = rust_fix(e.framework) {
                fix.to_string()
            } else if let Some(fix) = router_fix(e) {
                fix
            } else {
                framework_fix(e.framework, e.kind).unwrap_or_else(|| fix_for(e.kind, major))
            };
            // If it is public on purpose, the two ways to say so, with the exact entry.
            let suppress = "`// clerk-lint-ignore[missing-auth]: <why it is public>` above it";
            let help = match cx.public_entry(e) {
                Some(entry) => format!(
                    "{help}; if it is public on purpose, add `\"{entry}\"` to `[routes] public` in clerk-lint.toml, or put {suppress}"
                ),
                None => format!("{help}; if it is public on purpose, put {suppress}"),
            };
            out.push(
                Diagnostic::new(&META, file, e.location.range.clone(), message)
                    .with_help(help)
                    .with_fingerprint(cx.endpoint_key(e))
                    .with_related(e.depends_on.clone()),
            );
        }
    }
}

/// The fix for an endpoint of a file-routed framework, by framework and kind.
pub fn framework_fix(framework: FrameworkId, kind: EndpointKind) -> Option<String> {
    Some(match (framework, kind) {
        (FrameworkId::Astro, EndpointKind::AstroAction) => "start the handler with `const { userId } = context.locals.auth()` and `throw new ActionError({ code: 'UNAUTHORIZED' })` when `userId` is null, or protect `/_actions` in `clerkMiddleware` (`src/middleware.ts`)".to_string(),
        (FrameworkId::Astro, _) => "call `const { userId } = locals.auth()` first and return a 401 `Response` when `userId` is null, or reject signed-out requests for the path in `clerkMiddleware` (`src/middleware.ts`); `clerkMiddleware()` alone only attaches auth".to_string(),
        (FrameworkId::Nuxt, _) => "call `const { userId } = event.context.auth()` first and `throw createError({ statusCode: 401 })` when `userId` is null, or reject signed-out requests for this path in a `server/middleware/` handler; the `@clerk/nuxt` module only attaches auth, and page middleware does not run for server routes".to_string(),
        (FrameworkId::ReactRouter, _) => "call `const { userId } = await getAuth(args)` (from `@clerk/react-router/server`) first and `throw redirect('/sign-in')` when `userId` is null; every `loader` and `action` is its own endpoint, and a check in another one or in a parent route does not cover it".to_string(),
        (FrameworkId::Remix, _) => "call `const { userId } = await getAuth(args)` (from `@clerk/remix/ssr.server`) first and `throw redirect('/sign-in')` when `userId` is null; every `loader` and `action` is its own endpoint, and a check in another one or in a parent route does not cover it".to_string(),
        (FrameworkId::SvelteKit, EndpointKind::Loader) => "call `const { userId } = locals.auth()` first and `redirect(307, '/sign-in')` when `userId` is null, or guard the path in the `handle` hook of `hooks.server.ts`".to_string(),
        (FrameworkId::SvelteKit, EndpointKind::FormAction) => "call `const { userId } = locals.auth()` first and `error(401)` when `userId` is null, or guard the path in the `handle` hook of `hooks.server.ts`; a `+layout.server.ts` check does not cover form actions".to_string(),
        (FrameworkId::SvelteKit, _) => "call `const { userId } = locals.auth()` first and `error(401)` when `userId` is null, or guard the path in the `handle` hook of `hooks.server.ts`; a `+layout.server.ts` check does not cover `+server.ts` endpoints".to_string(),
        (FrameworkId::TanStackStart, EndpointKind::ServerFunction) => "check `const { userId } = await auth()` (from `@clerk/tanstack-react-start/server`) in the handler and throw when `userId` is null, or add a function middleware that does (`.middleware([requireUser])`); a route's `beforeLoad` does not cover server functions".to_string(),
        (FrameworkId::TanStackStart, _) => "call `const { userId } = await auth()` (from `@clerk/tanstack-react-start/server`) first and return a 401 when `userId` is null; a route's `beforeLoad` does not cover its server handlers".to_string(),
        _ => return None,
    })
}

/// The message and help for an endpoint that looks meant to be protected but is not.
fn gap_text(who: &str, gap: &Gap) -> (String, String) {
    match gap {
        Gap::ClaimsWithoutGuard { what } => (
            format!("{who} takes {what} but no Clerk layer or middleware covers it: it was meant to be protected, and every request fails (a 500) instead"),
            "cover the route with the Clerk layer or middleware that inserts the claims (in axum, a `.layer()` added after the route), or take an extractor that validates the session token and rejects on failure".to_string(),
        ),
        Gap::RouteListMiss { path, entries } if entries.contains(path) => (
            format!("{who} is listed in the Clerk route list as `{path}`, but clerk-rs compares the request path with each entry as an exact string: a real path never equals an entry with a parameter"),
            "pass `None` as the route list to protect every route the layer wraps, or verify the token in an extractor for this handler".to_string(),
        ),
        Gap::RouteListMiss { path, entries } => (
            format!(
                "{who} is not in the Clerk route list ({}): clerk-rs compares the request path with each entry as an exact string, and `{path}` matches none",
                entries
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "pass `None` as the route list to protect every route the layer wraps, or list the exact request path (the path the layer sees: a nested router's prefix is stripped)".to_string(),
        ),
        Gap::AddedAfterGuard => (
            format!("{who} was added to its router after the Clerk layer: a layer wraps only the routes already on the router"),
            "add the route before `.layer(ClerkLayer::new(..))`, or apply the layer after it".to_string(),
        ),
    }
}

/// How to protect an endpoint of a framework whose fix does not depend on the endpoint kind.
pub fn rust_fix(framework: FrameworkId) -> Option<&'static str> {
    Some(match framework {
        FrameworkId::Axum => {
            "wrap the route in `ClerkLayer::new(MemoryCacheJwksProvider::new(clerk), None, true)` (a `.layer()` added after the route), or take an extractor that validates the session token and rejects on failure"
        }
        FrameworkId::ActixWeb => {
            "wrap its app or scope with `ClerkMiddleware::new(MemoryCacheJwksProvider::new(clerk), None, true)`, or take an extractor that validates the session token and rejects on failure"
        }
        FrameworkId::Rocket => {
            "take a `ClerkGuard<MemoryCacheJwksProvider>` parameter and manage a `ClerkGuardConfig` whose route list is `None` or contains the path"
        }
        FrameworkId::Poem => {
            "wrap the route with `.with(ClerkPoemMiddleware::new(MemoryCacheJwksProvider::new(clerk), true, None))`"
        }
        _ => return None,
    })
}

/// Whether the framework's handlers are Rust (clerk-rs) ones.
pub fn is_rust(framework: FrameworkId) -> bool {
    matches!(
        framework,
        FrameworkId::Axum | FrameworkId::ActixWeb | FrameworkId::Rocket | FrameworkId::Poem
    )
}

/// The fix for this kind of endpoint on this `@clerk/nextjs` major.
pub fn fix_for(kind: EndpointKind, major: Option<u64>) -> String {
    let major = major.unwrap_or(7);
    match kind {
        EndpointKind::TrpcProcedure => "build the procedure on one whose middleware throws `UNAUTHORIZED` when the session has no `userId` (a `protectedProcedure`), or check `ctx` in the resolver".to_string(),
        EndpointKind::PagesApi => "call `const { userId } = getAuth(req)` (from `@clerk/nextjs/server`) first and `return res.status(401).json({ error: 'Unauthorized' })` when `userId` is null".to_string(),
        EndpointKind::ServerAction if major >= 6 => "start the action with `await auth.protect()`, or `const { userId } = await auth()` and throw when `userId` is null (`auth` from `@clerk/nextjs/server`); middleware does not cover actions".to_string(),
        EndpointKind::ServerAction => "start the action with `auth().protect()`, or `const { userId } = auth()` and throw when `userId` is null (`auth` from `@clerk/nextjs/server`); middleware does not cover actions".to_string(),
        EndpointKind::RouteHandler if major >= 6 => "call `const { userId } = await auth()` (from `@clerk/nextjs/server`) first and return a 401 when `userId` is null, or `await auth.protect()`".to_string(),
        EndpointKind::RouteHandler if major == 5 => "call `const { userId } = auth()` (from `@clerk/nextjs/server`) first and return a 401 when `userId` is null, or `auth().protect()`".to_string(),
        EndpointKind::RouteHandler => "call `const { userId } = auth()` (from `@clerk/nextjs`) first and return a 401 when `userId` is null".to_string(),
        // Framework adapters add their own fix text here.
        _ => "read the caller's session from Clerk first and reject the request (401) when there is no `userId`".to_string(),
    }
}

/// The fix for an endpoint of a router framework (Express, next-connect, NestJS, Fastify,
/// Hono, Koa).
fn router_fix(e: &Endpoint) -> Option<String> {
    if e.facts.decode_only.is_some() {
        return Some("verify the token instead of decoding it: `verifyToken()` / `authenticateRequest()` from `@clerk/backend`, or `getAuth(req)` after `clerkMiddleware()`".to_string());
    }
    let legacy = e
        .facts
        .populate_only
        .as_deref()
        .is_some_and(|m| m.starts_with("ClerkExpressWithAuth"));
    Some(match e.framework {
        FrameworkId::Express if legacy => "add `ClerkExpressRequireAuth()` (from `@clerk/clerk-sdk-node`) to this route's middleware, or check `req.auth.userId` in the handler and `return res.status(401)…` when it is null".to_string(),
        FrameworkId::Express => "add `requireAuth()` (from `@clerk/express`) to this route's middleware or mount a guard before it, or call `const { userId } = getAuth(req)` in the handler and `return res.status(401).json({ error: 'Unauthorized' })` when `userId` is null".to_string(),
        FrameworkId::NextConnect => "add a guard before this route (`router.use(requireUser)`, where `requireUser` returns a 401 when `getAuth(req).userId` is null), or check `getAuth(req)` (from `@clerk/nextjs/server`) in the handler".to_string(),
        FrameworkId::NestJs => "add `@UseGuards(ClerkAuthGuard)` to the method or its controller (a guard whose `canActivate` verifies the session token with `verifyToken()` from `@clerk/backend` and throws `UnauthorizedException`), or register it for every route with `APP_GUARD`".to_string(),
        FrameworkId::Fastify => "add a `preHandler` (or `onRequest`) hook to the route or its plugin that returns `reply.code(401).send()` when `getAuth(request).userId` is null (`getAuth` from `@clerk/fastify`), or check it at the top of the handler".to_string(),
        FrameworkId::Hono => "register a middleware before this route (`app.use('/path/*', requireUser)` or in the route's own list) that returns `c.json({ error: 'Unauthorized' }, 401)` when `getAuth(c)?.userId` is null (`getAuth` from `@clerk/hono`), or check it at the top of the handler".to_string(),
        FrameworkId::Koa => "add `requireAuth()` (from `@dimkl/clerk-koa`) to this route's middleware or `router.use()` a guard before it, or check `getAuth(ctx).userId` in the handler and `ctx.throw(401)` when it is null".to_string(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lint_app, places};

    /// (files, expected (path, line) findings)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&[(&str, &str)], &[(&str, u32)])] = &[
        // Inline check: silent.
        (
            &[(
                "src/app/api/a/route.ts",
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const { userId } = await auth();\n  if (!userId) return new Response(null, { status: 401 });\n  return Response.json({});\n}\n",
            )],
            &[],
        ),
        // No check.
        (
            &[(
                "src/app/api/a/route.ts",
                "export async function POST(req: Request) {\n  return Response.json(await req.json());\n}\n",
            )],
            &[("src/app/api/a/route.ts", 1)],
        ),
        // auth.protect()
        (
            &[(
                "app/api/a/route.ts",
                "import { auth } from '@clerk/nextjs/server';\nexport const DELETE = async () => {\n  await auth.protect({ role: 'org:admin' });\n  return new Response();\n};\n",
            )],
            &[],
        ),
        // A local function named `auth` that is not Clerk's.
        (
            &[(
                "app/api/a/route.ts",
                "async function auth() { return { userId: 'x' }; }\nexport async function GET() {\n  const { userId } = await auth();\n  if (!userId) return new Response(null, { status: 401 });\n  return new Response();\n}\n",
            )],
            &[("app/api/a/route.ts", 2)],
        ),
        // Helper across files through tsconfig paths, two levels deep.
        (
            &[
                (
                    "src/lib/session.ts",
                    "import { currentUser } from '@clerk/nextjs/server';\nexport async function requireUser() {\n  const u = await currentUser();\n  if (!u) throw new Error('Unauthorized');\n  return u;\n}\n",
                ),
                ("src/lib/index.ts", "export * from './session';\n"),
                (
                    "src/app/api/a/route.ts",
                    "import { requireUser } from '@/lib';\nexport async function GET() {\n  const me = await requireUser();\n  return Response.json(me);\n}\n",
                ),
            ],
            &[],
        ),
        // Wrapper.
        (
            &[
                (
                    "src/lib/with-user.ts",
                    "import { auth } from '@clerk/nextjs/server';\nexport const withUser = (fn: any) => async (req: Request) => {\n  const { userId } = await auth();\n  if (!userId) return new Response(null, { status: 401 });\n  return fn(req, userId);\n};\n",
                ),
                (
                    "src/app/api/a/route.ts",
                    "import { withUser } from '@/lib/with-user';\nexport const GET = withUser(async (_req: Request, userId: string) => Response.json({ userId }));\n",
                ),
            ],
            &[],
        ),
        // Re-exported handlers: `export { handler as GET, handler as POST }`.
        (
            &[(
                "app/api/a/route.ts",
                "const handler = async (req: Request) => new Response('ok');\nexport { handler as GET, handler as POST };\n",
            )],
            &[("app/api/a/route.ts", 2), ("app/api/a/route.ts", 2)],
        ),
        // Server actions: file level and inline.
        (
            &[
                (
                    "src/app/actions.ts",
                    "'use server';\nimport { auth } from '@clerk/nextjs/server';\nexport async function ok() {\n  const { userId } = await auth();\n  if (!userId) throw new Error('no');\n}\nexport async function open(id: string) {\n  return id;\n}\n",
                ),
                (
                    "src/app/page.tsx",
                    "export default function Page() {\n  return <form action={async () => {\n    'use server';\n    console.log('x');\n  }} />;\n}\n",
                ),
            ],
            &[("src/app/actions.ts", 7), ("src/app/page.tsx", 2)],
        ),
        // Pages API with getAuth.
        (
            &[(
                "pages/api/notes.ts",
                "import { getAuth } from '@clerk/nextjs/server';\nexport default function handler(req: any, res: any) {\n  const { userId } = getAuth(req);\n  if (!userId) return res.status(401).end();\n  res.json({});\n}\n",
            )],
            &[],
        ),
        (
            &[(
                "pages/api/open.ts",
                "export default function handler(req: any, res: any) {\n  res.json({});\n}\n",
            )],
            &[("pages/api/open.ts", 1)],
        ),
        // Middleware protects every API route (deny by default).
        (
            &[
                (
                    "src/middleware.ts",
                    "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublic = createRouteMatcher(['/sign-in(.*)']);\nexport default clerkMiddleware(async (auth, req) => {\n  if (!isPublic(req)) await auth.protect();\n});\n",
                ),
                (
                    "src/app/api/a/route.ts",
                    "export async function GET() {\n  return Response.json({});\n}\n",
                ),
            ],
            &[],
        ),
        // Verified webhook.
        (
            &[(
                "app/api/webhooks/route.ts",
                "import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport async function POST(req: Request) {\n  const evt = await verifyWebhook(req);\n  return new Response(evt.type);\n}\n",
            )],
            &[],
        ),
        // Shared secret.
        (
            &[(
                "app/api/cron/route.ts",
                "export async function GET(req: Request) {\n  if (req.headers.get('authorization') !== `Bearer ${process.env.CRON_SECRET}`) {\n    return new Response('Forbidden', { status: 403 });\n  }\n  return new Response('ok');\n}\n",
            )],
            &[],
        ),
        // A secret from the environment through a local or module constant.
        (
            &[(
                "app/api/cron/route.ts",
                "const TOKEN = process.env.CRON_TOKEN ?? '';\nexport async function GET(req: Request) {\n  const expected = process.env.CRON_SECRET;\n  if (req.headers.get('x-key') !== expected) return new Response(null, { status: 401 });\n  return new Response('ok');\n}\nexport async function POST(req: Request) {\n  if ((await req.text()) !== TOKEN) return new Response(null, { status: 401 });\n  return new Response('ok');\n}\n",
            )],
            &[],
        ),
        // A helper that catches its own failure and returns a fallback, returned as is.
        (
            &[
                (
                    "src/lib/notes.ts",
                    "import { auth } from '@clerk/nextjs/server';\nasync function requireMember() {\n  const { userId } = await auth();\n  if (!userId) throw new Error('Unauthorized');\n  return userId;\n}\nexport async function loadNotesSafe() {\n  try {\n    const me = await requireMember();\n    return [me];\n  } catch {\n    return null;\n  }\n}\n",
                ),
                (
                    "src/app/actions.ts",
                    "'use server';\nimport { loadNotesSafe } from '@/lib/notes';\nexport async function listNotes() {\n  return loadNotesSafe();\n}\n",
                ),
            ],
            &[],
        ),
        // The check comes after the write (PATTERNS NX-7).
        (
            &[(
                "app/api/a/route.ts",
                "import { auth } from '@clerk/nextjs/server';\nconst db: any = {};\nexport async function POST(req: Request) {\n  const row = await db.invoice.create({ data: await req.json() });\n  const { userId } = await auth();\n  if (!userId) return new Response(null, { status: 401 });\n  return Response.json(row);\n}\nexport async function PUT(req: Request) {\n  const body = await req.json();\n  const { userId } = await auth();\n  if (!userId) return new Response(null, { status: 401 });\n  return Response.json(await db.invoice.update({ data: body }));\n}\n",
            )],
            &[("app/api/a/route.ts", 3)],
        ),
        // A guard in a workspace package, imported by its package name (no node_modules).
        (
            &[
                (
                    "packages/auth/package.json",
                    "{\"name\":\"@acme/auth\",\"exports\":{\"./guard\":\"./src/guard.ts\"}}",
                ),
                (
                    "packages/auth/src/guard.ts",
                    "import { auth } from '@clerk/nextjs/server';\nexport async function mustUser() {\n  const { userId } = await auth();\n  if (!userId) throw new Error('Unauthorized');\n  return userId;\n}\n",
                ),
                (
                    "app/api/me/route.ts",
                    "import { mustUser } from '@acme/auth/guard';\nexport async function DELETE() {\n  await mustUser();\n  return new Response(null, { status: 204 });\n}\n",
                ),
            ],
            &[],
        ),
        // An assertion helper that throws when the identity passed to it is null; an HMAC
        // signature compared inside a callback.
        (
            &[
                (
                    "src/lib/member.ts",
                    "import { currentUser } from '@clerk/nextjs/server';\nexport async function loadMember() {\n  return await currentUser();\n}\nexport function requireRole(m: unknown, roles: string[]) {\n  if (!m || roles.length === 0) throw new Error('forbidden');\n}\n",
                ),
                (
                    "app/api/admin/route.ts",
                    "import { loadMember, requireRole } from '@/lib/member';\nexport async function DELETE() {\n  const m = await loadMember();\n  requireRole(m, ['admin']);\n  return new Response(null, { status: 204 });\n}\n",
                ),
                (
                    "app/api/hook/route.ts",
                    "import crypto from 'crypto';\nexport async function POST(req: Request) {\n  const raw = await req.text();\n  const expected = crypto.createHmac('sha256', process.env.HOOK_KEY ?? '').update(raw).digest('base64');\n  const ok = (req.headers.get('sig') ?? '').split(' ').some((s) => crypto.timingSafeEqual(Buffer.from(s), Buffer.from(expected)));\n  if (!ok) return new Response(null, { status: 400 });\n  return new Response('ok');\n}\n",
                ),
            ],
            &[],
        ),
        // Comparing the caller's id with request data is no check.
        (
            &[(
                "app/api/transfer/route.ts",
                "import { auth } from '@clerk/nextjs/server';\nexport async function POST(req: Request) {\n  const { userId } = await auth();\n  const { to } = await req.json();\n  if (to === userId) return new Response(null, { status: 400 });\n  return new Response('sent');\n}\n",
            )],
            &[],
        ),
        // Vacuous check: the auth object is always truthy.
        (
            &[(
                "app/api/a/route.ts",
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const session = await auth();\n  if (!session) return new Response(null, { status: 401 });\n  return new Response();\n}\n",
            )],
            &[],
        ),
        // A public-route pattern whose evaluation gives up: the route may be public, so the
        // middleware is not counted as protecting it (it used to count as "not public").
        (
            &[
                (
                    "app/api/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab/route.ts",
                    "export async function GET() {\n  return Response.json({});\n}\n",
                ),
                (
                    "middleware.ts",
                    "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublic = createRouteMatcher([/^\\/api\\/(?!x)(a+)+$/]);\nexport default clerkMiddleware(async (auth, req) => {\n  if (!isPublic(req)) await auth.protect();\n});\nexport const config = { matcher: ['/(api|trpc)(.*)'] };\n",
                ),
            ],
            &[("app/api/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab/route.ts", 1)],
        ),
        // The same middleware with a pattern it can evaluate: protected.
        (
            &[
                (
                    "app/api/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab/route.ts",
                    "export async function GET() {\n  return Response.json({});\n}\n",
                ),
                (
                    "middleware.ts",
                    "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublic = createRouteMatcher([/^\\/api\\/(?!x)(a)+c$/]);\nexport default clerkMiddleware(async (auth, req) => {\n  if (!isPublic(req)) await auth.protect();\n});\nexport const config = { matcher: ['/(api|trpc)(.*)'] };\n",
                ),
            ],
            &[],
        ),
    ];

    #[test]
    fn cases() {
        for (files, expected) in CASES {
            let diags = lint_app("7.0.0", files, &MissingAuth);
            let got = places(&diags);
            let want: Vec<(String, u32)> =
                expected.iter().map(|(p, l)| (p.to_string(), *l)).collect();
            assert_eq!(
                got,
                want,
                "files: {:?}\n{diags:#?}",
                files.iter().map(|f| f.0).collect::<Vec<_>>()
            );
        }
    }
}

#[cfg(test)]
mod helper_response_tests {
    use super::*;
    use crate::rules::testing::{lint_app, places};

    const HELPER: &str = "import { auth } from '@clerk/nextjs/server';\nexport async function requireUserOrResponse() {\n  const { userId } = await auth();\n  if (!userId) return new Response(null, { status: 401 });\n  return null;\n}\n";

    #[test]
    fn a_helper_response_must_be_returned() {
        // Ignored: the work runs for everyone.
        let ignored = "import { requireUserOrResponse } from '@/lib/guard';\nexport async function DELETE() {\n  await requireUserOrResponse();\n  return new Response(null, { status: 204 });\n}\n";
        let diags = lint_app(
            "7.0.0",
            &[
                ("src/lib/guard.ts", HELPER),
                ("src/app/api/a/route.ts", ignored),
            ],
            &MissingAuth,
        );
        assert_eq!(
            places(&diags),
            vec![("src/app/api/a/route.ts".to_string(), 2)]
        );
        // Returned: protected.
        let returned = "import { requireUserOrResponse } from '@/lib/guard';\nexport async function DELETE() {\n  const denied = await requireUserOrResponse();\n  if (denied) return denied;\n  return new Response(null, { status: 204 });\n}\n";
        let diags = lint_app(
            "7.0.0",
            &[
                ("src/lib/guard.ts", HELPER),
                ("src/app/api/a/route.ts", returned),
            ],
            &MissingAuth,
        );
        assert!(diags.is_empty(), "{diags:#?}");
    }

    const FASTIFY: &str = r#""fastify":"5.2.0","@clerk/fastify":"2.4.0","fastify-plugin":"5.0.1""#;
    const HONO: &str = r#""hono":"4.7.0","@clerk/hono":"0.1.3""#;
    const KOA: &str = r#""koa":"2.16.0","@koa/router":"13.1.0","@dimkl/clerk-koa":"0.1.0""#;
    const EXPRESS: &str = r#""express":"4.21.0","@clerk/express":"1.3.0""#;
    const KOA_GUARD: &str = "const { getAuth } = require('@dimkl/clerk-koa')\nasync function requireUser(ctx, next) {\n  if (!getAuth(ctx).userId) ctx.throw(401)\n  await next()\n}\nasync function soft(ctx, next) {\n  if (!getAuth(ctx).userId) { ctx.status = 401 }\n  await next()\n}\nmodule.exports = { requireUser, soft }\n";
    const EXPRESS_GUARD: &str = "import { getAuth } from '@clerk/express'\nexport function requireUser(req, res, next) {\n  if (!getAuth(req).userId) return res.status(401).end()\n  next()\n}\n";

    /// Router frameworks: (dependencies, files, expected (path, line) findings). One row per
    /// shape.
    #[allow(clippy::type_complexity)]
    const ROUTER_CASES: &[(&str, &[(&str, &str)], &[(&str, u32)])] = &[
        // Fastify: clerkPlugin alone protects nothing.
        (
            FASTIFY,
            &[(
                "src/app.ts",
                "import Fastify from 'fastify'\nimport { clerkPlugin } from '@clerk/fastify'\nconst app = Fastify()\napp.register(clerkPlugin)\napp.get('/x', async () => 1)\n",
            )],
            &[("src/app.ts", 5)],
        ),
        // Fastify: inline getAuth check.
        (
            FASTIFY,
            &[(
                "src/app.ts",
                "import Fastify from 'fastify'\nimport { getAuth } from '@clerk/fastify'\nconst app = Fastify()\napp.get('/x', async (req, reply) => {\n  if (!getAuth(req).userId) return reply.code(401).send()\n  return 1\n})\n",
            )],
            &[],
        ),
        // Fastify: a hook added after the route in the same scope still covers it.
        (
            FASTIFY,
            &[(
                "src/app.ts",
                "import Fastify from 'fastify'\nimport { getAuth } from '@clerk/fastify'\nconst app = Fastify()\napp.register(async (s) => {\n  s.get('/x', async () => 1)\n  s.addHook('preHandler', async (req, reply) => { if (!getAuth(req).userId) return reply.code(401).send() })\n})\napp.get('/y', async () => 2)\n",
            )],
            &[("src/app.ts", 8)],
        ),
        // Fastify: a hook that sends without `return` still stops the request.
        (
            FASTIFY,
            &[(
                "src/app.ts",
                "import Fastify from 'fastify'\nimport { getAuth } from '@clerk/fastify'\nconst app = Fastify()\nasync function guard(req, reply) {\n  if (!getAuth(req).sessionId) {\n    reply.status(401)\n    reply.send({})\n  }\n}\napp.get('/x', { preHandler: guard }, async () => 1)\n",
            )],
            &[],
        ),
        // Fastify: a plugin in another file, registered with a prefix, guarded per route.
        (
            FASTIFY,
            &[
                (
                    "src/app.ts",
                    "import Fastify from 'fastify'\nimport routes from './routes'\nconst app = Fastify()\napp.register(routes, { prefix: '/api' })\n",
                ),
                (
                    "src/routes.ts",
                    "import { getAuth } from '@clerk/fastify'\nconst guard = async (req, reply) => { if (!getAuth(req).userId) return reply.code(401).send() }\nexport default async function routes(app) {\n  app.get('/a', { preHandler: guard }, async () => 1)\n  app.get('/b', async () => 2)\n}\n",
                ),
            ],
            &[("src/routes.ts", 5)],
        ),
        // Hono: clerkMiddleware() in the route's list attaches only; getAuth checked inline.
        (
            HONO,
            &[(
                "src/index.ts",
                "import { Hono } from 'hono'\nimport { clerkMiddleware, getAuth } from '@clerk/hono'\nconst app = new Hono()\napp.get('/a', clerkMiddleware(), (c) => {\n  if (!getAuth(c)?.userId) return c.json({}, 401)\n  return c.json({})\n})\napp.get('/b', clerkMiddleware(), (c) => c.json({}))\nexport default app\n",
            )],
            &[("src/index.ts", 8)],
        ),
        // Hono: middleware registered after a route does not run before it.
        (
            HONO,
            &[(
                "src/index.ts",
                "import { Hono } from 'hono'\nimport { getAuth } from '@clerk/hono'\nconst app = new Hono()\napp.get('/a/x', (c) => c.json({}))\napp.use('/a/*', async (c, next) => { if (!getAuth(c)?.userId) return c.text('no', 401); await next() })\napp.get('/a/y', (c) => c.json({}))\nexport default app\n",
            )],
            &[("src/index.ts", 4)],
        ),
        // Hono: a sub-app mounted from another file keeps its own guard; URLs join.
        (
            HONO,
            &[
                (
                    "src/index.ts",
                    "import { Hono } from 'hono'\nimport items from './items'\nconst app = new Hono().basePath('/api')\napp.route('/items', items)\nexport default app\n",
                ),
                (
                    "src/items.ts",
                    "import { Hono } from 'hono'\nimport { createMiddleware } from 'hono/factory'\nimport { HTTPException } from 'hono/http-exception'\nimport { getAuth } from '@clerk/hono'\nconst guard = createMiddleware(async (c, next) => { if (!getAuth(c)?.userId) throw new HTTPException(401); await next() })\nconst items = new Hono()\n  .get('/', (c) => c.json([]))\n  .post('/', guard, (c) => c.json({}))\nexport default items\n",
                ),
            ],
            &[("src/items.ts", 7)],
        ),
        // A guard that returns early for some paths does not cover them.
        (
            HONO,
            &[(
                "src/index.ts",
                "import { Hono } from 'hono'\nimport { getAuth } from '@clerk/hono'\nconst app = new Hono()\napp.use(async (c, next) => {\n  if (c.req.path === '/' || c.req.path.startsWith('/public')) return next()\n  if (!getAuth(c)?.userId) return c.json({}, 401)\n  await next()\n})\napp.get('/', (c) => c.text('home'))\napp.get('/public/a', (c) => c.text('a'))\napp.get('/me', (c) => c.text('me'))\nexport default app\n",
            )],
            &[("src/index.ts", 9), ("src/index.ts", 10)],
        ),
        (
            FASTIFY,
            &[(
                "src/app.ts",
                "import Fastify from 'fastify'\nimport { getAuth } from '@clerk/fastify'\nconst app = Fastify()\napp.addHook('onRequest', async (request, reply) => {\n  if (['/health', '/status'].includes(request.url)) return\n  if (!getAuth(request).userId) return reply.code(401).send()\n})\napp.get('/health', async () => 'ok')\napp.get('/me', async () => 'me')\n",
            )],
            &[("src/app.ts", 8)],
        ),
        // Koa: requireAuth() in the list and an inline ctx.throw(401) protect; a bare route
        // and a guard that sets 401 but still calls next() do not. URLs take the prefix.
        (
            KOA,
            &[
                ("src/guard.cjs", KOA_GUARD),
                (
                    "src/server.js",
                    "import Koa from 'koa'\nimport Router from '@koa/router'\nimport { requireAuth, getAuth } from '@dimkl/clerk-koa'\nimport { soft } from './guard.cjs'\nconst router = new Router({ prefix: '/api' })\nrouter.get('/a', requireAuth(), (ctx) => { ctx.body = 1 })\nrouter.get('/b', (ctx) => { if (!getAuth(ctx).userId) ctx.throw(401); ctx.body = 1 })\nrouter.get('/c', (ctx) => { ctx.body = 1 })\nrouter.get('/d', soft, (ctx) => { ctx.body = 1 })\nconst app = new Koa()\napp.use(router.routes())\n",
                ),
            ],
            &[("src/server.js", 8), ("src/server.js", 9)],
        ),
        // Koa: `router.use(guard)` covers the routes after it in that router only; a router
        // mounted with `app.use(r.routes())` does not lend its guard to the next router.
        (
            KOA,
            &[
                ("src/guard.cjs", KOA_GUARD),
                (
                    "src/server.js",
                    "const Koa = require('koa')\nconst Router = require('@koa/router')\nconst { requireUser } = require('./guard.cjs')\nconst a = new Router()\na.get('/early', (ctx) => { ctx.body = 1 })\na.use(requireUser)\na.get('/late', (ctx) => { ctx.body = 1 })\nconst b = new Router()\nb.get('/other', (ctx) => { ctx.body = 1 })\nconst app = new Koa()\napp.use(a.routes())\napp.use(b.routes())\n",
                ),
            ],
            &[("src/server.js", 5), ("src/server.js", 9)],
        ),
        // Express: a router mounted at `/` runs its `use` guard for every later request that
        // passes through it, so the later app route is covered; the earlier one is not.
        (
            EXPRESS,
            &[
                ("src/guard.js", EXPRESS_GUARD),
                (
                    "src/server.js",
                    "import express from 'express'\nimport { requireUser } from './guard.js'\nconst app = express()\nconst router = express.Router()\nrouter.use(requireUser)\nrouter.get('/notes', (req, res) => res.json([]))\napp.get('/before', (req, res) => res.json([]))\napp.use(router)\napp.get('/after', (req, res) => res.json([]))\n",
                ),
            ],
            &[("src/server.js", 7)],
        ),
        // Express: mounted at `/api`, the router's guard intercepts later `/api…` requests
        // only.
        (
            EXPRESS,
            &[
                ("src/guard.js", EXPRESS_GUARD),
                (
                    "src/server.js",
                    "import express from 'express'\nimport { requireUser } from './guard.js'\nconst app = express()\nconst router = express.Router()\nrouter.use(requireUser)\nrouter.get('/notes', (req, res) => res.json([]))\napp.use('/api', router)\napp.get('/api/later', (req, res) => res.json([]))\napp.get('/health', (req, res) => res.send('ok'))\n",
                ),
            ],
            &[("src/server.js", 9)],
        ),
        // Koa: a controller factory that composes a list built with `push` (the guard first,
        // `requireAuth` passed uncalled, a project check whose `catch` sets `ctx.status = 401`)
        // protects; the factory without the guard does not.
        (
            KOA,
            &[
                (
                    "src/controller.js",
                    "import compose from 'koa-compose'\nimport { getAuth, requireAuth } from '@dimkl/clerk-koa'\nfunction authorize() {\n  return compose([requireAuth, async (ctx, next) => {\n    try {\n      if (!getAuth(ctx).sessionId) throw new Error('signed out')\n      return next()\n    } catch (err) {\n      ctx.status = 401\n    }\n  }])\n}\nexport function createController({ handler, schema }) {\n  const mws = []\n  if (schema) mws.push(validate(schema))\n  mws.push(handler)\n  return compose(mws)\n}\nexport function createAuthController({ handler }) {\n  const mws = []\n  mws.push(authorize())\n  mws.push(handler)\n  return compose(mws)\n}\n",
                ),
                (
                    "src/server.js",
                    "import Koa from 'koa'\nimport Router from 'koa-router'\nimport { createController, createAuthController } from './controller.js'\nconst router = new Router()\nrouter.get('/open', createController({ handler: (ctx) => { ctx.body = 1 } }))\nrouter.get('/closed', createAuthController({ handler: (ctx) => { ctx.body = 1 } }))\nconst app = new Koa()\napp.use(router.routes())\n",
                ),
            ],
            &[("src/server.js", 5)],
        ),
        // Express: another provider's verifier (Firebase Admin `verifyIdToken`) in a mounted
        // guard protects; an `app.use('*path', …)` single-page-app fallback is not an endpoint.
        (
            EXPRESS,
            &[(
                "src/server.js",
                "import express from 'express'\nimport { getAuth } from 'firebase-admin/auth'\nconst app = express()\nconst validateUser = async (req, res, next) => {\n  const token = req.headers.authorization?.split('Bearer ')[1]\n  try {\n    req.user = await getAuth().verifyIdToken(token)\n    next()\n  } catch (e) {\n    return res.status(401).json({ error: 'invalid' })\n  }\n}\nconst api = express.Router()\napi.get('/entries', (req, res) => res.json([]))\napp.use('/api', validateUser, api)\napp.get('/open', (req, res) => res.json([]))\napp.use('*path', (req, res) => res.sendFile('index.html'))\n",
            )],
            &[("src/server.js", 16)],
        ),
        // Hono: sub-apps mounted in loops over literal lists (`for … of` with tuples,
        // `forEach` with objects, `Object.entries`) keep their own guards and get their paths.
        (
            HONO,
            &[
                (
                    "src/index.ts",
                    "import { Hono } from 'hono'\nimport { open, closed } from './subs'\nconst app = new Hono()\nconst routes = [['/a', open], ['/b', closed]] as const\nconst mounts = [{ path: '/c', router: open }]\nfor (const [p, r] of routes) app.route(p, r)\nmounts.forEach(({ path, router }) => app.route(path, router))\nfor (const [p, r] of Object.entries({ '/d': closed })) app.route(p, r)\nexport default app\n",
                ),
                (
                    "src/subs.ts",
                    "import { Hono } from 'hono'\nimport { getAuth } from '@clerk/hono'\nexport const open = new Hono().get('/x', (c) => c.json({}))\nexport const closed = new Hono()\nclosed.use(async (c, next) => { if (!getAuth(c)?.userId) return c.json({}, 401); await next() })\nclosed.get('/y', (c) => c.json({}))\n",
                ),
            ],
            // `open` is mounted at `/a` and `/c`: one finding per URL.
            &[("src/subs.ts", 3), ("src/subs.ts", 3)],
        ),
        // A monorepo with an Express and a Fastify service: the vocabulary is per app, so
        // `request.auth` in the Fastify service is not read as Clerk's `req.auth` (it would
        // count as an unchecked read and hide the finding).
        (
            "",
            &[
                (
                    "apps/api/package.json",
                    r#"{"dependencies":{"express":"4.21.0","@clerk/express":"1.3.0"}}"#,
                ),
                (
                    "apps/api/src/server.js",
                    "import express from 'express'\nimport { getAuth } from '@clerk/express'\nconst app = express()\napp.get('/me', (req, res) => {\n  if (!getAuth(req).userId) return res.status(401).end()\n  res.json({})\n})\n",
                ),
                (
                    "apps/svc/package.json",
                    r#"{"dependencies":{"fastify":"5.2.0","@clerk/fastify":"2.4.0"}}"#,
                ),
                (
                    "apps/svc/src/app.ts",
                    "import Fastify from 'fastify'\nconst app = Fastify()\napp.get('/orders', async (request) => {\n  return listOrders(request.auth.userId)\n})\n",
                ),
            ],
            &[("apps/svc/src/app.ts", 3)],
        ),
    ];

    #[test]
    fn router_cases() {
        for (deps, files, expected) in ROUTER_CASES {
            let diags = crate::rules::testing::lint_deps(deps, files, &MissingAuth);
            let got = places(&diags);
            let want: Vec<(String, u32)> =
                expected.iter().map(|(p, l)| (p.to_string(), *l)).collect();
            assert_eq!(
                got,
                want,
                "files: {:?}\n{diags:#?}",
                files.iter().map(|f| f.0).collect::<Vec<_>>()
            );
        }
    }
}

#[cfg(test)]
mod framework_tests {
    use super::*;
    use crate::rules::testing::{lint_deps, places};

    const RR: &str =
        r#""@clerk/react-router":"2.1.0","react-router":"7.9.0","@react-router/dev":"7.9.0""#;
    const REMIX: &str = r#""@clerk/remix":"4.2.0","@remix-run/node":"2.15.0""#;
    const RR8: &str =
        r#""@clerk/react-router":"3.0.0","react-router":"^8.1.0","@react-router/dev":"^8.1.0""#;
    const KIT: &str = r#""svelte-clerk":"0.13.0","@sveltejs/kit":"2.16.0""#;
    const ASTRO: &str = r#""@clerk/astro":"2.6.0","astro":"5.1.0""#;
    const START: &str =
        r#""@clerk/tanstack-react-start":"0.19.0","@tanstack/react-start":"1.130.0""#;

    const ROUTES: &str = "import { index, route } from '@react-router/dev/routes'\nexport default [index('routes/home.tsx'), route('notes/:id', 'routes/note.tsx')]\n";
    const RR_GUARD: &str = "import { getAuth } from '@clerk/react-router/server'\nimport { redirect } from 'react-router'\nexport async function requireUserId(args: any) {\n  const { userId } = await getAuth(args)\n  if (!userId) throw redirect('/sign-in')\n  return userId\n}\n";

    const UNAWAITED_GUARD: &str = "import { requireUserId } from '../lib/auth.server'\nexport async function action(args: any) {\n  requireUserId(args)\n  return null\n}\n";

    #[test]
    fn unawaited_guard_is_unchecked() {
        let files = [
            ("app/routes.ts", ROUTES),
            ("app/lib/auth.server.ts", RR_GUARD),
            ("app/routes/note.tsx", UNAWAITED_GUARD),
        ];
        let diags = lint_deps(RR, &files, &crate::rules::unchecked_auth::UncheckedAuth);
        assert_eq!(places(&diags), vec![("app/routes/note.tsx".to_string(), 2)]);
        // Awaited, it guards.
        let awaited =
            UNAWAITED_GUARD.replace("  requireUserId(args)", "  await requireUserId(args)");
        let files = [
            ("app/routes.ts", ROUTES),
            ("app/lib/auth.server.ts", RR_GUARD),
            ("app/routes/note.tsx", awaited.as_str()),
        ];
        let diags = lint_deps(RR, &files, &crate::rules::unchecked_auth::UncheckedAuth);
        assert!(diags.is_empty(), "{diags:#?}");
    }

    /// `rootAuthLoader(args, options)` and `rootAuthLoader(args, callback, options)`: the
    /// options object is not the callback; only a callback that checks protects the root loader.
    #[test]
    fn root_auth_loader_options() {
        // (root.tsx, unchecked-auth expected on its loader)
        let cases: &[(&str, bool)] = &[
            (
                "import { rootAuthLoader } from '@clerk/react-router/server'\nexport const loader = (args: any) => rootAuthLoader(args, { loadUser: true })\n",
                true,
            ),
            (
                "import { rootAuthLoader } from '@clerk/react-router/server'\nimport { redirect } from 'react-router'\nexport const loader = (args: any) =>\n  rootAuthLoader(args, ({ request }: any) => {\n    const { userId } = request.auth\n    if (!userId) throw redirect('/sign-in')\n    return { userId }\n  }, { loadUser: true })\n",
                false,
            ),
        ];
        for (root, unchecked) in cases {
            let files = [("app/routes.ts", ROUTES), ("app/root.tsx", *root)];
            let diags = lint_deps(RR, &files, &crate::rules::unchecked_auth::UncheckedAuth);
            assert_eq!(!diags.is_empty(), *unchecked, "{root}\n{diags:#?}");
            assert!(lint_deps(RR, &files, &MissingAuth).is_empty(), "{root}");
        }
    }

    /// (package.json dependencies, files, expected (path, line) findings)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &[(&str, &str)], &[(&str, u32)])] = &[
        // React Router: a checked loader, an unchecked action in the same module.
        (
            RR,
            &[
                ("app/routes.ts", ROUTES),
                ("app/lib/auth.server.ts", RR_GUARD),
                (
                    "app/routes/note.tsx",
                    "import { requireUserId } from '../lib/auth.server'\nexport async function loader(args: any) {\n  await requireUserId(args)\n  return null\n}\nexport async function action({ request }: any) {\n  return request.formData()\n}\n",
                ),
            ],
            &[("app/routes/note.tsx", 6)],
        ),
        // A module that routes.ts does not register is not an endpoint.
        (
            RR,
            &[
                ("app/routes.ts", ROUTES),
                (
                    "app/routes/orphan.tsx",
                    "export async function loader() {\n  return null\n}\n",
                ),
            ],
            &[],
        ),
        // An async guard called without `await` protects nothing: the session is read but its
        // check is ignored, which `unchecked-auth` reports (see `unawaited_guard_is_unchecked`).
        (
            RR,
            &[
                ("app/routes.ts", ROUTES),
                ("app/lib/auth.server.ts", RR_GUARD),
                ("app/routes/note.tsx", UNAWAITED_GUARD),
            ],
            &[],
        ),
        // Remix flat routes: a pathless layout's check does not cover its child.
        (
            REMIX,
            &[
                (
                    "app/routes/_app.tsx",
                    "import { getAuth } from '@clerk/remix/ssr.server'\nimport { redirect } from '@remix-run/node'\nexport async function loader(args: any) {\n  const { userId } = await getAuth(args)\n  if (!userId) return redirect('/sign-in')\n  return null\n}\n",
                ),
                (
                    "app/routes/_app.billing.tsx",
                    "export async function loader() {\n  return { invoices: [] }\n}\n",
                ),
                (
                    "app/routes/_app.billing/helper.ts",
                    "export async function loader() {\n  return 1\n}\n",
                ),
            ],
            &[("app/routes/_app.billing.tsx", 1)],
        ),
        // SvelteKit: a hook guard covers everything under its path; a layout guard covers
        // page loads only.
        (
            KIT,
            &[
                (
                    "src/hooks.server.ts",
                    "import { redirect } from '@sveltejs/kit'\nimport { sequence } from '@sveltejs/kit/hooks'\nimport { withClerkHandler } from 'svelte-clerk/server'\nexport const handle = sequence(withClerkHandler(), async ({ event, resolve }) => {\n  if (event.url.pathname.startsWith('/admin') && !event.locals.auth().userId) redirect(307, '/sign-in')\n  return resolve(event)\n})\n",
                ),
                (
                    "src/routes/admin/+server.ts",
                    "export async function DELETE() {\n  return new Response(null)\n}\n",
                ),
                (
                    "src/routes/app/+layout.server.ts",
                    "import { redirect } from '@sveltejs/kit'\nexport const load = ({ locals }) => {\n  if (!locals.auth().userId) redirect(303, '/sign-in')\n  return {}\n}\n",
                ),
                (
                    "src/routes/app/+page.server.ts",
                    "export const load = async () => ({ rows: [] })\nexport const actions = {\n  save: async ({ request }) => {\n    await request.formData()\n  },\n}\n",
                ),
                (
                    "src/routes/app/export/+server.ts",
                    "export const GET = async () => new Response('x')\n",
                ),
            ],
            &[
                ("src/routes/app/+page.server.ts", 3),
                ("src/routes/app/export/+server.ts", 1),
            ],
        ),
        // SvelteKit: `$lib` helpers, `locals.user` set by the app's hook, prerendered loads.
        (
            KIT,
            &[
                (
                    "src/lib/server/auth.ts",
                    "import { error } from '@sveltejs/kit'\nexport function requireUserId(locals: any) {\n  const { userId } = locals.auth()\n  if (!userId) error(401, 'Unauthorized')\n  return userId\n}\n",
                ),
                (
                    "src/routes/api/notes/+server.ts",
                    "import { requireUserId } from '$lib/server/auth'\nexport const POST = async ({ locals }) => {\n  requireUserId(locals)\n  return new Response('ok')\n}\n",
                ),
                (
                    "src/routes/me/+page.server.ts",
                    "import { redirect } from '@sveltejs/kit'\nexport const load = async ({ locals }) => {\n  if (!locals.user) redirect(303, '/sign-in')\n  return { user: locals.user }\n}\n",
                ),
                (
                    "src/routes/docs/+page.server.ts",
                    "export const prerender = true\nexport const load = async () => ({ pages: [] })\n",
                ),
            ],
            &[],
        ),
        // SvelteKit: a `handle` guard imported from `$lib`, with its path list beside it.
        (
            KIT,
            &[
                (
                    "src/lib/server/guard.ts",
                    "import { redirect, type Handle } from '@sveltejs/kit'\nconst PRIVATE = ['/app', '/api/private']\nexport const guard: Handle = async ({ event, resolve }) => {\n  const isPrivate = PRIVATE.some((p) => event.url.pathname.startsWith(p))\n  if (isPrivate && !event.locals.auth().userId) redirect(303, '/sign-in')\n  return resolve(event)\n}\n",
                ),
                (
                    "src/hooks.server.ts",
                    "import { sequence } from '@sveltejs/kit/hooks'\nimport { withClerkHandler } from 'svelte-clerk/server'\nimport { guard } from '$lib/server/guard'\nexport const handle = sequence(withClerkHandler(), guard)\n",
                ),
                (
                    "src/routes/api/private/+server.ts",
                    "export const DELETE = async () => new Response(null)\n",
                ),
                (
                    "src/routes/api/public/+server.ts",
                    "export const GET = async () => new Response('hi')\n",
                ),
            ],
            &[("src/routes/api/public/+server.ts", 1)],
        ),
        // SvelteKit `locals`: one carrier model. A service the hook puts on `locals` is not an
        // identity (`locals.userRepo`); the auth accessor under another name, a helper given
        // `locals.auth` that returns `redirect()`, a wrapper checking `event.locals.session`.
        (
            KIT,
            &[
                (
                    "src/lib/server/auth.ts",
                    "import { redirect, json } from '@sveltejs/kit'\nexport function approve(auth) {\n  const { userId } = auth\n  if (!userId) {\n    return redirect(307, '/sign-in')\n  }\n  return userId\n}\nexport const requireSession = (handler) => async (event) => {\n  if (!event.locals.session) return json({ ok: false })\n  return handler(event)\n}\n",
                ),
                (
                    "src/routes/users/+server.ts",
                    "export const GET = async ({ locals }) => Response.json(await locals.userRepo.list())\nexport const POST = async ({ locals }) => {\n  if (!locals.userRepo) return new Response(null, { status: 500 })\n  return Response.json(await locals.userRepo.create())\n}\n",
                ),
                (
                    "src/routes/me/+page.server.ts",
                    "import { approve } from '$lib/server/auth'\nexport const load = async ({ locals }) => {\n  const userId = approve(locals.auth)\n  return { userId }\n}\n",
                ),
                (
                    "src/routes/api/role/+server.ts",
                    "import { requireSession } from '$lib/server/auth'\nexport const POST = requireSession(async ({ locals }) => new Response(locals.session.userId))\n",
                ),
                (
                    "src/routes/api/notes/+server.ts",
                    "import { error } from '@sveltejs/kit'\nexport const GET = async (event) => {\n  if (!event.locals.auth().userId) error(401, 'no')\n  return new Response('x')\n}\nexport const DELETE = async ({ locals }) => {\n  const { auth } = locals\n  const { userId } = auth()\n  if (!userId) error(401, 'no')\n  return new Response(null)\n}\n",
                ),
            ],
            &[
                ("src/routes/users/+server.ts", 1),
                ("src/routes/users/+server.ts", 2),
            ],
        ),
        // Astro `locals` through the same carrier: `context.locals.user` set by the app's
        // middleware, `locals.currentUser()`, a `locals.db` service that is no identity.
        (
            ASTRO,
            &[
                (
                    "src/pages/api/a.ts",
                    "export const GET = async (context) => {\n  if (!context.locals.user) return new Response(null, { status: 401 })\n  return new Response('a')\n}\n",
                ),
                (
                    "src/pages/api/b.ts",
                    "export const POST = async ({ locals }) => {\n  const user = await locals.currentUser()\n  if (!user) return new Response(null, { status: 401 })\n  return new Response('b')\n}\n",
                ),
                (
                    "src/pages/api/c.ts",
                    "export const GET = async ({ locals }) => Response.json(await locals.sessionStore.all())\n",
                ),
                (
                    "src/pages/api/d.ts",
                    "export const POST = async (context) => {\n  const { request, locals } = context\n  const { userId } = locals.auth()\n  if (!userId) return new Response(null, { status: 401 })\n  return new Response(await request.text())\n}\n",
                ),
            ],
            &[("src/pages/api/c.ts", 1)],
        ),
        // Remix with `remix-flat-routes` `+` folders.
        (
            REMIX,
            &[
                (
                    "app/routes/_app+/_layout.tsx",
                    "export async function loader() {\n  return null\n}\n",
                ),
                (
                    "app/routes/_app+/notes+/$id/route.tsx",
                    "export async function action() {\n  return null\n}\n",
                ),
                (
                    "app/routes/_app+/notes+/$id/helper.ts",
                    "export async function action() {\n  return 1\n}\n",
                ),
            ],
            &[
                ("app/routes/_app+/_layout.tsx", 1),
                ("app/routes/_app+/notes+/$id/route.tsx", 1),
            ],
        ),
        // TanStack Start: a server function guarded by function middleware, one that is not,
        // and a server route.
        (
            START,
            &[
                (
                    "src/lib/auth.ts",
                    "import { auth } from '@clerk/tanstack-react-start/server'\nimport { createMiddleware } from '@tanstack/react-start'\nexport const requireUser = createMiddleware({ type: 'function' }).server(async ({ next }) => {\n  const { userId } = await auth()\n  if (!userId) throw new Error('Unauthorized')\n  return next({ context: { userId } })\n})\n",
                ),
                (
                    "src/server/fns.ts",
                    "import { createServerFn } from '@tanstack/react-start'\nimport { requireUser } from '../lib/auth'\nexport const list = createServerFn({ method: 'GET' }).middleware([requireUser]).handler(async () => [])\nexport const wipe = createServerFn({ method: 'POST' }).handler(async () => null)\n",
                ),
                (
                    "src/routes/api/items.ts",
                    "import { createFileRoute } from '@tanstack/react-router'\nexport const Route = createFileRoute('/api/items')({\n  server: { handlers: { GET: async () => Response.json([]) } },\n})\n",
                ),
            ],
            &[("src/routes/api/items.ts", 3), ("src/server/fns.ts", 4)],
        ),
        // TanStack Start: a pathless layout route's `server.middleware` covers the server
        // handlers of the routes below it; its `beforeLoad` would not.
        (
            START,
            &[
                (
                    "src/lib/auth.ts",
                    "import { auth } from '@clerk/tanstack-react-start/server'\nimport { createMiddleware } from '@tanstack/react-start'\nexport const authMw = createMiddleware().server(async ({ next }) => {\n  const { userId } = await auth()\n  if (!userId) throw new Response('Unauthorized', { status: 401 })\n  return next()\n})\n",
                ),
                (
                    "src/routes/_authed/route.tsx",
                    "import { createFileRoute, Outlet } from '@tanstack/react-router'\nimport { authMw } from '../../lib/auth'\nexport const Route = createFileRoute('/_authed')({\n  component: Outlet,\n  server: { middleware: [authMw] },\n})\n",
                ),
                (
                    "src/routes/_authed/api/items.ts",
                    "import { createFileRoute } from '@tanstack/react-router'\nexport const Route = createFileRoute('/_authed/api/items')({\n  server: { handlers: { DELETE: async () => new Response(null) } },\n})\n",
                ),
                (
                    "src/routes/api/open.ts",
                    "import { createFileRoute } from '@tanstack/react-router'\nexport const Route = createFileRoute('/api/open')({\n  server: { handlers: { DELETE: async () => new Response(null) } },\n})\n",
                ),
            ],
            &[("src/routes/api/open.ts", 3)],
        ),
        // TanStack Start: a guarding function middleware registered for every server function.
        (
            START,
            &[
                (
                    "src/lib/auth.ts",
                    "import { auth } from '@clerk/tanstack-react-start/server'\nimport { createMiddleware } from '@tanstack/react-start'\nexport const requireUser = createMiddleware({ type: 'function' }).server(async ({ next }) => {\n  const { userId } = await auth()\n  if (!userId) throw new Error('Unauthorized')\n  return next()\n})\n",
                ),
                (
                    "src/start.ts",
                    "import { clerkMiddleware } from '@clerk/tanstack-react-start/server'\nimport { createStart } from '@tanstack/react-start'\nimport { requireUser } from './lib/auth'\nexport const startInstance = createStart(() => ({\n  requestMiddleware: [clerkMiddleware()],\n  functionMiddleware: [requireUser],\n}))\n",
                ),
                (
                    "src/server/fns.ts",
                    "import { createServerFn } from '@tanstack/react-start'\nexport const wipe = createServerFn({ method: 'POST' }).handler(async () => null)\n",
                ),
            ],
            &[],
        ),
        // TanStack Start: a verified Polar webhook; uploadthing's POST runs the router's
        // middleware, its GET serves the public config.
        (
            START,
            &[
                (
                    "src/routes/api/polar.ts",
                    "import { validateEvent } from '@polar-sh/sdk/webhooks'\nimport { createFileRoute } from '@tanstack/react-router'\nexport const Route = createFileRoute('/api/polar')({\n  server: { handlers: { POST: async ({ request }) => {\n    const event = validateEvent(await request.text(), {}, process.env.POLAR_WEBHOOK_SECRET ?? '')\n    return Response.json({ type: event.type })\n  } } },\n})\n",
                ),
                (
                    "src/server/uploads.ts",
                    "import { auth } from '@clerk/tanstack-react-start/server'\nimport { createUploadthing } from 'uploadthing/server'\nconst f = createUploadthing()\nexport const uploadRouter = {\n  image: f({ image: {} }).middleware(async () => {\n    const { userId } = await auth()\n    if (!userId) throw new Error('Unauthorized')\n    return { userId }\n  }).onUploadComplete(() => {}),\n}\n",
                ),
                (
                    "src/routes/api/upload.ts",
                    "import { createFileRoute } from '@tanstack/react-router'\nimport { createRouteHandler } from 'uploadthing/server'\nimport { uploadRouter } from '../../server/uploads'\nconst handlers = createRouteHandler({ router: uploadRouter })\nexport const Route = createFileRoute('/api/upload')({\n  server: { handlers: { GET: handlers, POST: handlers } },\n})\n",
                ),
            ],
            &[("src/routes/api/upload.ts", 6)],
        ),
        // Remix: `routes(defineRoutes)` in the Vite plugin registers modules outside
        // app/routes; `ignoredRouteFiles: ['**/*']` turns the file convention off.
        (
            REMIX,
            &[
                (
                    "vite.config.ts",
                    "import { vitePlugin as remix } from '@remix-run/dev'\nimport { defineConfig } from 'vite'\nexport default defineConfig({\n  plugins: [remix({\n    ignoredRouteFiles: ['**/*'],\n    routes(defineRoutes) {\n      return defineRoutes((route) => {\n        route('admin', 'pages/admin.tsx', () => {\n          route(':id', 'pages/admin-item.tsx')\n        })\n      })\n    },\n  })],\n})\n",
                ),
                (
                    "app/pages/admin.tsx",
                    "export async function action({ request }: any) {\n  return request.formData()\n}\n",
                ),
                (
                    "app/pages/admin-item.tsx",
                    "import { getAuth } from '@clerk/remix/ssr.server'\nimport { redirect } from '@remix-run/node'\nexport async function loader(args: any) {\n  const { userId } = await getAuth(args)\n  if (!userId) throw redirect('/sign-in')\n  return null\n}\n",
                ),
                (
                    "app/routes/ignored.tsx",
                    "export async function loader() {\n  return null\n}\n",
                ),
            ],
            &[("app/pages/admin.tsx", 1)],
        ),
        // A sign-in route whose helper sends signed-in callers away (a session verified with
        // Firebase Admin) is checked; the sign-up route's empty helper is not.
        (
            REMIX,
            &[
                (
                    "app/lib/firebase.server.ts",
                    "import { getAuth } from 'firebase-admin/auth'\nconst serverAuth = getAuth()\nexport async function sessionUser(cookie: string | null) {\n  try {\n    return await serverAuth.verifySessionCookie(cookie ?? '')\n  } catch {\n    return { uid: undefined }\n  }\n}\n",
                ),
                (
                    "app/lib/session.server.ts",
                    "import { redirect } from '@remix-run/node'\nimport { sessionUser } from './firebase.server'\nasync function signedIn(request: Request) {\n  const { uid } = await sessionUser(request.headers.get('cookie'))\n  if (!uid) return { authenticated: false }\n  return { authenticated: true }\n}\nexport async function awayIfSignedIn(request: Request) {\n  const state = await signedIn(request)\n  if (state.authenticated) throw redirect('/')\n  return state\n}\nexport async function nothing(request: Request) {\n  return {}\n}\n",
                ),
                (
                    "app/routes/sign-in.tsx",
                    "import { awayIfSignedIn } from '../lib/session.server'\nexport async function loader({ request }: any) {\n  await awayIfSignedIn(request)\n  return null\n}\n",
                ),
                (
                    "app/routes/sign-up.tsx",
                    "import { nothing } from '../lib/session.server'\nexport async function loader({ request }: any) {\n  await nothing(request)\n  return null\n}\n",
                ),
            ],
            &[("app/routes/sign-up.tsx", 2)],
        ),
        // React Router 8: route middleware is always on, so a root guard covers the child
        // without the future flag; the identity a load context carries is checked.
        (
            RR8,
            &[
                ("app/routes.ts", ROUTES),
                (
                    "app/root.tsx",
                    "import { redirect } from 'react-router'\nimport { getAuth } from '@clerk/react-router/server'\nexport const middleware = [async (args: any, next: any) => {\n  const { userId } = await getAuth(args)\n  if (!userId) throw redirect('/sign-in')\n  return next()\n}]\n",
                ),
                (
                    "app/routes/note.tsx",
                    "export async function action({ request }: any) {\n  return request.formData()\n}\n",
                ),
                (
                    "app/routes/home.tsx",
                    "import { redirect } from 'react-router'\nexport async function loader({ context }: any) {\n  if (!context.userId) throw redirect('/sign-in')\n  return null\n}\n",
                ),
            ],
            &[],
        ),
        // The same middleware on React Router 7 without the flag covers nothing.
        (
            RR,
            &[
                ("app/routes.ts", ROUTES),
                (
                    "app/root.tsx",
                    "import { redirect } from 'react-router'\nimport { getAuth } from '@clerk/react-router/server'\nexport const middleware = [async (args: any, next: any) => {\n  const { userId } = await getAuth(args)\n  if (!userId) throw redirect('/sign-in')\n  return next()\n}]\n",
                ),
                (
                    "app/routes/note.tsx",
                    "export async function action({ request }: any) {\n  return request.formData()\n}\n",
                ),
            ],
            &[("app/routes/note.tsx", 1)],
        ),
        // TanStack Start: a request middleware in src/start.ts guarding `/api/admin` covers
        // the server routes under it, not other routes nor server functions.
        (
            START,
            &[
                (
                    "src/start.ts",
                    "import { auth, clerkMiddleware } from '@clerk/tanstack-react-start/server'\nimport { createMiddleware, createStart } from '@tanstack/react-start'\nconst adminOnly = createMiddleware().server(async ({ request, next }) => {\n  const url = new URL(request.url)\n  if (url.pathname.startsWith('/api/admin')) {\n    const { userId } = await auth()\n    if (!userId) throw new Response('Unauthorized', { status: 401 })\n  }\n  return next()\n})\nexport const startInstance = createStart(() => ({\n  requestMiddleware: [clerkMiddleware(), adminOnly],\n}))\n",
                ),
                (
                    "src/routes/api/admin/users.ts",
                    "import { createFileRoute } from '@tanstack/react-router'\nexport const Route = createFileRoute('/api/admin/users')({\n  server: { handlers: { DELETE: async () => new Response(null) } },\n})\n",
                ),
                (
                    "src/routes/api/stats.ts",
                    "import { createFileRoute } from '@tanstack/react-router'\nexport const Route = createFileRoute('/api/stats')({\n  server: { handlers: { GET: async () => Response.json({}) } },\n})\n",
                ),
                (
                    "src/server/fns.ts",
                    "import { createServerFn } from '@tanstack/react-start'\nexport const wipe = createServerFn({ method: 'POST' }).inputValidator((d: { id: string }) => d).handler(async () => null)\n",
                ),
            ],
            &[("src/routes/api/stats.ts", 3), ("src/server/fns.ts", 2)],
        ),
        // TanStack Start: an unconditional request guard imported from another file covers
        // everything, server functions included.
        (
            START,
            &[
                (
                    "src/lib/guard.ts",
                    "import { auth } from '@clerk/tanstack-react-start/server'\nimport { createMiddleware } from '@tanstack/react-start'\nexport const signedInOnly = createMiddleware().server(async ({ next }) => {\n  const { userId } = await auth()\n  if (!userId) throw new Response('Unauthorized', { status: 401 })\n  return next()\n})\n",
                ),
                (
                    "src/start.ts",
                    "import { createStart } from '@tanstack/react-start'\nimport { signedInOnly } from './lib/guard'\nexport const startInstance = createStart(() => ({ requestMiddleware: [signedInOnly] }))\n",
                ),
                (
                    "src/server/fns.ts",
                    "import { createServerFn } from '@tanstack/react-start'\nexport const wipe = createServerFn({ method: 'POST' }).handler(async () => null)\n",
                ),
            ],
            &[],
        ),
        // TanStack Start: a capability token checked with a fast-jwt verifier is verified; one
        // only decoded is not.
        (
            START,
            &[(
                "src/server/views.ts",
                "import { createServerFn } from '@tanstack/react-start'\nimport { createDecoder, createVerifier } from 'fast-jwt'\nexport const countView = createServerFn({ method: 'POST' }).validator((d: { token: string }) => d).handler(async ({ data }) => {\n  let claims\n  try {\n    const verify = createVerifier({ key: process.env.VIEW_TOKEN_SECRET })\n    claims = verify(data.token)\n  } catch {\n    return { ok: false }\n  }\n  return { ok: true, id: claims.videoId }\n})\nexport const peekView = createServerFn({ method: 'POST' }).handler(async ({ data }: any) => {\n  const decode = createDecoder()\n  return decode(data.token)\n})\n",
            )],
            &[("src/server/views.ts", 13)],
        ),
        // TanStack Start: a handler that checks the user id its (reading) function middleware
        // put on `context`, and another server function that calls it and checks the result.
        (
            START,
            &[
                (
                    "src/lib/mw.ts",
                    "import { auth } from '@clerk/tanstack-react-start/server'\nimport { createMiddleware } from '@tanstack/react-start'\nexport const withUser = createMiddleware({ type: 'function' }).server(async ({ next }) => {\n  const { userId } = await auth()\n  return next({ context: { userId } })\n})\n",
                ),
                (
                    "src/server/user.ts",
                    "import { createServerFn } from '@tanstack/react-start'\nimport { withUser } from '../lib/mw'\nexport const getMe = createServerFn({ method: 'GET' }).middleware([withUser]).handler(async ({ context }) => {\n  if (!context?.userId) throw new Error('Unauthorized')\n  return { id: context.userId }\n})\nexport const myNotes = createServerFn({ method: 'GET' }).handler(async () => {\n  const me = await getMe()\n  if (!me) throw new Error('Unauthorized')\n  return []\n})\nexport const summarize = createServerFn({ method: 'POST' }).middleware([withUser]).handler(async ({ data }: any) => data)\n",
                ),
            ],
            // `summarize` reads the user id and checks nothing: unchecked-auth, not missing-auth.
            &[],
        ),
        // Without the check, the server function that only calls `getMe()` is unprotected.
        (
            START,
            &[(
                "src/server/user.ts",
                "import { createServerFn } from '@tanstack/react-start'\nexport const getMe = createServerFn({ method: 'GET' }).handler(async ({ context }: any) => ({ id: context?.userId }))\nexport const myNotes = createServerFn({ method: 'GET' }).handler(async () => {\n  const me = await getMe()\n  return [me]\n})\n",
            )],
            &[("src/server/user.ts", 2), ("src/server/user.ts", 3)],
        ),
    ];

    #[test]
    fn cases() {
        for (deps, files, expected) in CASES {
            let diags = lint_deps(deps, files, &MissingAuth);
            let got = places(&diags);
            let want: Vec<(String, u32)> =
                expected.iter().map(|(p, l)| (p.to_string(), *l)).collect();
            assert_eq!(
                got,
                want,
                "files: {:?}\n{diags:#?}",
                files.iter().map(|f| f.0).collect::<Vec<_>>()
            );
        }
    }
}
