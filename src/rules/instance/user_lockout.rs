//! `instance/user-lockout`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
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

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Lock accounts after failed sign-in attempts",
    tier: Tier::Frontend,
    fields: &[LOCKOUT_ENABLED],
    fix: "Attack protection › User lockout: turn it on (e.g. 5 attempts, 15 minutes)",
    production_only: false,
    default_on: true,
    clerk_cli: Some("user-lockout"),
    eval: user_lockout,
};

fn user_lockout(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(LOCKOUT_ENABLED)? {
        return fail(
            LOCKOUT_ENABLED,
            "accounts are not locked after repeated failed sign-in attempts",
        );
    }
    Ok(Outcome::Pass)
}
