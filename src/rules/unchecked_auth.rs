//! `unchecked-auth`: an endpoint reads the session but nothing gates on it.

use crate::analysis::endpoint::{EndpointKind, FrameworkId, Verdict};
use crate::diagnostic::Diagnostic;
use crate::rules::missing_auth::is_rust;
use crate::rules::{ProjectCx, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an endpoint that calls a Clerk auth API (`auth()`, `currentUser()`, `getAuth()`,
    /// or a project helper that returns the session) but never stops a signed-out caller:
    /// `userId` is only logged, passed to a query, echoed back, or checked vacuously
    /// (`if (!session)` on the auth object, which is always truthy; an exit swallowed by
    /// `try/catch`).
    ///
    /// ## Why is this bad?
    /// The code looks protected, which is worse than looking open: reviewers skip it. For a
    /// signed-out caller `userId` is `null`, and a query such as
    /// `db.project.findMany({ where: { ownerId: userId } })` may return every row whose owner
    /// is null, or the handler does its work anyway. If the endpoint is public on purpose
    /// (optional personalisation), say so with a suppression.
    ///
    /// ## Example
    /// ```ts
    /// export async function GET() {
    ///   const { userId } = await auth();
    ///   return Response.json(await db.project.findMany({ where: { ownerId: userId } }));
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```ts
    /// export async function GET() {
    ///   const { userId } = await auth();
    ///   if (!userId) return new Response("Unauthorized", { status: 401 });
    ///   return Response.json(await db.project.findMany({ where: { ownerId: userId } }));
    /// }
    /// ```
    pub static META {
        id: "unchecked-auth",
        source: Project,
        severity: Warning,
        summary: "an endpoint reads the Clerk session but never stops a signed-out caller",
    }
}

pub struct UncheckedAuth;

impl Rule for UncheckedAuth {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_project(&self, cx: &ProjectCx, out: &mut Vec<Diagnostic>) {
        for e in cx.endpoints.iter() {
            let Verdict::Unchecked(what) = &e.verdict else {
                continue;
            };
            if e.public {
                continue;
            }
            let Some(file) = cx.files.get(&e.location.file) else {
                continue;
            };
            let who = match e.kind {
                EndpointKind::ServerAction => format!("server action `{}`", e.name),
                EndpointKind::AstroAction => format!("action `{}` (`{}`)", e.name, e.label()),
                _ => format!("{} `{}`", e.kind.describe(), e.label()),
            };
            let exit = match e.kind {
                EndpointKind::ServerAction | EndpointKind::ServerFunction => "throw",
                EndpointKind::Loader | EndpointKind::Action | EndpointKind::FormAction => {
                    "throw a redirect to the sign-in page"
                }
                _ => "return a 401",
            };
            // `auth.protect()` is Next.js's.
            let protect = match e.framework {
                FrameworkId::NextJs => " (or call `await auth.protect()`)",
                FrameworkId::Nuxt => " (`throw createError({ statusCode: 401 })`)",
                _ => "",
            };
            if let Some(id) = &e.facts.request_identity
                && e.facts.populate_only.is_some()
                && what.contains(id.as_str())
            {
                out.push(
                    Diagnostic::new(
                        &META,
                        file,
                        e.location.range.clone(),
                        format!(
                            "{who} takes the caller's identity from `{id}`, which any caller can set, instead of the verified session"
                        ),
                    )
                    .with_help("use `const { userId } = getAuth(req)` (the session `clerkMiddleware()` verified), return a 401 when it is null, and ignore user ids sent by the client")
                    .with_fingerprint(format!("{} {}", e.kind.describe(), e.label()))
                    .with_related(e.depends_on.clone()),
                );
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    file,
                    e.location.range.clone(),
                    format!("{who} reads {what} but never stops a signed-out caller"),
                )
                .with_help(if is_rust(e.framework) {
                    "return a 401 when the identity is missing (`let Some(jwt) = jwt else { return Err(StatusCode::UNAUTHORIZED) }`), or cover the route with a Clerk layer whose route list contains its path; if signed-out callers are welcome, suppress this finding with a reason".to_string()
                } else {
                    format!(
                        "{exit} when `userId` is null before doing any work{protect}; if signed-out callers are welcome, suppress this finding with a reason"
                    )
                })
                .with_fingerprint(cx.endpoint_key(e))
                    .with_related(e.depends_on.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lint_app, places};

    #[allow(clippy::type_complexity)]
    const CASES: &[(&[(&str, &str)], &[(&str, u32)])] = &[
        (
            &[(
                "app/api/a/route.ts",
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const { userId } = await auth();\n  console.log(userId);\n  return Response.json({});\n}\n",
            )],
            &[("app/api/a/route.ts", 2)],
        ),
        (
            &[(
                "app/api/a/route.ts",
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const session = await auth();\n  if (!session) return new Response(null, { status: 401 });\n  return new Response();\n}\n",
            )],
            &[("app/api/a/route.ts", 2)],
        ),
        (
            &[(
                "app/api/a/route.ts",
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  try { await auth.protect(); } catch {}\n  return new Response();\n}\n",
            )],
            &[("app/api/a/route.ts", 2)],
        ),
        // Checked: silent.
        (
            &[(
                "app/api/a/route.ts",
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const { isAuthenticated } = await auth();\n  if (!isAuthenticated) return new Response(null, { status: 401 });\n  return new Response();\n}\n",
            )],
            &[],
        ),
        // Optional personalisation: the work after the `if` runs for everyone.
        (
            &[(
                "app/api/checkout/route.ts",
                "import { currentUser } from '@clerk/nextjs/server';\nexport async function POST(req: Request) {\n  const user = await currentUser();\n  if (user) { console.log('signed in', user.id); }\n  const session = await fetch('https://payments.example.com', { method: 'POST' });\n  return Response.json(await session.json());\n}\n",
            )],
            &[("app/api/checkout/route.ts", 2)],
        ),
        // No auth at all is missing-auth, not this rule.
        (
            &[(
                "app/api/a/route.ts",
                "export async function GET() {\n  return new Response();\n}\n",
            )],
            &[],
        ),
    ];

    /// Express: a user id from the request used as the identity while `clerkMiddleware()`
    /// verified a session is unchecked; without Clerk's middleware it stays missing-auth.
    #[test]
    fn express_request_identity() {
        use crate::rules::testing::lint_deps;
        let deps = r#""express":"4.21.0","@clerk/express":"1.7.0""#;
        let with_mw = "import express from 'express';\nimport { clerkMiddleware } from '@clerk/express';\nconst app = express();\napp.use(clerkMiddleware());\napp.post('/bookmarks', async (req, res) => {\n  await save(req.body.userId);\n  res.end();\n});\nasync function save(id) {}\n";
        let diags = lint_deps(deps, &[("server.js", with_mw)], &UncheckedAuth);
        assert_eq!(
            places(&diags),
            vec![("server.js".to_string(), 5)],
            "{diags:#?}"
        );
        assert!(
            diags[0].message.contains("`req.body.userId`"),
            "{}",
            diags[0].message
        );
        let without = with_mw.replace("app.use(clerkMiddleware());\n", "");
        let diags = lint_deps(deps, &[("server.js", &without)], &UncheckedAuth);
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn cases() {
        for (files, expected) in CASES {
            let diags = lint_app("7.0.0", files, &UncheckedAuth);
            let want: Vec<(String, u32)> =
                expected.iter().map(|(p, l)| (p.to_string(), *l)).collect();
            assert_eq!(places(&diags), want, "{files:?}\n{diags:#?}");
        }
    }

    #[test]
    fn hono_identity_taken_from_the_request() {
        // (route file, expected message fragment or None)
        let cases: &[(&str, Option<&str>)] = &[
            (
                "import { Hono } from 'hono'\nimport { clerkMiddleware } from '@clerk/hono'\nconst app = new Hono()\napp.post('/x', clerkMiddleware(), async (c) => {\n  const { userId } = await c.req.json()\n  return c.json({ userId })\n})\nexport default app\n",
                Some("takes the caller's identity from `c.req.json().userId`"),
            ),
            (
                "import { Hono } from 'hono'\nimport { getAuth } from '@clerk/hono'\nconst app = new Hono()\napp.post('/x', async (c) => {\n  const auth = getAuth(c)\n  const { userId } = await c.req.json()\n  if (!auth?.userId || auth.userId !== userId) return c.json({}, 401)\n  return c.json({})\n})\nexport default app\n",
                None,
            ),
        ];
        for (src, want) in cases {
            let diags = crate::rules::testing::lint_deps(
                r#""hono":"4.7.0","@clerk/hono":"0.1.3""#,
                &[("src/index.ts", src)],
                &UncheckedAuth,
            );
            match want {
                Some(w) => assert!(
                    diags.len() == 1 && diags[0].message.contains(w),
                    "{src}\n{diags:#?}"
                ),
                None => assert!(diags.is_empty(), "{src}\n{diags:#?}"),
            }
        }
    }
}
