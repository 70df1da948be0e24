//! `hardcoded-secret`: a real-looking Clerk secret committed in a source file or env file.

use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta, declare_rule};
use crate::secrets::{SecretKind, find_shaped, is_real_looking, kind_of, legacy_kind};
use crate::source::{EnvDef, FileKind};

declare_rule! {
    /// ## What it does
    /// Flags a real-looking Clerk secret (`sk_live_…`, `sk_test_…` with 20 or more random
    /// characters, `whsec_…`, a machine secret key `ak_…`, or a legacy API key `test_…` /
    /// `live_…` under a Clerk name such as `CLERK_API_KEY`) in a file git tracks: source code,
    /// config, docs, or an env file that `.gitignore` does not cover (`.env`, `.env.example`,
    /// `.env.production`). Obvious placeholders (a key made of `x`, `...`, `<your-key>`, a few
    /// digits) do not count, and an env file that git ignores (such as `.env.local`) is where
    /// a secret belongs. The value is never printed, only its prefix: `sk_live_****`.
    ///
    /// ## Why is this bad?
    /// Anything committed is readable by everyone with access to the repository, its forks
    /// and its history, and secret scanners harvest public repositories within minutes. A
    /// Clerk secret key grants full Backend API access to the instance; a webhook signing
    /// secret lets anyone forge webhook events.
    ///
    /// ## Example
    /// ```ts
    /// const clerk = createClerkClient({ secretKey: "sk_live_<40 random characters>" });
    /// ```
    ///
    /// Use instead:
    /// ```ts
    /// const clerk = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY });
    /// ```
    /// Then rotate the key in the Clerk Dashboard (API keys): removing it from the code does
    /// not remove it from git history.
    pub static META {
        id: "hardcoded-secret",
        source: Text,
        severity: Error,
        summary: "a real-looking Clerk secret key or webhook secret committed to the repository",
    }
}

pub struct HardcodedSecret;

const HELP_ROTATE: &str =
    "rotate it in the Clerk Dashboard, since a committed secret stays in git history";

impl Rule for HardcodedSecret {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_env_defs(&self, defs: &[EnvDef], cx: &Context, out: &mut Vec<Diagnostic>) {
        // Only `.env*` files are judged by their definitions; other config files are scanned
        // as text (see `check_text`), so a key is reported once.
        if cx.file.kind != FileKind::Env || cx.file.git_ignored {
            return;
        }
        for def in defs {
            let Some(value) = def.value.as_deref() else {
                continue;
            };
            // A legacy API key (`CLERK_API_KEY=test_…`) has no `sk_` prefix: its name says
            // what it is.
            let kind = match kind_of(value) {
                Some(kind) if is_real_looking(value) => kind,
                Some(_) => continue,
                None => match legacy_kind(value) {
                    Some(kind) if def.name.to_ascii_uppercase().contains("CLERK") => kind,
                    _ => continue,
                },
            };
            out.push(
                Diagnostic::new(
                    &META,
                    cx.file,
                    def.name_range.clone(),
                    format!(
                        "`{}` holds {} (`{}`) in a file git does not ignore",
                        def.name,
                        kind.describe(),
                        kind.masked()
                    ),
                )
                .with_help(format!(
                    "move the value to an ignored file such as `.env.local` (add `.env*.local` to `.gitignore`) or to your host's secret settings, leave a placeholder here, and {HELP_ROTATE}"
                ))
                .with_fingerprint(format!("{}=<{}>", def.name, kind.prefix())),
            );
        }
    }

    fn check_text(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        if matches!(cx.file.kind, FileKind::Env | FileKind::Lockfile) {
            return;
        }
        for token in find_shaped(&cx.file.text) {
            let value = &cx.file.text[token.range.clone()];
            let reported = match token.kind {
                // A legacy key is only known by its name: `CLERK_API_KEY: "test_…"`.
                SecretKind::LegacyTest | SecretKind::LegacyLive => {
                    let line_start = cx.file.text[..token.range.start]
                        .rfind('\n')
                        .map_or(0, |i| i + 1);
                    cx.file.text[line_start..token.range.start]
                        .to_ascii_uppercase()
                        .contains("CLERK")
                }
                _ => is_real_looking(value),
            };
            if !reported {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    cx.file,
                    token.range.clone(),
                    format!(
                        "{} (`{}`) is written into a tracked file",
                        token.kind.describe(),
                        token.kind.masked()
                    ),
                )
                .with_help(format!(
                    "read it from the environment instead (for example `process.env.CLERK_SECRET_KEY`), keep the value in an ignored `.env.local` or your host's secret settings, and {HELP_ROTATE}"
                ))
                .with_fingerprint(format!("<{}>", token.kind.prefix())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::ClerkInfo;
    use crate::source::SourceFile;

    // Fixture values are built at run time so the source holds no secret-shaped literal.
    fn fake(prefix: &str) -> String {
        format!("{prefix}{}", "Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOqFk3")
    }

    #[test]
    fn text_cases() {
        let live = fake("sk_live_");
        let cases: Vec<(String, FileKind, usize)> = vec![
            (format!("const k = \"{live}\";"), FileKind::Script, 1),
            (format!("// old key: {live}"), FileKind::Script, 1),
            (
                format!("secretKey: '{}'", fake("sk_test_")),
                FileKind::Other,
                1,
            ),
            (
                format!("signing: {}", fake("whsec_")),
                FileKind::Workflow,
                1,
            ),
            ("const k = 'sk_test_xxx';".to_string(), FileKind::Script, 0),
            (
                "CLERK_SECRET_KEY=sk_live_... # see docs".to_string(),
                FileKind::Other,
                0,
            ),
            (
                "secretKey: 'sk_test_YOUR_SECRET_KEY_HERE_PLEASE'".to_string(),
                FileKind::Script,
                0,
            ),
            (format!("\"integrity\": \"{live}\""), FileKind::Lockfile, 0),
        ];
        for (text, kind, expected) in cases {
            let file = SourceFile::for_test("f", kind, &text);
            let clerk = ClerkInfo::default();
            let cx = Context {
                file: &file,
                clerk: &clerk,
            };
            let mut out = Vec::new();
            HardcodedSecret.check_text(&cx, &mut out);
            assert_eq!(out.len(), expected, "{text}");
            for d in &out {
                assert!(!d.message.contains("Q9zT"), "value leaked: {}", d.message);
                assert!(d.message.contains("****"));
            }
        }
    }

    #[test]
    fn env_files_only_when_not_ignored() {
        let text = format!(
            "CLERK_SECRET_KEY={}\nCLERK_PUBLISHABLE_KEY=pk_test_abc\nPLACEHOLDER=sk_test_xxx\n",
            fake("sk_live_")
        );
        let defs = vec![
            EnvDef {
                name: "CLERK_SECRET_KEY".into(),
                name_range: 0..16,
                value: Some(fake("sk_live_")),
                value_range: None,
            },
            EnvDef {
                name: "PLACEHOLDER".into(),
                name_range: 0..1,
                value: Some("sk_test_xxx".into()),
                value_range: None,
            },
        ];
        let clerk = ClerkInfo::default();
        let mut file = SourceFile::for_test(".env", FileKind::Env, &text);
        let mut out = Vec::new();
        HardcodedSecret.check_env_defs(
            &defs,
            &Context {
                file: &file,
                clerk: &clerk,
            },
            &mut out,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].start.line, 1);
        assert!(out[0].message.contains("`sk_live_****`"));

        file.git_ignored = true;
        let mut out = Vec::new();
        HardcodedSecret.check_env_defs(
            &defs,
            &Context {
                file: &file,
                clerk: &clerk,
            },
            &mut out,
        );
        assert!(out.is_empty());
    }
}
