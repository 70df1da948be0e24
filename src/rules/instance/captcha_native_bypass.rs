//! `instance/captcha-native-bypass`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
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

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "No CAPTCHA bypass through the Native API",
    tier: Tier::Frontend,
    fields: &[CAPTCHA, NATIVE_API],
    fix: "Native applications: turn off the Native API unless a native app needs it",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: captcha_native_bypass,
};

fn captcha_native_bypass(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(CAPTCHA)? {
        return not_applicable("bot sign-up protection is off");
    }
    if cx.env.bool(NATIVE_API)? {
        return fail(
            NATIVE_API,
            "the Native API is on: it opens a public path that bypasses the sign-up CAPTCHA",
        );
    }
    Ok(Outcome::Pass)
}
