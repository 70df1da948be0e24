//! `instance/test-mode-in-production`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a production instance whose `auth_config.test_mode` is `true`. Only `clerk-lint
    /// instance` runs it: it reads the instance's settings, not the code.
    ///
    /// Production-only; skipped on development instances.
    ///
    /// ## Why is this bad?
    /// In test mode, `+clerk_test` email addresses and `+1 (XXX) 555-01XX` phone numbers verify
    /// with the fixed code `424242`: anyone can create verified accounts without owning an address
    /// or a number. Clerk calls test mode in production “highly discouraged”.
    ///
    /// ## Example
    /// ```json
    /// "auth_config": { "test_mode": true },
    /// "display_config": { "instance_environment_type": "production" }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Settings: turn off test mode on the production instance.
    pub static META {
        id: "instance/test-mode-in-production",
        source: Instance,
        severity: Error,
        summary: "test mode is on in a production instance",
    }
}

pub struct TestModeInProduction;

impl Rule for TestModeInProduction {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Test mode off in production",
    tier: Tier::Frontend,
    fields: &[TEST_MODE, ENV_TYPE],
    fix: "Settings: turn off test mode on the production instance",
    production_only: true,
    default_on: true,
    clerk_cli: None,
    eval: test_mode_in_production,
};

fn test_mode_in_production(cx: &Cx) -> Result<Outcome, Gap> {
    if cx.env.bool(TEST_MODE)? {
        return fail(
            TEST_MODE,
            "test mode is on in production: `+clerk_test` emails and 555-01xx phone numbers verify with code 424242",
        );
    }
    Ok(Outcome::Pass)
}
