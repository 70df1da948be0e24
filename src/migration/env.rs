//! Renamed and retired Clerk environment variables (clerk-facts §1.2): the table
//! `deprecated-env-var` reads, at the installed version in the default run and at the target
//! in `clerk-lint upgrade`.

use crate::diagnostic::Severity;

/// How a row's name is replaced.
#[derive(Clone, Copy, Debug)]
pub enum Replace {
    /// The same prefix with this base (`NEXT_PUBLIC_` + base); a secret base drops a public prefix.
    Base(&'static str),
    /// Exactly this name.
    Name(&'static str),
}

/// When a name stopped being current.
#[derive(Clone, Copy, Debug)]
pub enum Lifecycle {
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
pub struct Row {
    pub base: &'static str,
    /// The prefixes this row applies to; `ANY` means every prefix, plain included.
    pub prefixes: &'static [&'static str],
    pub replace: Replace,
    pub why: &'static str,
    pub lifecycle: Lifecycle,
}

pub const ANY: &[&str] = &["*"];
pub const PUBLIC_OR_PLAIN: &[&str] = &[
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
pub const ROWS: &[Row] = &[
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
pub const SAME_MEANING: &[(&str, &[&str], u8)] = &[
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
