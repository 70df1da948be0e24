//! Koa (`@koa/router` / `koa-router`, with the community `@dimkl/clerk-koa` or `@clerk/backend`
//! `verifyToken` / `authenticateRequest` in a middleware): every `router.get(path, …mw,
//! handler)` (named routes too), with its full URL from `new Router({ prefix })`,
//! `router.prefix()`, nested `router.use('/x', sub.routes())` and `app.use(router.routes())`,
//! across files (`import` and `require`), judged by the router analysis ([`super::routers`]):
//! `requireAuth()` or a project middleware in the route's list or `use`d before it, or a check
//! in the handler. A middleware protects when its signed-out path answers (`ctx.throw(401)`,
//! `ctx.status = 401; return`) without reaching `await next()`.

use crate::analysis::endpoint::FrameworkId;
use crate::analysis::engine::{ExitCall, ImportRule, Name, Pkg, Role, Vocabulary};
use crate::analysis::framework::routers::{self, Roots};
use crate::analysis::framework::{AnalysisOut, AppCx, Framework};

pub struct Koa;

const CLERK_KOA: Pkg = Pkg::Package("@dimkl/clerk-koa");

/// Koa handlers get the context: `ctx.auth` is the Clerk auth object (`@dimkl/clerk-koa`
/// assigns `requestState.toAuth()`), `getAuth(ctx)` returns it, `ctx.throw(401)` ends the
/// request, and `ctx.state.user` is where project middleware keeps the verified caller.
pub static VOCABULARY: Vocabulary = Vocabulary {
    imports: &[
        ImportRule {
            package: CLERK_KOA,
            name: Name::Exact("getAuth"),
            role: Role::ClerkGetAuth,
        },
        ImportRule {
            package: CLERK_KOA,
            name: Name::Exact("requireAuth"),
            role: Role::ClerkRequireAuth,
        },
    ],
    opaque: &[CLERK_KOA],
    exit_calls: &[ExitCall {
        callee: "ctx.throw",
        status: true,
    }],
    identity_members: &["state.user", "state.userId"],
    request_auth: true,
    ..Vocabulary::EMPTY
};

impl Framework for Koa {
    fn id(&self) -> FrameworkId {
        FrameworkId::Koa
    }

    fn detect(&self, app: &AppCx) -> bool {
        let deps = &app.app.deps;
        let koa = deps.contains_key("koa")
            || deps.contains_key("@koa/router")
            || deps.contains_key("koa-router");
        koa && routers::uses_clerk(app)
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        routers::collect(app, Roots::Koa, FrameworkId::Koa, out);
    }
}
