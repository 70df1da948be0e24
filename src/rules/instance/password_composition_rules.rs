//! `instance/password-composition-rules`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance that uses passwords with any of
    /// `user_settings.password_settings.require_special_char`, `require_numbers`,
    /// `require_uppercase` or `require_lowercase` set to `true`. Only `clerk-lint instance` runs
    /// it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// NIST SP 800-63B advises against composition rules: they push users to predictable patterns
    /// (`Password1!`) without adding much strength. Length plus breach detection works better;
    /// Clerk's own audit leaves these rules out on purpose.
    ///
    /// ## Example
    /// ```json
    /// "password_settings": { "require_uppercase": true, "require_special_char": true }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Password: turn off the character requirements; rely on
    /// the minimum length and “Reject compromised passwords”.
    pub static META {
        id: "instance/password-composition-rules",
        source: Instance,
        severity: Info,
        summary: "password composition rules are on",
    }
}

pub struct PasswordCompositionRules;

impl Rule for PasswordCompositionRules {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
