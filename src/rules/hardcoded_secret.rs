//! `hardcoded-secret`
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
        id: "hardcoded-secret",
        source: Env,
        severity: Error,
        summary: "TODO",
    }
}

pub struct HardcodedSecret;

impl Rule for HardcodedSecret {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
