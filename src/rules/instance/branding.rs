//! `instance/branding`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
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

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Remove “Secured by Clerk” branding",
    tier: Tier::Frontend,
    fields: &[BRANDED, ENV_TYPE],
    fix: "Customization › Branding: turn off “Secured by Clerk” (paid plans)",
    production_only: true,
    default_on: false,
    clerk_cli: None,
    eval: branding,
};

fn branding(cx: &Cx) -> Result<Outcome, Gap> {
    if cx.env.bool(BRANDED)? {
        return fail(
            BRANDED,
            "the “Secured by Clerk” badge is shown (removing it is a paid feature)",
        );
    }
    Ok(Outcome::Pass)
}
