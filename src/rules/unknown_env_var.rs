//! `unknown-env-var`: a `*CLERK_*` variable that is defined but that no Clerk SDK reads and
//! nothing in the app reads either: usually a typo of a Clerk name.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::word_ranges;
use crate::rules::deprecated_env_var;
use crate::rules::env_names::{self, split};
use crate::rules::{ProjectCx, Rule, RuleMeta, declare_rule};
use crate::source::env::EnvFile;
use crate::source::{EnvDef, FileKind, SourceFile, deploy};

declare_rule! {
    /// ## What it does
    /// Flags a variable whose name contains `CLERK_`, defined in a `.env*` file or deploy
    /// configuration of an app that installs a Clerk SDK, when no Clerk SDK reads that name
    /// and nothing in the repository reads it either (no code, script or config mentions it
    /// besides its definitions). When a Clerk name is close, the message suggests it:
    /// `NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_URL` → `NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL`.
    ///
    /// The names Clerk's SDKs read are those of clerk-facts §1.3 (every SDK, every version);
    /// renamed and removed names are left to `deprecated-env-var`, and public secrets
    /// (`NEXT_PUBLIC_CLERK_SECRET_KEY`) to `public-secret-env`. A name the app reads itself
    /// (`process.env.CLERK_ADMIN_ID`) is the app's own and never reported.
    ///
    /// A close Clerk name makes the finding a **warning**; a name that resembles none is
    /// reported as **info** (dead configuration). `NEXT_PUBLIC_CLERK_AFTER_SIGN_OUT_URL`,
    /// often copied from tutorials, is a warning: no Clerk SDK has ever read it.
    ///
    /// ## Why is this bad?
    /// A mistyped name fails silently: the SDK reads the name it knows, finds nothing, and
    /// falls back to its default, so the redirect, domain or key the variable was meant to
    /// set is not set.
    ///
    /// ## Example
    /// ```dotenv
    /// NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_URL=/dashboard
    /// ```
    ///
    /// Use instead:
    /// ```dotenv
    /// NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL=/dashboard
    /// ```
    ///
    /// ## References
    /// - [Clerk environment variables](https://clerk.com/docs/guides/development/clerk-environment-variables)
    pub static META {
        id: "unknown-env-var",
        source: Env,
        severity: Warning,
        summary: "a `*CLERK_*` variable that no Clerk SDK and nothing in the app reads, usually a typo",
    }
}

pub struct UnknownEnvVar;

/// Base names (after a framework prefix) that some Clerk SDK reads, in some version, or that
/// Clerk's docs tell users to set and pass themselves. Renamed and removed names are known
/// to `deprecated-env-var`.
const KNOWN_BASES: &[&str] = &[
    "CLERK_PUBLISHABLE_KEY",
    "CLERK_SECRET_KEY",
    "CLERK_MACHINE_SECRET_KEY",
    "CLERK_ENCRYPTION_KEY",
    "CLERK_API_URL",
    "CLERK_API_VERSION",
    "CLERK_WEBHOOK_SIGNING_SECRET",
    "CLERK_JWT_KEY",
    "CLERK_JS_URL",
    "CLERK_JS_VERSION",
    "CLERK_UI_URL",
    "CLERK_UI_VERSION",
    "CLERK_PREFETCH_UI",
    "CLERK_DOMAIN",
    "CLERK_PROXY_URL",
    "CLERK_IS_SATELLITE",
    "CLERK_SATELLITE_AUTO_SYNC",
    "CLERK_SIGN_IN_URL",
    "CLERK_SIGN_UP_URL",
    "CLERK_SIGN_IN_FORCE_REDIRECT_URL",
    "CLERK_SIGN_UP_FORCE_REDIRECT_URL",
    "CLERK_SIGN_IN_FALLBACK_REDIRECT_URL",
    "CLERK_SIGN_UP_FALLBACK_REDIRECT_URL",
    "CLERK_CHECKOUT_CONTINUE_URL",
    "CLERK_TELEMETRY_DISABLED",
    "CLERK_TELEMETRY_DEBUG",
    "CLERK_KEYLESS_DISABLED",
    "CLERK_UNSAFE_DISABLE_DEVELOPMENT_MODE_CONSOLE_WARNING",
    "CLERK_FAPI",
    "CLERK_FAPI_URL",
    "CLERK_GOOGLE_IOS_CLIENT_ID",
    "CLERK_GOOGLE_WEB_CLIENT_ID",
    "CLERK_GOOGLE_ANDROID_CLIENT_ID",
    "CLERK_GOOGLE_IOS_URL_SCHEME",
    "CLERK_SYNC_HOST",
];

/// The prefixes a suggestion may carry.
const PREFIXES: &[&str] = &[
    "",
    "NEXT_PUBLIC_",
    "VITE_",
    "PUBLIC_",
    "NUXT_PUBLIC_",
    "NUXT_",
    "EXPO_PUBLIC_",
    "PLASMO_PUBLIC_",
];

/// Names that no SDK ever read but that tutorials spread, with what to do instead.
const MYTHS: &[(&str, &str)] = &[(
    "CLERK_AFTER_SIGN_OUT_URL",
    "Clerk reads no environment variable for the sign-out redirect: pass `afterSignOutUrl` to `<ClerkProvider>`",
)];

impl Rule for UnknownEnvVar {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_project(&self, cx: &ProjectCx, out: &mut Vec<Diagnostic>) {
        let mut files: Vec<&SourceFile> = cx.files.values().copied().collect();
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        // Every definition of every candidate name, with its file.
        let mut defs: Vec<(&SourceFile, EnvDef)> = Vec::new();
        for f in &files {
            let file_defs = match f.kind {
                FileKind::Env => EnvFile::parse(&f.text).defs(),
                FileKind::Workflow
                | FileKind::Compose
                | FileKind::Dockerfile
                | FileKind::Vercel
                | FileKind::Netlify
                | FileKind::Turbo => deploy::defs_for(f.kind, &f.text),
                _ => continue,
            };
            for d in file_defs {
                if is_candidate(&d.name) {
                    defs.push((f, d));
                }
            }
        }
        if defs.is_empty() {
            return;
        }
        let mut def_count: HashMap<&str, usize> = HashMap::new();
        for (_, d) in &defs {
            *def_count.entry(d.name.as_str()).or_default() += 1;
        }
        let mut read: HashMap<&str, bool> = HashMap::new();
        for (file, def) in &defs {
            if cx.project.clerk_for(&file.rel_path).is_empty() {
                continue;
            }
            let name = def.name.as_str();
            let is_read = *read.entry(name).or_insert_with(|| {
                let mentions: usize = files
                    .iter()
                    .filter(|f| !is_prose(f))
                    .map(|f| word_ranges(&f.text, name).len())
                    .sum();
                mentions > def_count[name]
            });
            if is_read {
                continue;
            }
            out.push(report(file, def));
        }
    }
}

/// A `*CLERK_*` name that is neither a current Clerk name, nor one `deprecated-env-var` or
/// `public-secret-env` reports.
fn is_candidate(name: &str) -> bool {
    if !name.contains("CLERK_") {
        return false;
    }
    let parts = split(name);
    if KNOWN_BASES.contains(&parts.base) || deprecated_env_var::is_old_name(name) {
        return false;
    }
    // Public secrets are `public-secret-env`'s.
    !(parts.public_framework.is_some() && env_names::is_secret_base(parts.base))
}

fn report(file: &SourceFile, def: &EnvDef) -> Diagnostic {
    let name = &def.name;
    let base = split(name).base;
    if let Some((_, advice)) = MYTHS.iter().find(|(b, _)| *b == base) {
        return Diagnostic::new(
            &META,
            file,
            def.name_range.clone(),
            format!("`{name}` is not read by any Clerk SDK"),
        )
        .with_help(format!(
            "{advice}; nothing in the repository reads it either"
        ))
        .with_fingerprint(name.clone());
    }
    match suggest(name) {
        Some(s) => Diagnostic::new(
            &META,
            file,
            def.name_range.clone(),
            format!("`{name}` is not read by any Clerk SDK; did you mean `{s}`"),
        )
        .with_help(format!(
            "rename it to `{s}` if that is what it is for; nothing in the repository reads `{name}`, so as written it has no effect"
        ))
        .with_fingerprint(name.clone()),
        None => Diagnostic::new(
            &META,
            file,
            def.name_range.clone(),
            format!("`{name}` is not a Clerk environment variable and nothing in the repository reads it"),
        )
        .with_severity(Severity::Info)
        .with_help(
            "remove it, or check the name against https://clerk.com/docs/guides/development/clerk-environment-variables",
        )
        .with_fingerprint(name.clone()),
    }
}

/// Files whose mention of a name is not a read (prose, lockfiles).
fn is_prose(file: &SourceFile) -> bool {
    if file.kind == FileKind::Lockfile {
        return true;
    }
    let lower = file.rel_path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    matches!(
        name.rsplit_once('.').map(|(_, e)| e),
        Some("md" | "mdx" | "markdown" | "txt" | "rst" | "adoc" | "html" | "htm")
    )
}

/// The closest Clerk name, when one is close enough: a character edit distance of at most
/// two (a typo), or one word (`_`-separated) added, dropped or replaced, where the words other
/// than the prefix and `CLERK` share at least two, or the change only adds or drops a word.
fn suggest(name: &str) -> Option<String> {
    let own = split(name);
    let words = meaningful_words(own.base);
    // (tier, distance, fewer shared words, character distance, other prefix)
    type Key = (u8, usize, std::cmp::Reverse<usize>, usize, bool);
    let mut best: Option<(Key, String)> = None;
    for prefix in PREFIXES {
        for base in KNOWN_BASES {
            if env_names::PUBLIC_PREFIXES.iter().any(|(p, _)| p == prefix)
                && env_names::is_secret_base(base)
            {
                continue;
            }
            let candidate = format!("{prefix}{base}");
            let other_prefix = *prefix != own.prefix;
            let chars = levenshtein(name.as_bytes(), candidate.as_bytes());
            let key = if chars <= 2 {
                (0, chars, std::cmp::Reverse(0), chars, other_prefix)
            } else {
                if other_prefix {
                    continue;
                }
                let cwords = meaningful_words(base);
                let wordd = levenshtein(&words, &cwords);
                let shared = words.iter().filter(|w| cwords.contains(w)).count();
                let added_or_dropped = shared == words.len().min(cwords.len());
                if wordd != 1 || !(shared >= 2 || (added_or_dropped && shared >= 1)) {
                    continue;
                }
                (1, wordd, std::cmp::Reverse(shared), chars, other_prefix)
            };
            if best.as_ref().is_none_or(|(b, _)| key < *b) {
                best = Some((key, candidate));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// The words of a base name other than `CLERK`.
fn meaningful_words(base: &str) -> Vec<&str> {
    base.split('_')
        .filter(|w| !w.is_empty() && *w != "CLERK")
        .collect()
}

/// The edit distance between two sequences (insertions, deletions, substitutions).
fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lint_deps;

    #[test]
    fn distances() {
        assert_eq!(levenshtein(b"kitten", b"sitting"), 3);
        assert_eq!(levenshtein(b"", b"abc"), 3);
        assert_eq!(levenshtein(&["A", "B"], &["A", "X", "B"]), 1);
    }

    #[test]
    fn suggestions() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_URL",
                Some("NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL"),
            ),
            (
                "NEXT_PUBLIC_CLERK_PUBLISHABLE_KY",
                Some("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY"),
            ),
            (
                "NEXT_PUBLIC_CLERK_SIGNIN_URL",
                Some("NEXT_PUBLIC_CLERK_SIGN_IN_URL"),
            ),
            ("CLERK_SECRET", Some("CLERK_SECRET_KEY")),
            (
                "VITE_CLERK_PUBLISHABLE_KEYS",
                Some("VITE_CLERK_PUBLISHABLE_KEY"),
            ),
            // A public prefix never gets a secret suggested.
            ("NEXT_PUBLIC_CLERK_SECRET_KY", None),
            ("CLERK_ADMIN_EMAILS", None),
            ("MY_CLERK_ORG", None),
        ];
        for (name, expected) in cases {
            assert_eq!(suggest(name).as_deref(), *expected, "{name}");
        }
    }

    #[test]
    fn candidates() {
        for name in [
            "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
            "CLERK_SECRET_KEY",
            "NUXT_CLERK_SECRET_KEY",
            "PUBLIC_CLERK_DOMAIN",
            "EXPO_PUBLIC_CLERK_GOOGLE_WEB_CLIENT_ID",
            "CLERK_API_KEY",
            "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
            "NEXT_PUBLIC_CLERK_SECRET_KEY",
            "DATABASE_URL",
        ] {
            assert!(!is_candidate(name), "{name}");
        }
        for name in ["NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_URL", "CLERK_ORG_ID"] {
            assert!(is_candidate(name), "{name}");
        }
    }

    #[test]
    fn only_names_nothing_reads() {
        let env = "NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_URL=/d\nCLERK_ADMIN_USER_ID=user_1\nCLERK_UNUSED_THING=1\nNEXT_PUBLIC_CLERK_AFTER_SIGN_OUT_URL=/\nNEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in\n";
        let code = "export const admin = process.env.CLERK_ADMIN_USER_ID;\n";
        let readme = "Set CLERK_UNUSED_THING in production.\n";
        let diags = lint_deps(
            r#""@clerk/nextjs": "6.9.0""#,
            &[(".env", env), ("src/admin.ts", code), ("README.md", readme)],
            &UnknownEnvVar,
        );
        let got: Vec<(u32, Severity, &str)> = diags
            .iter()
            .map(|d| (d.start.line, d.severity, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    1,
                    Severity::Warning,
                    "`NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_URL` is not read by any Clerk SDK; did you mean `NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL`"
                ),
                (
                    3,
                    Severity::Info,
                    "`CLERK_UNUSED_THING` is not a Clerk environment variable and nothing in the repository reads it"
                ),
                (
                    4,
                    Severity::Warning,
                    "`NEXT_PUBLIC_CLERK_AFTER_SIGN_OUT_URL` is not read by any Clerk SDK"
                ),
            ]
        );
        // No Clerk SDK in the app: nothing to compare with.
        let diags = lint_deps(r#""next": "15.0.0""#, &[(".env", env)], &UnknownEnvVar);
        assert!(diags.is_empty());
    }
}
