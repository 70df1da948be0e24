//! `instance/captcha-native-bypass`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance with bot sign-up protection on (`user_settings.sign_up.captcha_enabled`)
    /// and the Native API on (`auth_config.native_settings.api_enabled`). Only `clerk-lint
    /// instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// Clerk's bot-protection docs: the Native API “enables a public request pathway through which
    /// CAPTCHA challenges are bypassed”. It is needed by native (iOS, Android, Expo) apps; for a
    /// web-only app it only opens the bypass.
    ///
    /// ## Example
    /// ```json
    /// "auth_config": { "native_settings": { "api_enabled": true } }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Native applications: turn off the Native API unless a native app needs it.
    pub static META {
        id: "instance/captcha-native-bypass",
        source: Instance,
        severity: Info,
        summary: "the Native API is on, which lets sign-ups skip the CAPTCHA",
    }
}

pub struct CaptchaNativeBypass;

impl Rule for CaptchaNativeBypass {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
