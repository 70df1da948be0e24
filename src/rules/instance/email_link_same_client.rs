//! `instance/email-link-same-client`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
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

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Email links only on the same device",
    tier: Tier::Frontend,
    fields: &[
        EMAIL_ENABLED,
        EMAIL_VERIFICATIONS,
        EMAIL_FIRST_FACTORS,
        SAME_CLIENT,
    ],
    fix: "User & authentication › Email: turn on “Require the same device and browser” for email links",
    production_only: false,
    default_on: true,
    clerk_cli: Some("email-link-same-client"),
    eval: email_link_same_client,
};

fn email_link_same_client(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(EMAIL_ENABLED)? {
        return not_applicable("email addresses are off");
    }
    let verifications = cx.env.opt_strs(EMAIL_VERIFICATIONS)?;
    let first_factors = cx.env.opt_strs(EMAIL_FIRST_FACTORS)?;
    if verifications.is_none() && first_factors.is_none() {
        return Err(Gap {
            path: format!("{EMAIL}.verifications"),
            expected: None,
            source: cx.env.source,
        });
    }
    let links = verifications
        .iter()
        .chain(first_factors.iter())
        .flatten()
        .any(|s| *s == "email_link");
    if !links {
        return not_applicable("email links are off");
    }
    if !cx.env.bool(SAME_CLIENT)? {
        return fail(
            SAME_CLIENT,
            "email links can be completed on another device or browser",
        );
    }
    Ok(Outcome::Pass)
}
