//! The one diagnostic type every rule produces and every output format renders.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::rules::RuleMeta;
use crate::source::{Pos, SourceFile};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding. `start`/`end` are 1-based; `end` points just past the last character
/// (so a 5-character name at column 3 ends at column 8), the convention SARIF also uses.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// Relative to the scan root, `/`-separated.
    pub path: String,
    /// Byte range in the file (used to draw the snippet).
    pub range: Range<usize>,
    pub start: Pos,
    pub end: Pos,
    /// What is wrong: lowercase start, no final period, names in backticks.
    pub message: String,
    /// What to do, in the imperative.
    pub help: Option<String>,
    /// A key that identifies this finding across unrelated edits (no line numbers): for an
    /// env var its name, for an endpoint its method and URL. Empty means "use the message".
    pub fingerprint: String,
    /// Other files whose change can change this finding (the middleware, a helper): used by
    /// `--changed-since`.
    pub related: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic at `range` of `file`, with the rule's default severity.
    pub fn new(
        rule: &'static RuleMeta,
        file: &SourceFile,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = file.pos(range.start);
        let end = file.pos(range.end.max(range.start));
        Self {
            rule,
            severity: rule.default_severity,
            path: file.rel_path.clone(),
            range,
            start,
            end,
            message: message.into(),
            help: None,
            fingerprint: String::new(),
            related: Vec::new(),
        }
    }

    pub fn with_related(mut self, related: Vec<String>) -> Self {
        self.related = related;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_fingerprint(mut self, fingerprint: impl Into<String>) -> Self {
        self.fingerprint = fingerprint.into();
        self
    }

    /// The docs link of this diagnostic's rule.
    pub fn docs_url(&self) -> String {
        self.rule.docs_url()
    }

    /// Output order: path, line, column, rule id (then message, so equal keys stay stable).
    pub fn sort_key_cmp(&self, other: &Self) -> Ordering {
        self.path
            .cmp(&other.path)
            .then(self.start.cmp(&other.start))
            .then(self.rule.id.cmp(other.rule.id))
            .then(self.message.cmp(&other.message))
    }
}

/// Sorts diagnostics in output order and drops exact duplicates (same rule, place and message).
pub fn sort_and_dedup(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key_cmp(b));
    diags.dedup_by(|a, b| {
        a.path == b.path && a.start == b.start && a.rule.id == b.rule.id && a.message == b.message
    });
}
