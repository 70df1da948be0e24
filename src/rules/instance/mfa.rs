//! `instance/mfa`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance where none of `user_settings.attributes.authenticator_app.enabled`,
    /// `user_settings.attributes.phone_number.used_for_second_factor` and
    /// `user_settings.attributes.backup_code.enabled` is `true`. Only `clerk-lint instance` runs
    /// it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// Without a second factor, a stolen or guessed password is the whole account. Users who want
    /// to protect their account cannot.
    ///
    /// ## Example
    /// ```json
    /// "authenticator_app": { "enabled": false },
    /// "backup_code": { "enabled": false },
    /// "phone_number": { "used_for_second_factor": false }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Multi-factor: turn on authenticator apps (TOTP) and
    /// backup codes.
    pub static META {
        id: "instance/mfa",
        source: Instance,
        severity: Warning,
        summary: "no second factor is available to users",
    }
}

pub struct Mfa;

impl Rule for Mfa {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "A second factor is available",
    tier: Tier::Frontend,
    fields: &[TOTP, PHONE_SECOND_FACTOR, BACKUP_CODES],
    fix: "User & authentication › Multi-factor: turn on authenticator apps and backup codes",
    production_only: false,
    default_on: true,
    clerk_cli: Some("mfa"),
    eval: mfa,
};

fn mfa(cx: &Cx) -> Result<Outcome, Gap> {
    let factors = [TOTP, PHONE_SECOND_FACTOR, BACKUP_CODES].map(|p| cx.env.bool(p));
    if factors.iter().any(|f| matches!(f, Ok(true))) {
        return Ok(Outcome::Pass);
    }
    if let Some(Err(gap)) = factors.into_iter().find(Result::is_err) {
        return Err(gap);
    }
    fail(
        TOTP,
        "no second factor is available: authenticator apps, SMS codes as a second factor and backup codes are all off",
    )
}
