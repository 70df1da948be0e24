//! `instance/breach-detection-sign-in`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance that rejects compromised passwords at sign-up
    /// (`password_settings.disable_hibp` is `false`) but has
    /// `password_settings.enforce_hibp_on_sign_in` set to `false`. Not reported when breach
    /// detection is off altogether (`instance/breach-detection` reports that). Only `clerk-lint
    /// instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// A password that was safe when the account was created can show up in a breach later; without
    /// the check at sign-in the account keeps using it until someone stuffs it.
    ///
    /// ## Example
    /// ```json
    /// "password_settings": { "disable_hibp": false, "enforce_hibp_on_sign_in": false }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Password: under “Reject compromised passwords”, also
    /// check passwords at sign-in.
    pub static META {
        id: "instance/breach-detection-sign-in",
        source: Instance,
        severity: Info,
        summary: "breached passwords are rejected at sign-up but not re-checked at sign-in",
    }
}

pub struct BreachDetectionSignIn;

impl Rule for BreachDetectionSignIn {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Re-check compromised passwords at sign-in",
    tier: Tier::Frontend,
    fields: &[PASSWORD_ENABLED, DISABLE_HIBP, HIBP_SIGN_IN],
    fix: "User & authentication › Password: also check for compromised passwords at sign-in",
    production_only: false,
    default_on: true,
    clerk_cli: Some("breach-detection-sign-in"),
    eval: breach_detection_sign_in,
};

fn breach_detection_sign_in(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = passwords_off(cx)? {
        return Ok(na);
    }
    if cx.env.bool(DISABLE_HIBP)? {
        return not_applicable("breach detection is off (see `instance/breach-detection`)");
    }
    if !cx.env.bool(HIBP_SIGN_IN)? {
        return fail(
            HIBP_SIGN_IN,
            "breached passwords are rejected at sign-up but not re-checked at sign-in",
        );
    }
    Ok(Outcome::Pass)
}
