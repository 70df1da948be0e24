//! `instance/dev-instance`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a publishable key read from a `.env.production*` file whose instance is not a
    /// production one (`display_config.instance_environment_type` is `development` or `staging`).
    /// Only `clerk-lint instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// Development instances are meant for local work: they use the development browser handshake,
    /// show a dev-mode banner, have relaxed limits and shared OAuth credentials, and their settings
    /// are not what you reviewed for production.
    ///
    /// ## Example
    /// ```dotenv
    /// # .env.production
    /// NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_...
    /// ```
    ///
    /// ## How to fix
    /// Create or pick the production instance (Dashboard › switch to Production) and put its
    /// `pk_live_` / `sk_live_` keys in the production environment.
    pub static META {
        id: "instance/dev-instance",
        source: Instance,
        severity: Warning,
        summary: "the keys of a production deploy belong to a development instance",
    }
}

pub struct DevInstance;

impl Rule for DevInstance {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
