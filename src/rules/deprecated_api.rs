//! `deprecated-api`: Clerk entry points, functions, components, props and packages that the
//! installed SDK deprecated or removed, matched on the syntax tree by the import they come
//! from, with a severity from the installed version.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::project::{ClerkInfo, Version, VersionSource, core_of};
use crate::rules::{Context, Rule, RuleMeta, declare_rule};
use crate::source::FileKind;
use crate::source::clerk_api::{ClerkImport, ClerkUsage, ImportKind, package_of};
use crate::source::json_tokens;
use crate::source::script::ScriptFile;

pub(crate) use crate::migration::REACT_SDKS;
use crate::migration::{
    GUIDES, KEYS, MODULES, NAMED, NEXT, NamedRow, PACKAGES, PROPS, REDIRECT_GUIDE, Since, V,
};

declare_rule! {
    /// ## What it does
    /// Flags uses of Clerk APIs that the Clerk SDK the app installs has deprecated or removed:
    /// imports from entry points that are gone (`@clerk/nextjs/api`, `@clerk/nextjs/ssr`,
    /// `@clerk/nextjs/edge-middleware`), server helpers imported from the package root,
    /// removed functions and components (`authMiddleware`, `withClerkMiddleware`, the
    /// `redirectToSignIn` import, `<SignedIn>`, `<SignedOut>` and `<Protect>` on Core 3),
    /// `clerkClient` used as an object on `@clerk/nextjs` 6, Express `req.auth` read as an
    /// object on `@clerk/express` 2, Nuxt and TanStack `getAuth`, legacy props
    /// (`afterSignInUrl`, `afterSignUpUrl`, the legacy `redirectUrl`, `afterSignOutUrl` on
    /// `<UserButton>`, `afterSwitchOrganizationUrl`, `hideSlug`, ...), removed options
    /// (`apiKey`, `frontendApi`, `enableHandshake`), and deprecated packages in
    /// `package.json` (`@clerk/clerk-sdk-node`, `@clerk/remix`, `@clerk/tanstack-start`,
    /// `@hono/clerk-auth`, `gatsby-plugin-clerk`, and on Core 3 apps `@clerk/types`,
    /// `@clerk/clerk-react`, `@clerk/clerk-expo`, `@clerk/themes`).
    ///
    /// It also reports `createRouteMatcher` where the installed SDK deprecated it
    /// (`@clerk/nextjs` 7.5.14: a warning) or removed it (`@clerk/astro` 4, `@clerk/nuxt` 3),
    /// each call of a removed or deprecated function as well as its import, each tag of a
    /// removed component (`<SignedIn>`), and Clerk components in the template markup of
    /// `.astro`, `.vue` and `.svelte` files (Vue's `:after-sign-in-url` included).
    ///
    /// `clerk-lint upgrade` adds, as warnings when the upgrade crosses the Core, names a Core
    /// changed in files that import from Clerk (resource properties, appearance and
    /// localization keys, `user.update({ password })`, `createExternalAccount({ redirect_url
    /// })`, `authenticateRequest({ request })`, `'ClerkApiError'`), a Next.js root layout whose
    /// `<ClerkProvider>` wraps `<html>`, and `engines.node` below 20.9.0 in `package.json`.
    ///
    /// Matching is by the import, not by the name: `<SignIn afterSignInUrl>` counts only when
    /// `SignIn` is imported from a Clerk package, and its severity follows the version of
    /// that package (from the lockfile, else the lower bound of the `package.json` range).
    /// **Error** where the installed version removed the API, **warning** where it is
    /// deprecated; nothing on versions where it is current. The message names the
    /// replacement and the version; the help links the upgrade guide.
    ///
    /// Not flagged, unlike Clerk's own upgrade scanner: `redirectUrl` on `<SignOutButton>`
    /// and in `signOut({ redirectUrl })` or `authenticateWithRedirect({ redirectUrl })`, the
    /// top-level `verifyToken` of `@clerk/backend` (still exported), `__experimental_` names,
    /// and anything in comments or strings.
    ///
    /// `--fix` moves imports to their new entry point (`auth` from `@clerk/nextjs` to
    /// `@clerk/nextjs/server`), and renames props and options whose replacement has the same
    /// meaning (`afterSignInUrl` on `<SignIn>` to `fallbackRedirectUrl`, `apiKey` to
    /// `secretKey`), where the installed version has the new name.
    ///
    /// ## Why is this bad?
    /// A removed API fails at build or run time, or silently does nothing: on Core 3
    /// `afterSignInUrl` is ignored and users land on `/` after signing in, and
    /// `authMiddleware`, which protected every route by default, no longer exists in
    /// `@clerk/nextjs` 6. A deprecated API is the next upgrade's breakage.
    ///
    /// ## Example
    /// ```tsx
    /// import { authMiddleware } from "@clerk/nextjs";
    /// import { SignIn } from "@clerk/nextjs";
    ///
    /// <SignIn afterSignInUrl="/dashboard" />
    /// ```
    ///
    /// Use instead:
    /// ```tsx
    /// import { clerkMiddleware } from "@clerk/nextjs/server";
    /// import { SignIn } from "@clerk/nextjs";
    ///
    /// <SignIn fallbackRedirectUrl="/dashboard" />
    /// ```
    ///
    /// ## References
    /// - [Core 2 upgrade guide (Next.js)](https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-2/nextjs)
    /// - [Next.js SDK v6 upgrade guide](https://clerk.com/docs/guides/development/upgrading/upgrade-guides/nextjs-v6)
    /// - [Core 3 upgrade guide](https://clerk.com/docs/guides/development/upgrading/upgrade-guides/core-3)
    pub static META {
        id: "deprecated-api",
        source: Script,
        severity: Error,
        summary: "a Clerk import, function, component, prop or package that the installed SDK deprecated or removed",
    }
}

pub struct DeprecatedApi;

impl Rule for DeprecatedApi {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_script(&self, script: &ScriptFile, cx: &Context, out: &mut Vec<Diagnostic>) {
        let u = &script.clerk;
        if u.imports.is_empty() {
            // Nuxt registers Clerk's components globally: a `.vue` template uses them unimported.
            if !u.auto_jsx.is_empty() && cx.clerk.package("@clerk/nuxt").is_some() {
                let nuxt = ClerkUsage {
                    imports: vec![ClerkImport {
                        source: "@clerk/nuxt".to_string(),
                        source_range: 0..0,
                        kind: ImportKind::Import,
                        type_only: false,
                        specifiers: Vec::new(),
                        has_other_specifiers: false,
                    }],
                    jsx: u.auto_jsx.clone(),
                    ..ClerkUsage::default()
                };
                check_jsx(&nuxt, cx, out);
            }
            // `req.auth` in a controller: `clerkMiddleware()` was installed in another file.
            if cx.clerk.package("@clerk/express").is_some()
                || cx.clerk.package("@clerk/clerk-sdk-node").is_some()
            {
                check_req_auth(u, cx, out);
            }
            return;
        }
        check_imports(u, cx, out);
        check_jsx(u, cx, out);
        check_calls(u, cx, out);
        check_usages(u, cx, out);
        check_auth_calls(u, cx, out);
        check_properties(u, cx, out);
        check_provider_in_body(u, cx, out);
    }

    fn check_text(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        if cx.file.kind == FileKind::PackageJson {
            check_packages(cx, out);
        }
    }
}

/// How an API fares at the installed version.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Verdict {
    severity: Severity,
    /// `was removed in @clerk/nextjs 6`, `is deprecated since @clerk/nextjs 5 and removed in
    /// @clerk/nextjs 6`.
    phrase: String,
    /// Where the version came from, or why it is unknown.
    note: Option<String>,
}

fn version_label(v: V) -> String {
    match v {
        (major, 0, 0) => major.to_string(),
        (major, minor, 0) => format!("{major}.{minor}"),
        (major, minor, patch) => format!("{major}.{minor}.{patch}"),
    }
}

/// The first major of `package` on Clerk Core `core`: `@clerk/nextjs 7`; for a package
/// renamed or replaced before that Core, its successor's (`@clerk/react 6`).
fn core_label(package: &str, core: u8) -> String {
    if let Some((successor, major)) = crate::migration::target::successor_on(package, core) {
        return format!("Clerk Core {core} ({successor} {major})");
    }
    let major = (0..=30u64)
        .find(|&major| core_of(package, &Version::new(major, 0, 0)).is_some_and(|c| c >= core));
    match major {
        Some(m) => format!("Clerk Core {core} ({package} {m})"),
        None => format!("Clerk Core {core}"),
    }
}

fn phrase(deprecated: Option<String>, removed: Option<String>, is_removed: bool) -> String {
    match (is_removed, deprecated, removed) {
        (true, _, Some(r)) => format!("was removed in {r}"),
        (false, Some(d), Some(r)) => format!("is deprecated since {d} and removed in {r}"),
        (false, Some(d), None) => format!("is deprecated since {d}"),
        (_, None, Some(r)) => format!("is removed in {r}"),
        (_, _, None) => "is deprecated".to_string(),
    }
}

fn source_note(clerk: &ClerkInfo, package: &str) -> Option<String> {
    let p = clerk.package(package)?;
    let v = p.version?;
    match &p.source {
        VersionSource::Lockfile(path) => Some(format!("{package} {v} is installed (`{path}`)")),
        VersionSource::PackageJson => Some(format!(
            "{package} {v} is the lower bound of `{}` in package.json (no lockfile entry)",
            p.spec
        )),
        VersionSource::Unknown => None,
        VersionSource::Target(u) => Some(u.note(package)),
    }
}

const UNKNOWN_NOTE: &str = "clerk-lint could not tell which version of the SDK this file uses, so this is reported as a warning";

/// Evaluates `since` for an API imported from `package` (`None` when the API is not tied to
/// an import).
fn evaluate(since: Since, package: Option<&str>, clerk: &ClerkInfo) -> Option<Verdict> {
    match since {
        Since::Pkg(pkg, dep, rem) => {
            let label = |v: V| format!("{pkg} {}", version_label(v));
            let installed = clerk.package(pkg).and_then(|p| p.version);
            match installed {
                Some(v) => {
                    let at = |t: V| Version::new(t.0, t.1, t.2) <= v;
                    let removed = rem.is_some_and(at);
                    if !removed && !dep.is_some_and(at) {
                        return None;
                    }
                    Some(Verdict {
                        severity: if removed {
                            Severity::Error
                        } else {
                            Severity::Warning
                        },
                        // Deprecated from its first release on: a community SDK Clerk
                        // replaced (`clerk-sveltekit`).
                        phrase: if dep == Some((0, 0, 0)) && rem.is_none() {
                            format!("is deprecated with {pkg}")
                        } else {
                            phrase(dep.map(label), rem.map(label), removed)
                        },
                        note: source_note(clerk, pkg),
                    })
                }
                None => {
                    // Unknown version: a warning only for what was deprecated by Core 2.
                    let old = dep.is_some_and(|d| {
                        core_of(pkg, &Version::new(d.0, d.1, d.2)).is_some_and(|c| c <= 2)
                    });
                    old.then(|| Verdict {
                        severity: Severity::Warning,
                        phrase: phrase(dep.map(label), rem.map(label), false),
                        note: Some(UNKNOWN_NOTE.to_string()),
                    })
                }
            }
        }
        Since::Core(dep, rem) => {
            let pkg = package?;
            let version = clerk.package(pkg).and_then(|p| p.version);
            let core = version.and_then(|v| core_of(pkg, &v));
            let label = |c: u8| core_label(pkg, c);
            core_verdict(core, dep, rem, &label, source_note(clerk, pkg))
        }
        Since::AppCore(dep, rem) => {
            let label = |c: u8| format!("Clerk Core {c}");
            core_verdict(clerk.core(), dep, rem, &label, None)
        }
        Since::Unsupported => {
            let pkg = package?;
            let up = crate::migration::target::upgrade_in(clerk, pkg)?;
            Some(Verdict {
                severity: Severity::Error,
                phrase: "is no longer supported by Clerk".to_string(),
                note: Some(up.note(pkg)),
            })
        }
        Since::Changed(core) => {
            let pkg = package?;
            let up = crate::migration::target::upgrade_in(clerk, pkg)?;
            let crosses = up.installed_core.is_none_or(|c| c < core) && up.to_core >= core;
            crosses.then(|| Verdict {
                severity: Severity::Error,
                phrase: format!("changed in {}", core_label(pkg, core)),
                note: Some(up.note(pkg)),
            })
        }
    }
}

fn core_verdict(
    core: Option<u8>,
    dep: Option<u8>,
    rem: Option<u8>,
    label: &dyn Fn(u8) -> String,
    note: Option<String>,
) -> Option<Verdict> {
    match core {
        Some(c) => {
            let removed = rem.is_some_and(|r| c >= r);
            if !removed && dep.is_none_or(|d| c < d) {
                return None;
            }
            Some(Verdict {
                severity: if removed {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                phrase: phrase(dep.map(label), rem.map(label), removed),
                note,
            })
        }
        None => dep.filter(|&d| d <= 2).map(|_| Verdict {
            severity: Severity::Warning,
            phrase: phrase(dep.map(label), rem.map(label), false),
            note: Some(UNKNOWN_NOTE.to_string()),
        }),
    }
}

fn guide_url(guide: &str) -> String {
    format!("{GUIDES}/{guide}")
}

/// The diagnostic for `what` (a backticked name) at `range`.
fn report(
    cx: &Context,
    range: Range<usize>,
    what: &str,
    verdict: Verdict,
    instead: &str,
    guide: &str,
    fingerprint: String,
) -> Diagnostic {
    let mut help = format!("see {}", guide_url(guide));
    if let Some(note) = verdict.note {
        help.push_str("; ");
        help.push_str(&note);
    }
    Diagnostic::new(
        &META,
        cx.file,
        range,
        format!("{what} {}; use {instead}", verdict.phrase),
    )
    .with_severity(verdict.severity)
    .with_help(help)
    .with_fingerprint(fingerprint)
}

/// Attaches `fix` and says so in the help.
fn with_fix(mut d: Diagnostic, fix: Fix) -> Diagnostic {
    let hint = format!(
        "`clerk-lint --fix` can {}",
        lowercase_first(&fix.description)
    );
    d.help = Some(match d.help.take() {
        Some(h) => format!("{hint}; {h}"),
        None => hint,
    });
    d.with_fix(fix)
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn import_package(u: &ClerkUsage, index: usize) -> &str {
    package_of(&u.imports[index].source)
}

/// The most severe matching named-import row for one specifier (the first on a tie).
fn named_verdict(
    imp: &ClerkImport,
    name: &str,
    clerk: &ClerkInfo,
) -> Option<(&'static NamedRow, Verdict)> {
    let mut best: Option<(&'static NamedRow, Verdict)> = None;
    for row in NAMED {
        if !row.from.matches(&imp.source) || !row.names.contains(&name) {
            continue;
        }
        let Some(v) = evaluate(row.since, Some(package_of(&imp.source)), clerk) else {
            continue;
        };
        if best.as_ref().is_none_or(|(_, b)| v.severity > b.severity) {
            best = Some((row, v));
        }
    }
    best
}

fn check_imports(u: &ClerkUsage, cx: &Context, out: &mut Vec<Diagnostic>) {
    for imp in &u.imports {
        if let Some(row) = MODULES
            .iter()
            .find(|r| r.modules.contains(&imp.source.as_str()))
            && let Some(v) = evaluate(row.since, Some(package_of(&imp.source)), cx.clerk)
        {
            out.push(report(
                cx,
                imp.source_range.clone(),
                &format!("`{}`", imp.source),
                v,
                row.instead,
                row.guide,
                format!("import:{}", imp.source),
            ));
            // A removed entry point's names go with it; a renamed package's names are
            // checked on their own (`withUser` of `@clerk/clerk-react` is gone either way).
            if imp.source != package_of(&imp.source) {
                continue;
            }
        }
        let verdicts: Vec<Option<(&NamedRow, Verdict)>> = imp
            .specifiers
            .iter()
            .map(|s| named_verdict(imp, &s.imported, cx.clerk))
            .collect();
        // `--fix` moves the whole declaration when every name moved to the same entry point.
        let pkg = package_of(&imp.source);
        let target = verdicts
            .first()
            .and_then(|v| v.as_ref())
            .and_then(|(row, _)| row.move_to);
        let movable = target.is_some()
            && !imp.has_other_specifiers
            && verdicts
                .iter()
                .all(|v| v.as_ref().is_some_and(|(row, _)| row.move_to == target));
        for (spec, verdict) in imp.specifiers.iter().zip(verdicts) {
            let Some((row, v)) = verdict else { continue };
            let mut d = if row.move_to.is_some() {
                let target = row.move_to.unwrap_or_default().replace("{pkg}", pkg);
                let mut help = format!("see {}", guide_url(row.guide));
                if let Some(note) = &v.note {
                    help.push_str("; ");
                    help.push_str(note);
                }
                Diagnostic::new(
                    &META,
                    cx.file,
                    spec.range.clone(),
                    if matches!(row.since, Since::Changed(_)) {
                        format!(
                            "`{}` from `{}` is a new API since {}; import the one you use from `{target}`",
                            spec.imported,
                            imp.source,
                            v.phrase.trim_start_matches("changed in ")
                        )
                    } else {
                        format!(
                            "`{}` is no longer exported from `{}` ({}); import it from `{target}`",
                            spec.imported,
                            imp.source,
                            v.phrase.replacen("was removed in", "since", 1)
                        )
                    },
                )
                .with_severity(v.severity)
                .with_help(help)
                .with_fingerprint(format!("{}:{}", imp.source, spec.imported))
            } else {
                report(
                    cx,
                    spec.range.clone(),
                    &format!("`{}`", spec.imported),
                    v,
                    row.instead,
                    row.guide,
                    format!("{}:{}", package_of(&imp.source), spec.imported),
                )
            };
            if let Some((_, step)) = crate::migration::MANUAL_STEPS
                .iter()
                .find(|(name, _)| *name == spec.imported)
            {
                d.help = Some(match d.help.take() {
                    Some(h) => format!("{step}; {h}"),
                    None => step.to_string(),
                });
            }
            if movable && let Some(target) = target {
                let target = target.replace("{pkg}", pkg);
                let target = target.as_str();
                d = with_fix(
                    d,
                    Fix::new(
                        format!("import from `{target}`"),
                        vec![Edit::new(cx.file, imp.source_range.clone(), target)],
                    ),
                );
            }
            out.push(d);
        }
    }
}

fn check_jsx(u: &ClerkUsage, cx: &Context, out: &mut Vec<Diagnostic>) {
    for el in &u.jsx {
        // Each `<SignedIn>` of a removed component must change, not only its import.
        if let Some((row, v)) = named_verdict(&u.imports[el.import], &el.component, cx.clerk)
            && v.severity == Severity::Error
            && el.component.starts_with(|c: char| c.is_ascii_uppercase())
        {
            out.push(report(
                cx,
                el.name_range.clone(),
                &format!("`<{}>`", el.component),
                v,
                row.instead,
                row.guide,
                format!("<{}>", el.component),
            ));
        }
        let pkg = import_package(u, el.import);
        // The React SDKs, and the component SDKs whose templates use the same props.
        if !REACT_SDKS.contains(&pkg) && !TEMPLATE_SDKS.contains(&pkg) {
            continue;
        }
        for attr in &el.attrs {
            // A row of one package's prop (`tokenCache` of `@clerk/chrome-extension`) is not
            // another SDK's (Expo's `<ClerkProvider tokenCache>` is current).
            let Some(row) = PROPS.iter().find(|r| {
                r.prop == attr.name
                    && r.components.contains(&el.component.as_str())
                    && !matches!(r.since, Since::Pkg(p, ..) if p != pkg)
            }) else {
                continue;
            };
            let Some(v) = evaluate(row.since, Some(pkg), cx.clerk) else {
                continue;
            };
            let instead = provider_place(row.instead, pkg);
            let mut d = report(
                cx,
                attr.range.clone(),
                &format!("`{}` on `<{}>`", attr.name, el.component),
                v,
                &instead,
                row.guide,
                format!("{}.{}", el.component, attr.name),
            );
            // A Vue `after-sign-in-url` is reported, and renamed by hand.
            let as_written = cx.file.text.get(attr.range.clone()) == Some(attr.name.as_str());
            if let Some(new) = row.rename_to
                && as_written
                && !el.has_spread
                && !el.attrs.iter().any(|a| a.name == new)
                && new_prop_exists(pkg, cx.clerk)
            {
                let fix = Fix::new(
                    format!("rename `{}` to `{new}`", attr.name),
                    vec![Edit::new(cx.file, attr.range.clone(), new)],
                );
                // The legacy redirect props are renamed together with the redirect variables,
                // or not at all (`crate::fix::LEGACY_REDIRECTS`).
                d = if row.guide == REDIRECT_GUIDE {
                    d.with_fix(crate::fix::legacy_redirect_fix(fix))
                } else {
                    with_fix(d, fix)
                };
            } else if row.guide == REDIRECT_GUIDE {
                d = d.with_fix(Fix::blocker(crate::fix::LEGACY_REDIRECTS));
            }
            out.push(d);
        }
        // @clerk/expo 3 no longer falls back to an environment variable for the key.
        if el.component == "ClerkProvider"
            && pkg == "@clerk/expo"
            && !el.has_spread
            && !el.attrs.iter().any(|a| a.name == "publishableKey")
            && let Some(v) = evaluate(
                Since::Pkg("@clerk/expo", None, Some((3, 0, 0))),
                None,
                cx.clerk,
            )
        {
            let mut help = format!(
                "pass `publishableKey={{process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!}}`: environment variables read inside `node_modules` are not inlined in production builds; see {}",
                guide_url("core-3#expo-publishable-key-required")
            );
            if let Some(note) = v.note {
                help.push_str("; ");
                help.push_str(&note);
            }
            out.push(
                Diagnostic::new(
                    &META,
                    cx.file,
                    el.name_range.clone(),
                    "`<ClerkProvider>` has no `publishableKey`, which @clerk/expo 3 requires",
                )
                .with_severity(v.severity)
                .with_help(help)
                .with_fingerprint("ClerkProvider.publishableKey"),
            );
        }
    }
}

/// The SDKs whose components appear in `.astro`, `.vue` and `.svelte` templates.
const TEMPLATE_SDKS: &[&str] = &[
    "@clerk/astro",
    "@clerk/vue",
    "@clerk/nuxt",
    "svelte-clerk",
    "vue-clerk",
];

/// `instead` with `<ClerkProvider>` replaced by where `pkg` takes Clerk's options: Astro and
/// Nuxt have no `<ClerkProvider>` (the `clerk()` integration in `astro.config.*`, the `clerk`
/// key of `nuxt.config.*`), Vue passes them to `clerkPlugin`.
fn provider_place(instead: &str, pkg: &str) -> String {
    let place = match pkg {
        "@clerk/astro" => "the `clerk()` integration options in `astro.config.*`",
        "@clerk/nuxt" => "the `clerk` options in `nuxt.config.*`",
        "@clerk/vue" | "vue-clerk" => "the `clerkPlugin` options (`app.use(clerkPlugin, { … })`)",
        _ => return instead.to_string(),
    };
    instead.replace("on `<ClerkProvider>`", &format!("in {place}"))
}

/// The fallback-redirect props exist from Core 2 on: a rename is only offered there.
fn new_prop_exists(pkg: &str, clerk: &ClerkInfo) -> bool {
    clerk
        .package(pkg)
        .and_then(|p| p.version)
        .and_then(|v| core_of(pkg, &v))
        .is_some_and(|c| c >= 2)
}

fn check_calls(u: &ClerkUsage, cx: &Context, out: &mut Vec<Diagnostic>) {
    for call in &u.calls {
        let source = &u.imports[call.import].source;
        // Each call of a removed or deprecated function must change, not only its import
        // (an import that only moved is fixed at the import).
        if call.callee.starts_with(|c: char| c.is_ascii_lowercase())
            && let Some((row, v)) = named_verdict(&u.imports[call.import], &call.callee, cx.clerk)
            && row.move_to.is_none()
            && !matches!(row.since, Since::Changed(_))
        {
            out.push(report(
                cx,
                call.callee_range.clone(),
                &format!(
                    "`{}()`",
                    cx.file
                        .text
                        .get(call.callee_range.clone())
                        .unwrap_or(&call.callee)
                ),
                v,
                row.instead,
                row.guide,
                format!("call:{}", call.callee),
            ));
        }
        for key in &call.object_keys {
            let Some(row) = KEYS.iter().find(|r| {
                r.key == key.name
                    && r.callees.contains(&call.callee.as_str())
                    && r.from.matches(source)
            }) else {
                continue;
            };
            let pkg = package_of(source);
            let Some(v) = evaluate(row.since, Some(pkg), cx.clerk) else {
                continue;
            };
            let mut d = report(
                cx,
                key.range.clone(),
                &format!(
                    "the `{}` option of `{}()`",
                    key.name,
                    cx.file
                        .text
                        .get(call.callee_range.clone())
                        .unwrap_or(&call.callee)
                ),
                v,
                row.instead,
                row.guide,
                format!("{}({})", call.callee, key.name),
            );
            if let Some(new) = row.rename_to
                && !key.shorthand
                && !call.object_has_spread
                && !call.object_keys.iter().any(|k| k.name == new)
                && new_prop_exists(pkg, cx.clerk)
            {
                d = with_fix(
                    d,
                    Fix::new(
                        format!("rename `{}` to `{new}`", key.name),
                        vec![Edit::new(cx.file, key.range.clone(), new)],
                    ),
                );
            }
            out.push(d);
        }
    }
    for call in &u.set_active {
        if let Some(key) = call.object_keys.iter().find(|k| k.name == "beforeEmit")
            && let Some(v) = evaluate(Since::AppCore(None, Some(3)), None, cx.clerk)
        {
            out.push(report(
                cx,
                key.range.clone(),
                "the `beforeEmit` option of `setActive()`",
                v,
                "`navigate`",
                "core-3#set-active-before-emit-removed",
                "setActive(beforeEmit)".to_string(),
            ));
        }
    }
}

fn check_usages(u: &ClerkUsage, cx: &Context, out: &mut Vec<Diagnostic>) {
    // `clerkClient.users` on @clerk/nextjs 6, where `clerkClient` is an async function.
    let mut fixed: Vec<Range<usize>> = Vec::new();
    for m in &u.members {
        if m.binding != "clerkClient" || import_package(u, m.import) != NEXT {
            continue;
        }
        if let Some(v) = evaluate(Since::Pkg(NEXT, None, Some((6, 0, 0))), None, cx.clerk) {
            let local = cx
                .file
                .text
                .get(m.object_range.clone())
                .unwrap_or("clerkClient");
            // Only inside an `async` function can `await` go in without changing anything
            // else; elsewhere the function (and its callers) must become async first.
            let step = if m.in_async == Some(true) {
                format!("call it first: `(await {local}()).{}`", m.property)
            } else {
                format!(
                    "a manual step: this code is not inside an `async` function, so make the enclosing function `async` (and await it where it is called), then write `(await {local}()).{}`",
                    m.property
                )
            };
            let mut help = format!("{step}; see {}", guide_url("nextjs-v6"));
            if let Some(note) = v.note {
                help.push_str("; ");
                help.push_str(&note);
            }
            let phrase = v.phrase.replace("was removed in", "became a function in");
            let mut d = Diagnostic::new(
                &META,
                cx.file,
                m.range.clone(),
                format!(
                    "`clerkClient` used as an object: it {phrase}; use `(await clerkClient()).{}`",
                    m.property
                ),
            )
            .with_severity(v.severity)
            .with_help(help)
            .with_fingerprint(format!("clerkClient.{}", m.property));
            // `const { users, sessions } = clerkClient` is one edit, carried by the first.
            if m.in_async == Some(true) && !cx.file.git_ignored && !fixed.contains(&m.object_range)
            {
                fixed.push(m.object_range.clone());
                d = with_fix(
                    d,
                    Fix::new(
                        format!("write `(await {local}())`"),
                        vec![Edit::new(
                            cx.file,
                            m.object_range.clone(),
                            format!("(await {local}())"),
                        )],
                    ),
                );
            }
            out.push(d);
        }
    }
    // `req.auth.userId` on @clerk/express 2, where `req.auth` is a function.
    let express = u.imports.iter().any(|i| {
        matches!(
            package_of(&i.source),
            "@clerk/express" | "@clerk/clerk-sdk-node"
        ) && i.kind != ImportKind::Reexport
    });
    if express {
        check_req_auth(u, cx, out);
    }
    // Backend API verify methods removed in Core 3 (the top-level `verifyToken` stays).
    for c in &u.chains {
        if let Some(v) = evaluate(Since::AppCore(Some(2), Some(3)), None, cx.clerk) {
            out.push(report(
                cx,
                c.range.clone(),
                &format!("`{}.{}()`", c.names.0, c.names.1),
                v,
                &format!("`{}.verify()`", c.names.0),
                "core-3#backend-deprecated-verify-methods-removed",
                format!("{}.{}", c.names.0, c.names.1),
            ));
        }
    }
}

/// `clerk-lint upgrade` across `@clerk/nextjs` 6, where `auth()` became async: every
/// `auth()` that is not awaited, and `auth().protect()` (now `auth.protect()`). `--fix` adds
/// the `await` and makes the enclosing function `async`, as Clerk's `transform-async-request`
/// codemod does; outside a function, or in a method, it leaves the call to you. (The default
/// run leaves these to `unawaited-auth`, which sees the installed version.)
fn check_auth_calls(u: &ClerkUsage, cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(up) = crate::migration::target::upgrade_in(cx.clerk, NEXT) else {
        return;
    };
    if up.installed.is_some_and(|v| v.major >= 6) || up.to_major < 6 {
        return;
    }
    let note = up.note(NEXT);
    let text = &cx.file.text;
    for call in &u.auth_calls {
        if call.awaited && call.protect.is_none() {
            continue;
        }
        let mut edits = Vec::new();
        let (range, message, fingerprint) = match &call.protect {
            Some(outer) => {
                // `auth().protect()` → `auth.protect()`: drop the inner call's parentheses.
                let callee_end = text[call.range.clone()]
                    .rfind('(')
                    .map_or(call.range.end, |i| call.range.start + i);
                edits.push(Edit::new(cx.file, callee_end..call.range.end, ""));
                (
                    outer.clone(),
                    if call.via_middleware {
                        "`auth().protect()` in `clerkMiddleware` became `await auth.protect()` in @clerk/nextjs 6"
                    } else {
                        "`auth().protect()` became `await auth.protect()` in @clerk/nextjs 6"
                    },
                    "auth().protect()",
                )
            }
            None => (
                call.range.clone(),
                "`auth()` returns a promise from @clerk/nextjs 6: without `await` its fields are undefined",
                "auth()",
            ),
        };
        if !call.awaited {
            if call.member_object && call.protect.is_none() {
                edits.push(Edit::new(cx.file, range.start..range.start, "(await "));
                edits.push(Edit::new(cx.file, range.end..range.end, ")"));
            } else {
                edits.push(Edit::new(cx.file, range.start..range.start, "await "));
            }
        }
        let async_ok = match (call.in_async, call.async_at) {
            (Some(true), _) => true,
            (Some(false), Some(at)) => {
                edits.push(Edit::new(cx.file, at..at, "async "));
                true
            }
            _ => false,
        };
        let mut d = Diagnostic::new(&META, cx.file, range, message)
            .with_severity(Severity::Error)
            .with_help(format!(
                "write `await auth()` / `await auth.protect()` in an `async` function (the callers of a helper made `async` must await it too); see {}; {note}",
                guide_url("nextjs-v6")
            ))
            .with_fingerprint(fingerprint);
        if async_ok && !cx.file.git_ignored {
            let what = if call.protect.is_some() {
                "write `await auth.protect()`"
            } else {
                "write `await auth()`"
            };
            let description = if call.in_async == Some(true) {
                what.to_string()
            } else {
                format!("{what} and make the enclosing function `async`")
            };
            d = with_fix(d, Fix::new(description, edits));
        }
        out.push(d);
    }
}

/// `clerk-lint upgrade` only: names a Core removed, renamed or changed that are matched where
/// they are used (`user.profileImageUrl`, `elements.card`, a localization key, `'saml'`), as
/// warnings, since the name alone cannot prove the object is Clerk's. At most one finding per
/// name and line.
fn check_properties(u: &ClerkUsage, cx: &Context, out: &mut Vec<Diagnostic>) {
    use crate::migration::{Change, NAMES, Site};
    let upgrades: Vec<&crate::migration::target::Upgrade> = cx
        .clerk
        .packages
        .iter()
        .filter_map(|p| match &p.source {
            crate::project::VersionSource::Target(up) => Some(up.as_ref()),
            _ => None,
        })
        .collect();
    let Some(from) = upgrades
        .iter()
        .map(|up| up.installed_core.unwrap_or(1))
        .min()
    else {
        return;
    };
    let to = upgrades.iter().map(|up| up.to_core).max().unwrap_or(3);
    let mut seen: Vec<(&str, u32)> = Vec::new();
    let used = u
        .properties
        .iter()
        .map(|(n, r)| (Site::Member, n, r))
        .chain(u.key_paths.iter().map(|(n, r)| (Site::Key, n, r)))
        .chain(u.words.iter().map(|(n, r)| (Site::Word, n, r)));
    for (site, name, range) in used {
        let Some((group, matched)) = NAMES
            .iter()
            .filter(|g| g.site == site)
            .find_map(|g| g.matches(name).map(|m| (g, m)))
        else {
            continue;
        };
        if !(from < group.core && group.core <= to) {
            continue;
        }
        let line = cx.file.pos(range.start).line;
        if seen.contains(&(matched, line)) {
            continue;
        }
        seen.push((matched, line));
        let shown = match site {
            Site::Member => format!("`.{name}`"),
            Site::Key => match matched.strip_suffix('*') {
                Some(_) => format!("`{}`", name.rsplit('.').next().unwrap_or(name)),
                None => format!(
                    "`{}`",
                    matched
                        .trim_start_matches("elements.")
                        .trim_start_matches("variables.")
                ),
            },
            Site::Word => format!("`'{name}'`"),
        };
        let what = match (site, group.change) {
            (Site::Key, _) if group.guide.contains("localization") => "the localization key",
            (Site::Key, _) if matched.starts_with("elements.") => "the appearance element",
            (Site::Key, _) if matched.starts_with("variables.") => "the appearance variable",
            (Site::Key, _) => "the option",
            (Site::Member, _) => "Clerk's",
            (Site::Word, _) if group.guide.contains("saml") => "the strategy",
            (Site::Word, _) => "the string",
        };
        let verb = match group.change {
            Change::Removed => "was removed",
            Change::Renamed => "was renamed",
            Change::Changed => "changed",
        };
        let core = group.core;
        out.push(
            Diagnostic::new(
                &META,
                cx.file,
                range.clone(),
                format!(
                    "{what} {shown} {verb} in Clerk Core {core}; {}",
                    group.instead
                ),
            )
            .with_severity(Severity::Warning)
            .with_help(format!(
                "reported by name: if this is Clerk's (and not the app's own), {}; see {}",
                group.instead,
                guide_url(group.guide)
            ))
            .with_fingerprint(format!("{site:?}:{name}")),
        );
    }
}

/// `clerk-lint upgrade`, when `@clerk/nextjs` crosses Core 3: the root layout
/// (`app/layout.tsx`) wraps `<html>` in `<ClerkProvider>`; Core 3 wants the provider inside
/// `<body>` for Next.js cache components. Only when `<html` directly follows the provider's
/// opening tag (nothing but its attributes and whitespace between).
fn check_provider_in_body(u: &ClerkUsage, cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut segments = cx.file.rel_path.rsplit('/');
    let (Some(file), Some("app")) = (segments.next(), segments.next()) else {
        return;
    };
    if file.split('.').next() != Some("layout") {
        return;
    }
    let Some(up) = crate::migration::target::upgrade_in(cx.clerk, NEXT) else {
        return;
    };
    if !(up.installed_core.is_none_or(|c| c < 3) && up.to_core >= 3) {
        return;
    }
    let text = &cx.file.text;
    for el in u.jsx.iter().filter(|el| el.component == "ClerkProvider") {
        if import_package(u, el.import) != NEXT {
            continue;
        }
        let rest = &text[el.name_range.end..];
        let Some(html) = rest.find("<html") else {
            continue;
        };
        let tag = rest[..html].trim_end();
        if tag.contains('<') || !tag.ends_with('>') || tag.ends_with("/>") {
            continue;
        }
        out.push(
            Diagnostic::new(
                &META,
                cx.file,
                el.name_range.clone(),
                "`<ClerkProvider>` wraps `<html>` in the root layout; Clerk Core 3 (@clerk/nextjs 7) wants it inside `<body>`".to_string(),
            )
            .with_severity(Severity::Warning)
            .with_help(format!(
                "move `<ClerkProvider>` inside `<body>` (needed for Next.js cache components); see {}; {}",
                guide_url("core-3#clerk-provider-inside-body"),
                up.note(NEXT)
            ))
            .with_fingerprint("ClerkProvider-outside-body".to_string()),
        );
    }
}

/// `req.auth.userId` and `req.auth` as a value, where `req.auth` is Clerk's: `@clerk/express`
/// 2 made it a function; `@clerk/clerk-sdk-node`'s object has no successor in a supported SDK
/// (`clerk-lint upgrade` only, since the default run reports the package itself).
fn check_req_auth(u: &ClerkUsage, cx: &Context, out: &mut Vec<Diagnostic>) {
    const SDK_NODE: &str = "@clerk/clerk-sdk-node";
    let express = cx.clerk.package("@clerk/express").is_some();
    let sdk_node = !express
        && cx.clerk.package(SDK_NODE).is_some()
        && crate::migration::target::upgrade_in(cx.clerk, SDK_NODE).is_some();
    // Only on the request: `ctx.auth.userId` on an object the app built is its own.
    let uses = u
        .auth_fields
        .iter()
        .chain(&u.auth_values)
        .filter(|f| matches!(f.object.as_str(), "req" | "request"));
    for f in uses {
        let what = if f.field.is_empty() {
            "`req.auth` used as an object".to_string()
        } else {
            format!("`req.auth` read as an object (`.{}`)", f.field)
        };
        let fingerprint = if f.field.is_empty() {
            "req.auth".to_string()
        } else {
            format!("req.auth.{}", f.field)
        };
        if sdk_node {
            let up = crate::migration::target::upgrade_in(cx.clerk, SDK_NODE);
            let mut help = format!(
                "move to `@clerk/express`: `app.use(clerkMiddleware())`, then `const {{ userId }} = getAuth(req)`; see {}",
                guide_url("core-2/node")
            );
            if let Some(up) = up {
                help.push_str("; ");
                help.push_str(&up.note(SDK_NODE));
            }
            out.push(
                Diagnostic::new(
                    &META,
                    cx.file,
                    f.range.clone(),
                    format!(
                        "{what} is the API of `{SDK_NODE}`, which Clerk no longer supports; use `getAuth(req)` from `@clerk/express`"
                    ),
                )
                .with_severity(Severity::Error)
                .with_help(help)
                .with_fingerprint(fingerprint),
            );
            continue;
        }
        if !express {
            continue;
        }
        let since = Since::Pkg("@clerk/express", Some((1, 5, 1)), Some((2, 0, 0)));
        if let Some(v) = evaluate(since, None, cx.clerk) {
            let mut d = report(
                cx,
                f.range.clone(),
                &what,
                v,
                "`getAuth(req)` (or call `req.auth()`)",
                "core-3#express-deprecated-removed",
                fingerprint,
            );
            // Upgrading to @clerk/express 2, where `req.auth` is a function: call it.
            if crate::migration::target::upgrade_in(cx.clerk, "@clerk/express")
                .is_some_and(|u| u.to_major >= 2)
                && cx.file.text.get(f.range.end..f.range.end + 1) != Some("(")
            {
                d = with_fix(
                    d,
                    Fix::new(
                        format!("call `{}.auth()`", f.object),
                        vec![Edit::new(cx.file, f.range.end..f.range.end, "()")],
                    ),
                );
            }
            out.push(d);
        }
    }
}

/// The dependency fields of a `package.json`.
const DEP_FIELDS: &[&str] = &[
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
];

/// `clerk-lint upgrade`: a framework dependency older than the target Core needs (`next`
/// below 15.2.3 for @clerk/nextjs 7).
fn min_version(
    cx: &Context,
    key: &json_tokens::StrLit,
    spec: Option<&json_tokens::StrLit>,
) -> Option<Diagnostic> {
    let spec = spec?;
    let declared = Version::lower_bound(&spec.value)?;
    let (dep, sdk, core, min, guide) = crate::migration::MIN_VERSIONS
        .iter()
        .filter(|(dep, ..)| *dep == key.value)
        .filter(|(_, sdk, core, ..)| {
            crate::migration::target::upgrade_in(cx.clerk, sdk).is_some_and(|up| {
                up.installed_core.is_none_or(|c| c < *core) && up.to_core >= *core
            })
        })
        .filter(|(.., min, _)| declared < Version::new(min.0, min.1, min.2))
        .max_by_key(|(_, _, core, ..)| *core)?;
    let up = crate::migration::target::upgrade_in(cx.clerk, sdk)?;
    let min = version_label(*min);
    Some(
        Diagnostic::new(
            &META,
            cx.file,
            spec.content.clone(),
            format!(
                "`{dep}` `{}` is older than {min}, which {} needs",
                spec.value,
                core_label(sdk, *core)
            ),
        )
        .with_severity(Severity::Error)
        .with_help(format!(
            "upgrade `{dep}` to {min} or later together with the Clerk SDK; see {}; {}",
            guide_url(guide),
            up.note(sdk)
        ))
        .with_fingerprint(format!("min-version:{dep}")),
    )
}

/// `clerk-lint upgrade`: `"engines": { "node": ">=18" }` below the Node.js 20.9.0 that
/// every Core 3 SDK needs, when the upgrade of one of the app's SDKs crosses Core 3.
fn min_node(cx: &Context, spec: Option<&json_tokens::StrLit>) -> Option<Diagnostic> {
    let spec = spec?;
    let declared = Version::lower_bound(&spec.value)?;
    if declared >= Version::new(20, 9, 0) {
        return None;
    }
    let (sdk, up) = cx.clerk.packages.iter().find_map(|p| {
        let up = crate::migration::target::upgrade_in(cx.clerk, &p.name)?;
        (up.installed_core.is_none_or(|c| c < 3) && up.to_core >= 3).then_some((&p.name, up))
    })?;
    Some(
        Diagnostic::new(
            &META,
            cx.file,
            spec.content.clone(),
            format!(
                "`engines.node` `{}` allows Node.js older than 20.9.0, which Clerk Core 3 needs",
                spec.value
            ),
        )
        .with_severity(Severity::Warning)
        .with_help(format!(
            "run Node.js 20.9.0 or later and set `\"node\": \">=20.9.0\"`; see {}; {}",
            guide_url("core-3#min-node-version"),
            up.note(sdk)
        ))
        .with_fingerprint("min-version:node".to_string()),
    )
}

fn check_packages(cx: &Context, out: &mut Vec<Diagnostic>) {
    let core = cx.clerk.core();
    json_tokens::walk(&cx.file.text, |entry| {
        if entry.path.len() == 1
            && entry.container_is(&["engines"])
            && entry.key().is_some_and(|k| k.value == "node")
            && let Some(d) = min_node(cx, entry.string_value())
        {
            out.push(d);
        }
        if entry.path.len() != 1 || !DEP_FIELDS.iter().any(|f| entry.container_is(&[f])) {
            return;
        }
        let Some(key) = entry.key() else { return };
        if let Some(d) = min_version(cx, key, entry.string_value()) {
            out.push(d);
        }
        let Some(row) = PACKAGES.iter().find(|r| r.name == key.value) else {
            return;
        };
        if row
            .from_core
            .is_some_and(|c| core.is_none_or(|app| app < c))
        {
            return;
        }
        out.push(
            Diagnostic::new(&META, cx.file, key.content.clone(), row.message)
                .with_severity(Severity::Warning)
                .with_help(row.help)
                .with_fingerprint(format!("package:{}", row.name)),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lint_deps, lint_upgrade, places};

    /// (dependencies, file, source, expected (line, severity, message part) per finding)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &str, &str, &[(u32, Severity, &str)])] = &[
        // authMiddleware: current on 4, deprecated on 5, removed on 6 and 7.
        (
            r#""@clerk/nextjs": "4.29.3""#,
            "middleware.ts",
            "import { authMiddleware } from \"@clerk/nextjs\";\nexport default authMiddleware();",
            &[],
        ),
        (
            r#""@clerk/nextjs": "5.7.5""#,
            "middleware.ts",
            "import { authMiddleware } from \"@clerk/nextjs/server\";\nexport default authMiddleware();",
            &[
                (
                    1,
                    Severity::Warning,
                    "is deprecated since @clerk/nextjs 5 and removed in @clerk/nextjs 6",
                ),
                // Each call too, not only the import.
                (
                    2,
                    Severity::Warning,
                    "`authMiddleware()` is deprecated since @clerk/nextjs 5",
                ),
            ],
        ),
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "middleware.ts",
            "import { authMiddleware } from \"@clerk/nextjs/server\";\nexport default authMiddleware();",
            &[
                (
                    1,
                    Severity::Error,
                    "was removed in @clerk/nextjs 6; use `clerkMiddleware()`",
                ),
                (2, Severity::Error, "`authMiddleware()` was removed"),
            ],
        ),
        // From the root on 5: gone from there (an error), even though deprecated elsewhere.
        (
            r#""@clerk/nextjs": "5.7.5""#,
            "middleware.ts",
            "import { authMiddleware } from '@clerk/nextjs';\nexport default authMiddleware();",
            &[(1, Severity::Error, "import it from `@clerk/nextjs/server`")],
        ),
        // Server helpers from the root.
        (
            r#""@clerk/nextjs": "^6.1.0""#,
            "app/page.tsx",
            "import { auth, currentUser } from '@clerk/nextjs';\nexport default async function P() { await auth(); }",
            &[
                (
                    1,
                    Severity::Error,
                    "`auth` is no longer exported from `@clerk/nextjs` (since @clerk/nextjs 5)",
                ),
                (1, Severity::Error, "`currentUser` is no longer exported"),
            ],
        ),
        (
            r#""@clerk/nextjs": "4.29.3""#,
            "app/page.tsx",
            "import { auth, currentUser } from '@clerk/nextjs';",
            &[],
        ),
        // Removed entry points.
        (
            r#""@clerk/nextjs": "5.0.0""#,
            "pages/api/a.ts",
            "import { withAuth } from '@clerk/nextjs/api';\nimport { withServerSideAuth } from \"@clerk/nextjs/ssr\";",
            &[
                (
                    1,
                    Severity::Error,
                    "`@clerk/nextjs/api` was removed in @clerk/nextjs 5",
                ),
                (2, Severity::Error, "`@clerk/nextjs/ssr` was removed"),
            ],
        ),
        (
            r#""@clerk/nextjs": "6.0.0""#,
            "middleware.ts",
            "import { withClerkMiddleware } from '@clerk/nextjs/server';",
            &[(
                1,
                Severity::Error,
                "`withClerkMiddleware` was removed in @clerk/nextjs 5",
            )],
        ),
        (
            r#""@clerk/nextjs": "6.0.0""#,
            "app/x.ts",
            "import { redirectToSignIn } from '@clerk/nextjs/server';",
            &[(
                1,
                Severity::Error,
                "`redirectToSignIn` was removed in @clerk/nextjs 6",
            )],
        ),
        (
            r#""@clerk/nextjs": "5.7.5""#,
            "app/x.ts",
            "import { redirectToSignIn } from '@clerk/nextjs/server';",
            &[],
        ),
        // Legacy redirect props: nothing on Core 1, warning on Core 2, error on Core 3.
        (
            r#""@clerk/nextjs": "4.29.3""#,
            "app/s.tsx",
            "import { SignIn } from '@clerk/nextjs';\nexport default () => <SignIn afterSignInUrl=\"/d\" />;",
            &[],
        ),
        (
            r#""@clerk/nextjs": "5.7.5""#,
            "app/s.tsx",
            "import { SignIn } from '@clerk/nextjs';\nexport default () => <SignIn afterSignInUrl=\"/d\" />;",
            &[(
                2,
                Severity::Warning,
                "is deprecated since Clerk Core 2 (@clerk/nextjs 5) and removed in Clerk Core 3 (@clerk/nextjs 7); use `fallbackRedirectUrl`",
            )],
        ),
        (
            r#""@clerk/nextjs": "7.1.0""#,
            "app/s.tsx",
            "import { SignIn } from '@clerk/nextjs';\nexport default () => <SignIn afterSignInUrl=\"/d\" />;",
            &[(
                2,
                Severity::Error,
                "`afterSignInUrl` on `<SignIn>` was removed in Clerk Core 3 (@clerk/nextjs 7)",
            )],
        ),
        // The app's own `SignIn`, and `redirectUrl` where it is current: silent.
        (
            r#""@clerk/nextjs": "7.1.0""#,
            "app/s.tsx",
            "import { SignIn } from './sign-in';\nimport { SignOutButton, useClerk } from '@clerk/nextjs';\nexport default function P() {\n  const { signOut } = useClerk();\n  signOut({ redirectUrl: '/' });\n  return <><SignIn afterSignInUrl=\"/d\" /><SignOutButton redirectUrl=\"/\" /></>;\n}",
            &[],
        ),
        (
            r#""@clerk/clerk-react": "5.2.0""#,
            "src/a.tsx",
            "import { ClerkProvider, UserButton } from '@clerk/clerk-react';\n<ClerkProvider redirectUrl=\"/\" publishableKey={k}><UserButton afterSignOutUrl=\"/\" /></ClerkProvider>;",
            &[(
                2,
                Severity::Warning,
                "`redirectUrl` on `<ClerkProvider>` is deprecated",
            )],
        ),
        (
            r#""@clerk/react": "6.0.0""#,
            "src/a.tsx",
            "import { UserButton, OrganizationSwitcher } from '@clerk/react';\n<><UserButton afterSignOutUrl=\"/\" /><OrganizationSwitcher afterSwitchOrganizationUrl=\"/o\" hideSlug /></>;",
            &[
                (
                    2,
                    Severity::Error,
                    "`afterSignOutUrl` on `<UserButton>` was removed in Clerk Core 3 (@clerk/react 6); use `afterSignOutUrl` on `<ClerkProvider>`",
                ),
                (2, Severity::Error, "use `afterSelectOrganizationUrl`"),
                (2, Severity::Error, "`hideSlug`"),
            ],
        ),
        // Props in template markup: Astro, Vue (kebab-case, bound) and Svelte components.
        (
            r#""@clerk/astro": "3.0.0""#,
            "src/pages/sign-in.astro",
            "---\nimport { SignIn } from '@clerk/astro/components';\n---\n<SignIn afterSignInUrl=\"/d\" />",
            &[(
                4,
                Severity::Error,
                "`afterSignInUrl` on `<SignIn>` was removed in Clerk Core 3 (@clerk/astro 3)",
            )],
        ),
        (
            r#""@clerk/vue": "1.2.0""#,
            "src/App.vue",
            "<script setup>\nimport { SignIn, SignedIn } from '@clerk/vue';\n</script>\n<template><SignIn :after-sign-in-url=\"u\" /></template>",
            &[(
                4,
                Severity::Warning,
                "`afterSignInUrl` on `<SignIn>` is deprecated since Clerk Core 2",
            )],
        ),
        // Nuxt auto-imports Clerk's components: a template without an import still counts.
        (
            r#""@clerk/nuxt": "2.0.0""#,
            "components/Header.vue",
            "<template>\n  <SignedIn><UserButton afterSignOutUrl=\"/\" /></SignedIn>\n</template>",
            &[
                (
                    2,
                    Severity::Error,
                    "`<SignedIn>` was removed in Clerk Core 3",
                ),
                (
                    2,
                    Severity::Error,
                    "`afterSignOutUrl` on `<UserButton>` was removed in Clerk Core 3 (@clerk/nuxt 2); use `afterSignOutUrl` in the `clerk` options in `nuxt.config.*`",
                ),
            ],
        ),
        // Astro has no `<ClerkProvider>`: the integration takes the option.
        (
            r#""@clerk/astro": "3.0.0""#,
            "src/components/Header.astro",
            "---\nimport { UserButton } from '@clerk/astro/components';\n---\n<UserButton afterSignOutUrl=\"/\" />",
            &[(
                4,
                Severity::Error,
                "use `afterSignOutUrl` in the `clerk()` integration options in `astro.config.*`",
            )],
        ),
        (
            r#""@clerk/vue": "2.0.0""#,
            "components/Header.vue",
            "<template>\n  <SignedIn><UserButton afterSignOutUrl=\"/\" /></SignedIn>\n</template>",
            &[],
        ),
        // chrome-extension `tokenCache` → `storageCache` (removed in 1.0.0); Expo's
        // `<ClerkProvider tokenCache>` is current, also beside a chrome-extension dependency.
        (
            r#""@clerk/chrome-extension": "1.0.0""#,
            "src/popup.tsx",
            "import { ClerkProvider } from '@clerk/chrome-extension';\n<ClerkProvider publishableKey={k} tokenCache={c} />;",
            &[(
                2,
                Severity::Error,
                "`tokenCache` on `<ClerkProvider>` was removed in @clerk/chrome-extension 1; use `storageCache`",
            )],
        ),
        (
            r#""@clerk/chrome-extension": "0.6.0""#,
            "src/popup.tsx",
            "import { ClerkProvider } from '@clerk/chrome-extension';\n<ClerkProvider publishableKey={k} tokenCache={c} />;",
            &[],
        ),
        (
            r#""@clerk/expo": "2.0.0", "@clerk/chrome-extension": "1.0.0""#,
            "app/_layout.tsx",
            "import { ClerkProvider } from '@clerk/expo';\n<ClerkProvider publishableKey={k} tokenCache={c} />;",
            &[],
        ),
        // `simple` imported from `@clerk/ui` on Core 3 (default run too: it is not exported).
        (
            r#""@clerk/nextjs": "7.0.0", "@clerk/ui": "1.0.0""#,
            "app/layout.tsx",
            "import { simple } from '@clerk/ui';\nimport { dark } from '@clerk/ui/themes';",
            &[(
                1,
                Severity::Error,
                "`simple` was removed in Clerk Core 3; use `appearance={{ theme: 'simple' }}`",
            )],
        ),
        // Core 2 props, hook options and error imports of the React SDK.
        (
            r#""@clerk/clerk-react": "5.2.0""#,
            "src/a.tsx",
            "import { UserButton, useOrganizationList, isClerkAPIResponseError } from '@clerk/clerk-react';\nconst { userMemberships } = useOrganizationList({ organizationList: true });\n<UserButton userProfile={{}} />;",
            &[
                (
                    1,
                    Severity::Error,
                    "`isClerkAPIResponseError` is no longer exported from `@clerk/clerk-react` (since Clerk Core 2 (@clerk/clerk-react 5)); import it from `@clerk/clerk-react/errors`",
                ),
                (2, Severity::Error, "use `userMemberships` (paginated)"),
                (3, Severity::Error, "use `userProfileProps`"),
            ],
        ),
        // Components replaced by <Show> on Core 3 only.
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "app/l.tsx",
            "import { SignedIn, SignedOut, Protect } from '@clerk/nextjs';",
            &[],
        ),
        (
            r#""@clerk/nextjs": "7.0.0""#,
            "app/l.tsx",
            "import { SignedIn, SignedOut, Protect } from '@clerk/nextjs';",
            &[
                (1, Severity::Error, "use `<Show when=\"signed-in\">`"),
                (1, Severity::Error, "use `<Show when=\"signed-out\">`"),
                (1, Severity::Error, "`Protect` was removed"),
            ],
        ),
        // clerkClient as an object.
        (
            r#""@clerk/nextjs": "6.0.0""#,
            "app/a.ts",
            "import { clerkClient } from '@clerk/nextjs/server';\nconst u = await clerkClient.users.getUser(id);\nconst c = await clerkClient();",
            &[(
                2,
                Severity::Error,
                "`clerkClient` used as an object: it became a function in @clerk/nextjs 6; use `(await clerkClient()).users`",
            )],
        ),
        (
            r#""@clerk/nextjs": "5.7.5""#,
            "app/a.ts",
            "import { clerkClient } from '@clerk/nextjs/server';\nconst u = await clerkClient.users.getUser(id);",
            &[],
        ),
        // Express req.auth as an object on 2, not on 1; `req.auth()` is fine.
        (
            r#""@clerk/express": "2.1.30""#,
            "src/server.ts",
            "import { clerkMiddleware, requireAuth } from '@clerk/express';\napp.get('/', (req, res) => { const { userId } = req.auth; const ctx = { auth: getAuth(req) }; res.json([req.auth().userId, ctx.auth.userId]); });",
            &[
                (
                    1,
                    Severity::Warning,
                    "`requireAuth` is deprecated since @clerk/express 2.1",
                ),
                (
                    2,
                    Severity::Error,
                    "`req.auth` read as an object (`.userId`) was removed in @clerk/express 2",
                ),
            ],
        ),
        (
            r#""@clerk/express": "1.7.0""#,
            "src/server.ts",
            "import { clerkMiddleware, requireAuth } from '@clerk/express';\napp.get('/', (req, res) => res.json(req.auth.userId));",
            &[(
                2,
                Severity::Warning,
                "`req.auth` read as an object (`.userId`) is deprecated since @clerk/express 1.5.1 and removed in @clerk/express 2",
            )],
        ),
        // `req.auth` as a value (not called, not read through a field) is the object form too.
        (
            r#""@clerk/express": "1.7.0""#,
            "src/routes/hello.ts",
            "import { clerkMiddleware } from '@clerk/express';\napp.get('/', (req, res) => res.json({ user: req.auth }));\napp.get('/b', (req, res) => res.json(req.auth()));",
            &[(
                2,
                Severity::Warning,
                "`req.auth` used as an object is deprecated",
            )],
        ),
        // A controller without a Clerk import: `clerkMiddleware()` ran in another file.
        (
            r#""@clerk/express": "1.7.0""#,
            "src/controllers/user.js",
            "export const me = (req, res) => res.json(req.auth.userId);",
            &[(
                1,
                Severity::Warning,
                "`req.auth` read as an object (`.userId`) is deprecated",
            )],
        ),
        (
            r#""express-jwt": "8.0.0""#,
            "src/controllers/user.js",
            "export const me = (req, res) => res.json(req.auth.userId);",
            &[],
        ),
        (
            r#""@clerk/express": "1.4.0""#,
            "src/server.ts",
            "import { clerkMiddleware, requireAuth } from '@clerk/express';\napp.get('/', (req, res) => res.json(req.auth.userId));",
            &[],
        ),
        // A local `authMiddleware` is not Clerk's; `@clerk/nextjs/dist/api` is.
        (
            r#""@clerk/nextjs": "5.0.0""#,
            "middleware.ts",
            "import { withAuth } from '@clerk/nextjs/dist/api';\nconst authMiddleware = () => null;\nexport default authMiddleware();",
            &[(
                1,
                Severity::Error,
                "`@clerk/nextjs/dist/api` was removed in @clerk/nextjs 5",
            )],
        ),
        // Astro integration options, by its default import; Remix `rootAuthLoader` options.
        (
            r#""@clerk/astro": "2.1.0""#,
            "astro.config.mjs",
            "import clerk from '@clerk/astro';\nexport default { integrations: [clerk({ afterSignInUrl: '/a' })] };",
            &[(
                2,
                Severity::Warning,
                "the `afterSignInUrl` option of `clerk()` is deprecated since Clerk Core 2",
            )],
        ),
        (
            r#""@clerk/remix": "4.2.0""#,
            "app/root.tsx",
            "import { rootAuthLoader } from '@clerk/remix/ssr.server';\nexport const loader = (args) => rootAuthLoader(args, { afterSignUpUrl: '/w' });",
            &[
                (2, Severity::Warning, "use `signUpFallbackRedirectUrl`"),
                (1, Severity::Warning, "`@clerk/remix` is deprecated"),
            ],
        ),
        // createRouteMatcher: deprecated in @clerk/nextjs 7.5.14, removed in @clerk/astro 4.
        (
            r#""@clerk/astro": "4.0.1""#,
            "src/middleware.ts",
            "import { createRouteMatcher } from '@clerk/astro/server';",
            &[(
                1,
                Severity::Error,
                "`createRouteMatcher` was removed in @clerk/astro 4",
            )],
        ),
        (
            r#""@clerk/nextjs": "7.5.14""#,
            "middleware.ts",
            "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';",
            &[(
                1,
                Severity::Warning,
                "`createRouteMatcher` is deprecated since @clerk/nextjs 7.5.14; use per-resource",
            )],
        ),
        (
            r#""@clerk/nextjs": "7.5.13""#,
            "middleware.ts",
            "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';",
            &[],
        ),
        // A meaning change (Core 3's new `useSignIn`) is never reported by the default run.
        (
            r#""@clerk/nextjs": "7.0.0""#,
            "app/s.tsx",
            "import { useSignIn } from '@clerk/nextjs';",
            &[],
        ),
        // Nuxt and TanStack getAuth.
        (
            r#""@clerk/nuxt": "2.0.0""#,
            "server/api/me.ts",
            "import { getAuth } from '@clerk/nuxt/server';",
            &[(1, Severity::Error, "use `event.context.auth()`")],
        ),
        (
            r#""@clerk/tanstack-react-start": "0.26.1""#,
            "src/routes/api.ts",
            "import { getAuth } from '@clerk/tanstack-react-start/server';",
            &[(
                1,
                Severity::Error,
                "was removed in @clerk/tanstack-react-start 0.26",
            )],
        ),
        // Options: apiKey renamed on Core 2; the top-level verifyToken is still exported.
        (
            r#""@clerk/backend": "1.21.0""#,
            "src/c.ts",
            "import { createClerkClient, verifyToken } from '@clerk/backend';\nconst c = createClerkClient({ apiKey: process.env.K });\nawait verifyToken(t, {});",
            &[(
                2,
                Severity::Error,
                "the `apiKey` option of `createClerkClient()` was removed in Clerk Core 2 (@clerk/backend 1); use `secretKey`",
            )],
        ),
        (
            r#""@clerk/backend": "3.0.0""#,
            "src/c.ts",
            "import { createClerkClient } from '@clerk/backend';\nconst c = createClerkClient({ secretKey });\nawait c.m2m.verifyToken({ token });\nconst __experimental_x = 1;",
            &[(
                3,
                Severity::Error,
                "`m2m.verifyToken()` was removed in Clerk Core 3; use `m2m.verify()`",
            )],
        ),
        // Expo 3 needs the publishable key.
        (
            r#""@clerk/expo": "3.0.0""#,
            "app/_layout.tsx",
            "import { ClerkProvider } from '@clerk/expo';\nexport default () => <ClerkProvider tokenCache={c}><Slot /></ClerkProvider>;",
            &[(
                2,
                Severity::Error,
                "`<ClerkProvider>` has no `publishableKey`",
            )],
        ),
        // No version known: deprecated-by-Core-2 things are warnings, Core 3 removals silent.
        (
            r#""@clerk/nextjs": "latest""#,
            "app/s.tsx",
            "import { SignIn, SignedIn } from '@clerk/nextjs';\n<SignIn afterSignInUrl=\"/d\" />;",
            &[(2, Severity::Warning, "is deprecated since Clerk Core 2")],
        ),
    ];

    /// `clerk-lint upgrade` (to the latest Core): (dependencies, path, source, expected
    /// (line, severity, message part)). Rows recognised through a Clerk import only.
    #[allow(clippy::type_complexity)]
    const UPGRADE_CASES: &[(&str, &str, &str, &[(u32, Severity, &str)])] = &[
        // `user.update({ password })` and `createExternalAccount({ redirect_url })` (Core 2).
        (
            r#""@clerk/clerk-react": "4.30.0""#,
            "src/a.tsx",
            "import { useUser } from '@clerk/clerk-react';\nconst { user } = useUser();\nuser.update({ password: p });\nuser.createExternalAccount({ strategy: s, redirect_url: u });",
            &[
                (
                    1,
                    Severity::Error,
                    "`@clerk/clerk-react` was removed in Clerk Core 3",
                ),
                (
                    3,
                    Severity::Warning,
                    "the option `update().password` was removed in Clerk Core 2; use `user.updatePassword({ currentPassword, newPassword })`",
                ),
                (
                    4,
                    Severity::Warning,
                    "the option `createExternalAccount().redirect_url` was renamed in Clerk Core 2; use `redirectUrl`",
                ),
            ],
        ),
        // The same calls in a file with no Clerk import, or other keys: not Clerk's.
        (
            r#""@clerk/clerk-react": "4.30.0""#,
            "src/b.ts",
            "import { db } from './db';\ndb.update({ password: p });\ncreateExternalAccount({ redirect_url: u });",
            &[],
        ),
        (
            r#""@clerk/clerk-react": "4.30.0""#,
            "src/c.ts",
            "import { useUser } from '@clerk/clerk-react';\nuser.update({ firstName: f });\nform.reset({ password: '' });",
            &[(
                1,
                Severity::Error,
                "`@clerk/clerk-react` was removed in Clerk Core 3",
            )],
        ),
        // `authenticateRequest({ request })` (Core 2: the request is its own argument).
        (
            r#""@clerk/backend": "0.38.0""#,
            "src/auth.ts",
            "import { Clerk } from '@clerk/backend';\nconst c = Clerk({ secretKey: k });\nawait c.authenticateRequest({ request: req, publishableKey: pk });",
            &[
                (
                    1,
                    Severity::Error,
                    "`Clerk` was removed in @clerk/backend 1; use `createClerkClient()`",
                ),
                (
                    3,
                    Severity::Warning,
                    "`authenticateRequest().request` changed in Clerk Core 2; pass the request as the first argument",
                ),
            ],
        ),
        (
            r#""@clerk/backend": "0.38.0""#,
            "src/auth2.ts",
            "import { createClerkClient } from '@clerk/backend';\nawait createClerkClient({ secretKey: k }).authenticateRequest(req, { authorizedParties: ap });",
            &[],
        ),
        // `'ClerkApiError'` compared with `kind` (Core 3), in a file importing Clerk.
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "src/err.ts",
            "import { isClerkAPIResponseError } from '@clerk/nextjs/errors';\nif (e.constructor.kind === 'ClerkApiError') {}",
            &[(
                2,
                Severity::Warning,
                "the string `'ClerkApiError'` changed in Clerk Core 3; compare with `'ClerkAPIError'`",
            )],
        ),
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "src/err2.ts",
            "const kind = 'ClerkApiError';",
            &[],
        ),
        // `simple` imported from `@clerk/ui` (Core 3).
        (
            r#""@clerk/nextjs": "6.9.0", "@clerk/ui": "0.1.0""#,
            "app/layout.tsx",
            "import { ClerkProvider } from '@clerk/nextjs';\nimport { __experimental_simple } from '@clerk/ui';\n<ClerkProvider appearance={{ baseTheme: __experimental_simple }} />;",
            &[(
                2,
                Severity::Error,
                "`__experimental_simple` was removed in Clerk Core 3; use `appearance={{ theme: 'simple' }}`",
            )],
        ),
        // `<ClerkProvider>` around `<html>` in the root layout (a Core 3 notice).
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "app/layout.tsx",
            "import { ClerkProvider } from '@clerk/nextjs';\nexport default function L({ children }) {\n  return (\n    <ClerkProvider dynamic>\n      <html lang=\"en\"><body>{children}</body></html>\n    </ClerkProvider>\n  );\n}",
            &[(
                4,
                Severity::Warning,
                "`<ClerkProvider>` wraps `<html>` in the root layout",
            )],
        ),
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "src/app/layout.tsx",
            "import { ClerkProvider } from '@clerk/nextjs';\nexport default function L({ children }) {\n  return (\n    <html lang=\"en\"><body><ClerkProvider>{children}</ClerkProvider></body></html>\n  );\n}",
            &[],
        ),
        // Not the root layout, or something between the provider and `<html>`.
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "app/docs/layout.tsx",
            "import { ClerkProvider } from '@clerk/nextjs';\nexport default ({ children }) => <ClerkProvider><html>{children}</html></ClerkProvider>;",
            &[],
        ),
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "app/layout.tsx",
            "import { ClerkProvider } from '@clerk/nextjs';\nexport default ({ children }) => <ClerkProvider><Theme><html>{children}</html></Theme></ClerkProvider>;",
            &[],
        ),
    ];

    #[test]
    fn upgrade_cases() {
        for (deps, path, src, expected) in UPGRADE_CASES {
            let diags: Vec<Diagnostic> = lint_upgrade(deps, &[(path, src)], &DeprecatedApi)
                .into_iter()
                .filter(|d| d.path == *path)
                .collect();
            let got: Vec<(u32, Severity, &str)> = diags
                .iter()
                .map(|d| (d.start.line, d.severity, d.message.as_str()))
                .collect();
            assert_eq!(got.len(), expected.len(), "{deps} {src}\n{got:#?}");
            for ((line, sev, msg), (eline, esev, emsg)) in got.iter().zip(expected.iter()) {
                assert_eq!((line, sev), (eline, esev), "{deps} {src}: {msg}");
                assert!(msg.contains(emsg), "{deps} {src}:\n{msg}\nlacks {emsg}");
            }
        }
    }

    /// `"engines": { "node" }` in package.json: reported where an upgrade crosses Core 3 and
    /// the range starts below 20.9.0.
    #[test]
    fn node_engines() {
        let cases: &[(&str, &str, usize)] = &[
            (
                r#""@clerk/nextjs": "6.9.0"}, "engines": {"node": ">=18.17.0""#,
                ">=18.17.0",
                1,
            ),
            (
                r#""@clerk/nextjs": "6.9.0"}, "engines": {"node": ">=20.9.0""#,
                "",
                0,
            ),
            // Already on Core 3: nothing to cross.
            (
                r#""@clerk/nextjs": "7.1.0"}, "engines": {"node": "18.x""#,
                "",
                0,
            ),
            // `node` outside `engines` is not the engine.
            (r#""@clerk/nextjs": "6.9.0", "node": "18.0.0""#, "", 0),
        ];
        for (deps, spec, n) in cases {
            let diags: Vec<Diagnostic> = lint_upgrade(deps, &[], &DeprecatedApi)
                .into_iter()
                .filter(|d| d.message.contains("engines.node"))
                .collect();
            assert_eq!(diags.len(), *n, "{deps}\n{diags:#?}");
            if let Some(d) = diags.first() {
                assert_eq!(d.path, "package.json");
                assert_eq!(d.severity, Severity::Warning);
                assert!(d.message.contains(spec), "{}", d.message);
                assert!(
                    d.help
                        .as_deref()
                        .unwrap_or("")
                        .contains("core-3#min-node-version")
                );
            }
        }
    }

    #[test]
    fn cases() {
        for (deps, path, src, expected) in CASES {
            let diags = lint_deps(deps, &[(path, src)], &DeprecatedApi);
            let got: Vec<(u32, Severity, &str)> = diags
                .iter()
                .map(|d| (d.start.line, d.severity, d.message.as_str()))
                .collect();
            assert_eq!(got.len(), expected.len(), "{deps} {src}\n{got:#?}");
            for ((line, sev, msg), (eline, esev, emsg)) in got.iter().zip(expected.iter()) {
                assert_eq!((line, sev), (eline, esev), "{deps} {src}: {msg}");
                assert!(msg.contains(emsg), "{deps} {src}:\n{msg}\nlacks {emsg}");
                assert!(!msg.ends_with('.'), "{msg}");
            }
            for d in &diags {
                assert!(
                    d.help
                        .as_deref()
                        .is_some_and(|h| h.contains("https://clerk.com/docs/")),
                    "{:?}",
                    d.help
                );
            }
        }
    }

    #[test]
    fn fixes() {
        // A declaration of server helpers moves whole; quotes are kept.
        let src = "import { auth, currentUser as cu } from '@clerk/nextjs';";
        let diags = lint_deps(
            r#""@clerk/nextjs": "6.1.0""#,
            &[("a.ts", src)],
            &DeprecatedApi,
        );
        let fix = diags[0].fix.as_ref().expect("fix");
        assert_eq!(fix.edits.len(), 1);
        assert_eq!(fix.edits[0].replacement, "@clerk/nextjs/server");
        assert_eq!(&src[fix.edits[0].range.clone()], "@clerk/nextjs");
        assert_eq!(diags[1].fix, diags[0].fix);

        // Mixed with a component, or removed at this version: no fix.
        for (version, src) in [
            (
                "6.1.0",
                "import { auth, ClerkProvider } from '@clerk/nextjs';",
            ),
            (
                "6.1.0",
                "import { auth, authMiddleware } from '@clerk/nextjs';",
            ),
        ] {
            let diags = lint_deps(
                &format!(r#""@clerk/nextjs": "{version}""#),
                &[("a.ts", src)],
                &DeprecatedApi,
            );
            assert!(
                !diags.is_empty() && diags.iter().all(|d| d.fix.is_none()),
                "{src}: {diags:#?}"
            );
        }

        // Legacy redirect props: renamed all together, one fix carried by each finding.
        let src = "import { SignUp } from '@clerk/nextjs';\n<SignUp afterSignInUrl='/a' afterSignUpUrl={u} />;";
        let diags = lint_deps(
            r#""@clerk/nextjs": "7.0.0""#,
            &[("a.tsx", src)],
            &DeprecatedApi,
        );
        let fix = diags[0].fix.as_ref().expect("fix");
        let new: Vec<&str> = fix.edits.iter().map(|e| e.replacement.as_str()).collect();
        assert_eq!(new, ["signInFallbackRedirectUrl", "fallbackRedirectUrl"]);
        assert_eq!(diags[1].fix.as_ref(), Some(fix));
        // ... or not at all: a spread, a prop that is there already, a legacy `redirectUrl`.
        for extra in [
            "<SignUp afterSignUpUrl='/b' {...p} />;",
            "<SignUp afterSignUpUrl='/b' fallbackRedirectUrl='/c' />;",
            "<SignUp redirectUrl='/b' />;",
        ] {
            let src = format!("{src}\n{extra}");
            let diags = lint_deps(
                r#""@clerk/nextjs": "7.0.0""#,
                &[("a.tsx", &src)],
                &DeprecatedApi,
            );
            assert!(diags.len() >= 3, "{extra}");
            assert!(diags.iter().all(|d| d.fix.is_none()), "{extra}: {diags:#?}");
        }
        // A prop outside the redirect settings is fixed on its own.
        let src = "import { OrganizationSwitcher, SignIn } from '@clerk/nextjs';\n<OrganizationSwitcher afterSwitchOrganizationUrl='/o' />;\n<SignIn redirectUrl='/r' />;";
        let diags = lint_deps(
            r#""@clerk/nextjs": "6.0.0""#,
            &[("a.tsx", src)],
            &DeprecatedApi,
        );
        assert_eq!(places(&diags).len(), 2);
        assert_eq!(
            diags[0]
                .fix
                .as_ref()
                .map(|f| f.edits[0].replacement.as_str()),
            Some("afterSelectOrganizationUrl")
        );
        assert!(diags[1].fix.is_none());

        // Template markup: a prop written as the name is renamed; Vue's kebab-case is not.
        for (deps, path, src, fixed) in [
            (
                r#""@clerk/astro": "2.1.0""#,
                "a.astro",
                "---\nimport { SignIn } from '@clerk/astro/components';\n---\n<SignIn afterSignInUrl=\"/d\" />",
                true,
            ),
            (
                r#""@clerk/vue": "1.2.0""#,
                "a.vue",
                "<script setup>\nimport { SignIn } from '@clerk/vue';\n</script>\n<template><SignIn after-sign-in-url=\"/d\" /></template>",
                false,
            ),
        ] {
            let diags = lint_deps(deps, &[(path, src)], &DeprecatedApi);
            assert_eq!(diags.len(), 1, "{src}");
            match &diags[0].fix {
                Some(fix) if fixed => {
                    assert_eq!(fix.edits.len(), 1);
                    assert_eq!(&src[fix.edits[0].range.clone()], "afterSignInUrl");
                    assert_eq!(fix.edits[0].replacement, "fallbackRedirectUrl");
                }
                fix => assert!(
                    !fixed && fix.as_ref().is_none_or(|f| f.edits.is_empty()),
                    "{src}: {fix:?}"
                ),
            }
        }

        // `clerkClient` as an object: `(await clerkClient())` inside an async function only,
        // keeping a local alias; elsewhere a manual step.
        let src = "import { clerkClient as cc } from '@clerk/nextjs/server';\nexport async function a(id) { return cc.users.getUser(id); }\nexport function b(id) { return cc.users.getUser(id); }\nconst n = async () => { const { users, sessions } = cc; };";
        let diags = lint_deps(
            r#""@clerk/nextjs": "6.1.0""#,
            &[("a.ts", src)],
            &DeprecatedApi,
        );
        assert_eq!(diags.len(), 4, "{diags:#?}");
        let fix = diags[0].fix.as_ref().expect("fix in an async function");
        assert_eq!(fix.edits.len(), 1);
        assert_eq!(&src[fix.edits[0].range.clone()], "cc");
        assert_eq!(fix.edits[0].replacement, "(await cc())");
        assert!(diags[1].fix.is_none());
        assert!(diags[1].help.as_deref().unwrap().contains("a manual step"));
        assert_eq!(diags[2..].iter().filter(|d| d.fix.is_some()).count(), 1);

        // `apiKey` shorthand: renaming would change the variable read.
        let src =
            "import { createClerkClient } from '@clerk/backend';\ncreateClerkClient({ apiKey });";
        let diags = lint_deps(
            r#""@clerk/backend": "1.0.0""#,
            &[("a.ts", src)],
            &DeprecatedApi,
        );
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn packages_in_package_json() {
        let diags = lint_deps(
            r#""@clerk/clerk-sdk-node": "4.13.0", "@clerk/types": "4.0.0", "@hono/clerk-auth": "2.0.0""#,
            &[],
            &DeprecatedApi,
        );
        let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:#?}");
        assert!(msgs[0].starts_with("`@clerk/clerk-sdk-node` is no longer supported"));
        assert!(msgs[1].starts_with("`@hono/clerk-auth` is deprecated"));
        // @clerk/types only on Core 3 apps.
        let diags = lint_deps(
            r#""@clerk/nextjs": "7.0.0", "@clerk/types": "4.0.0""#,
            &[],
            &DeprecatedApi,
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].severity, Severity::Warning);
    }
}
