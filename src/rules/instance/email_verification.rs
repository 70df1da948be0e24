//! `instance/email-verification`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance that collects email addresses
    /// (`user_settings.attributes.email_address.enabled`) but has `verify_at_sign_up` off, or
    /// offers neither `email_code` nor `email_link` in `verifications`. Only `clerk-lint instance`
    /// runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// An unverified address can belong to anyone: people sign up with someone else's email,
    /// receive the invitations and notices meant for its owner, and where accounts are linked by
    /// email they can take over the account the owner later creates through OAuth.
    ///
    /// ## Example
    /// ```json
    /// "email_address": { "enabled": true, "verify_at_sign_up": false, "verifications": ["email_code"] }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Email: turn on “Verify at sign-up” (email code or link).
    pub static META {
        id: "instance/email-verification",
        source: Instance,
        severity: Error,
        summary: "email addresses are not verified at sign-up",
    }
}

pub struct EmailVerification;

impl Rule for EmailVerification {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Verify email at sign-up",
    tier: Tier::Frontend,
    fields: &[EMAIL_ENABLED, EMAIL_VERIFY, EMAIL_VERIFICATIONS],
    fix: "User & authentication › Email: turn on “Verify at sign-up” (email code or link)",
    production_only: false,
    default_on: true,
    clerk_cli: Some("email-verification"),
    eval: email_verification,
};

fn email_verification(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(EMAIL_ENABLED)? {
        return not_applicable("email addresses are off");
    }
    if !cx.env.bool(EMAIL_VERIFY)? {
        return fail(
            EMAIL_VERIFY,
            "email addresses are not verified at sign-up (`verify_at_sign_up` is off)",
        );
    }
    let strategies = cx.env.strs(EMAIL_VERIFICATIONS)?;
    if !strategies
        .iter()
        .any(|s| matches!(*s, "email_code" | "email_link"))
    {
        return fail(
            EMAIL_VERIFICATIONS,
            "email addresses are not verified at sign-up: `verifications` has neither `email_code` nor `email_link`",
        );
    }
    Ok(Outcome::Pass)
}
