//! `instance/pii-protection`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance whose `user_settings.attack_protection.pii.enabled` is `false`. Only
    /// `clerk-lint instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// With PII protection on, Clerk masks the email address or phone number shown during sign-in,
    /// so someone who types an identifier does not learn the account's other contact details.
    ///
    /// ## Example
    /// ```json
    /// "attack_protection": { "pii": { "enabled": false } }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Attack protection: turn on PII protection.
    pub static META {
        id: "instance/pii-protection",
        source: Instance,
        severity: Info,
        summary: "identifier masking (PII protection) is off during sign-in",
    }
}

pub struct PiiProtection;

impl Rule for PiiProtection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "PII protection",
    tier: Tier::Frontend,
    fields: &[PII],
    fix: "Attack protection: turn on PII protection",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: pii_protection,
};

fn pii_protection(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(PII)? {
        return fail(
            PII,
            "PII protection (masking identifiers during sign-in) is off",
        );
    }
    Ok(Outcome::Pass)
}
