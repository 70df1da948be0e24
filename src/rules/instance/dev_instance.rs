//! `instance/dev-instance`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
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

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Production deploy on a production instance",
    tier: Tier::Frontend,
    fields: &[ENV_TYPE],
    fix: "switch to the Production instance and put its `pk_live_`/`sk_live_` keys in the production environment",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: dev_instance,
};

fn dev_instance(cx: &Cx) -> Result<Outcome, Gap> {
    let Some(file) = &cx.production_deploy_file else {
        return not_applicable("the key does not come from a `.env.production*` file");
    };
    let kind = cx.env.str(ENV_TYPE)?;
    if kind != "production" {
        return fail(
            ENV_TYPE,
            format!("the publishable key in `{file}` belongs to a {kind} instance"),
        );
    }
    Ok(Outcome::Pass)
}
