//! `route-matcher-wildcard`: `createRouteMatcher` patterns whose `(.*)` follows a name
//! (`/dashboard(.*)` also matches `/dashboardxyz`) in a set of public routes. (That
//! `createRouteMatcher` itself is deprecated is `deprecated-api`'s to say.)

use crate::analysis::routes::{NextFile, classify};
use crate::diagnostic::Diagnostic;
use crate::migration::{NAMED, Since};
use crate::project::ClerkInfo;
use crate::rules::{ProjectCx, Rule, RuleMeta, declare_rule};
use crate::source::clerk_api::package_of;
use crate::source::script::ScriptFile;
use crate::source::{FileKind, SourceFile};

declare_rule! {
    /// ## What it does
    /// Looks at the patterns passed to Clerk's `createRouteMatcher()` (imported from a Clerk
    /// package) that end in `(.*)` right after a name, such as `'/api/webhooks(.*)'`, and
    /// reports one when it over-matches where that matters: the matcher is a set of public
    /// or unprotected routes (its name says so, `isPublicRoute`, or the middleware protects
    /// what it does *not* match, `if (!isPublic(req))`), and an actual route of the app is a
    /// sibling the pattern also matches (`/api/webhooks(.*)` and the app's
    /// `/api/webhooks-admin`). The finding names that route and suggests
    /// `'/api/webhooks/:path*'`. Clerk's own docs write `'/sign-in(.*)'`: with no sibling
    /// route, or in a set of protected routes (where matching more protects more), it stays
    /// silent.
    ///
    /// A `(.*)` after a `/` (`'/(.*)'`) or after a parameter (`'/org/:slug(.*)'`, where it is
    /// the parameter's own pattern) is left alone.
    ///
    /// Where the installed SDK deprecated or removed `createRouteMatcher` itself
    /// (`@clerk/nextjs` 7.5.14, `@clerk/astro` 4, `@clerk/nuxt` 3), `deprecated-api` reports
    /// the import; this rule still reports the over-match, but suggests no new pattern: its
    /// help points at a check in each resource instead (`await auth.protect()`,
    /// `locals.auth()`, `event.context.auth()`).
    ///
    /// ## Options
    /// ```toml
    /// [rules.route-matcher-wildcard]
    /// pattern-only = true
    /// ```
    /// reports every such pattern, with or without a sibling route (the rule's earlier
    /// behaviour).
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
        summary: "a `createRouteMatcher` pattern whose `(.*)` also makes sibling routes public",
    }
}

pub struct RouteMatcherWildcard;

impl Rule for RouteMatcherWildcard {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_project(&self, cx: &ProjectCx, out: &mut Vec<Diagnostic>) {
        let mut files: Vec<&SourceFile> = cx
            .files
            .values()
            .copied()
            .filter(|f| f.kind == FileKind::Script && f.text.contains("createRouteMatcher"))
            .collect();
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        for file in files {
            let script = ScriptFile::parse(&file.rel_path, &file.text);
            let calls = script
                .clerk
                .calls
                .iter()
                .filter(|c| c.callee == "createRouteMatcher");
            let mut routes: Option<Vec<String>> = None;
            let clerk = cx.project.app_for(&file.rel_path).map(|a| &a.clerk);
            for call in calls {
                let name = assigned_name(&file.text, call.callee_range.start);
                let public = name.is_some_and(|n| is_public_set(&file.text, n));
                let pkg = script
                    .clerk
                    .imports
                    .get(call.import)
                    .map_or("", |i| package_of(&i.source));
                // Where `createRouteMatcher` itself is deprecated or removed, a narrower
                // pattern is not the advice (`deprecated-api` says to leave it): say what
                // over-matches and point at checks in each resource.
                let retired = clerk.and_then(|c| matcher_retired(c, pkg));
                for (pattern, range) in &call.strings {
                    let Some(stem) = sibling_wildcard(pattern) else {
                        continue;
                    };
                    let suggestion = format!("{stem}/:path*");
                    let (advice, instead) = match retired {
                        Some((pkg, instead)) => (
                            String::new(),
                            format!(
                                "; `createRouteMatcher` is deprecated or removed at this version of {pkg} (see `deprecated-api`): rather than a narrower pattern, protect each route with {instead}"
                            ),
                        ),
                        None => (format!("; use `{suggestion}`"), String::new()),
                    };
                    let routes = routes.get_or_insert_with(|| app_routes(cx, &file.rel_path));
                    let sibling = routes.iter().find(|r| {
                        r.strip_prefix(stem)
                            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
                    });
                    let d = match (public, sibling) {
                        (true, Some(route)) => Diagnostic::new(
                            &META,
                            file,
                            range.clone(),
                            format!(
                                "`{pattern}` also matches the app's route `{route}`, which this public set makes public too{advice}"
                            ),
                        )
                        .with_help(if instead.is_empty() {
                            format!(
                                "`(.*)` matches any characters, not only the segments below `{stem}`: `{suggestion}` matches `{stem}` and every path under it, and not `{route}`"
                            )
                        } else {
                            format!(
                                "`(.*)` matches any characters, not only the segments below `{stem}`, so `{route}` is public too{instead}"
                            )
                        })
                        .with_fingerprint(pattern.clone()),
                        // The opt-in pattern-only form (`[rules.route-matcher-wildcard]
                        // pattern-only`): the engine drops these unless it is set.
                        _ => Diagnostic::new(
                            &META,
                            file,
                            range.clone(),
                            format!(
                                "`{pattern}` also matches sibling routes such as `{stem}xyz`{advice}"
                            ),
                        )
                        .with_help(if instead.is_empty() {
                            format!(
                                "`(.*)` matches any characters, not only the segments below `{stem}`: `{suggestion}` matches `{stem}` and every path under it; in a list of public routes the wider match makes other routes public"
                            )
                        } else {
                            format!(
                                "`(.*)` matches any characters, not only the segments below `{stem}`; in a list of public routes the wider match makes other routes public{instead}"
                            )
                        })
                        .with_fingerprint(format!("{PATTERN_ONLY}{pattern}")),
                    };
                    out.push(d);
                }
            }
        }
    }
}

/// `(package, what to do instead)` when the installed `pkg` deprecated or removed
/// `createRouteMatcher` (the rows `deprecated-api` reports it from).
fn matcher_retired(clerk: &ClerkInfo, pkg: &str) -> Option<(&'static str, &'static str)> {
    NAMED
        .iter()
        .filter(|r| r.names.contains(&"createRouteMatcher"))
        .find_map(|r| {
            let Since::Pkg(name, deprecated, removed) = r.since else {
                return None;
            };
            let from = deprecated.or(removed)?;
            let version = clerk.package(name)?.version?;
            (name == pkg && (version.major, version.minor, version.patch) >= from)
                .then_some((name, r.instead))
        })
}

/// The fingerprint prefix of the pattern-only findings, which the engine keeps only where
/// `[rules.route-matcher-wildcard] pattern-only = true`.
pub const PATTERN_ONLY: &str = "pattern-only:";

/// The variable a call starting at `at` is assigned to: `const isPublic = createRouteMatcher(`.
fn assigned_name(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?.trim_end().strip_suffix('=')?.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .map_or(0, |i| i + 1);
    let name = &before[start..];
    (!name.is_empty()).then_some(name)
}

/// Whether the matcher `name` holds routes left open: its name says so, or the file protects
/// what it does not match (`if (!isPublic(req))`).
fn is_public_set(text: &str, name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "public",
        "ignored",
        "unprotected",
        "anonymous",
        "unauth",
        "guest",
        "open",
        "webhook",
    ]
    .iter()
    .any(|w| lower.contains(w))
        || text.contains(&format!("!{name}("))
}

/// The URL patterns of the routes of the app that owns `path`: route handlers, `pages/api`
/// and App Router pages (from the file tree, as Next.js routes them).
fn app_routes(cx: &ProjectCx, path: &str) -> Vec<String> {
    let Some(app) = cx.project.app_for(path) else {
        return Vec::new();
    };
    let prefix = if app.rel_root.is_empty() {
        String::new()
    } else {
        format!("{}/", app.rel_root)
    };
    let mut urls: Vec<String> = cx
        .files
        .keys()
        // Display paths may be absolute or `./`-led; app roots never are.
        .filter_map(|p| {
            p.trim_start_matches("./")
                .trim_start_matches('/')
                .strip_prefix(&prefix)
        })
        .filter_map(|rel| {
            // A page is routed like a route handler in the same folder.
            let as_route = match rel.rsplit_once('/') {
                Some((dir, file)) if file.starts_with("page.") => {
                    format!("{dir}/route.{}", file.rsplit('.').next().unwrap_or("tsx"))
                }
                _ => rel.to_string(),
            };
            match classify(&as_route) {
                NextFile::AppRoute { url } | NextFile::PagesApi { url } => Some(url),
                _ => None,
            }
        })
        .collect();
    urls.sort();
    urls.dedup();
    urls
}

/// The part before `(.*)` when the pattern ends in `(.*)` right after a name character of a
/// literal segment: `/dashboard(.*)` → `/dashboard`.
pub(crate) fn sibling_wildcard(pattern: &str) -> Option<&str> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
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

    const PUBLIC: &str = "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublic = createRouteMatcher(['/sign-in(.*)', \"/\", `/api/webhooks(.*)`, '/(.*)']);";

    /// (dependencies, files (the first one is checked), expected (line, severity, message part))
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &[(&str, &str)], &[(u32, Severity, &str)])] = &[
        // A public set and a sibling route it opens: reported, naming the route.
        (
            r#""@clerk/nextjs": "6.9.0""#,
            &[
                ("middleware.ts", PUBLIC),
                ("app/api/webhooks/route.ts", "export function POST() {}"),
                (
                    "app/api/webhooks-admin/route.ts",
                    "export function GET() {}",
                ),
                (
                    "app/sign-in/[[...sign-in]]/page.tsx",
                    "export default () => null;",
                ),
            ],
            &[(
                2,
                Severity::Warning,
                "`/api/webhooks(.*)` also matches the app's route `/api/webhooks-admin`, which this public set makes public too; use `/api/webhooks/:path*`",
            )],
        ),
        // A sibling page counts too; a set the middleware negates is a public set.
        (
            r#""@clerk/nextjs": "6.9.0""#,
            &[
                (
                    "middleware.ts",
                    "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst m = createRouteMatcher(['/docs(.*)']);\nexport default clerkMiddleware(async (auth, req) => { if (!m(req)) await auth.protect(); });",
                ),
                (
                    "src/app/docs-internal/page.tsx",
                    "export default () => null;",
                ),
            ],
            &[(2, Severity::Warning, "the app's route `/docs-internal`")],
        ),
        // No sibling route: Clerk's own `/sign-in(.*)` stays silent.
        (
            r#""@clerk/nextjs": "6.9.0""#,
            &[
                ("middleware.ts", PUBLIC),
                (
                    "app/sign-in/[[...sign-in]]/page.tsx",
                    "export default () => null;",
                ),
                (
                    "app/api/webhooks/clerk/route.ts",
                    "export function POST() {}",
                ),
            ],
            &[],
        ),
        // A protected set: matching a sibling too protects more, which is not a hole.
        (
            r#""@clerk/nextjs": "6.9.0""#,
            &[
                (
                    "middleware.ts",
                    "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isProtectedRoute = createRouteMatcher(['/dashboard(.*)']);\nexport default clerkMiddleware(async (auth, req) => { if (isProtectedRoute(req)) await auth.protect(); });",
                ),
                ("app/dashboard-admin/page.tsx", "export default () => null;"),
            ],
            &[],
        ),
        // Where `createRouteMatcher` is deprecated (nextjs 7.5.14) or removed (astro 4,
        // nuxt 3), the over-match is still reported, but without a new pattern to write
        // (`deprecated-api` says to leave `createRouteMatcher`); see `retired_advice`.
        (
            r#""@clerk/nextjs": "7.5.14""#,
            &[
                ("middleware.ts", PUBLIC),
                (
                    "app/api/webhooks-admin/route.ts",
                    "export function GET() {}",
                ),
            ],
            &[(
                2,
                Severity::Warning,
                "`/api/webhooks(.*)` also matches the app's route `/api/webhooks-admin`, which this public set makes public too",
            )],
        ),
        (
            r#""@clerk/nextjs": "7.5.13""#,
            &[
                ("middleware.ts", PUBLIC),
                (
                    "app/api/webhooks-admin/route.ts",
                    "export function GET() {}",
                ),
            ],
            &[(2, Severity::Warning, "; use `/api/webhooks/:path*`")],
        ),
        // That `createRouteMatcher` is deprecated or removed is `deprecated-api`'s finding.
        (
            r#""@clerk/nextjs": "7.5.14""#,
            &[(
                "middleware.ts",
                "import { createRouteMatcher } from '@clerk/nextjs/server';\nconst m = createRouteMatcher('/a/:path*');",
            )],
            &[],
        ),
        (
            r#""@clerk/astro": "4.0.0""#,
            &[(
                "middleware.ts",
                "import { createRouteMatcher } from '@clerk/astro/server';",
            )],
            &[],
        ),
        // Not Clerk's matcher.
        (
            r#""@clerk/nextjs": "6.9.0""#,
            &[
                (
                    "middleware.ts",
                    "import { createRouteMatcher } from './matcher';\nconst isPublic = createRouteMatcher(['/a(.*)']);",
                ),
                ("app/ab/page.tsx", "export default () => null;"),
            ],
            &[],
        ),
    ];

    /// On the versions that retire `createRouteMatcher`, no advice names a new pattern.
    #[test]
    fn retired_advice() {
        let cases: &[(&str, &str, &str)] = &[
            (
                r#""@clerk/nextjs": "7.9.0""#,
                "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst isPublic = createRouteMatcher(['/api/webhooks(.*)']);",
                "per-resource `await auth.protect()` / `auth()` checks",
            ),
            (
                r#""@clerk/astro": "4.0.0""#,
                "import { clerkMiddleware, createRouteMatcher } from '@clerk/astro/server';\nconst isPublic = createRouteMatcher(['/api/webhooks(.*)']);",
                "`locals.auth()` checks in each page and endpoint",
            ),
            (
                r#""@clerk/nuxt": "3.1.0""#,
                "import { clerkMiddleware, createRouteMatcher } from '@clerk/nuxt/server';\nconst isPublic = createRouteMatcher(['/api/webhooks(.*)']);",
                "`event.context.auth()` checks in each handler",
            ),
        ];
        for (deps, src, instead) in cases {
            let diags = lint_deps(
                deps,
                &[
                    ("middleware.ts", src),
                    (
                        "app/api/webhooks-admin/route.ts",
                        "export function GET() {}",
                    ),
                ],
                &RouteMatcherWildcard,
            );
            assert_eq!(diags.len(), 1, "{deps}\n{diags:#?}");
            let d = &diags[0];
            let help = d.help.as_deref().unwrap_or_default();
            assert!(help.contains(instead), "{deps}: {help}");
            assert!(help.contains("deprecated-api"), "{deps}: {help}");
            assert!(
                !d.message.contains(":path*") && !help.contains(":path*"),
                "{deps}: {} / {help}",
                d.message
            );
        }
    }

    #[test]
    fn cases() {
        for (deps, files, expected) in CASES {
            let src = files[0].1;
            let diags: Vec<Diagnostic> = lint_deps(deps, files, &RouteMatcherWildcard)
                .into_iter()
                .filter(|d| d.path == files[0].0)
                .collect();
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
