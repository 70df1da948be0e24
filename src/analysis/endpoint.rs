//! The framework-neutral endpoint model: what every framework adapter produces and every
//! endpoint rule (`missing-auth`, `unchecked-auth`, `unverified-webhook`,
//! `middleware-matcher-gap`) and the inventory (`clerk-lint routes`) read.
//!
//! Facts only: no message text. The rules write the prose from these types.

use std::ops::Range;

use crate::analysis::engine::{Evidence, Unawaited};

/// The framework an endpoint belongs to. [`FrameworkId::as_str`] is the stable lowercase id
/// printed by the inventory (`framework` in `clerk-lint routes --format json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FrameworkId {
    NextJs,
    /// `next-connect` routers (`createRouter()`, `nc()`) inside a Next.js `pages/api` file.
    NextConnect,
    Express,
    Fastify,
    Hono,
    Koa,
    NestJs,
    ReactRouter,
    Remix,
    Astro,
    Nuxt,
    SvelteKit,
    TanStackStart,
    Axum,
    ActixWeb,
    Rocket,
    Poem,
}

impl FrameworkId {
    pub const ALL: &'static [FrameworkId] = &[
        FrameworkId::NextJs,
        FrameworkId::NextConnect,
        FrameworkId::Express,
        FrameworkId::Fastify,
        FrameworkId::Hono,
        FrameworkId::Koa,
        FrameworkId::NestJs,
        FrameworkId::ReactRouter,
        FrameworkId::Remix,
        FrameworkId::Astro,
        FrameworkId::Nuxt,
        FrameworkId::SvelteKit,
        FrameworkId::TanStackStart,
        FrameworkId::Axum,
        FrameworkId::ActixWeb,
        FrameworkId::Rocket,
        FrameworkId::Poem,
    ];

    /// The stable id used in JSON and the inventory.
    pub fn as_str(self) -> &'static str {
        match self {
            FrameworkId::NextJs => "nextjs",
            FrameworkId::NextConnect => "next-connect",
            FrameworkId::Express => "express",
            FrameworkId::Fastify => "fastify",
            FrameworkId::Hono => "hono",
            FrameworkId::Koa => "koa",
            FrameworkId::NestJs => "nestjs",
            FrameworkId::ReactRouter => "react-router",
            FrameworkId::Remix => "remix",
            FrameworkId::Astro => "astro",
            FrameworkId::Nuxt => "nuxt",
            FrameworkId::SvelteKit => "sveltekit",
            FrameworkId::TanStackStart => "tanstack-start",
            FrameworkId::Axum => "axum",
            FrameworkId::ActixWeb => "actix-web",
            FrameworkId::Rocket => "rocket",
            FrameworkId::Poem => "poem",
        }
    }
}

/// An HTTP method an endpoint serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
    /// One handler for every method (a Pages API route, `app.all()`, `router.use(path, fn)`).
    Any,
}

impl Method {
    /// The concrete methods, in the order route-handler modules are read.
    pub const HTTP: &'static [Method] = &[
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
        Method::Head,
        Method::Options,
    ];

    /// `GET`, `POST`, …; `*` for [`Method::Any`].
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
            Method::Any => "*",
        }
    }

    /// An exported name such as `GET` (exact, upper case: a Next.js route handler export).
    pub fn from_export(name: &str) -> Option<Method> {
        Method::HTTP.iter().copied().find(|m| m.as_str() == name)
    }

    /// A router method name such as `get`, `post`, `del`, `all` (case-insensitive: Express,
    /// Fastify, Hono, Koa, axum `get(handler)`).
    pub fn from_router(name: &str) -> Option<Method> {
        let lower = name.to_ascii_lowercase();
        Some(match lower.as_str() {
            "get" => Method::Get,
            "post" => Method::Post,
            "put" => Method::Put,
            "patch" => Method::Patch,
            "delete" | "del" => Method::Delete,
            "head" => Method::Head,
            "options" => Method::Options,
            "all" | "any" | "*" => Method::Any,
            _ => return None,
        })
    }
}

/// The operation of an RPC-style endpoint that has no HTTP method of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RpcOp {
    Query,
    Mutation,
    Subscription,
}

impl RpcOp {
    pub fn as_str(self) -> &'static str {
        match self {
            RpcOp::Query => "QUERY",
            RpcOp::Mutation => "MUTATION",
            RpcOp::Subscription => "SUBSCRIPTION",
        }
    }
}

/// What kind of server entry point an endpoint is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EndpointKind {
    /// A Next.js App Router `route.ts` export (`GET`, `POST`, …); SvelteKit `+server.ts`,
    /// Astro `pages/**/*.ts` endpoint exports are this kind too.
    RouteHandler,
    /// A Next.js server action (`'use server'`), called by id.
    ServerAction,
    /// A Next.js Pages Router API route (`pages/api/*`), one handler for every method.
    PagesApi,
    /// A tRPC procedure (`router({ list: procedure.query(...) })`), called through the app's
    /// tRPC route.
    TrpcProcedure,
    /// A route registered on a router: `app.get(path, …)` (Express, Fastify, Hono, Koa,
    /// next-connect), `.route("/x", get(h))` (axum), `#[get("/x")]` (actix-web, Rocket, Poem).
    RouterRoute,
    /// A NestJS controller method (`@Get()` in a `@Controller()`).
    ControllerMethod,
    /// A React Router / Remix `loader` (GET data for a route module).
    Loader,
    /// A React Router / Remix `action` (mutations posted to a route module).
    Action,
    /// A SvelteKit form action (`export const actions = { default, named }`).
    FormAction,
    /// A TanStack Start server function (`createServerFn().handler(fn)`), called by id.
    ServerFunction,
    /// A file-routed server route: Nuxt `server/api/*`, TanStack Start server routes.
    ServerRoute,
    /// An Astro action (`defineAction({ handler })`), called by name.
    AstroAction,
}

impl EndpointKind {
    pub fn describe(self) -> &'static str {
        match self {
            EndpointKind::RouteHandler => "route handler",
            EndpointKind::ServerAction => "server action",
            EndpointKind::PagesApi => "API route",
            EndpointKind::TrpcProcedure => "tRPC procedure",
            EndpointKind::RouterRoute => "route",
            EndpointKind::ControllerMethod => "controller method",
            EndpointKind::Loader => "loader",
            EndpointKind::Action => "action",
            EndpointKind::FormAction => "form action",
            EndpointKind::ServerFunction => "server function",
            EndpointKind::ServerRoute => "server route",
            EndpointKind::AstroAction => "Astro action",
        }
    }

    /// Called by id or name rather than by URL: middleware by path does not cover it.
    pub fn is_rpc(self) -> bool {
        matches!(
            self,
            EndpointKind::ServerAction
                | EndpointKind::ServerFunction
                | EndpointKind::AstroAction
                | EndpointKind::TrpcProcedure
        )
    }
}

/// Where something is reported: a display path and a byte range in that file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: String,
    pub range: Range<usize>,
}

/// How an endpoint fares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Protected(Evidence),
    /// Auth is read (what, e.g. "`auth()`") but nothing gates on it.
    Unchecked(String),
    Unprotected,
}

/// What the handler itself does, beyond its verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HandlerFacts {
    /// The handler itself calls Clerk's `auth()`/`currentUser()`/`getAuth()` (those throw
    /// when no Clerk middleware ran for the request).
    pub reads_clerk: bool,
    /// Signs that it handles Clerk webhook events.
    pub webhook_signals: Vec<String>,
    /// A signature check exists but its failure is swallowed (`try { verify } catch {}`).
    pub verify_swallowed: bool,
    /// The check exists but only after this write has run (the verdict is then
    /// [`Verdict::Unprotected`]).
    pub late_check: Option<String>,
    /// Router frameworks: a Clerk middleware that only attaches auth runs for the route
    /// (`clerkMiddleware()`, `ClerkExpressWithAuth()`), named as written.
    pub populate_only: Option<String>,
    /// A middleware in the route's chain decodes a token without verifying it (its name).
    pub decode_only: Option<String>,
    /// A user id the handler takes from the request (`req.body.userId`), as written.
    pub request_identity: Option<String>,
    /// Why an endpoint that looks meant to be protected is not (the verdict is then
    /// [`Verdict::Unprotected`]).
    pub gap: Option<Gap>,
}

/// Why an endpoint that looks meant to be protected is not: the shape the rules explain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gap {
    /// The handler takes the identity a guard inserts into the request (`what`, e.g.
    /// `` `Extension<ClerkJwt>` ``), but no guard covers the route: the extraction fails at
    /// runtime for every caller (a 500 in axum and actix-web).
    ClaimsWithoutGuard { what: String },
    /// A guard wraps the route but its route list, compared with the request path by exact
    /// string equality, does not match it. `path` is the path the guard compares (after any
    /// prefix a nested router strips); `entries` the list.
    RouteListMiss { path: String, entries: Vec<String> },
    /// The route was registered after the guard that covers the routes before it (an axum
    /// `.layer()` wraps only the routes already on its router).
    AddedAfterGuard,
}

#[derive(Clone, Debug)]
pub struct Endpoint {
    pub framework: FrameworkId,
    pub kind: EndpointKind,
    /// `None` for endpoints called by id (server actions, server functions, RPC).
    pub method: Option<Method>,
    /// For RPC endpoints: the operation (`QUERY`, `MUTATION`).
    pub rpc: Option<RpcOp>,
    /// The full URL pattern (`/api/projects/:id`); `None` for endpoints called by id.
    pub url: Option<String>,
    /// The handler, action or procedure name (a tRPC procedure: the path clients call,
    /// `post.getAll`, when its router was found mounted).
    pub name: String,
    /// Other names `[routes] public` accepts for it: a tRPC procedure's definition name
    /// (`postRouter.getAll`) and the other paths it is mounted at.
    pub aliases: Vec<String>,
    /// Where it is reported: the byte range of its name (or first line).
    pub location: Location,
    pub verdict: Verdict,
    pub facts: HandlerFacts,
    /// The app root (display path, `""` for the scan root).
    pub app: String,
    /// Files whose change can change this verdict (middleware, helpers).
    pub depends_on: Vec<String>,
    /// Listed as public on purpose in clerk-lint.toml (`[routes] public`).
    pub public: bool,
    /// The route that dispatches the app's tRPC procedures (each procedure is an endpoint too).
    pub trpc_dispatcher: bool,
}

impl Endpoint {
    /// The method column of the inventory: `GET`, `*` (every method), `QUERY` (an RPC
    /// operation), `ACTION` (called by id).
    pub fn method_label(&self) -> &'static str {
        match (self.method, self.rpc) {
            (Some(m), _) => m.as_str(),
            (None, Some(op)) => op.as_str(),
            (None, None) => "ACTION",
        }
    }

    /// `POST /api/projects`, `/api/legacy` (every method), `deleteProject` (called by id).
    pub fn label(&self) -> String {
        match (&self.url, self.method) {
            (Some(url), Some(Method::Any) | None) => url.clone(),
            (Some(url), Some(m)) => format!("{} {url}", m.as_str()),
            (None, _) => self.name.clone(),
        }
    }
}

/// An app-level problem (middleware, matcher, wiring), typed: the `middleware-matcher-gap`
/// rule writes the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppIssue {
    pub framework: FrameworkId,
    /// The app root (display path).
    pub app: String,
    pub location: Location,
    pub kind: AppIssueKind,
}

/// An endpoint named in an issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointRef {
    pub kind: EndpointKind,
    /// [`Endpoint::label`].
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppIssueKind {
    /// Endpoints read Clerk's auth but the app has no Clerk middleware at all; reported once
    /// per app at the first such endpoint.
    NoMiddleware {
        endpoint: EndpointRef,
        /// How many other endpoints read Clerk's auth.
        others: usize,
        /// Where the middleware file should be (`src/middleware.ts`, `proxy.ts`).
        expected: String,
    },
    /// The middleware does not run for an endpoint that reads Clerk's auth.
    MatcherGap {
        endpoint: EndpointRef,
        url: String,
        /// The middleware file (display path).
        middleware: String,
    },
    /// A middleware / proxy file Next.js never runs (beside the wrong directory).
    MiddlewareMisplaced {
        proxy: bool,
        expected: String,
        uses_src: bool,
    },
    /// Both `middleware` and `proxy` exist; only `proxy` runs (Next.js 16).
    MiddlewareAndProxy,
    /// A public-route entry opens every API route.
    PublicApiRoute { entry: String },
    /// `config.matcher` does not match a sample `/api` path.
    MatcherExcludesApi,
    /// `auth.protect()` is neither awaited nor returned.
    UnawaitedProtect,
    /// A Core-1 `afterAuth` that rejects nobody.
    AfterAuthOpen,
    /// A React Router route module exports `middleware` (or `unstable_middleware`), but the
    /// matching future flag is off in `react-router.config.*`, so it never runs.
    RouteMiddlewareFlagOff {
        /// The exported name.
        export: String,
        /// The config file (display path), or the name it should have.
        config: String,
    },
    /// A route pattern (as written) too costly to evaluate within its step budget: the
    /// routes it may match were treated as unprotected by it.
    PatternGaveUp { pattern: String },
}

/// Everything the endpoint analysis found in a project.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Sorted by location.
    pub endpoints: Vec<Endpoint>,
    pub issues: Vec<AppIssue>,
    pub unawaited: Vec<Unawaited>,
    /// Endpoint files that do not parse: (display path, byte range, message).
    pub parse_errors: Vec<(String, Range<usize>, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_ids_are_unique_lowercase() {
        let mut seen = std::collections::HashSet::new();
        for f in FrameworkId::ALL {
            let id = f.as_str();
            assert_eq!(id, id.to_ascii_lowercase());
            assert!(seen.insert(id), "{id}");
        }
    }

    #[test]
    fn methods_parse_and_render() {
        assert_eq!(Method::from_export("GET"), Some(Method::Get));
        assert_eq!(Method::from_export("get"), None);
        assert_eq!(Method::from_export("ALL"), None);
        assert_eq!(Method::from_router("del"), Some(Method::Delete));
        assert_eq!(Method::from_router("all"), Some(Method::Any));
        assert_eq!(Method::from_router("use"), None);
        assert_eq!(Method::Any.as_str(), "*");
    }
}
