//! `unverified-webhook`: an endpoint that handles Clerk webhook events without verifying them.

use crate::analysis::endpoint::{FrameworkId, Verdict};
use crate::analysis::engine::Evidence;
use crate::diagnostic::Diagnostic;
use crate::rules::missing_auth::is_rust;
use crate::rules::{ProjectCx, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags an endpoint that handles Clerk webhook events (it reads `svix-*` headers or
    /// compares the event type with `user.created`, `session.ended`, `organization.updated`
    /// and the like) but does not verify the signature with `verifyWebhook()` from
    /// `@clerk/nextjs/webhooks` (or `@clerk/backend/webhooks`), or svix / standardwebhooks
    /// `new Webhook(secret).verify(...)`; or verifies it inside a `try` whose `catch` swallows
    /// the failure.
    ///
    /// ## Why is this bad?
    /// Without the signature check anyone can post a forged `user.created` or `user.deleted`
    /// event and make the app create, change or delete accounts. Checking that the `svix-*`
    /// headers are present proves nothing.
    ///
    /// ## Example
    /// ```ts
    /// export async function POST(req: Request) {
    ///   const evt = await req.json();
    ///   if (evt.type === "user.deleted") await db.user.delete({ where: { id: evt.data.id } });
    ///   return new Response("ok");
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```ts
    /// import { verifyWebhook } from "@clerk/nextjs/webhooks";
    ///
    /// export async function POST(req: NextRequest) {
    ///   let evt;
    ///   try {
    ///     evt = await verifyWebhook(req); // reads CLERK_WEBHOOK_SIGNING_SECRET
    ///   } catch {
    ///     return new Response("Invalid signature", { status: 400 });
    ///   }
    ///   if (evt.type === "user.deleted") await db.user.delete({ where: { id: evt.data.id } });
    ///   return new Response("ok");
    /// }
    /// ```
    pub static META {
        id: "unverified-webhook",
        source: Project,
        severity: Error,
        summary: "an endpoint handles Clerk webhook events without verifying the signature",
    }
}

pub struct UnverifiedWebhook;

impl Rule for UnverifiedWebhook {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_project(&self, cx: &ProjectCx, out: &mut Vec<Diagnostic>) {
        for e in cx.endpoints.iter() {
            if e.facts.webhook_signals.is_empty() {
                continue;
            }
            if matches!(
                &e.verdict,
                Verdict::Protected(
                    Evidence::Webhook(_)
                        | Evidence::Other(_)
                        | Evidence::Inline(_)
                        | Evidence::Helper { .. }
                )
            ) {
                continue;
            }
            let Some(file) = cx.files.get(&e.location.file) else {
                continue;
            };
            let (message, help) = if e.facts.verify_swallowed {
                (
                    format!(
                        "{} `{}` verifies the webhook signature but swallows the failure in `catch`",
                        e.kind.describe(),
                        e.label()
                    ),
                    "return a 400 from the `catch` so a forged event is never processed"
                        .to_string(),
                )
            } else {
                (
                    format!(
                        "{} `{}` handles Clerk webhook events ({}) without verifying the signature",
                        e.kind.describe(),
                        e.label(),
                        e.facts.webhook_signals[0]
                    ),
                    if is_rust(e.framework) {
                        "verify the raw body first with the svix crate, `Webhook::new(&secret)?.verify(&body, &headers)`, and return a 400 when it fails".to_string()
                    } else {
                        verify_fix(e.framework)
                    },
                )
            };
            out.push(
                Diagnostic::new(&META, file, e.location.range.clone(), message)
                    .with_help(help)
                    .with_fingerprint(format!("webhook {}", e.label()))
                    .with_related(e.depends_on.clone()),
            );
        }
    }
}

/// How to verify a Clerk webhook in this framework.
fn verify_fix(framework: FrameworkId) -> String {
    let (call, secret) = match framework {
        FrameworkId::Astro => ("verifyWebhook(request)", "CLERK_WEBHOOK_SIGNING_SECRET"),
        FrameworkId::Nuxt => ("verifyWebhook(event)", "NUXT_CLERK_WEBHOOK_SIGNING_SECRET"),
        // Hono handlers get the context, not the request.
        FrameworkId::Hono => ("verifyWebhook(c)", "CLERK_WEBHOOK_SIGNING_SECRET"),
        _ => ("verifyWebhook(req)", "CLERK_WEBHOOK_SIGNING_SECRET"),
    };
    format!(
        "verify first with `const evt = await {call}` from `{}` (it reads `{secret}`) and return a 400 when it throws",
        webhooks_module(framework)
    )
}

/// The `verifyWebhook` module of the endpoint's framework.
fn webhooks_module(framework: crate::analysis::endpoint::FrameworkId) -> &'static str {
    use crate::analysis::endpoint::FrameworkId;
    match framework {
        FrameworkId::Express => "@clerk/express/webhooks",
        FrameworkId::Fastify => "@clerk/fastify/webhooks",
        FrameworkId::Hono => "@clerk/hono/webhooks",
        FrameworkId::NestJs | FrameworkId::Koa => "@clerk/backend/webhooks",
        FrameworkId::Astro => "@clerk/astro/webhooks",
        FrameworkId::Nuxt => "@clerk/nuxt/webhooks",
        _ => "@clerk/nextjs/webhooks",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{lint_app, places};

    #[test]
    fn cases() {
        let cases: &[(&str, &[u32])] = &[
            // The event named in a `switch` case.
            (
                "export async function POST(req: Request) {\n  const evt = await req.json();\n  switch (evt.type) {\n    case 'user.created':\n      await save(evt.data);\n  }\n  return new Response('ok');\n}\nasync function save(d: unknown) {}\n",
                &[1],
            ),
            (
                "export async function POST(req: Request) {\n  const evt = await req.json();\n  if (evt.type === 'user.deleted') await remove(evt.data.id);\n  return new Response('ok');\n}\nasync function remove(id: string) {}\n",
                &[1],
            ),
            (
                "export async function POST(req: Request) {\n  if (!req.headers.get('svix-signature')) return new Response(null, { status: 400 });\n  return new Response('ok');\n}\n",
                &[1],
            ),
            (
                "import { Webhook } from 'svix';\nexport async function POST(req: Request) {\n  const body = await req.text();\n  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);\n  let evt: any;\n  try {\n    evt = wh.verify(body, { 'svix-id': req.headers.get('svix-id')! });\n  } catch (e) {\n    return new Response('bad', { status: 400 });\n  }\n  if (evt.type === 'user.created') {}\n  return new Response('ok');\n}\n",
                &[],
            ),
            (
                "import { Webhook } from 'svix';\nexport async function POST(req: Request) {\n  const wh = new Webhook('x');\n  let evt: any = {};\n  try { evt = wh.verify(await req.text(), {}); } catch (e) { console.error(e); }\n  if (evt.type === 'user.created') {}\n  return new Response('ok');\n}\n",
                &[2],
            ),
            (
                "import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport async function POST(req: any) {\n  const evt = await verifyWebhook(req);\n  if (evt.type === 'user.created') {}\n  return new Response('ok');\n}\n",
                &[],
            ),
        ];
        for (src, lines) in cases {
            let diags = lint_app(
                "7.0.0",
                &[("app/api/webhooks/clerk/route.ts", src)],
                &UnverifiedWebhook,
            );
            let got: Vec<u32> = places(&diags).iter().map(|p| p.1).collect();
            assert_eq!(&got, lines, "{src}\n{diags:#?}");
        }
    }
}
