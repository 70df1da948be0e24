//! `instance/email-link-same-client`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance that offers email links (`email_link` in
    /// `user_settings.attributes.email_address.verifications` or `.first_factors`) with
    /// `user_settings.attack_protection.email_link.require_same_client` set to `false`. Only
    /// `clerk-lint instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// A sign-in link that works from any browser can be phished: an attacker starts a sign-in,
    /// gets the victim to click the link the victim receives, and the attacker's session is the one
    /// that is signed in.
    ///
    /// ## Example
    /// ```json
    /// "attack_protection": { "email_link": { "require_same_client": false } }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Email: under email verification link, turn on “Require
    /// the same device and browser”.
    pub static META {
        id: "instance/email-link-same-client",
        source: Instance,
        severity: Info,
        summary: "email links can be completed on another device or browser",
    }
}

pub struct EmailLinkSameClient;

impl Rule for EmailLinkSameClient {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
