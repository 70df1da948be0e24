//! `middleware-matcher-gap`: a middleware or proxy that does not run, or protect, where it should.

use crate::analysis::endpoint::{AppIssue, AppIssueKind, FrameworkId};
use crate::diagnostic::Diagnostic;
use crate::rules::{ProjectCx, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the Next.js middleware (`middleware.ts`) or proxy (`proxy.ts`, Next.js 16) of
    /// each app against the app's endpoints:
    /// - an endpoint calls Clerk's `auth()` but the app has no middleware, or
    ///   `config.matcher` does not run it for the endpoint's URL (Clerk then throws at
    ///   runtime);
    /// - `config.matcher` leaves every `/api` route out;
    /// - a public-route pattern (`'/api(.*)'`, `'/(api|trpc)(.*)'`) opens every API route;
    /// - `auth.protect()` in the middleware is not awaited on `@clerk/nextjs` 6 and later;
    /// - a Core-1 `afterAuth` replaces the default protection without checking `userId`;
    /// - the file sits in the wrong place (beside `app/` or `pages/`: the project root, or
    ///   `src/` when the app uses `src/`), or both `middleware` and `proxy` exist;
    /// - a Nuxt app sets `clerk: { skipServerMiddleware: true }` without running
    ///   `clerkMiddleware()` in its own server middleware, so `event.context.auth` is never set.
    ///
    /// ## Why is this bad?
    /// A middleware that does not run for a route protects nothing there, and a misplaced
    /// file never runs at all. Routes that rely on the middleware are then open, and routes
    /// that call `auth()` fail with a 500.
    ///
    /// ## Example
    /// ```ts
    /// export const config = { matcher: ["/((?!api|_next|.*\\..*).*)"] }; // never runs for /api
    /// ```
    ///
    /// Use instead:
    /// ```ts
    /// export const config = {
    ///   matcher: [
    ///     "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    ///     "/(api|trpc)(.*)",
    ///   ],
    /// };
    /// ```
    pub static META {
        id: "middleware-matcher-gap",
        source: Project,
        severity: Warning,
        summary: "a middleware or proxy that does not run, or does not protect, where the app needs it",
    }
}

pub struct MiddlewareMatcherGap;

impl Rule for MiddlewareMatcherGap {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_project(&self, cx: &ProjectCx, out: &mut Vec<Diagnostic>) {
        for issue in cx.issues {
            let Some(file) = cx.files.get(&issue.location.file) else {
                continue;
            };
            let t = text(issue);
            out.push(
                Diagnostic::new(&META, file, issue.location.range.clone(), t.message)
                    .with_help(t.help)
                    .with_fingerprint(t.fingerprint),
            );
        }
    }
}

/// What the rule writes for one issue.
pub struct Text {
    pub message: String,
    pub help: String,
    pub fingerprint: String,
}

/// The message, help and fingerprint of an app-level issue. The fingerprint names the kind of
/// issue and what it is about, never the message (a release may reword it) or a line.
pub fn text(issue: &AppIssue) -> Text {
    let file = &issue.location.file;
    let (message, help, fingerprint) = match &issue.kind {
        AppIssueKind::NoMiddleware {
            endpoint,
            others,
            expected,
        } => {
            let others = match others {
                0 => String::new(),
                1 => " (and 1 other endpoint)".to_string(),
                n => format!(" (and {n} other endpoints)"),
            };
            if issue.framework == FrameworkId::Nuxt {
                (
                    format!(
                        "{} `{}`{others} reads `event.context.auth`, but `skipServerMiddleware: true` turns off the Clerk module's server middleware and no server middleware of the app runs `clerkMiddleware()`",
                        endpoint.kind.describe(),
                        endpoint.label
                    ),
                    format!(
                        "add `{expected}` with `export default clerkMiddleware()` (from `@clerk/nuxt/server`), or drop `skipServerMiddleware`; without it `event.context.auth` is undefined and every read of it fails"
                    ),
                    "no-middleware".to_string(),
                )
            } else {
                (
                    format!(
                        "{} `{}`{others} calls Clerk's auth, but the app has no `middleware.ts` or `proxy.ts` with `clerkMiddleware()`",
                        endpoint.kind.describe(),
                        endpoint.label
                    ),
                    format!(
                        "add `{expected}` exporting `clerkMiddleware()` with the recommended `config.matcher`; without it `auth()` throws at runtime"
                    ),
                    "no-middleware".to_string(),
                )
            }
        }
        AppIssueKind::MatcherGap {
            endpoint,
            url,
            middleware,
        } => (
            format!(
                "{} `{}` calls Clerk's auth, but `config.matcher` in `{middleware}` does not run the middleware for `{url}`",
                endpoint.kind.describe(),
                endpoint.label
            ),
            "add the path to `config.matcher` (the recommended matcher includes `'/(api|trpc)(.*)'`); otherwise `auth()` throws at runtime".to_string(),
            format!("not-run {}", endpoint.label),
        ),
        AppIssueKind::MiddlewareMisplaced {
            proxy,
            expected,
            uses_src,
        } => (
            format!(
                "this {} file is in the wrong place, so Next.js never runs it",
                if *proxy { "proxy" } else { "middleware" }
            ),
            format!(
                "move it to `{expected}`: the file must sit beside the `app`/`pages` directory ({})",
                if *uses_src {
                    "in `src/`"
                } else {
                    "at the project root"
                }
            ),
            format!("misplaced {file}"),
        ),
        AppIssueKind::MiddlewareAndProxy => (
            "both `middleware` and `proxy` files exist; Next.js 16 runs only `proxy`".to_string(),
            "merge the two into the `proxy` file and delete this one".to_string(),
            format!("both {file}"),
        ),
        AppIssueKind::PublicApiRoute { entry } => (
            format!("public route `{entry}` makes every API route public"),
            "keep public only the API routes that must be (for example `/api/webhooks/:path*`), and check auth in every other API route handler (`await auth.protect()`)".to_string(),
            format!("public-api-route {entry}"),
        ),
        AppIssueKind::MatcherExcludesApi => (
            "`config.matcher` never runs the middleware for `/api` routes, so `auth()` in route handlers throws".to_string(),
            "add `'/(api|trpc)(.*)'` to `config.matcher`, as in Clerk's recommended config"
                .to_string(),
            "matcher-excludes-api".to_string(),
        ),
        AppIssueKind::UnawaitedProtect => (
            "`auth.protect()` is not awaited: on @clerk/nextjs 6 and later it returns a promise, so the request continues".to_string(),
            "write `await auth.protect()` (or `return auth.protect()`)".to_string(),
            "unawaited-protect".to_string(),
        ),
        AppIssueKind::AfterAuthOpen => (
            "`afterAuth` never rejects signed-out requests, so `authMiddleware` protects no route".to_string(),
            "return `redirectToSignIn({ returnBackUrl: req.url })` when `!auth.userId && !auth.isPublicRoute`, or drop `afterAuth` to keep the default protection".to_string(),
            "after-auth-open".to_string(),
        ),
        AppIssueKind::RouteMiddlewareFlagOff { export, config } => (
            format!(
                "`{export}` is exported, but the `v8_middleware` future flag is off in `{config}`, so React Router never runs it"
            ),
            format!(
                "set `future: {{ v8_middleware: true }}` in `{config}`; until then `clerkMiddleware()` and any guard in this export do not run"
            ),
            "route-middleware-flag-off".to_string(),
        ),
        AppIssueKind::PatternGaveUp { pattern } => (
            format!(
                "route pattern `{pattern}` is too costly to evaluate (catastrophic backtracking), so clerk-lint could not tell which routes it matches and treated them as not protected by it"
            ),
            "rewrite the pattern without nested quantifiers or look-arounds (for example `/dashboard/:path*`), so both Clerk and clerk-lint match it quickly".to_string(),
            format!("pattern-gave-up {pattern}"),
        ),
    };
    Text {
        message,
        help,
        fingerprint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lint_app, places};

    const ROUTE: &str = "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const { userId } = await auth();\n  if (!userId) return new Response(null, { status: 401 });\n  return new Response();\n}\n";

    #[test]
    fn cases() {
        #[allow(clippy::type_complexity)]
        let cases: &[(&[(&str, &str)], &[(&str, u32)])] = &[
            // No middleware at all.
            (
                &[("src/app/api/a/route.ts", ROUTE)],
                &[("src/app/api/a/route.ts", 2)],
            ),
            // Middleware in place, recommended matcher: silent.
            (
                &[
                    ("src/app/api/a/route.ts", ROUTE),
                    (
                        "src/middleware.ts",
                        "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();\nexport const config = { matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)'] };\n",
                    ),
                ],
                &[],
            ),
            // Misplaced: the app uses src/ but the file is at the root.
            (
                &[
                    ("src/app/api/a/route.ts", ROUTE),
                    (
                        "middleware.ts",
                        "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();\n",
                    ),
                ],
                &[("middleware.ts", 1), ("src/app/api/a/route.ts", 2)],
            ),
            // A public-route pattern that backtracks catastrophically: said once, at the
            // pattern (and the route counts as possibly public: see the missing-auth cases).
            (
                &[
                    ("src/app/api/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab/route.ts", ROUTE),
                    (
                        "src/middleware.ts",
                        "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';
const isPublic = createRouteMatcher([\n  /^\\/api\\/(?!x)(a+)+$/,\n]);
export default clerkMiddleware(async (auth, req) => {
  if (!isPublic(req)) await auth.protect();
});
export const config = { matcher: ['/(api|trpc)(.*)'] };
",
                    ),
                ],
                &[("src/middleware.ts", 3)],
            ),
        ];
        for (files, expected) in cases {
            let diags = lint_app("7.0.0", files, &MiddlewareMatcherGap);
            let want: Vec<(String, u32)> =
                expected.iter().map(|(p, l)| (p.to_string(), *l)).collect();
            assert_eq!(places(&diags), want, "{files:?}\n{diags:#?}");
        }
    }

    /// Nuxt: `skipServerMiddleware: true` leaves `event.context.auth` unset unless the app's
    /// own server middleware runs `clerkMiddleware()`.
    #[test]
    fn nuxt_skipped_server_middleware() {
        use crate::rules::testing::lint_deps;
        const DEPS: &str = r#""@clerk/nuxt":"1.13.0","nuxt":"3.16.0""#;
        const ROUTE: &str = "export default defineEventHandler((event) => {\n  const { userId } = event.context.auth()\n  if (!userId) throw createError({ statusCode: 401 })\n  return { userId }\n})\n";
        const SKIP: &str = "export default defineNuxtConfig({ modules: ['@clerk/nuxt'], clerk: { skipServerMiddleware: true } })\n";
        #[allow(clippy::type_complexity)]
        let cases: &[(&[(&str, &str)], &[(&str, u32)])] = &[
            (
                &[("nuxt.config.ts", SKIP), ("server/api/me.get.ts", ROUTE)],
                &[("server/api/me.get.ts", 1)],
            ),
            // The app installs it itself.
            (
                &[
                    ("nuxt.config.ts", SKIP),
                    ("server/api/me.get.ts", ROUTE),
                    (
                        "server/middleware/clerk.ts",
                        "import { clerkMiddleware } from '@clerk/nuxt/server'\nexport default clerkMiddleware()\n",
                    ),
                ],
                &[],
            ),
            // The module's own middleware runs.
            (
                &[
                    (
                        "nuxt.config.ts",
                        "export default defineNuxtConfig({ modules: ['@clerk/nuxt'] })\n",
                    ),
                    ("server/api/me.get.ts", ROUTE),
                ],
                &[],
            ),
            // `srcDir` on Nuxt 3 moves the server directory with it.
            (
                &[
                    (
                        "nuxt.config.ts",
                        "export default defineNuxtConfig({ srcDir: 'client/', modules: ['@clerk/nuxt'], clerk: { skipServerMiddleware: true } })\n",
                    ),
                    ("client/server/api/me.get.ts", ROUTE),
                ],
                &[("client/server/api/me.get.ts", 1)],
            ),
        ];
        for (files, expected) in cases {
            let diags = lint_deps(DEPS, files, &MiddlewareMatcherGap);
            let want: Vec<(String, u32)> =
                expected.iter().map(|(p, l)| (p.to_string(), *l)).collect();
            assert_eq!(places(&diags), want, "{files:?}\n{diags:#?}");
        }
    }

    /// The advice never recommends a pattern another rule flags: every `createRouteMatcher`
    /// pattern in a help text passes `route-matcher-wildcard`.
    #[test]
    fn advice_passes_route_matcher_wildcard() {
        use crate::analysis::endpoint::{EndpointKind, EndpointRef, FrameworkId, Location};
        let endpoint = EndpointRef {
            kind: EndpointKind::RouteHandler,
            label: "GET /api/x".into(),
        };
        let kinds = [
            AppIssueKind::PublicApiRoute {
                entry: "/api(.*)".into(),
            },
            AppIssueKind::MatcherExcludesApi,
            AppIssueKind::UnawaitedProtect,
            AppIssueKind::AfterAuthOpen,
            AppIssueKind::MiddlewareAndProxy,
            AppIssueKind::PatternGaveUp {
                pattern: "/((a+)+)b".into(),
            },
            AppIssueKind::MatcherGap {
                endpoint: endpoint.clone(),
                url: "/api/x".into(),
                middleware: "middleware.ts".into(),
            },
            AppIssueKind::NoMiddleware {
                endpoint,
                others: 0,
                expected: "middleware.ts".into(),
            },
        ];
        for kind in kinds {
            let issue = AppIssue {
                framework: FrameworkId::NextJs,
                app: String::new(),
                location: Location {
                    file: "middleware.ts".into(),
                    range: 0..1,
                },
                kind,
            };
            let help = text(&issue).help;
            // Nor an API that `deprecated-api` reports (`createRouteMatcher` is deprecated
            // since @clerk/nextjs 7.5.14 and gone from @clerk/astro 4 and @clerk/nuxt 3).
            assert!(!help.contains("createRouteMatcher"), "{help}");
            for (i, part) in help.split('`').enumerate() {
                // Route patterns in backticks; `config.matcher` entries are quoted inside.
                let pattern = part.trim_matches('\'');
                if i % 2 == 1 && pattern.starts_with('/') && !part.starts_with('\'') {
                    assert_eq!(
                        crate::rules::route_matcher_wildcard::sibling_wildcard(pattern),
                        None,
                        "{help}"
                    );
                }
            }
        }
        // The fixes `missing-auth` suggests, for every framework and endpoint kind.
        use crate::rules::missing_auth::framework_fix;
        let kinds = [
            EndpointKind::RouteHandler,
            EndpointKind::ServerAction,
            EndpointKind::PagesApi,
            EndpointKind::Loader,
            EndpointKind::Action,
            EndpointKind::FormAction,
            EndpointKind::ServerFunction,
            EndpointKind::ServerRoute,
            EndpointKind::AstroAction,
        ];
        for framework in FrameworkId::ALL {
            for kind in kinds {
                if let Some(help) = framework_fix(*framework, kind) {
                    assert!(!help.contains("createRouteMatcher"), "{help}");
                }
            }
        }
    }
}
