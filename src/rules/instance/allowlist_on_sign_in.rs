//! `instance/allowlist-on-sign-in`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
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

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Allowlist and blocklist enforced at sign-in",
    tier: Tier::Frontend,
    fields: &[ALLOWLIST, BLOCKLIST, NOT_ON_SIGN_IN],
    fix: "User & authentication › Restrictions: enforce the allowlist and blocklist at sign-in too",
    production_only: false,
    default_on: true,
    clerk_cli: Some("allowlist-on-sign-in"),
    eval: allowlist_on_sign_in,
};

fn allowlist_on_sign_in(cx: &Cx) -> Result<Outcome, Gap> {
    let allow = cx.env.bool(ALLOWLIST)?;
    let block = cx.env.bool(BLOCKLIST)?;
    let what = match (allow, block) {
        (false, false) => return not_applicable("neither an allowlist nor a blocklist is on"),
        (true, false) => "the allowlist is",
        (false, true) => "the blocklist is",
        (true, true) => "the allowlist and blocklist are",
    };
    if cx.env.bool(NOT_ON_SIGN_IN)? {
        return fail(
            NOT_ON_SIGN_IN,
            format!("{what} not enforced at sign-in, only at sign-up"),
        );
    }
    Ok(Outcome::Pass)
}
