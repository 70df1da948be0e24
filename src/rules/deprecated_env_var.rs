//! `deprecated-env-var`
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// TODO
    ///
    /// ## Why is this bad?
    /// TODO
    ///
    /// ## Example
    /// TODO
    pub static META {
        id: "deprecated-env-var",
        source: Env,
        severity: Error,
        summary: "TODO",
    }
}

pub struct DeprecatedEnvVar;

impl Rule for DeprecatedEnvVar {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
