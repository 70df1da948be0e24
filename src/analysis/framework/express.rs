//! Express (`@clerk/express` 1.x/2.x, legacy `@clerk/clerk-sdk-node`): every
//! `app.METHOD(path, …)`, `router.METHOD(…)`, `router.route(path).METHOD(…)` and `app.all`,
//! with its full URL from how routers are mounted (`app.use('/api', router)`, across files,
//! `import` and `require`), judged by the router analysis ([`super::routers`]): a guard in the
//! route's own list or mounted before it, or a check in the handler.

use crate::analysis::endpoint::FrameworkId;
use crate::analysis::engine::Vocabulary;
use crate::analysis::framework::routers::{self, Roots};
use crate::analysis::framework::{AnalysisOut, AppCx, Framework};

pub struct Express;

/// Express handlers read Clerk's auth object from the request (`req.auth()`, and the object
/// form `req.auth.userId` of `@clerk/express` 1.x and `@clerk/clerk-sdk-node`).
pub static VOCABULARY: Vocabulary = Vocabulary {
    request_auth: true,
    ..Vocabulary::EMPTY
};

impl Framework for Express {
    fn id(&self) -> FrameworkId {
        FrameworkId::Express
    }

    fn detect(&self, app: &AppCx) -> bool {
        let deps = &app.app.deps;
        let express = deps.contains_key("express")
            || deps.contains_key("@clerk/express")
            || deps.contains_key("@clerk/clerk-sdk-node");
        express && routers::uses_clerk(app)
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        routers::collect(app, Roots::Express, FrameworkId::Express, out);
    }
}
