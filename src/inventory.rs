//! One row of `clerk-lint routes` per endpoint: plain data the rules layer builds from the
//! endpoint analysis ([`crate::rules::inventory`]) and `output` renders, so output never
//! imports the analysis.

use serde::Serialize;

/// One row of the inventory.
#[derive(Serialize)]
pub struct Row {
    pub framework: &'static str,
    pub kind: &'static str,
    pub method: String,
    /// The URL, or the action's name.
    pub route: String,
    pub path: String,
    pub line: u32,
    /// `inline`, `helper`, `middleware`, `webhook`, `other`, `public`, `unchecked` or `none`.
    pub protection: &'static str,
    pub detail: String,
    /// The app root (display path, `""` for the scan root).
    #[serde(skip)]
    pub app: String,
    /// The endpoint rule's finding about it (`missing-auth`, …), for the HTML page.
    #[serde(skip)]
    pub finding: Option<Finding>,
}

/// A finding shown beside its endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: &'static str,
    /// Redacted.
    pub message: String,
    pub docs_url: String,
}
