//! `unused-suppression`: a `clerk-lint-ignore` comment that no longer suppresses anything.

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, RuleMeta, declare_rule};
use crate::source::SourceFile;
use crate::suppress::Suppression;

declare_rule! {
    /// ## What it does
    /// Reports a valid `clerk-lint-ignore[...]: reason` comment whose rules found nothing on
    /// the line it covers (the next code line, or its own line when it trails code). Rules
    /// that did not run (not selected) are not counted against it.
    ///
    /// ## Why is this bad?
    /// A stale suppression waits for the next real problem on that line and hides it. It
    /// usually means the code was fixed or moved; the comment should go with it.
    ///
    /// ## Example
    /// ```ts
    /// // clerk-lint-ignore[missing-auth]: public until the auth migration
    /// export async function GET() {
    ///   await auth.protect(); // the migration happened
    /// }
    /// ```
    ///
    /// Use instead: delete the comment.
    pub static META {
        id: "unused-suppression",
        source: Text,
        severity: Warning,
        summary: "a `clerk-lint-ignore` comment that no longer suppresses anything",
    }
}

pub struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

impl UnusedSuppression {
    /// A `[routes] public` entry in `clerk-lint.toml` that names no endpoint: a typo or an
    /// endpoint that moved, whose findings the entry no longer hides.
    pub fn report_public_entry(entry: &str, config: &SourceFile) -> Diagnostic {
        let quoted = format!("\"{entry}\"");
        let range = config
            .text
            .find(&quoted)
            .map_or(0..0, |i| i + 1..i + 1 + entry.len());
        Diagnostic::new(
            &META,
            config,
            range,
            format!("`[routes] public` entry `{entry}` matches no endpoint"),
        )
        .with_help("remove it, or write it as `clerk-lint routes` lists the endpoint: a URL (`/api/health`, `POST /api/contact`), a tRPC procedure (`post.getAll`) or a server action (`app/actions.ts#subscribe`)")
        .with_fingerprint(format!("routes.public {entry}"))
    }

    pub fn report(s: &Suppression, file: &SourceFile) -> Diagnostic {
        Diagnostic::new(
            &META,
            file,
            s.range.clone(),
            format!(
                "`clerk-lint-ignore[{}]` suppresses nothing here",
                s.rules.join(", ")
            ),
        )
        .with_help("remove the comment, or move it to the line above the finding it is for")
        .with_fingerprint(format!(
            "{}:{}",
            s.rules.join(","),
            s.reason.as_deref().unwrap_or("")
        ))
    }
}
