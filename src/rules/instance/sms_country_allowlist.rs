//! `instance/sms-country-allowlist`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance that uses phone numbers (`user_settings.attributes.phone_number.enabled`)
    /// whose SMS country blocklist (Backend API `GET /v1/instance/communication`,
    /// `blocked_country_codes`) is empty. Read only when a secret key is given. What an empty list
    /// means has not been checked on a live instance: Clerk stores a blocklist of “SMS-tier”
    /// countries, so an empty one may mean every tier is on. Only `clerk-lint instance` runs it: it
    /// reads the instance's settings, not the code.
    ///
    /// Tier B: needs `--secret-key` or `CLERK_SECRET_KEY`.
    ///
    /// ## Why is this bad?
    /// Every SMS country you leave on is a destination for SMS pumping (toll fraud): bots request
    /// codes to premium numbers and you pay for each message.
    ///
    /// ## Example
    /// ```json
    /// { "object": "instance_communication", "blocked_country_codes": [] }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Customization › SMS › Settings: limit the SMS allowlist to the countries your
    /// users are in.
    pub static META {
        id: "instance/sms-country-allowlist",
        source: Instance,
        severity: Warning,
        summary: "no SMS country is blocked, so codes can be sent worldwide",
    }
}

pub struct SmsCountryAllowlist;

impl Rule for SmsCountryAllowlist {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "SMS country allowlist",
    tier: Tier::Backend,
    fields: &[PHONE_ENABLED, BLOCKED_COUNTRIES],
    fix: "Customization › SMS › Settings: limit the SMS allowlist to your users' countries",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: sms_country_allowlist,
};

fn sms_country_allowlist(cx: &Cx) -> Result<Outcome, Gap> {
    let Some(bapi) = &cx.bapi else {
        return not_applicable("needs a secret key");
    };
    if !cx.env.bool(PHONE_ENABLED)? {
        return not_applicable("phone numbers are off");
    }
    if bapi.strs(BLOCKED_COUNTRIES)?.is_empty() {
        return fail(
            BLOCKED_COUNTRIES,
            "no SMS country is blocked: SMS codes can be sent worldwide (toll fraud, SMS pumping)",
        );
    }
    Ok(Outcome::Pass)
}
