//! `parse-error`
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
        id: "parse-error",
        source: Env,
        severity: Error,
        summary: "TODO",
    }
}

pub struct ParseError;

impl Rule for ParseError {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
