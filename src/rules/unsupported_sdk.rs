//! `unsupported-sdk`: a Clerk SDK whose Clerk Core no longer gets fixes, at its dependency
//! line in `package.json`, pointing at `clerk-lint upgrade`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::migration::PACKAGES;
use crate::project::core_of;
use crate::rules::{Context, Rule, RuleMeta, declare_rule};
use crate::source::FileKind;
use crate::source::json_tokens;

declare_rule! {
    /// ## What it does
    /// Flags a Clerk SDK in `package.json` whose installed version (from the lockfile, else
    /// the lower bound of the range) belongs to a Clerk Core that Clerk no longer supports:
    /// today Core 1 and older (`@clerk/nextjs` 4, `@clerk/clerk-react` 4, `@clerk/backend` 0,
    /// `@clerk/clerk-expo` 0, `@clerk/fastify` 0, `@clerk/remix` 3, `@clerk/clerk-js` 4, ...).
    /// One finding per package per app, at its dependency line; the help points at
    /// `clerk-lint upgrade`, which lists every change the upgrade needs.
    ///
    /// Clerk's long-term-support policy keeps the previous Core supported for one year after
    /// a new Core ships: Core 1 support ended on 2025-04-19 (a year after Core 2), Core 2 is
    /// supported until 2027-03-03 (a year after Core 3). The table of support dates ships
    /// with clerk-lint, so a run's result does not depend on the day it runs; a release after
    /// 2027-03-03 adds Core 2.
    ///
    /// Packages Clerk deprecated outright (`@clerk/clerk-sdk-node`, `@clerk/remix`,
    /// `gatsby-plugin-clerk`, ...) are `deprecated-api`'s, and an unknown version
    /// (`latest`, `workspace:*`) is not reported.
    ///
    /// ## Why is this bad?
    /// An unsupported SDK gets no security fixes: the advisories `vulnerable-version` knows
    /// are fixed only in supported lines, and Clerk's backend features (and its docs) moved
    /// on. The longer the upgrade waits, the more of it there is.
    ///
    /// ## Example
    /// ```json
    /// { "dependencies": { "@clerk/nextjs": "^4.29.0" } }
    /// ```
    ///
    /// Use instead: run `clerk-lint upgrade` and move to a supported Core
    /// (`"@clerk/nextjs": "^7.0.0"`).
    ///
    /// ## References
    /// - [Clerk upgrade guides](https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3)
    pub static META {
        id: "unsupported-sdk",
        source: Text,
        severity: Warning,
        summary: "a Clerk SDK on a Clerk Core that Clerk no longer supports",
    }
}

pub struct UnsupportedSdk;

/// The Cores whose support has ended, with the day it ended (one year after the next Core
/// shipped: clerk-facts §0 release dates).
const ENDED: &[(u8, &str)] = &[(1, "2025-04-19")];

/// The dependency fields of a `package.json`.
const DEP_FIELDS: &[&str] = &[
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
];

impl Rule for UnsupportedSdk {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_text(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        if cx.file.kind != FileKind::PackageJson {
            return;
        }
        let mut seen: Vec<String> = Vec::new();
        json_tokens::walk(&cx.file.text, |entry| {
            if entry.path.len() != 1 || !DEP_FIELDS.iter().any(|f| entry.container_is(&[f])) {
                return;
            }
            let Some(key) = entry.key() else { return };
            let name = key.value.as_str();
            if seen.iter().any(|s| s == name)
                || PACKAGES
                    .iter()
                    .any(|r| r.name == name && r.from_core.is_none())
            {
                return;
            }
            let Some(p) = cx.clerk.package(name) else {
                return;
            };
            let Some(version) = p.version else { return };
            let Some(core) = core_of(name, &version) else {
                return;
            };
            let Some(&(_, ended)) = ENDED.iter().find(|(c, _)| core <= *c) else {
                return;
            };
            seen.push(name.to_string());
            out.push(
                Diagnostic::new(
                    &META,
                    cx.file,
                    key.content.clone(),
                    format!(
                        "`{name}` {version} is on Clerk Core {core}, which Clerk stopped supporting on {ended}"
                    ),
                )
                .with_severity(Severity::Warning)
                .with_help(format!(
                    "run `clerk-lint upgrade` to list every change the move to a supported Core needs; {}; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-2",
                    p.describe()
                ))
                .with_fingerprint(format!("unsupported:{name}")),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lint_deps;

    /// (dependencies, expected messages' starts, one per finding)
    const CASES: &[(&str, &[&str])] = &[
        // Core 1 of every SDK with a Core timeline.
        (
            r#""@clerk/nextjs": "^4.29.0""#,
            &["`@clerk/nextjs` 4.29.0 is on Clerk Core 1"],
        ),
        (
            r#""@clerk/clerk-react": "4.30.3", "@clerk/backend": "0.38.0""#,
            &[
                "`@clerk/clerk-react` 4.30.3 is on Clerk Core 1",
                "`@clerk/backend` 0.38.0 is on Clerk Core 1",
            ],
        ),
        (
            r#""@clerk/clerk-expo": "~0.20.0""#,
            &["`@clerk/clerk-expo` 0.20.0 is on Clerk Core 1"],
        ),
        // Supported Cores, unknown versions and deprecated packages (deprecated-api's).
        (r#""@clerk/nextjs": "^5.0.0""#, &[]),
        (
            r#""@clerk/nextjs": "7.1.0", "@clerk/express": "1.3.0""#,
            &[],
        ),
        (r#""@clerk/nextjs": "latest""#, &[]),
        (r#""@clerk/clerk-sdk-node": "4.13.0""#, &[]),
        (r#""@clerk/types": "3.0.0", "next": "12.0.0""#, &[]),
    ];

    #[test]
    fn cases() {
        for (deps, expected) in CASES {
            let diags = lint_deps(deps, &[], &UnsupportedSdk);
            let got: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
            assert_eq!(got.len(), expected.len(), "{deps}: {got:#?}");
            for (msg, want) in got.iter().zip(expected.iter()) {
                assert!(msg.starts_with(want), "{deps}: {msg} lacks {want}");
                assert!(msg.contains("2025-04-19"), "{msg}");
            }
            for d in &diags {
                assert_eq!(d.severity, Severity::Warning);
                assert_eq!(d.path, "package.json");
                assert!(
                    d.help
                        .as_deref()
                        .is_some_and(|h| h.contains("clerk-lint upgrade"))
                );
            }
        }
    }
}
