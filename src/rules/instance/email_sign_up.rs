//! `instance/email-sign-up`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

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
