//! `instance/lockout-duration`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance with lockout on whose
    /// `user_settings.attack_protection.user_lockout.duration_in_minutes` is `null`, 0 or less, or
    /// a year (525600 minutes) or more. How Clerk encodes the Dashboard's “Indefinite” option has
    /// not been checked on a live instance; these are the values treated as indefinite. Only
    /// `clerk-lint instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// An indefinite lockout lets anyone who knows a user's identifier lock that user out for good
    /// with a few wrong passwords; a time limit (for example 15 minutes) still stops guessing.
    ///
    /// ## Example
    /// ```json
    /// "user_lockout": { "enabled": true, "max_attempts": 5, "duration_in_minutes": null }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Attack protection › User lockout: set a lockout duration (e.g. 15 minutes)
    /// instead of indefinite.
    pub static META {
        id: "instance/lockout-duration",
        source: Instance,
        severity: Info,
        summary: "account lockout is indefinite or very long",
    }
}

pub struct LockoutDuration;

impl Rule for LockoutDuration {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Lockout with a time limit",
    tier: Tier::Frontend,
    fields: &[LOCKOUT_ENABLED, LOCKOUT_DURATION],
    fix: "Attack protection › User lockout: set a duration (e.g. 15 minutes), not indefinite",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: lockout_duration,
};

fn lockout_duration(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = lockout_off(cx)? {
        return Ok(na);
    }
    let message = match cx.env.nullable_int(LOCKOUT_DURATION)? {
        None => "lockout has no time limit (`duration_in_minutes` is null)".to_string(),
        Some(d) if d <= 0 => format!("lockout looks indefinite (`duration_in_minutes` is {d})"),
        Some(d) if d >= LOCKOUT_INDEFINITE_MINUTES => {
            format!("lockout lasts {d} minutes (about {} days)", d / (60 * 24))
        }
        Some(_) => return Ok(Outcome::Pass),
    };
    fail(
        LOCKOUT_DURATION,
        format!(
            "{message}: anyone who knows an identifier can lock its owner out; a time limit (e.g. 15 minutes) still stops guessing"
        ),
    )
}
