//! `instance/enumeration-protection`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance whose `user_settings.attack_protection.enumeration_protection.enabled` is
    /// not `true`. The Frontend API exposes only this boolean, which is `true` for Strict
    /// protection: it cannot tell Bulk protection from none, so this is a note. Only `clerk-lint
    /// instance` runs it: it reads the instance's settings, not the code.
    ///
    /// The Bulk-versus-off mode is not observable with a publishable or secret key.
    ///
    /// ## Why is this bad?
    /// Without enumeration protection, sign-in and sign-up answers tell an attacker which email
    /// addresses or phone numbers have accounts, which feeds targeted phishing and credential
    /// stuffing.
    ///
    /// ## Example
    /// ```json
    /// "attack_protection": { "enumeration_protection": { "enabled": false } }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Attack protection: set User enumeration protection to Strict (or check that Bulk
    /// is on).
    pub static META {
        id: "instance/enumeration-protection",
        source: Instance,
        severity: Info,
        summary: "strict user-enumeration protection is off",
    }
}

pub struct EnumerationProtection;

impl Rule for EnumerationProtection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "User-enumeration protection",
    tier: Tier::Frontend,
    fields: &[ENUMERATION],
    fix: "Attack protection: set User enumeration protection to Strict (or check that Bulk is on)",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: enumeration_protection,
};

fn enumeration_protection(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(ENUMERATION)? {
        return fail(
            ENUMERATION,
            "strict user-enumeration protection is off (Bulk or none: the Frontend API does not say which)",
        );
    }
    Ok(Outcome::Pass)
}
