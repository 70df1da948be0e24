//! `instance/require-name`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance where `user_settings.attributes.first_name` or `last_name` is not both
    /// `enabled` and `required`. Off by default: run it with `--extend-select
    /// instance/require-name`. Only `clerk-lint instance` runs it: it reads the instance's
    /// settings, not the code.
    ///
    /// ## Why is this bad?
    /// A product choice, not a security one: some checklists ask for names at sign-up so accounts
    /// are recognisable in support and audit logs.
    ///
    /// ## Example
    /// ```json
    /// "first_name": { "enabled": true, "required": false }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › User model: turn on and require first and last name.
    pub static META {
        id: "instance/require-name",
        source: Instance,
        severity: Info,
        summary: "first and last name are not required at sign-up",
    }
}

pub struct RequireName;

impl Rule for RequireName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Require first and last name",
    tier: Tier::Frontend,
    fields: &[
        FIRST_NAME_ENABLED,
        FIRST_NAME_REQUIRED,
        LAST_NAME_ENABLED,
        LAST_NAME_REQUIRED,
    ],
    fix: "User & authentication › User model: turn on and require first and last name",
    production_only: false,
    default_on: false,
    clerk_cli: None,
    eval: require_name,
};

fn require_name(cx: &Cx) -> Result<Outcome, Gap> {
    let first = cx.env.bool(FIRST_NAME_ENABLED)? && cx.env.bool(FIRST_NAME_REQUIRED)?;
    let last = cx.env.bool(LAST_NAME_ENABLED)? && cx.env.bool(LAST_NAME_REQUIRED)?;
    let (field, what) = match (first, last) {
        (true, true) => return Ok(Outcome::Pass),
        (false, false) => (FIRST_NAME_REQUIRED, "first and last name are"),
        (false, true) => (FIRST_NAME_REQUIRED, "first name is"),
        (true, false) => (LAST_NAME_REQUIRED, "last name is"),
    };
    fail(field, format!("{what} not required at sign-up"))
}
