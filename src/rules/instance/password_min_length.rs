//! `instance/password-min-length`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance that uses passwords with `user_settings.password_settings.min_length`
    /// between 1 and 7. `0` means unset, which is Clerk's default of 8. Only `clerk-lint instance`
    /// runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// NIST SP 800-63B requires at least 8 characters; shorter passwords fall to online guessing
    /// and offline cracking.
    ///
    /// ## Example
    /// ```json
    /// "password_settings": { "min_length": 6 }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Password: set the minimum length to 8 or more.
    pub static META {
        id: "instance/password-min-length",
        source: Instance,
        severity: Error,
        summary: "the minimum password length is below 8",
    }
}

pub struct PasswordMinLength;

impl Rule for PasswordMinLength {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
