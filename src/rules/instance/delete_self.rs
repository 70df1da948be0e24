//! `instance/delete-self`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an instance whose `user_settings.actions.delete_self` is `false`. Only `clerk-lint
    /// instance` runs it: it reads the instance's settings, not the code.
    ///
    /// ## Why is this bad?
    /// Many privacy laws (GDPR's right to erasure, CCPA) expect self-service deletion; without it
    /// every request goes through support. A product choice, hence a note.
    ///
    /// ## Example
    /// ```json
    /// "actions": { "delete_self": false }
    /// ```
    ///
    /// ## How to fix
    /// Dashboard › User & authentication › User model: turn on “Allow users to delete their
    /// accounts”.
    pub static META {
        id: "instance/delete-self",
        source: Instance,
        severity: Info,
        summary: "users cannot delete their own accounts",
    }
}

pub struct DeleteSelf;

impl Rule for DeleteSelf {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Users can delete their accounts",
    tier: Tier::Frontend,
    fields: &[DELETE_SELF],
    fix: "User & authentication › User model: turn on “Allow users to delete their accounts”",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: delete_self,
};

fn delete_self(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(DELETE_SELF)? {
        return fail(DELETE_SELF, "users cannot delete their own accounts");
    }
    Ok(Outcome::Pass)
}
