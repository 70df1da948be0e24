//! `instance/breach-detection`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance that uses passwords (`user_settings.attributes.password.enabled`) with
    /// `user_settings.password_settings.disable_hibp` set to `true`, i.e. “Reject compromised
    /// passwords” (HaveIBeenPwned) turned off. Only `clerk-lint instance` runs it: it reads the
    /// instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// Passwords that appear in breach corpora are the first ones credential-stuffing attacks try.
    /// Rejecting them is what NIST SP 800-63B asks for and what makes a short minimum length
    /// acceptable.
    ///
    /// ## Example
    /// ```json
    /// "password_settings": { "disable_hibp": true }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Password: turn on “Reject compromised passwords”.
    pub static META {
        id: "instance/breach-detection",
        source: Instance,
        severity: Error,
        summary: "passwords found in data breaches are accepted",
    }
}

pub struct BreachDetection;

impl Rule for BreachDetection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Reject compromised passwords",
    tier: Tier::Frontend,
    fields: &[PASSWORD_ENABLED, DISABLE_HIBP],
    fix: "User & authentication › Password: turn on “Reject compromised passwords”",
    production_only: false,
    default_on: true,
    clerk_cli: Some("breach-detection"),
    eval: breach_detection,
};

fn breach_detection(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = passwords_off(cx)? {
        return Ok(na);
    }
    if cx.env.bool(DISABLE_HIBP)? {
        return fail(
            DISABLE_HIBP,
            "“Reject compromised passwords” (HaveIBeenPwned) is off",
        );
    }
    Ok(Outcome::Pass)
}
