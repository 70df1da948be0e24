//! `instance/password-min-length`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
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

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Password minimum length of 8 or more",
    tier: Tier::Frontend,
    fields: &[PASSWORD_ENABLED, MIN_LENGTH],
    fix: "User & authentication › Password: set the minimum length to 8 or more",
    production_only: false,
    default_on: true,
    clerk_cli: Some("password-min-length"),
    eval: password_min_length,
};

fn password_min_length(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = passwords_off(cx)? {
        return Ok(na);
    }
    let n = cx.env.int(MIN_LENGTH)?;
    // 0 means unset: Clerk applies its default of 8.
    if (1..8).contains(&n) {
        return fail(
            MIN_LENGTH,
            format!("the minimum password length is {n}; NIST SP 800-63B requires at least 8"),
        );
    }
    Ok(Outcome::Pass)
}
