//! `instance/branding`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a production instance whose `display_config.branded` is `true`, so the prebuilt
    /// components show the “Secured by Clerk” badge. Off by default: run it with `--extend-select
    /// instance/branding`. Only `clerk-lint instance` runs it: it reads the instance's settings,
    /// not the code.
    ///
    /// Production-only; skipped on development instances.
    ///
    /// ## Why is this bad?
    /// It is not a security problem: some checklists ask for the badge to be removed before launch.
    /// Removing it is a paid feature, hence off by default and a note.
    ///
    /// ## Example
    /// ```json
    /// "display_config": { "instance_environment_type": "production", "branded": true }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Customization › Branding: turn off “Secured by Clerk” (paid plans).
    pub static META {
        id: "instance/branding",
        source: Instance,
        severity: Info,
        summary: "the “Secured by Clerk” badge is shown on a production instance",
    }
}

pub struct Branding;

impl Rule for Branding {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
