//! Connect-style routers inside Next.js `pages/api` files (`next-connect` `createRouter()`,
//! the older default export `nc()`): each `.get(path?, …)` / `.post(…)` is its own endpoint
//! with its own verdict, and `.use(guard)` before it protects it. The URL is the route's path
//! when it has one, else the file's. The Next.js adapter lists the same file as one API route;
//! this adapter replaces that entry with the file's routes.

use crate::analysis::endpoint::{EndpointKind, FrameworkId};
use crate::analysis::engine::Vocabulary;
use crate::analysis::framework::routers::{self, Roots};
use crate::analysis::framework::{AnalysisOut, AppCx, Framework};

pub struct NextConnect;

pub static VOCABULARY: Vocabulary = Vocabulary {
    request_auth: true,
    ..Vocabulary::EMPTY
};

impl Framework for NextConnect {
    fn id(&self) -> FrameworkId {
        FrameworkId::NextConnect
    }

    fn detect(&self, app: &AppCx) -> bool {
        app.app.deps.contains_key("next-connect") && routers::uses_clerk(app)
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        let before = out.endpoints.len();
        routers::collect(app, Roots::Connect, FrameworkId::NextConnect, out);
        let files: std::collections::HashSet<String> = out.endpoints[before..]
            .iter()
            .map(|e| e.location.file.clone())
            .collect();
        // The file's routes replace its single `pages/api` entry.
        out.endpoints.retain(|e| {
            !(e.framework == FrameworkId::NextJs
                && e.kind == EndpointKind::PagesApi
                && files.contains(&e.location.file))
        });
    }
}
