//! `instance/breach-detection`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

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
