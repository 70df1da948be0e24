//! `instance/phone-verification`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance that collects phone numbers
    /// (`user_settings.attributes.phone_number.enabled`) with `verify_at_sign_up` off or without
    /// `phone_code` in `verifications`; the message adds when the `sms` channel is off
    /// (`channels`). Only `clerk-lint instance` runs it: it reads the instance's settings, not the
    /// code.
    ///
    /// ## Why is this bad?
    /// An unverified number can belong to anyone: codes for sign-in, recovery or a second factor
    /// then go to a stranger, and the account's owner cannot prove it is theirs.
    ///
    /// ## Example
    /// ```json
    /// "phone_number": { "enabled": true, "verify_at_sign_up": false, "verifications": [] }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Phone: turn on “Verify at sign-up” with an SMS
    /// verification code.
    pub static META {
        id: "instance/phone-verification",
        source: Instance,
        severity: Warning,
        summary: "phone numbers are not verified by SMS code at sign-up",
    }
}

pub struct PhoneVerification;

impl Rule for PhoneVerification {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Verify phone numbers by SMS code",
    tier: Tier::Frontend,
    fields: &[
        PHONE_ENABLED,
        PHONE_VERIFY,
        PHONE_VERIFICATIONS,
        PHONE_CHANNELS,
    ],
    fix: "User & authentication › Phone: turn on “Verify at sign-up” with an SMS code",
    production_only: false,
    default_on: true,
    clerk_cli: Some("phone-verification"),
    eval: phone_verification,
};

fn phone_verification(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(PHONE_ENABLED)? {
        return not_applicable("phone numbers are off");
    }
    let verify = cx.env.bool(PHONE_VERIFY)?;
    let (field, mut message) = if !verify {
        (
            PHONE_VERIFY,
            "phone numbers are not verified by SMS code at sign-up (`verify_at_sign_up` is off)"
                .to_string(),
        )
    } else if !cx.env.strs(PHONE_VERIFICATIONS)?.contains(&"phone_code") {
        (
            PHONE_VERIFICATIONS,
            "phone numbers are not verified by SMS code at sign-up: `verifications` lacks `phone_code`"
                .to_string(),
        )
    } else {
        return Ok(Outcome::Pass);
    };
    if let Ok(Some(channels)) = cx.env.opt_strs(PHONE_CHANNELS)
        && !channels.contains(&"sms")
    {
        message.push_str("; the SMS channel is off");
    }
    fail(field, message)
}
