//! `instance/breach-detection-sign-in`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

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
