//! `route-matcher-wildcard`: `createRouteMatcher` patterns whose `(.*)` follows a name
//! (`/dashboard(.*)` also matches `/dashboardxyz`), and `createRouteMatcher` itself where the
//! installed SDK deprecated or removed it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::project::{ClerkInfo, Version, VersionSource};
use crate::rules::{Context, Rule, RuleMeta, declare_rule};
use crate::source::clerk_api::{ImportKind, package_of};
use crate::source::script::ScriptFile;

declare_rule! {
    /// ## What it does
    /// Looks at the patterns passed to Clerk's `createRouteMatcher()` (imported from a Clerk
    /// package) and flags those that end in `(.*)` right after a name, such as
    /// `'/dashboard(.*)'` or `'/api/webhooks(.*)'`, suggesting `'/dashboard/:path*'`.
    /// A `(.*)` after a `/` (`'/(.*)'`) or after a parameter (`'/org/:slug(.*)'`, where it is
    /// the parameter's own pattern) is left alone.
    ///
    /// It also reports the `createRouteMatcher` import where the installed SDK deprecated it
    /// (`@clerk/nextjs` 7.5.14 and later: a warning) or removed it (`@clerk/astro` 4,
    /// `@clerk/nuxt` 3: an error).
    ///
    /// ## Why is this bad?
    /// `(.*)` matches any characters, not only further path segments: `'/dashboard(.*)'`
    /// also matches `/dashboardxyz` and `/dashboard-admin`. In a list of public routes that
    /// makes sibling routes public too (`'/api/webhooks(.*)'` opens `/api/webhooks-admin`).
    /// Clerk deprecated the suffix form in favour of `/:path*` (`@clerk/shared` 4.24), and now
    /// recommends checking auth in each resource rather than matching paths in middleware.
    ///
    /// ## Example
    /// ```ts
    /// const isPublicRoute = createRouteMatcher(["/sign-in(.*)", "/api/webhooks(.*)"]);
    /// ```
    ///
    /// Use instead:
    /// ```ts
    /// const isPublicRoute = createRouteMatcher(["/sign-in/:path*", "/api/webhooks/:path*"]);
    /// ```
    ///
    /// ## References
    /// - [`createRouteMatcher()`](https://clerk.com/docs/reference/nextjs/clerk-middleware#create-route-matcher)
    /// - [Migrate from `createRouteMatcher`](https://clerk.com/docs/guides/development/upgrading/upgrade-guides/migrate-from-create-route-matcher)
    pub static META {
        id: "route-matcher-wildcard",
        source: Script,
        severity: Warning,
        summary: "a `createRouteMatcher` pattern whose `(.*)` also matches sibling routes, or `createRouteMatcher` where it is deprecated",
    }
}

pub struct RouteMatcherWildcard;

type V = (u64, u64, u64);

/// Where `createRouteMatcher` went in `pkg`: (deprecated from, removed from), from the
/// migration tables (the rows `deprecated-api` leaves to this rule outside an upgrade).
fn lifecycle(pkg: &str) -> Option<(Option<V>, Option<V>)> {
    crate::migration::NAMED
        .iter()
        .find_map(|row| match row.since {
            crate::migration::Since::Pkg(p, d, r)
                if p == pkg && row.names.contains(&"createRouteMatcher") =>
            {
                Some((d, r))
            }
            _ => None,
        })
}

impl Rule for RouteMatcherWildcard {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_script(&self, script: &ScriptFile, cx: &Context, out: &mut Vec<Diagnostic>) {
        let u = &script.clerk;
        for call in u.calls.iter().filter(|c| c.callee == "createRouteMatcher") {
            for (pattern, range) in &call.strings {
                let Some(stem) = sibling_wildcard(pattern) else {
                    continue;
                };
                let suggestion = format!("{stem}/:path*");
                out.push(
                    Diagnostic::new(
                        &META,
                        cx.file,
                        range.clone(),
                        format!(
                            "`{pattern}` also matches sibling routes such as `{stem}xyz`; use `{suggestion}`"
                        ),
                    )
                    .with_help(format!(
                        "`(.*)` matches any characters, not only the segments below `{stem}`: `{suggestion}` matches `{stem}` and every path under it; in a list of public routes the wider match makes other routes public"
                    ))
                    .with_fingerprint(pattern.clone()),
                );
            }
        }
        for imp in &u.imports {
            if imp.kind == ImportKind::Reexport {
                continue;
            }
            let pkg = package_of(&imp.source);
            let Some((deprecated, removed)) = lifecycle(pkg) else {
                continue;
            };
            for spec in imp
                .specifiers
                .iter()
                .filter(|s| s.imported == "createRouteMatcher")
            {
                let Some((severity, phrase, note)) = status(cx.clerk, pkg, deprecated, removed)
                else {
                    continue;
                };
                let mut help = "check auth in each route handler, server action and page (`await auth.protect()`), where it cannot diverge from how the framework routes requests; keep `clerkMiddleware()` itself; see https://clerk.com/docs/guides/development/upgrading/upgrade-guides/migrate-from-create-route-matcher".to_string();
                if let Some(note) = note {
                    help.push_str("; ");
                    help.push_str(&note);
                }
                out.push(
                    Diagnostic::new(
                        &META,
                        cx.file,
                        spec.range.clone(),
                        format!("`createRouteMatcher` {phrase}; protect each resource instead"),
                    )
                    .with_severity(severity)
                    .with_help(help)
                    .with_fingerprint(format!("{pkg}:createRouteMatcher")),
                );
            }
        }
    }
}

/// The part before `(.*)` when the pattern ends in `(.*)` right after a name character of a
/// literal segment: `/dashboard(.*)` → `/dashboard`.
fn sibling_wildcard(pattern: &str) -> Option<&str> {
    let stem = pattern.strip_suffix("(.*)")?;
    let last = stem.chars().last()?;
    if !(last.is_ascii_alphanumeric() || last == '_' || last == '-') {
        return None;
    }
    // `/org/:slug(.*)`: the parenthesis is the parameter's own pattern.
    let segment = stem.rsplit('/').next().unwrap_or(stem);
    if segment.contains([':', '(', ')', '*', '{', '}']) {
        return None;
    }
    Some(stem)
}

type Status = (Severity, String, Option<String>);

fn status(
    clerk: &ClerkInfo,
    pkg: &str,
    deprecated: Option<V>,
    removed: Option<V>,
) -> Option<Status> {
    let p = clerk.package(pkg)?;
    let v = p.version?;
    let at = |t: V| Version::new(t.0, t.1, t.2) <= v;
    let label = |t: V| match t {
        (major, 0, 0) => format!("{pkg} {major}"),
        (major, minor, patch) => format!("{pkg} {major}.{minor}.{patch}"),
    };
    let note = match &p.source {
        VersionSource::Lockfile(path) => Some(format!("{pkg} {v} is installed (`{path}`)")),
        VersionSource::PackageJson => Some(format!(
            "{pkg} {v} is the lower bound of `{}` in package.json (no lockfile entry)",
            p.spec
        )),
        VersionSource::Unknown => None,
        VersionSource::Target(u) => Some(u.note(pkg)),
    };
    if let Some(r) = removed.filter(|&r| at(r)) {
        return Some((
            Severity::Error,
            format!("was removed in {}", label(r)),
            note,
        ));
    }
    let d = deprecated.filter(|&d| at(d))?;
    Some((
        Severity::Warning,
        format!("is deprecated since {}", label(d)),
        note,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lint_deps;

    #[test]
    fn patterns() {
        let cases: &[(&str, Option<&str>)] = &[
            ("/dashboard(.*)", Some("/dashboard")),
            ("/api/webhooks(.*)", Some("/api/webhooks")),
            ("/sign-in(.*)", Some("/sign-in")),
            ("/(.*)", None),
            ("/dashboard/(.*)", None),
            ("/org/:slug(.*)", None),
            ("/(api|trpc)(.*)", None),
            ("/dashboard/:path*", None),
            ("/dashboard", None),
            ("(.*)", None),
        ];
        for (pattern, expected) in cases {
            assert_eq!(sibling_wildcard(pattern), *expected, "{pattern}");
        }
    }

    /// (dependencies, middleware source, expected (line, severity, message part))
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &str, &[(u32, Severity, &str)])] = &[
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublic = createRouteMatcher(['/sign-in(.*)', \"/\", `/api/webhooks(.*)`, '/(.*)']);",
            &[
                (
                    2,
                    Severity::Warning,
                    "`/sign-in(.*)` also matches sibling routes such as `/sign-inxyz`; use `/sign-in/:path*`",
                ),
                (2, Severity::Warning, "`/api/webhooks(.*)`"),
            ],
        ),
        // Deprecated on 7.5.14, not before.
        (
            r#""@clerk/nextjs": "7.5.14""#,
            "import { createRouteMatcher } from '@clerk/nextjs/server';\nconst m = createRouteMatcher('/a/:path*');",
            &[(
                1,
                Severity::Warning,
                "`createRouteMatcher` is deprecated since @clerk/nextjs 7.5.14",
            )],
        ),
        (
            r#""@clerk/nextjs": "7.5.13""#,
            "import { createRouteMatcher } from '@clerk/nextjs/server';\nconst m = createRouteMatcher('/a/:path*');",
            &[],
        ),
        (
            r#""@clerk/astro": "4.0.0""#,
            "import { createRouteMatcher } from '@clerk/astro/server';",
            &[(1, Severity::Error, "was removed in @clerk/astro 4")],
        ),
        // Not Clerk's matcher.
        (
            r#""@clerk/nextjs": "6.9.0""#,
            "import { createRouteMatcher } from './matcher';\nconst m = createRouteMatcher(['/a(.*)']);",
            &[],
        ),
    ];

    #[test]
    fn cases() {
        for (deps, src, expected) in CASES {
            let diags = lint_deps(deps, &[("middleware.ts", src)], &RouteMatcherWildcard);
            let got: Vec<(u32, Severity, &str)> = diags
                .iter()
                .map(|d| (d.start.line, d.severity, d.message.as_str()))
                .collect();
            assert_eq!(got.len(), expected.len(), "{src}\n{got:#?}");
            for ((line, sev, msg), (eline, esev, emsg)) in got.iter().zip(expected.iter()) {
                assert_eq!((line, sev), (eline, esev), "{msg}");
                assert!(msg.contains(emsg), "{msg}\nlacks {emsg}");
            }
        }
    }
}
