//! `instance/test-mode-in-production`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

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
