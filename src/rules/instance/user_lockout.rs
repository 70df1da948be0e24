//! `instance/user-lockout`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance whose `user_settings.attack_protection.user_lockout.enabled` is `false`.
    /// Only `clerk-lint instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// Without lockout nothing limits how many passwords or codes an attacker may try against one
    /// account.
    ///
    /// ## Example
    /// ```json
    /// "attack_protection": { "user_lockout": { "enabled": false } }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Attack protection › User lockout: turn it on (e.g. 5 attempts, 15 minutes).
    pub static META {
        id: "instance/user-lockout",
        source: Instance,
        severity: Error,
        summary: "accounts are not locked after repeated failed sign-in attempts",
    }
}

pub struct UserLockout;

impl Rule for UserLockout {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
