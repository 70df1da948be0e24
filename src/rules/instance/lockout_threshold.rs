//! `instance/lockout-threshold`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry and docs live here; the check itself is in `src/instance/checks.rs`.

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
