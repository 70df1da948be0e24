//! `instance/lockout-threshold`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance with lockout on whose
    /// `user_settings.attack_protection.user_lockout.max_attempts` is above 10 (change the limit
    /// with `--max-lockout-attempts`). Only `clerk-lint instance` runs it: it reads the instance's
    /// settings, not the code.
    ///
    /// ## Why is this bad?
    /// Clerk's default was 100 attempts until 2026-07-06 and existing instances kept it; 100
    /// guesses per lockout period is plenty for the most common passwords. Clerk's own audit asks
    /// for 10 or fewer; the Dashboard allows 5.
    ///
    /// ## Example
    /// ```json
    /// "user_lockout": { "enabled": true, "max_attempts": 100, "duration_in_minutes": 60 }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › Attack protection › User lockout: set the maximum attempts to 10 or fewer (e.g.
    /// 5).
    pub static META {
        id: "instance/lockout-threshold",
        source: Instance,
        severity: Warning,
        summary: "account lockout allows more than 10 failed sign-in attempts",
    }
}

pub struct LockoutThreshold;

impl Rule for LockoutThreshold {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Lockout after 10 attempts or fewer",
    tier: Tier::Frontend,
    fields: &[LOCKOUT_ENABLED, LOCKOUT_ATTEMPTS],
    fix: "Attack protection › User lockout: allow 10 failed attempts or fewer (e.g. 5)",
    production_only: false,
    default_on: true,
    clerk_cli: Some("lockout-threshold"),
    eval: lockout_threshold,
};

fn lockout_threshold(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = lockout_off(cx)? {
        return Ok(na);
    }
    let n = cx.env.int(LOCKOUT_ATTEMPTS)?;
    let max = cx.max_lockout_attempts;
    if n > max {
        return fail(
            LOCKOUT_ATTEMPTS,
            format!("lockout allows {n} failed sign-in attempts; use {max} or fewer (e.g. 5)"),
        );
    }
    Ok(Outcome::Pass)
}
