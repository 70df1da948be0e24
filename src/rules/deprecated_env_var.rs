//! `deprecated-env-var`: Clerk environment variables that were renamed or are no longer read,
//! wherever they are defined or read, with a severity from the Clerk version the app installs.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::project::{ClerkInfo, ClerkPackage, VersionSource, core_of};
use crate::rules::env_names::{self, split};
use crate::rules::{Context, Rule, RuleMeta, declare_rule};
use crate::source::script::{EnvReadKind, ScriptFile};
use crate::source::{EnvDef, FileKind};

declare_rule! {
    /// ## What it does
    /// Flags Clerk environment variables that were renamed or are no longer read by the Clerk
    /// SDK the app installs, wherever they are defined (`.env*` files, GitHub workflow `env:`,
    /// docker-compose `environment`, Dockerfile `ENV`/`ARG`, `vercel.json`, `netlify.toml`,
    /// `turbo.json`) or read in code (`process.env.X`, `import.meta.env.X`, `Deno.env.get("X")`,
    /// `const { X } = process.env`, SvelteKit `$env/static/*` and Astro `astro:env/*` imports).
    ///
    /// The severity follows the installed version (from the lockfile, else the lower bound of
    /// the `package.json` range): **error** when the installed SDK no longer reads the name,
    /// **warning** when it still reads it but it is deprecated. When no Clerk version can be
    /// found the rule reports a warning and says so.
    ///
    /// ## Why is this bad?
    /// A removed variable fails silently: the SDK never reads it, so the setting it was meant
    /// to make does nothing. `NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL` is not read at all by
    /// `@clerk/nextjs` 7, so users land on the default page after signing in, and
    /// `CLERK_API_KEY` is not read since Core 2, so the server has no secret key.
    ///
    /// ## Example
    /// ```dotenv
    /// NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/dashboard
    /// CLERK_API_KEY=sk_test_...
    /// ```
    ///
    /// Use instead:
    /// ```dotenv
    /// NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL=/dashboard
    /// CLERK_SECRET_KEY=sk_test_...
    /// ```
    ///
    /// ## References
    /// - [Clerk environment variables](https://clerk.com/docs/guides/development/clerk-environment-variables)
    /// - [Core 2 upgrade guide](https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-2/nextjs)
    /// - [Core 3 upgrade guide](https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3)
    pub static META {
        id: "deprecated-env-var",
        source: Env,
        severity: Error,
        summary: "a Clerk environment variable that was renamed or is no longer read by the installed SDK",
    }
}

pub struct DeprecatedEnvVar;

impl Rule for DeprecatedEnvVar {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_env_defs(&self, defs: &[EnvDef], cx: &Context, out: &mut Vec<Diagnostic>) {
        for def in defs {
            if let Some(finding) = evaluate(&def.name, cx.clerk, Place::Definition) {
                let site = cx.file.kind == FileKind::Env;
                let fix = rename_fix(&def.name, &finding, cx, &def.name_range, site);
                let mut d = finding.into_diagnostic(
                    cx,
                    def.name_range.clone(),
                    &def.name,
                    Place::Definition,
                );
                d.fix = fix;
                out.push(d);
            }
            if let Some(value) = &def.value
                && split(&def.name).base == "CLERK_API_URL"
                && value.contains("api.clerk.dev")
            {
                out.push(
                    Diagnostic::new(
                        &META,
                        cx.file,
                        def.name_range.clone(),
                        format!("`{}` points at the old `api.clerk.dev` host", def.name),
                    )
                    .with_severity(Severity::Info)
                    .with_help(
                        "remove it (the SDK derives the API URL from the publishable key since Core 2) or use `https://api.clerk.com`",
                    )
                    .with_fingerprint(format!("{}=api.clerk.dev", def.name)),
                );
            }
        }
    }

    fn check_script(&self, script: &ScriptFile, cx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &script.env_reads {
            let place = Place::Read;
            if let Some(finding) = evaluate(&read.name, cx.clerk, place) {
                // A destructured or imported name is also a binding: renaming it would rename
                // the variable too. A file read by text may have matched a comment.
                let site = script.parse_error.is_none()
                    && matches!(
                        read.kind,
                        EnvReadKind::ProcessEnv
                            | EnvReadKind::ImportMetaEnv
                            | EnvReadKind::DenoEnvGet
                    );
                let fix = rename_fix(&read.name, &finding, cx, &read.range, site);
                let mut d = finding.into_diagnostic(cx, read.range.clone(), &read.name, place);
                d.fix = fix;
                out.push(d);
            }
        }
    }
}

/// Where a name was met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Definition,
    Read,
}

/// How a row's name is replaced.
#[derive(Clone, Copy, Debug)]
enum Replace {
    /// The same prefix with this base (`NEXT_PUBLIC_` + base); a secret base drops a public prefix.
    Base(&'static str),
    /// Exactly this name.
    Name(&'static str),
}

/// When a name stopped being current.
#[derive(Clone, Copy, Debug)]
enum Lifecycle {
    /// Deprecated from Clerk Core `deprecated`, no longer read from Core `removed`.
    Core { deprecated: u8, removed: Option<u8> },
    /// Keyed to one package's version; ignored when `only_with` and the package is absent.
    Package {
        package: &'static str,
        deprecated: Option<(u64, u64)>,
        removed: Option<u64>,
        only_with: bool,
    },
    /// A name no SDK ever read (user code reads it): a fixed severity.
    UserRead(Severity),
    /// An old webhook secret name from Clerk's docs: a warning where it is defined, a note
    /// where code reads it (the code passes it explicitly, so it still works).
    WebhookName,
}

/// One row of clerk-facts §1.2.
struct Row {
    base: &'static str,
    /// The prefixes this row applies to; `ANY` means every prefix, plain included.
    prefixes: &'static [&'static str],
    replace: Replace,
    why: &'static str,
    lifecycle: Lifecycle,
}

const ANY: &[&str] = &["*"];
const PUBLIC_OR_PLAIN: &[&str] = &[
    "",
    "NEXT_PUBLIC_",
    "VITE_",
    "PUBLIC_",
    "NUXT_PUBLIC_",
    "EXPO_PUBLIC_",
    "REACT_APP_",
    "GATSBY_",
    "PLASMO_PUBLIC_",
];

/// The table, first match wins. Sources: clerk-facts §1.2.
const ROWS: &[Row] = &[
    Row {
        base: "CLERK_FRONTEND_API",
        prefixes: &["REACT_APP_"],
        replace: Replace::Name("VITE_CLERK_PUBLISHABLE_KEY"),
        why: "the Frontend API URL was replaced by the publishable key (`pk_test_…`/`pk_live_…`, a different value), and Clerk's docs moved from Create React App to Vite",
        lifecycle: Lifecycle::UserRead(Severity::Warning),
    },
    Row {
        base: "CLERK_FRONTEND_API",
        prefixes: ANY,
        replace: Replace::Base("CLERK_PUBLISHABLE_KEY"),
        why: "the Frontend API URL was replaced by the publishable key, a different value (`pk_test_…`/`pk_live_…` from the Dashboard's API keys page)",
        lifecycle: Lifecycle::Core {
            deprecated: 1,
            removed: Some(2),
        },
    },
    Row {
        base: "CLERK_API_KEY",
        prefixes: ANY,
        replace: Replace::Base("CLERK_SECRET_KEY"),
        why: "the API key was renamed to the secret key (same `sk_…` value)",
        lifecycle: Lifecycle::Core {
            deprecated: 1,
            removed: Some(2),
        },
    },
    Row {
        base: "REACT_APP_CLERK_PUBLISHABLE_KEY",
        prefixes: &["VITE_"],
        replace: Replace::Name("VITE_CLERK_PUBLISHABLE_KEY"),
        why: "this is an old Create React App name carried over to Vite; Clerk's docs list it among the names not to use",
        lifecycle: Lifecycle::UserRead(Severity::Warning),
    },
    Row {
        base: "CLERK_PUBLISHABLE_KEY",
        prefixes: &["REACT_APP_"],
        replace: Replace::Name("VITE_CLERK_PUBLISHABLE_KEY"),
        why: "Create React App is deprecated and Clerk's React docs use Vite; the name only matters if you migrate",
        lifecycle: Lifecycle::UserRead(Severity::Info),
    },
    Row {
        base: "CLERK_JS",
        prefixes: &["NEXT_PUBLIC_"],
        replace: Replace::Base("CLERK_JS_URL"),
        why: "@clerk/nextjs 5 renamed it",
        lifecycle: Lifecycle::Package {
            package: "@clerk/nextjs",
            deprecated: None,
            removed: Some(5),
            only_with: false,
        },
    },
    Row {
        base: "CLERK_JS",
        prefixes: &["", "VITE_"],
        replace: Replace::Base("CLERK_JS_URL"),
        why: "Clerk's docs mark `CLERK_JS` as the deprecated spelling of `CLERK_JS_URL`",
        lifecycle: Lifecycle::Core {
            deprecated: 1,
            removed: None,
        },
    },
    Row {
        base: "CLERK_JS_VERSION",
        prefixes: &[""],
        replace: Replace::Name("NEXT_PUBLIC_CLERK_JS_VERSION"),
        why: "Next.js only exposes `NEXT_PUBLIC_` variables to the client, and @clerk/nextjs 5 stopped reading the plain name",
        lifecycle: Lifecycle::Package {
            package: "@clerk/nextjs",
            deprecated: Some((4, 0)),
            removed: Some(5),
            only_with: true,
        },
    },
    Row {
        base: "CLERK_AFTER_SIGN_IN_URL",
        prefixes: PUBLIC_OR_PLAIN,
        replace: Replace::Base("CLERK_SIGN_IN_FALLBACK_REDIRECT_URL"),
        why: "Core 2 replaced `afterSignInUrl` with `signInFallbackRedirectUrl` (same meaning; use `…_SIGN_IN_FORCE_REDIRECT_URL` to always redirect), and Core 3 stopped reading the old name",
        lifecycle: Lifecycle::Core {
            deprecated: 2,
            removed: Some(3),
        },
    },
    Row {
        base: "CLERK_AFTER_SIGN_UP_URL",
        prefixes: PUBLIC_OR_PLAIN,
        replace: Replace::Base("CLERK_SIGN_UP_FALLBACK_REDIRECT_URL"),
        why: "Core 2 replaced `afterSignUpUrl` with `signUpFallbackRedirectUrl` (same meaning; use `…_SIGN_UP_FORCE_REDIRECT_URL` to always redirect), and Core 3 stopped reading the old name",
        lifecycle: Lifecycle::Core {
            deprecated: 2,
            removed: Some(3),
        },
    },
    Row {
        base: "CLERK_API_URL",
        prefixes: &["NUXT_PUBLIC_"],
        replace: Replace::Name("NUXT_CLERK_API_URL"),
        why: "@clerk/nuxt 2.2 moved it to the private runtime config",
        lifecycle: Lifecycle::Package {
            package: "@clerk/nuxt",
            deprecated: Some((2, 2)),
            removed: None,
            only_with: false,
        },
    },
    Row {
        base: "CLERK_API_VERSION",
        prefixes: &["NUXT_PUBLIC_"],
        replace: Replace::Name("NUXT_CLERK_API_VERSION"),
        why: "@clerk/nuxt 2.2 moved it to the private runtime config",
        lifecycle: Lifecycle::Package {
            package: "@clerk/nuxt",
            deprecated: Some((2, 2)),
            removed: None,
            only_with: false,
        },
    },
    Row {
        base: "CLERK_JS_VARIANT",
        prefixes: ANY,
        replace: Replace::Base("CLERK_PREFETCH_UI"),
        why: "Core 3 removed the `headless` variant; set the replacement to `false` to skip loading the UI",
        lifecycle: Lifecycle::Core {
            deprecated: 3,
            removed: Some(3),
        },
    },
    Row {
        base: "CLERK_WEBHOOK_SECRET_KEY",
        prefixes: &["", "NUXT_"],
        replace: Replace::Base("CLERK_WEBHOOK_SIGNING_SECRET"),
        why: "`verifyWebhook()` reads only `CLERK_WEBHOOK_SIGNING_SECRET` unless you pass `signingSecret`",
        lifecycle: Lifecycle::WebhookName,
    },
    Row {
        base: "CLERK_WEBHOOK_SECRET",
        prefixes: &["", "NUXT_"],
        replace: Replace::Base("CLERK_WEBHOOK_SIGNING_SECRET"),
        why: "`verifyWebhook()` reads only `CLERK_WEBHOOK_SIGNING_SECRET` unless you pass `signingSecret`",
        lifecycle: Lifecycle::WebhookName,
    },
];

/// Renames that keep the value and its meaning: (base, prefixes, the Clerk Core from which
/// every SDK reads the new name). Clerk's Core 2 guide: replace `afterSignXUrl` with
/// `signXFallbackRedirectUrl` "to retain the current behavior". Not `CLERK_FRONTEND_API`
/// (the publishable key is a different value), not a secret with a public prefix (the fix is
/// to stop exposing it), not `CLERK_JS_VERSION` (the new name reaches the browser), not
/// Astro's `PUBLIC_` names (Astro reads no fallback-redirect variable).
const SAME_MEANING: &[(&str, &[&str], u8)] = &[
    ("CLERK_API_KEY", &[""], 2),
    (
        "CLERK_AFTER_SIGN_IN_URL",
        &["", "NEXT_PUBLIC_", "VITE_", "NUXT_PUBLIC_"],
        2,
    ),
    (
        "CLERK_AFTER_SIGN_UP_URL",
        &["", "NEXT_PUBLIC_", "VITE_", "NUXT_PUBLIC_"],
        2,
    ),
    ("CLERK_JS", &["NEXT_PUBLIC_"], 2),
];

/// The `--fix` of one occurrence: `None` when the name has no same-meaning replacement;
/// otherwise a member of the rename's group, which blocks the group when this occurrence
/// cannot be renamed (`site` is false, the file is git-ignored, or an installed SDK may not
/// read the new name yet). The engine applies a rename only when every definition and read
/// of the old name in the project can be renamed at once (`crate::fix`).
fn rename_fix(
    name: &str,
    finding: &Finding,
    cx: &Context,
    range: &std::ops::Range<usize>,
    site: bool,
) -> Option<Fix> {
    let parts = split(name);
    let &(_, _, min_core) = SAME_MEANING
        .iter()
        .find(|(base, prefixes, _)| *base == parts.base && prefixes.contains(&parts.prefix))?;
    let new = &finding.replacement;
    // The redirect variables share one group with the legacy redirect props (`crate::fix`).
    let redirect = parts.base.starts_with("CLERK_AFTER_SIGN_");
    let group = if redirect {
        crate::fix::LEGACY_REDIRECTS.to_string()
    } else {
        crate::fix::env_rename_group(name, new)
    };
    let cores: Vec<u8> = cx
        .clerk
        .packages
        .iter()
        .filter_map(|p| core_of(&p.name, p.version.as_ref()?))
        .collect();
    let version_ok = !cores.is_empty() && cores.iter().all(|&c| c >= min_core);
    let status_ok = matches!(
        finding.status,
        Status::Removed { .. } | Status::Deprecated { .. }
    );
    if !(site && version_ok && status_ok && !cx.file.git_ignored) {
        return Some(Fix::blocker(group));
    }
    let fix = Fix::new(
        format!("rename `{name}` to `{new}`"),
        vec![Edit::new(cx.file, range.clone(), new.clone())],
    )
    .renaming(name, new.clone());
    Some(if redirect {
        crate::fix::legacy_redirect_fix(fix)
    } else {
        fix.in_group(group)
    })
}

/// The state of a name for the installed SDK.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Status {
    /// The installed SDK does not read it.
    Removed { sdk: String },
    /// Still read, deprecated.
    Deprecated {
        sdk: String,
        removed_in: Option<String>,
    },
    /// No Clerk version known: deprecated at least; `removed_in` says from when it is ignored.
    Unknown { removed_in: Option<String> },
    /// No SDK ever read it.
    UserRead(Severity),
    /// An old webhook secret name.
    WebhookName(Severity),
}

struct Finding {
    replacement: String,
    why: &'static str,
    status: Status,
    version_note: Option<String>,
}

/// Whether this rule knows `name` (an old or renamed Clerk variable), whatever the version:
/// `unknown-env-var` leaves those names to it.
pub fn is_old_name(name: &str) -> bool {
    let split = split(name);
    ROWS.iter()
        .any(|r| r.base == split.base && (r.prefixes == ANY || r.prefixes.contains(&split.prefix)))
}

fn evaluate(name: &str, clerk: &ClerkInfo, place: Place) -> Option<Finding> {
    let split = split(name);
    let row = ROWS.iter().find(|r| {
        r.base == split.base && (r.prefixes == ANY || r.prefixes.contains(&split.prefix))
    })?;
    let replacement = match row.replace {
        Replace::Name(n) => n.to_string(),
        Replace::Base(b) => {
            if split.public_framework.is_some() && env_names::is_secret_base(b) {
                b.to_string()
            } else {
                format!("{}{b}", split.prefix)
            }
        }
    };
    let mut version_note = None;
    let status = match row.lifecycle {
        Lifecycle::UserRead(sev) => Status::UserRead(sev),
        Lifecycle::WebhookName => match place {
            Place::Definition => Status::WebhookName(Severity::Warning),
            // Code that reads the old name passes it on itself (to svix, say): the name is the
            // app's own choice there, and it works.
            Place::Read => return None,
        },
        Lifecycle::Core {
            deprecated,
            removed,
        } => match primary_sdk(clerk) {
            Some((pkg, core)) => {
                version_note = version_source_note(pkg);
                let sdk = sdk_label(pkg);
                if removed.is_some_and(|r| core >= r) {
                    Status::Removed { sdk }
                } else if core >= deprecated {
                    Status::Deprecated {
                        sdk,
                        removed_in: removed.map(|r| removal_label(pkg, r)),
                    }
                } else {
                    return None;
                }
            }
            None => Status::Unknown {
                removed_in: removed.map(core_label),
            },
        },
        Lifecycle::Package {
            package,
            deprecated,
            removed,
            only_with,
        } => match clerk.package(package) {
            Some(pkg) => match pkg.version {
                Some(v) => {
                    version_note = version_source_note(pkg);
                    let sdk = sdk_label(pkg);
                    if removed.is_some_and(|r| v.major >= r) {
                        Status::Removed { sdk }
                    } else if deprecated.is_some_and(|(maj, min)| (v.major, v.minor) >= (maj, min))
                    {
                        Status::Deprecated {
                            sdk,
                            removed_in: removed.map(|r| format!("{package} {r}")),
                        }
                    } else {
                        return None;
                    }
                }
                None => Status::Unknown {
                    removed_in: removed.map(|r| format!("{package} {r}")),
                },
            },
            None if only_with => return None,
            None => Status::Unknown {
                removed_in: removed.map(|r| format!("{package} {r}")),
            },
        },
    };
    Some(Finding {
        replacement,
        why: row.why,
        status,
        version_note,
    })
}

impl Finding {
    fn into_diagnostic(
        self,
        cx: &Context,
        range: std::ops::Range<usize>,
        name: &str,
        place: Place,
    ) -> Diagnostic {
        let new = &self.replacement;
        let (severity, message) = match &self.status {
            Status::Removed { sdk } => (
                Severity::Error,
                format!("`{name}` is not read by {sdk}; use `{new}`"),
            ),
            Status::Deprecated { sdk, removed_in } => (
                Severity::Warning,
                match removed_in {
                    Some(r) => {
                        format!("`{name}` is deprecated in {sdk} and ignored from {r}; use `{new}`")
                    }
                    None => format!("`{name}` is deprecated in {sdk}; use `{new}`"),
                },
            ),
            Status::Unknown { removed_in } => (
                Severity::Warning,
                match removed_in {
                    Some(r) => {
                        format!("`{name}` is deprecated and not read at all from {r}; use `{new}`")
                    }
                    None => format!("`{name}` is deprecated; use `{new}`"),
                },
            ),
            Status::UserRead(sev) => (
                *sev,
                format!("`{name}` is an old name that no Clerk SDK reads; use `{new}`"),
            ),
            Status::WebhookName(sev) => (
                *sev,
                format!(
                    "`{name}` is an old name for the Clerk webhook signing secret; use `{new}`"
                ),
            ),
        };
        let action = match place {
            Place::Definition => format!("rename it to `{new}` here and wherever it is read"),
            Place::Read => {
                format!("read `{new}` instead, and rename it where it is defined")
            }
        };
        let mut help = format!("{action}: {}", self.why);
        if let Status::Unknown { .. } = self.status {
            help.push_str(
                "; clerk-lint could not tell which Clerk version reads this file (no Clerk package in a package.json above it, or the apps below it install different versions), so this is reported as a warning",
            );
        }
        if let Some(note) = self.version_note {
            help.push_str("; ");
            help.push_str(&note);
        }
        Diagnostic::new(&META, cx.file, range, message)
            .with_severity(severity)
            .with_help(help)
            .with_fingerprint(name.to_string())
    }
}

/// Framework SDKs first: they decide which names the app reads.
const SDK_PREFERENCE: &[&str] = &[
    "@clerk/nextjs",
    "@clerk/react-router",
    "@clerk/tanstack-react-start",
    "@clerk/astro",
    "@clerk/nuxt",
    "@clerk/remix",
    "@clerk/expo",
    "@clerk/clerk-expo",
    "@clerk/vue",
    "@clerk/express",
    "@clerk/fastify",
    "@clerk/hono",
    "@clerk/react",
    "@clerk/clerk-react",
    "gatsby-plugin-clerk",
    "@clerk/clerk-sdk-node",
    "@clerk/backend",
];

/// The SDK whose version decides, with its Core: the newest Core among installed SDKs, and
/// among those the framework SDK.
fn primary_sdk(clerk: &ClerkInfo) -> Option<(&ClerkPackage, u8)> {
    let rank = |p: &ClerkPackage| {
        SDK_PREFERENCE
            .iter()
            .position(|n| *n == p.name)
            .unwrap_or(SDK_PREFERENCE.len())
    };
    clerk
        .packages
        .iter()
        .filter_map(|p| Some((p, core_of(&p.name, p.version.as_ref()?)?)))
        .max_by(|(a, ca), (b, cb)| ca.cmp(cb).then(rank(b).cmp(&rank(a))))
}

fn sdk_label(pkg: &ClerkPackage) -> String {
    if let VersionSource::Target(u) = &pkg.source {
        return format!("{} {}", u.to_package, u.to_major);
    }
    match pkg.version {
        Some(v) => format!("{} {}", pkg.name, v.major),
        None => pkg.name.clone(),
    }
}

/// Where `pkg` stops reading a name that Core `core` removed: `@clerk/nextjs 7`.
fn removal_label(pkg: &ClerkPackage, core: u8) -> String {
    (0..=30u64)
        .find(|&major| {
            core_of(
                &pkg.name,
                &crate::project::Version {
                    major,
                    minor: 0,
                    patch: 0,
                },
            )
            .is_some_and(|c| c >= core)
        })
        .map(|major| format!("{} {major}", pkg.name))
        .unwrap_or_else(|| core_label(core))
}

fn core_label(core: u8) -> String {
    match core {
        2 => "Clerk Core 2 (@clerk/nextjs 5, @clerk/backend 1)".to_string(),
        3 => "Clerk Core 3 (@clerk/nextjs 7, @clerk/react 6, @clerk/backend 3)".to_string(),
        n => format!("Clerk Core {n}"),
    }
}

fn version_source_note(pkg: &ClerkPackage) -> Option<String> {
    let v = pkg.version?;
    match &pkg.source {
        VersionSource::Lockfile(path) => Some(format!("{} {v} is installed (`{path}`)", pkg.name)),
        VersionSource::PackageJson => Some(format!(
            "{} {v} is the lower bound of `{}` in package.json (no lockfile entry)",
            pkg.name, pkg.spec
        )),
        VersionSource::Unknown => None,
        VersionSource::Target(u) => Some(u.note(&pkg.name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Version;
    use crate::source::{FileKind, SourceFile};

    fn clerk(pkgs: &[(&str, u64, u64)]) -> ClerkInfo {
        ClerkInfo {
            packages: pkgs
                .iter()
                .map(|(name, major, minor)| ClerkPackage {
                    name: name.to_string(),
                    spec: format!("^{major}.{minor}.0"),
                    version: Some(Version {
                        major: *major,
                        minor: *minor,
                        patch: 0,
                    }),
                    source: VersionSource::Lockfile("package-lock.json".into()),
                })
                .collect(),
        }
    }

    /// (variable, installed SDKs, expected severity or None, replacement in the message)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &[(&str, u64, u64)], Option<Severity>, &str)] = &[
        (
            "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
            &[("@clerk/nextjs", 7, 0)],
            Some(Severity::Error),
            "NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL",
        ),
        (
            "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
            &[("@clerk/nextjs", 6, 9)],
            Some(Severity::Warning),
            "NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL",
        ),
        (
            "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
            &[("@clerk/nextjs", 5, 0)],
            Some(Severity::Warning),
            "NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL",
        ),
        (
            "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
            &[("@clerk/nextjs", 4, 29)],
            None,
            "",
        ),
        (
            "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
            &[],
            Some(Severity::Warning),
            "NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL",
        ),
        (
            "NEXT_PUBLIC_CLERK_AFTER_SIGN_UP_URL",
            &[("@clerk/nextjs", 7, 2)],
            Some(Severity::Error),
            "NEXT_PUBLIC_CLERK_SIGN_UP_FALLBACK_REDIRECT_URL",
        ),
        (
            "VITE_CLERK_AFTER_SIGN_IN_URL",
            &[("@clerk/react-router", 3, 0)],
            Some(Severity::Error),
            "VITE_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL",
        ),
        (
            "CLERK_AFTER_SIGN_IN_URL",
            &[("@clerk/remix", 4, 1)],
            Some(Severity::Warning),
            "CLERK_SIGN_IN_FALLBACK_REDIRECT_URL",
        ),
        (
            "NUXT_PUBLIC_CLERK_AFTER_SIGN_UP_URL",
            &[("@clerk/nuxt", 3, 0)],
            Some(Severity::Error),
            "NUXT_PUBLIC_CLERK_SIGN_UP_FALLBACK_REDIRECT_URL",
        ),
        (
            "CLERK_API_KEY",
            &[("@clerk/nextjs", 6, 0)],
            Some(Severity::Error),
            "CLERK_SECRET_KEY",
        ),
        (
            "CLERK_API_KEY",
            &[("@clerk/nextjs", 4, 29)],
            Some(Severity::Warning),
            "CLERK_SECRET_KEY",
        ),
        (
            "NEXT_PUBLIC_CLERK_API_KEY",
            &[("@clerk/nextjs", 6, 0)],
            Some(Severity::Error),
            "`CLERK_SECRET_KEY`",
        ),
        (
            "NUXT_CLERK_API_KEY",
            &[("@clerk/nuxt", 2, 0)],
            Some(Severity::Error),
            "NUXT_CLERK_SECRET_KEY",
        ),
        (
            "NEXT_PUBLIC_CLERK_FRONTEND_API",
            &[("@clerk/nextjs", 5, 0)],
            Some(Severity::Error),
            "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
        ),
        (
            "GATSBY_CLERK_FRONTEND_API",
            &[("gatsby-plugin-clerk", 5, 0)],
            Some(Severity::Error),
            "GATSBY_CLERK_PUBLISHABLE_KEY",
        ),
        (
            "PUBLIC_CLERK_FRONTEND_API",
            &[("@clerk/astro", 1, 0)],
            Some(Severity::Error),
            "PUBLIC_CLERK_PUBLISHABLE_KEY",
        ),
        (
            "REACT_APP_CLERK_FRONTEND_API",
            &[],
            Some(Severity::Warning),
            "VITE_CLERK_PUBLISHABLE_KEY",
        ),
        (
            "VITE_REACT_APP_CLERK_PUBLISHABLE_KEY",
            &[],
            Some(Severity::Warning),
            "VITE_CLERK_PUBLISHABLE_KEY",
        ),
        (
            "REACT_APP_CLERK_PUBLISHABLE_KEY",
            &[("@clerk/clerk-react", 5, 0)],
            Some(Severity::Info),
            "VITE_CLERK_PUBLISHABLE_KEY",
        ),
        (
            "NEXT_PUBLIC_CLERK_JS",
            &[("@clerk/nextjs", 5, 0)],
            Some(Severity::Error),
            "NEXT_PUBLIC_CLERK_JS_URL",
        ),
        ("NEXT_PUBLIC_CLERK_JS", &[("@clerk/nextjs", 4, 0)], None, ""),
        (
            "CLERK_JS",
            &[("@clerk/express", 2, 0)],
            Some(Severity::Warning),
            "CLERK_JS_URL",
        ),
        (
            "CLERK_JS_VERSION",
            &[("@clerk/nextjs", 6, 0)],
            Some(Severity::Error),
            "NEXT_PUBLIC_CLERK_JS_VERSION",
        ),
        ("CLERK_JS_VERSION", &[("@clerk/express", 2, 0)], None, ""),
        ("CLERK_JS_VERSION", &[], None, ""),
        (
            "NUXT_PUBLIC_CLERK_API_URL",
            &[("@clerk/nuxt", 2, 2)],
            Some(Severity::Warning),
            "NUXT_CLERK_API_URL",
        ),
        (
            "NUXT_PUBLIC_CLERK_API_URL",
            &[("@clerk/nuxt", 2, 1)],
            None,
            "",
        ),
        (
            "PUBLIC_CLERK_JS_VARIANT",
            &[("@clerk/astro", 3, 0)],
            Some(Severity::Error),
            "PUBLIC_CLERK_PREFETCH_UI",
        ),
        (
            "PUBLIC_CLERK_JS_VARIANT",
            &[("@clerk/astro", 2, 0)],
            None,
            "",
        ),
        (
            "CLERK_WEBHOOK_SECRET",
            &[("@clerk/nextjs", 6, 0)],
            Some(Severity::Warning),
            "CLERK_WEBHOOK_SIGNING_SECRET",
        ),
        ("WEBHOOK_SECRET", &[("@clerk/nextjs", 6, 0)], None, ""),
        ("SIGNING_SECRET", &[("@clerk/nextjs", 6, 0)], None, ""),
        // Current names never fire.
        (
            "NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL",
            &[("@clerk/nextjs", 7, 0)],
            None,
            "",
        ),
        ("CLERK_SECRET_KEY", &[("@clerk/nextjs", 7, 0)], None, ""),
        (
            "NEXT_PUBLIC_CLERK_JS_URL",
            &[("@clerk/nextjs", 7, 0)],
            None,
            "",
        ),
        (
            "NEXT_PUBLIC_CLERK_JS_VERSION",
            &[("@clerk/nextjs", 7, 0)],
            None,
            "",
        ),
        (
            "CLERK_WEBHOOK_SIGNING_SECRET",
            &[("@clerk/nextjs", 7, 0)],
            None,
            "",
        ),
        ("DATABASE_URL", &[("@clerk/nextjs", 7, 0)], None, ""),
    ];

    #[test]
    fn definition_cases() {
        for (name, pkgs, expected, replacement) in CASES {
            let text = format!("{name}=x\n");
            let file = SourceFile::for_test(".env", FileKind::Env, &text);
            let info = clerk(pkgs);
            let cx = Context {
                file: &file,
                clerk: &info,
            };
            let defs = [EnvDef {
                name: name.to_string(),
                name_range: 0..name.len(),
                value: Some("x".into()),
                value_range: Some(name.len() + 1..name.len() + 2),
            }];
            let mut out = Vec::new();
            DeprecatedEnvVar.check_env_defs(&defs, &cx, &mut out);
            assert_eq!(
                out.first().map(|d| d.severity),
                *expected,
                "{name} with {pkgs:?}: {out:?}"
            );
            if let Some(d) = out.first() {
                assert!(d.message.contains(replacement), "{name}: {}", d.message);
                assert_eq!(
                    (d.start.line, d.start.column, d.end.column),
                    (1, 1, name.len() as u32 + 1)
                );
                assert!(d.message.starts_with('`') && !d.message.ends_with('.'));
            }
        }
    }

    #[test]
    fn message_names_the_installed_sdk() {
        let info = clerk(&[("@clerk/nextjs", 7, 1), ("@clerk/backend", 3, 0)]);
        let finding = evaluate(
            "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL",
            &info,
            Place::Definition,
        )
        .unwrap();
        assert_eq!(
            finding.status,
            Status::Removed {
                sdk: "@clerk/nextjs 7".into()
            }
        );
    }

    #[test]
    fn generic_webhook_secret_names_never_fire() {
        // `WEBHOOK_SECRET` may be any provider's; code that reads it passes it explicitly.
        let info = clerk(&[("@clerk/nextjs", 6, 0)]);
        let src = "import { Webhook } from 'svix';\nconst s = process.env.WEBHOOK_SECRET;";
        let script = ScriptFile::parse("route.ts", src);
        let file = SourceFile::for_test("route.ts", FileKind::Script, src);
        let cx = Context {
            file: &file,
            clerk: &info,
        };
        let mut out = Vec::new();
        DeprecatedEnvVar.check_script(&script, &cx, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn old_api_host_is_a_note() {
        let info = clerk(&[("@clerk/nextjs", 6, 0)]);
        let text = "CLERK_API_URL=https://api.clerk.dev\n";
        let file = SourceFile::for_test(".env", FileKind::Env, text);
        let cx = Context {
            file: &file,
            clerk: &info,
        };
        let defs = [EnvDef {
            name: "CLERK_API_URL".into(),
            name_range: 0..13,
            value: Some("https://api.clerk.dev".into()),
            value_range: Some(14..35),
        }];
        let mut out = Vec::new();
        DeprecatedEnvVar.check_env_defs(&defs, &cx, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, Severity::Info);
    }
}
