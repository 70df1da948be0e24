//! `instance/allowed-origins`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags each entry of the instance's `allowed_origins` (Backend API `GET /v1/instance`, read
    /// only when a secret key is given) that is `*`, an `http://` origin other than localhost, or,
    /// on a production instance, any `http://localhost` origin. Only `clerk-lint instance` runs it:
    /// it reads the instance's settings, not the code.
    ///
    /// Tier B: needs `--secret-key` or `CLERK_SECRET_KEY`.
    ///
    /// ## Why is this bad?
    /// Allowed origins decide which sites may call the instance's Frontend API with a user's
    /// session (including satellite and cross-origin setups). A wildcard or a plain-HTTP origin
    /// lets any site, or anyone on the network path, drive authenticated requests; a localhost
    /// origin on production lets any page served on a developer's machine do the same.
    ///
    /// ## Example
    /// ```json
    /// { "object": "instance", "environment_type": "production",
    ///   "allowed_origins": ["https://example.com", "http://localhost:3000"] }
    /// ```
    ///
    /// ## How to fix
    /// Remove the origin with the Backend API (`PATCH /v1/instance` with the trimmed
    /// `allowed_origins`); keep only the HTTPS origins of your own apps.
    pub static META {
        id: "instance/allowed-origins",
        source: Instance,
        severity: Warning,
        summary: "the instance accepts requests from an overly broad or insecure origin",
    }
}

pub struct AllowedOrigins;

impl Rule for AllowedOrigins {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
