//! `instance/password-composition-rules`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance that uses passwords with any of
    /// `user_settings.password_settings.require_special_char`, `require_numbers`,
    /// `require_uppercase` or `require_lowercase` set to `true`. Only `clerk-lint instance` runs
    /// it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// NIST SP 800-63B advises against composition rules: they push users to predictable patterns
    /// (`Password1!`) without adding much strength. Length plus breach detection works better;
    /// Clerk's own audit leaves these rules out on purpose.
    ///
    /// ## Example
    /// ```json
    /// "password_settings": { "require_uppercase": true, "require_special_char": true }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › Password: turn off the character requirements; rely on
    /// the minimum length and “Reject compromised passwords”.
    pub static META {
        id: "instance/password-composition-rules",
        source: Instance,
        severity: Info,
        summary: "password composition rules are on",
    }
}

pub struct PasswordCompositionRules;

impl Rule for PasswordCompositionRules {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "No password composition rules",
    tier: Tier::Frontend,
    fields: &[
        PASSWORD_ENABLED,
        COMPOSITION[0],
        COMPOSITION[1],
        COMPOSITION[2],
        COMPOSITION[3],
    ],
    fix: "User & authentication › Password: turn off the character requirements",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: password_composition_rules,
};

fn password_composition_rules(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = passwords_off(cx)? {
        return Ok(na);
    }
    let mut on = Vec::new();
    let mut gap = None;
    for path in COMPOSITION {
        match cx.env.bool(path) {
            Ok(true) => on.push(path),
            Ok(false) => {}
            Err(g) => gap = gap.or(Some(g)),
        }
    }
    match (on.first(), gap) {
        (Some(&first), _) => {
            let names: Vec<String> = on
                .iter()
                .map(|p| format!("`{}`", p.rsplit('.').next().unwrap_or(p)))
                .collect();
            fail(
                first,
                format!(
                    "password composition rules are on ({}); NIST SP 800-63B advises against them",
                    names.join(", ")
                ),
            )
        }
        (None, Some(g)) => Err(g),
        (None, None) => Ok(Outcome::Pass),
    }
}
