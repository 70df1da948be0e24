//! `instance/delete-self`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance whose `user_settings.actions.delete_self` is `false`. Only `clerk-lint
    /// instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// Many privacy laws (GDPR's right to erasure, CCPA) expect self-service deletion; without it
    /// every request goes through support. A product choice, hence a note.
    ///
    /// ## Example
    /// ```json
    /// "actions": { "delete_self": false }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › User model: turn on “Allow users to delete their
    /// accounts”.
    pub static META {
        id: "instance/delete-self",
        source: Instance,
        severity: Info,
        summary: "users cannot delete their own accounts",
    }
}

pub struct DeleteSelf;

impl Rule for DeleteSelf {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
