//! `instance/bot-protection`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance with public sign-up (`user_settings.sign_up.mode` is `"public"`) whose
    /// `user_settings.sign_up.captcha_enabled` is `false`. Only `clerk-lint instance` runs it: it
    /// reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// Without the Cloudflare Turnstile challenge on sign-up, scripts can create accounts in bulk:
    /// fake sign-ups, SMS and email pumping (every sign-up sends a verification code you pay for),
    /// and abuse of free tiers.
    ///
    /// ## Example
    /// ```json
    /// "sign_up": { "mode": "public", "captcha_enabled": false }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Attack protection: turn on Bot sign-up protection (Cloudflare Turnstile).
    pub static META {
        id: "instance/bot-protection",
        source: Instance,
        severity: Error,
        summary: "bot sign-up protection (CAPTCHA) is off while anyone can sign up",
    }
}

pub struct BotProtection;

impl Rule for BotProtection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Bot sign-up protection",
    tier: Tier::Frontend,
    fields: &[CAPTCHA, SIGN_UP_MODE],
    fix: "Attack protection: turn on Bot sign-up protection (Cloudflare Turnstile)",
    production_only: false,
    default_on: true,
    clerk_cli: Some("bot-protection"),
    eval: bot_protection,
};

fn bot_protection(cx: &Cx) -> Result<Outcome, Gap> {
    if cx.env.bool(CAPTCHA)? {
        return Ok(Outcome::Pass);
    }
    if let Some(reason) = sign_up_not_public(cx)? {
        return not_applicable(reason);
    }
    fail(
        CAPTCHA,
        "bot sign-up protection (Cloudflare Turnstile CAPTCHA) is off while anyone can sign up",
    )
}
