//! `unawaited-auth`: `auth()` or `auth.protect()` used without `await` where they return a promise.

use crate::diagnostic::Diagnostic;
use crate::rules::{ProjectCx, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// On `@clerk/nextjs` 6 and later, `auth()` and `auth.protect()` return promises. This
    /// rule flags a call to either that is neither awaited nor returned, in every function the
    /// endpoint analysis reads (handlers, actions, their helpers, middleware callbacks are
    /// checked by `middleware-matcher-gap`). Apps on `@clerk/nextjs` 5 or older, where `auth()`
    /// is synchronous, are not affected.
    ///
    /// ## Why is this bad?
    /// `const { userId } = auth()` destructures a promise, so `userId` is `undefined`. A check
    /// written `if (!userId)` then rejects everyone (the app is broken), and one written
    /// `if (userId === null)` lets everyone in. An un-awaited `auth.protect()` rejects only
    /// after the handler has already run.
    ///
    /// ## Example
    /// ```ts
    /// const { userId } = auth();
    /// if (userId === null) return new Response("Unauthorized", { status: 401 });
    /// ```
    ///
    /// Use instead:
    /// ```ts
    /// const { userId } = await auth();
    /// if (!userId) return new Response("Unauthorized", { status: 401 });
    /// ```
    pub static META {
        id: "unawaited-auth",
        source: Project,
        severity: Error,
        summary: "`auth()` or `auth.protect()` called without `await` on @clerk/nextjs 6 or later",
    }
}

pub struct UnawaitedAuth;

impl Rule for UnawaitedAuth {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_project(&self, cx: &ProjectCx, out: &mut Vec<Diagnostic>) {
        for u in cx.unawaited.iter() {
            let Some(file) = cx.files.get(&u.file) else {
                continue;
            };
            let major = cx
                .nextjs_major(&u.file)
                .map(|m| format!("@clerk/nextjs {m}"))
                .unwrap_or_else(|| "@clerk/nextjs 6 and later".to_string());
            let (message, help) = if u.api == "auth()" {
                (
                    format!(
                        "`auth()` is not awaited: on {major} it returns a promise, so `userId` and the other fields are undefined"
                    ),
                    "write `await auth()` (the enclosing function must be `async`)".to_string(),
                )
            } else {
                (
                    format!(
                        "`auth.protect()` is neither awaited nor returned: on {major} the request is handled before the check finishes"
                    ),
                    "write `await auth.protect()`".to_string(),
                )
            };
            out.push(
                Diagnostic::new(&META, file, u.range.clone(), message)
                    .with_help(help)
                    .with_fingerprint(u.api),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lint_app, places};

    const SRC: &str = "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const { userId } = auth();\n  if (userId === null) return new Response(null, { status: 401 });\n  return new Response();\n}\n";

    #[test]
    fn cases() {
        // (version, source, expected lines)
        let cases: &[(&str, &str, &[u32])] = &[
            ("7.0.0", SRC, &[3]),
            ("6.1.0", SRC, &[3]),
            ("5.7.0", SRC, &[]),
            (
                "7.0.0",
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const { userId } = await auth();\n  if (!userId) return new Response(null, { status: 401 });\n  return new Response();\n}\n",
                &[],
            ),
            (
                "7.0.0",
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  auth.protect();\n  return new Response();\n}\n",
                &[3],
            ),
            (
                "7.0.0",
                "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  return auth.protect().then(() => new Response());\n}\n",
                &[],
            ),
        ];
        for (version, src, lines) in cases {
            let diags = lint_app(version, &[("app/api/a/route.ts", src)], &UnawaitedAuth);
            let got: Vec<u32> = places(&diags).iter().map(|p| p.1).collect();
            assert_eq!(&got, lines, "{version}: {src}");
        }
    }

    #[test]
    fn the_fail_open_shape_is_also_missing_auth() {
        let diags = lint_app(
            "7.0.0",
            &[("app/api/a/route.ts", SRC)],
            &crate::rules::missing_auth::MissingAuth,
        );
        assert_eq!(places(&diags), vec![("app/api/a/route.ts".to_string(), 2)]);
    }
}
