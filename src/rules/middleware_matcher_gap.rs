//! `middleware-matcher-gap`: a middleware or proxy that does not run, or protect, where it should.

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
    ///   `src/` when the app uses `src/`), or both `middleware` and `proxy` exist.
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
        for g in &cx.next.gaps {
            let Some(file) = cx.files.get(&g.file) else {
                continue;
            };
            // A finding inside the middleware is keyed by the code it points at (the matcher
            // entry, the `protect` call), not by its message, so rewording the message in a
            // release does not bring a baselined finding back.
            let fingerprint = if g.fingerprint == g.message {
                let code = file.text.get(g.range.clone()).unwrap_or_default();
                format!(
                    "middleware `{}`",
                    code.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            } else {
                g.fingerprint.clone()
            };
            out.push(
                Diagnostic::new(&META, file, g.range.clone(), g.message.clone())
                    .with_help(g.help.clone())
                    .with_fingerprint(fingerprint),
            );
        }
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
        ];
        for (files, expected) in cases {
            let diags = lint_app("7.0.0", files, &MiddlewareMatcherGap);
            let want: Vec<(String, u32)> =
                expected.iter().map(|(p, l)| (p.to_string(), *l)).collect();
            assert_eq!(places(&diags), want, "{files:?}\n{diags:#?}");
        }
    }
}
