//! `instance/phone-verification`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

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
