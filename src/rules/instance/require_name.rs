//! `instance/require-name`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

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
