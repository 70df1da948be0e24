//! `instance/allowlist-on-sign-in`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance whose allowlist or blocklist is on
    /// (`user_settings.restrictions.allowlist.enabled` / `.blocklist.enabled`) while
    /// `user_settings.restrictions.allowlist_blocklist_disabled_on_sign_in.enabled` is `true`. Only
    /// `clerk-lint instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// With the restriction checked only at sign-up, an account created before an identifier was
    /// blocked (or removed from the allowlist) can still sign in. Clerk's own audit lists the same
    /// check (`allowlist-on-sign-in`).
    ///
    /// ## Example
    /// ```json
    /// "restrictions": {
    ///   "allowlist": { "enabled": true },
    ///   "allowlist_blocklist_disabled_on_sign_in": { "enabled": true }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Restrictions: enforce the allowlist and blocklist on
    /// sign-in too.
    pub static META {
        id: "instance/allowlist-on-sign-in",
        source: Instance,
        severity: Warning,
        summary: "the allowlist or blocklist is not enforced at sign-in",
    }
}

pub struct AllowlistOnSignIn;

impl Rule for AllowlistOnSignIn {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
