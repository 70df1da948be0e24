//! `instance/email-sign-up`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance with public sign-up (`user_settings.sign_up.mode` is `"public"`) whose
    /// `user_settings.attributes.email_address.enabled` is `false`. Only `clerk-lint instance` runs
    /// it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// Without an email address there is no channel for account recovery or security notices. A
    /// product choice, hence a note; the security checklist wants it on.
    ///
    /// ## Example
    /// ```json
    /// "email_address": { "enabled": false },
    /// "sign_up": { "mode": "public" }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Email: turn on “Sign-up with email”.
    pub static META {
        id: "instance/email-sign-up",
        source: Instance,
        severity: Info,
        summary: "email is not a sign-up identifier while anyone can sign up",
    }
}

pub struct EmailSignUp;

impl Rule for EmailSignUp {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Sign-up with email",
    tier: Tier::Frontend,
    fields: &[EMAIL_ENABLED, SIGN_UP_MODE],
    fix: "User & authentication › Email: turn on “Sign-up with email”",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: email_sign_up,
};

fn email_sign_up(cx: &Cx) -> Result<Outcome, Gap> {
    if cx.env.bool(EMAIL_ENABLED)? {
        return Ok(Outcome::Pass);
    }
    if let Some(reason) = sign_up_not_public(cx)? {
        return not_applicable(reason);
    }
    fail(
        EMAIL_ENABLED,
        "email is not enabled as a sign-up identifier while anyone can sign up",
    )
}
