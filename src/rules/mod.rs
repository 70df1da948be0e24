//! The rule registry: every rule's metadata and docs, and the hooks a rule implements.
//!
//! A rule is one file under `src/rules/`: its `declare_rule!` (id, severity, summary, docs),
//! its logic behind the [`Rule`] hooks, and its case table. Everything that lists rules
//! (`clerk-lint rules`, `docs/rules.md`, SARIF `tool.driver.rules`, `--select`) iterates [`ALL`].

pub mod deprecated_api;
pub mod deprecated_env_var;
pub mod env_names;
pub mod hardcoded_secret;
pub mod instance;
pub mod invalid_suppression;
pub mod inventory;
pub mod keyless_committed;
pub mod middleware_matcher_gap;
pub mod missing_auth;
pub mod parse_error;
pub mod public_secret_env;
pub mod route_matcher_wildcard;
pub mod unawaited_auth;
pub mod unchecked_auth;
pub mod unknown_env_var;
pub mod unsupported_sdk;
pub mod unused_suppression;
pub mod unverified_webhook;
pub mod vulnerable_version;

use std::collections::HashMap;

use crate::analysis::endpoint::{AppIssue, Endpoint};
use crate::analysis::engine::Unawaited;
use crate::diagnostic::Diagnostic;
pub(crate) use crate::diagnostic::declare_rule;
pub use crate::diagnostic::{DOCS_BASE, RuleMeta, SourceKind};
use crate::project::{ClerkInfo, Project};
use crate::source::script::ScriptFile;
use crate::source::{EnvDef, SourceFile};

/// What a rule knows about the file it is looking at.
pub struct Context<'a> {
    pub file: &'a SourceFile,
    /// The Clerk SDKs installed in the app that owns this file (empty when unknown).
    pub clerk: &'a ClerkInfo,
}

/// What a project-wide rule sees: the endpoint analysis and every file read.
pub struct ProjectCx<'a> {
    pub project: &'a Project,
    /// Every endpoint of every framework, sorted by location.
    pub endpoints: &'a [Endpoint],
    /// App-level issues (middleware, matcher, wiring).
    pub issues: &'a [AppIssue],
    /// Un-awaited `auth()` calls.
    pub unawaited: &'a [Unawaited],
    /// Endpoint files that do not parse: (display path, byte range, message).
    pub parse_errors: &'a [(String, std::ops::Range<usize>, String)],
    /// Every file read, by display path.
    pub files: &'a HashMap<String, &'a SourceFile>,
}

impl ProjectCx<'_> {
    /// The stable part of an endpoint finding's fingerprint: `route handler POST /api/x`,
    /// `server action deleteProject`. An unnamed inline server action is numbered by its place
    /// among the file's unnamed inline actions (`server action inline action #2`), so neither
    /// a line inserted above it nor a reworded message changes the key.
    pub fn endpoint_key(&self, e: &Endpoint) -> String {
        // The Next.js adapter names an anonymous inline action by its line; the key must not.
        const UNNAMED: &str = "inline action at line ";
        if !e.name.starts_with(UNNAMED) || e.url.is_some() {
            return format!("{} {}", e.kind.describe(), e.label());
        }
        let n = self
            .endpoints
            .iter()
            .filter(|o| {
                o.location.file == e.location.file
                    && o.url.is_none()
                    && o.name.starts_with(UNNAMED)
                    && o.location.range.start <= e.location.range.start
            })
            .count();
        format!("{} inline action #{n}", e.kind.describe())
    }

    /// The `[routes] public` entry that names `e`: `"POST /api/contact"` (`"/api/legacy"` for
    /// every method), a tRPC procedure's name, a server action's `file#name` (relative to its
    /// app). `None` for an unnamed inline action, which only a suppression comment can name.
    pub fn public_entry(&self, e: &Endpoint) -> Option<String> {
        use crate::analysis::endpoint::{EndpointKind, Method};
        match (&e.url, e.method, e.kind) {
            (Some(url), Some(Method::Any) | None, _) => Some(url.clone()),
            (Some(url), Some(m), _) => Some(format!("{} {url}", m.as_str())),
            (None, _, EndpointKind::TrpcProcedure) => Some(e.name.clone()),
            (None, _, _) if e.name.starts_with("inline action at line ") => None,
            // TanStack Start names its server functions `file#export` already.
            (None, _, _) => Some(format!(
                "{}#{}",
                crate::analysis::framework::rel_to_app(&e.location.file, &e.app),
                e.name.rsplit_once('#').map_or(e.name.as_str(), |(_, n)| n)
            )),
        }
    }

    /// The major version of `@clerk/nextjs` that governs `path`, when known.
    pub fn nextjs_major(&self, path: &str) -> Option<u64> {
        self.project
            .clerk_ref(path)
            .package("@clerk/nextjs")
            .and_then(|p| p.version.map(|v| v.major))
    }
}

/// The hooks a rule can implement; each has a no-op default, so a rule overrides only the
/// kinds of input it cares about.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Environment variable definitions of one file (`.env*`, workflow, compose, Dockerfile,
    /// vercel.json, netlify.toml, turbo.json).
    fn check_env_defs(&self, _defs: &[EnvDef], _cx: &Context, _out: &mut Vec<Diagnostic>) {}

    /// A JavaScript / TypeScript file (parsed, or with its parse error).
    fn check_script(&self, _script: &ScriptFile, _cx: &Context, _out: &mut Vec<Diagnostic>) {}

    /// The raw text of any file that was read (secrets scanning).
    fn check_text(&self, _cx: &Context, _out: &mut Vec<Diagnostic>) {}

    /// The whole project, after endpoint analysis.
    fn check_project(&self, _cx: &ProjectCx, _out: &mut Vec<Diagnostic>) {}
}

/// Every rule, sorted by id.
pub static ALL: &[&dyn Rule] = &[
    &deprecated_api::DeprecatedApi,
    &deprecated_env_var::DeprecatedEnvVar,
    &hardcoded_secret::HardcodedSecret,
    &instance::allowed_origins::AllowedOrigins,
    &instance::allowlist_on_sign_in::AllowlistOnSignIn,
    &instance::bot_protection::BotProtection,
    &instance::branding::Branding,
    &instance::breach_detection::BreachDetection,
    &instance::breach_detection_sign_in::BreachDetectionSignIn,
    &instance::captcha_native_bypass::CaptchaNativeBypass,
    &instance::delete_self::DeleteSelf,
    &instance::dev_instance::DevInstance,
    &instance::email_link_same_client::EmailLinkSameClient,
    &instance::email_sign_up::EmailSignUp,
    &instance::email_verification::EmailVerification,
    &instance::enumeration_protection::EnumerationProtection,
    &instance::lockout_duration::LockoutDuration,
    &instance::lockout_threshold::LockoutThreshold,
    &instance::mfa::Mfa,
    &instance::password_composition_rules::PasswordCompositionRules,
    &instance::password_min_length::PasswordMinLength,
    &instance::phone_verification::PhoneVerification,
    &instance::pii_protection::PiiProtection,
    &instance::require_name::RequireName,
    &instance::sms_country_allowlist::SmsCountryAllowlist,
    &instance::test_mode_in_production::TestModeInProduction,
    &instance::user_lockout::UserLockout,
    &invalid_suppression::InvalidSuppression,
    &keyless_committed::KeylessCommitted,
    &middleware_matcher_gap::MiddlewareMatcherGap,
    &missing_auth::MissingAuth,
    &parse_error::ParseError,
    &public_secret_env::PublicSecretEnv,
    &route_matcher_wildcard::RouteMatcherWildcard,
    &unawaited_auth::UnawaitedAuth,
    &unchecked_auth::UncheckedAuth,
    &unknown_env_var::UnknownEnvVar,
    &unsupported_sdk::UnsupportedSdk,
    &unused_suppression::UnusedSuppression,
    &unverified_webhook::UnverifiedWebhook,
    &vulnerable_version::VulnerableVersion,
];

pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| r.meta().id == id)
}

/// `clerk-lint rules`: one line per rule.
pub fn table() -> String {
    let width = ALL.iter().map(|r| r.meta().id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for rule in ALL {
        let m = rule.meta();
        out.push_str(&format!(
            "{:<width$}  {:<7}  {}\n",
            m.id,
            m.default_severity.as_str(),
            m.summary
        ));
    }
    out
}

/// `clerk-lint rules --format json`: every rule as `{"id", "default_severity", "source",
/// "summary", "docs_url"}`, in registry order, pretty-printed with a trailing newline.
pub fn json_list() -> String {
    let rules: Vec<serde_json::Value> = ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            serde_json::json!({
                "id": m.id,
                "default_severity": m.default_severity.as_str(),
                "source": m.source.as_str(),
                "summary": m.summary,
                "docs_url": m.docs_url(),
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rules).unwrap_or_default();
    out.push('\n');
    out
}

/// `clerk-lint rule <id>`: the rule's page.
pub fn rule_page(m: &RuleMeta) -> String {
    format!(
        "# {}\n\n{}\n\nDefault severity: {}. Looks at: {}.\n\n{}\n",
        m.id,
        m.summary,
        m.default_severity.as_str(),
        m.source.as_str(),
        m.docs_markdown()
    )
}

/// The whole rule reference (`docs/rules.md`), generated from [`ALL`].
pub fn markdown_reference() -> String {
    let mut out = String::from(
        "# clerk-lint rules\n\n<!-- Generated by `clerk-lint rules --format markdown` from the rule registry; do not edit. `UPDATE_GOLDEN=1 cargo test` rewrites it. -->\n\n| Rule | Default severity | Summary |\n| --- | --- | --- |\n",
    );
    for rule in ALL {
        let m = rule.meta();
        out.push_str(&format!(
            "| [`{}`](#{}) | {} | {} |\n",
            m.id,
            m.id,
            m.default_severity.as_str(),
            m.summary
        ));
    }
    for rule in ALL {
        let m = rule.meta();
        // Headings inside the docs move one level down under the rule's own heading.
        let docs = m
            .docs_markdown()
            .lines()
            .map(|l| {
                if l.starts_with("## ") {
                    format!("#{l}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        if m.id.contains('/') {
            // GitHub drops the `/` from the heading's anchor; keep `#<id>` links working.
            out.push_str(&format!("\n<a name=\"{}\"></a>\n", m.id));
        }
        out.push_str(&format!(
            "\n## {}\n\n{}\n\nDefault severity: **{}**.\n\n{}\n",
            m.id,
            m.summary,
            m.default_severity.as_str(),
            docs
        ));
    }
    out
}

/// Runs rules over a small app written to a temporary directory, for the rule case tables.
#[cfg(test)]
pub mod testing {
    use std::path::PathBuf;

    use crate::diagnostic::Diagnostic;
    use crate::lint::{Settings, run};
    use crate::rules::Rule;

    /// A Next.js app on `@clerk/nextjs` `version` (with a tsconfig mapping `@/*` to
    /// `./src/*`), with `files` (path, text) added.
    pub fn lint_app(
        version: &str,
        files: &[(&str, &str)],
        rule: &'static dyn Rule,
    ) -> Vec<Diagnostic> {
        let tsconfig = (
            "tsconfig.json",
            r#"{"compilerOptions":{"baseUrl":".","paths":{"@/*":["./src/*"]}}}"#,
        );
        let all: Vec<(&str, &str)> = std::iter::once(tsconfig)
            .chain(files.iter().copied())
            .collect();
        lint_deps(
            &format!(r#""next":"15.0.0","@clerk/nextjs":"{version}""#),
            &all,
            rule,
        )
    }

    /// An app whose `package.json` lists `deps` (the inside of `"dependencies": {}`, e.g.
    /// `"@clerk/express": "2.1.0"`), with `files` (path, text) added; no lockfile, so versions
    /// are the lower bounds of the ranges.
    pub fn lint_deps(
        deps: &str,
        files: &[(&str, &str)],
        rule: &'static dyn Rule,
    ) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(
            root.join("package.json"),
            format!(r#"{{"name":"t","dependencies":{{{deps}}}}}"#),
        )
        .unwrap();
        for (path, text) in files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let settings = Settings::with_rules(vec![rule]);
        let root: PathBuf = root.to_path_buf();
        let mut diags = run(std::slice::from_ref(&root), &settings)
            .expect("lint")
            .diagnostics;
        let prefix = format!("{}/", crate::walk::display_path(&root));
        for d in &mut diags {
            d.path = d.path.strip_prefix(&prefix).unwrap_or(&d.path).to_string();
        }
        diags
    }

    /// `(path, line)` of each diagnostic.
    pub fn places(diags: &[Diagnostic]) -> Vec<(String, u32)> {
        diags
            .iter()
            .map(|d| (d.path.clone(), d.start.line))
            .collect()
    }
}
