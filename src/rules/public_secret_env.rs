//! `public-secret-env`
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
        id: "public-secret-env",
        source: Env,
        severity: Error,
        summary: "TODO",
    }
}

pub struct PublicSecretEnv;

impl Rule for PublicSecretEnv {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
