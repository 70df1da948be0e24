//! The one diagnostic type every rule produces and every output format renders.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

use serde::Serialize;

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

/// Where the docs of every rule live; `#<id>` anchors the rule.
pub const DOCS_BASE: &str = "https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md";

/// What a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// Environment variable definitions (`.env*`, CI and deploy config) and reads in code.
    Env,
    /// JavaScript / TypeScript source.
    Script,
    /// Any text file.
    Text,
    /// The whole project: endpoints, middleware, helpers across files.
    Project,
    /// A Clerk instance's live settings, read by `clerk-lint instance` (never by `check`).
    Instance,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Env => "env",
            SourceKind::Script => "script",
            SourceKind::Text => "text",
            SourceKind::Project => "project",
            SourceKind::Instance => "instance",
        }
    }
}

pub struct RuleMeta {
    /// kebab-case, stable, never reused.
    pub id: &'static str,
    pub source: SourceKind,
    pub default_severity: Severity,
    /// One line, no final period: `clerk-lint rules` and SARIF `shortDescription`.
    pub summary: &'static str,
    /// The `///` block of the declaration, verbatim (each line keeps its leading space).
    pub docs: &'static str,
}

impl RuleMeta {
    /// The docs as Markdown, with the one space `///` leaves at the start of each line removed.
    pub fn docs_markdown(&self) -> String {
        let mut out = String::new();
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim_end().to_string()
    }

    pub fn docs_url(&self) -> String {
        format!("{DOCS_BASE}#{}", self.id)
    }
}

impl std::fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// Declares a rule's [`RuleMeta`] with its `///` docs, clippy's `concat!` way (no proc macro).
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $name:ident {
            id: $id:literal,
            source: $source:ident,
            severity: $sev:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $vis static $name: $crate::diagnostic::RuleMeta = $crate::diagnostic::RuleMeta {
            id: $id,
            source: $crate::diagnostic::SourceKind::$source,
            default_severity: $crate::diagnostic::Severity::$sev,
            summary: $summary,
            docs: concat!($($doc, "\n",)*),
        };
    };
}
pub(crate) use declare_rule;

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
    /// An edit that resolves the finding without changing what the app does (`--fix`).
    pub fix: Option<Fix>,
    /// Why the finding's fix was withheld (`--fix` and `--diff` say it).
    pub fix_withheld: Option<String>,
}

/// A fix: every edit it needs, possibly in several files. Applying it alone is safe; the
/// edits of one fix stand or fall together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What it does, in the imperative: ``rename `CLERK_API_KEY` to `CLERK_SECRET_KEY` ``.
    pub description: String,
    /// Sorted by path and offset; never overlapping.
    pub edits: Vec<Edit>,
    /// Fixes with the same group key are applied together or not at all. The engine resolves
    /// groups before anything is printed (see `crate::fix::resolve_groups`); a member with no
    /// edits blocks its group.
    pub group: Option<String>,
    /// Variable renames (old, new) the fix makes: it stands only if it renames every mention
    /// of `old` in the project and `new` is not mentioned yet.
    pub renames: Vec<(String, String)>,
    /// Names whose presence anywhere in the project would let the fix change what the app does
    /// (matched as identifier suffixes: `SIGN_IN_FALLBACK_REDIRECT_URL` also stands for
    /// `NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL`).
    pub unless_mentioned: Vec<String>,
}

/// One replacement of a byte range of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Relative to the scan root, `/`-separated, like [`Diagnostic::path`].
    pub path: String,
    pub range: Range<usize>,
    /// 1-based positions of `range`, as in [`Diagnostic`].
    pub start: Pos,
    pub end: Pos,
    pub replacement: String,
}

impl Edit {
    pub fn new(file: &SourceFile, range: Range<usize>, replacement: impl Into<String>) -> Self {
        Self {
            path: file.rel_path.clone(),
            start: file.pos(range.start),
            end: file.pos(range.end),
            range,
            replacement: replacement.into(),
        }
    }
}

impl Fix {
    pub fn new(description: impl Into<String>, mut edits: Vec<Edit>) -> Self {
        edits.sort_by(|a, b| a.path.cmp(&b.path).then(a.range.start.cmp(&b.range.start)));
        edits.dedup();
        Self {
            description: description.into(),
            edits,
            group: None,
            renames: Vec::new(),
            unless_mentioned: Vec::new(),
        }
    }

    /// Makes the fix part of `group` (see [`Fix::group`]).
    pub fn in_group(mut self, group: impl Into<String>) -> Self {
        self.group = Some(group.into());
        self
    }

    /// A member of `group` that cannot be fixed, so no member is.
    pub fn blocker(group: impl Into<String>) -> Self {
        Fix::new("", Vec::new()).in_group(group)
    }

    /// Records a variable rename (see [`Fix::renames`]).
    pub fn renaming(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
        self.renames.push((old.into(), new.into()));
        self
    }

    /// Adds names that must not be in the project (see [`Fix::unless_mentioned`]).
    pub fn unless_mentioned(mut self, names: &[&str]) -> Self {
        self.unless_mentioned
            .extend(names.iter().map(|n| n.to_string()));
        self
    }
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
            fix: None,
            fix_withheld: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
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
