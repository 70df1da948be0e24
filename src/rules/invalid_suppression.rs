//! `invalid-suppression`: a `clerk-lint-ignore` comment without a reason or with an unknown rule.

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, RuleMeta, declare_rule};
use crate::source::SourceFile;
use crate::suppress::{Problem, Suppression};

declare_rule! {
    /// ## What it does
    /// Reports a `clerk-lint-ignore[...]` comment that has no reason after a colon, names a
    /// rule that does not exist, or names no rule. Such a comment suppresses nothing: the
    /// finding it was meant to hide is still reported.
    ///
    /// ## Why is this bad?
    /// A suppression is a security decision ("this endpoint is public on purpose"). Without
    /// the reason, the next reader cannot tell a deliberate exception from a silenced alarm,
    /// and a misspelt rule id hides nothing while looking as if it did.
    ///
    /// ## Example
    /// ```ts
    /// // clerk-lint-ignore[missing-auth]
    /// export async function GET() { return Response.json({ ok: true }); }
    /// ```
    ///
    /// Use instead:
    /// ```ts
    /// // clerk-lint-ignore[missing-auth]: public health check for the load balancer
    /// export async function GET() { return Response.json({ ok: true }); }
    /// ```
    pub static META {
        id: "invalid-suppression",
        source: Text,
        severity: Warning,
        summary: "a `clerk-lint-ignore` comment without a reason or naming an unknown rule",
    }
}

pub struct InvalidSuppression;

impl Rule for InvalidSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

impl InvalidSuppression {
    pub fn report(s: &Suppression, problem: &Problem, file: &SourceFile) -> Diagnostic {
        Diagnostic::new(&META, file, s.range.clone(), message(s, problem))
            .with_help("write the reason after a colon: `clerk-lint-ignore[rule-id]: why this is safe`, with ids from `clerk-lint rules`")
            .with_fingerprint(format!("{}:{}", s.rules.join(","), s.reason.as_deref().unwrap_or("")))
    }
}

fn message(s: &Suppression, problem: &Problem) -> String {
    match problem {
        Problem::UnknownRule(id) => format!("`clerk-lint-ignore` names an unknown rule `{id}`"),
        Problem::NoRule => "`clerk-lint-ignore[]` names no rule".to_string(),
        Problem::NoReason => format!("`clerk-lint-ignore[{}]` has no reason", s.rules.join(", ")),
    }
}
