//! Evidence shapes, one line each, per framework (oxc linter style): in `pass` the exported
//! handler `GET` stops a signed-out caller (the engine finds a gate), in `fail` it does not.
//! The engine runs over an in-memory project ([`super::testing`]), so a new shape is one
//! string to add. A shape that needs several files is a `files` row: `(path, source)` pairs,
//! the first file holding `GET`.

use super::testing::export_facts;
use super::{BASE, Vocabulary};
use crate::analysis::framework::nextjs::middleware::{Coverage, Middleware};
use crate::analysis::framework::{astro, express, fastify, hono, nextjs, nuxt, sveltekit};

/// Asserts that `GET` of each `pass` source has a gate and that of each `fail` source has
/// none, under the base vocabulary plus `vocab`.
fn check(vocab: &'static Vocabulary, pass: &[&str], fail: &[&str]) {
    for (sources, want) in [(pass, true), (fail, false)] {
        for src in sources {
            check_files(vocab, &[("handler.ts", src)], want);
        }
    }
}

fn check_files(vocab: &'static Vocabulary, files: &[(&str, &str)], want: bool) {
    let facts = export_facts(files, &[vocab], "GET");
    let gate = facts.as_ref().and_then(|f| f.handler.gate.clone());
    assert_eq!(
        gate.is_some(),
        want,
        "{} expected, got {gate:?} for\n{}",
        if want { "a gate" } else { "no gate" },
        files
            .iter()
            .map(|(p, s)| format!("// {p}\n{s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn base() {
    let pass = [
        "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { const { userId } = await auth(); if (!userId) throw new Error('no'); return 1 }",
        "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { await auth.protect(); return 1 }",
        "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { const { userId } = await auth(); if (!userId) return new Response(null, { status: 401 }); return Response.json({}) }",
        "import { currentUser } from '@clerk/nextjs/server';\nexport async function GET() { const user = await currentUser(); if (!user) throw new Error('no'); return 1 }",
        // The logic of the one evaluator: `??`, `||`, `===` against literals.
        "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { const { userId } = await auth(); if ((userId ?? null) === null) throw new Error('no'); return 1 }",
        "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { const { userId } = await auth(); if (false || !userId) throw new Error('no'); return 1 }",
        // A webhook verifier made once at the top of the module.
        "import { Webhook } from 'svix';\nconst wh = new Webhook(process.env.S!);\nexport async function GET(req: Request) { const b = await req.text(); try { wh.verify(b, {}) } catch { return new Response('bad', { status: 400 }) } return 1 }",
        "import { Webhook } from 'standardwebhooks';\nconst wh = new Webhook(process.env.S!);\nexport async function GET(req: Request) { const b = await req.text(); try { await wh.verify(b, {}) } catch { return new Response('bad', { status: 400 }) } return 1 }",
    ];
    let fail = [
        "export async function GET() { return Response.json({}) }",
        // A module-level object that is not a webhook verifier.
        "import { Parser } from './parser';\nconst wh = new Parser();\nexport async function GET(req: Request) { const b = await req.text(); try { wh.verify(b, {}) } catch { return new Response('bad', { status: 400 }) } return 1 }",
        // Reading auth stops nobody.
        "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { const { userId } = await auth(); return Response.json({ userId }) }",
        // A look-alike not imported from Clerk proves nothing.
        "import { auth } from './auth';\nexport async function GET() { const { userId } = await auth(); if (!userId) throw new Error('no'); return 1 }",
        // The signed-out branch does not exit.
        "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { const { userId } = await auth(); if (!userId) console.log('anon'); return 1 }",
        // The logic of the one evaluator: a test that is false for a signed-out caller.
        "import { auth } from '@clerk/nextjs/server';\nexport async function GET() { const { userId } = await auth(); if (userId && false) throw new Error('no'); return 1 }",
    ];
    check(&BASE, &pass, &fail);
}

#[test]
fn nextjs() {
    let pass = [
        "import { auth } from '@clerk/nextjs/server';\nimport { redirect } from 'next/navigation';\nexport async function GET() { const { userId } = await auth(); if (!userId) redirect('/sign-in'); return 1 }",
        "import { auth } from '@clerk/nextjs/server';\nimport { notFound } from 'next/navigation';\nexport async function GET() { const { userId } = await auth(); if (!userId) notFound(); return 1 }",
    ];
    let fail = [
        // `redirect` from elsewhere is not Next's exit.
        "import { auth } from '@clerk/nextjs/server';\nimport { redirect } from './nav';\nexport async function GET() { const { userId } = await auth(); if (!userId) redirect('/sign-in'); return 1 }",
    ];
    check(&nextjs::VOCABULARY, &pass, &fail);
}

#[test]
fn express() {
    let pass = [
        "import { getAuth } from '@clerk/express';\nexport function GET(req, res) { const { userId } = getAuth(req); if (!userId) return res.status(401).json({}); res.json({}) }",
        "export function GET(req, res) { const { userId } = req.auth(); if (!userId) return res.status(401).end(); res.json({}) }",
    ];
    let fail = [
        "export function GET(req, res) { res.json({}) }",
        // A user id from the body is not an identity.
        "export function GET(req, res) { const { userId } = req.body; if (!userId) return res.status(401).end(); res.json({}) }",
    ];
    check(&express::VOCABULARY, &pass, &fail);
}

#[test]
fn fastify() {
    let pass = [
        "import { getAuth } from '@clerk/fastify';\nexport async function GET(request, reply) { const { userId } = getAuth(request); if (!userId) return reply.code(401).send(); return {} }",
    ];
    let fail = [
        "import { getAuth } from '@clerk/fastify';\nexport async function GET(request, reply) { const { userId } = getAuth(request); return { userId } }",
    ];
    check(&fastify::VOCABULARY, &pass, &fail);
}

#[test]
fn hono() {
    let pass = [
        "import { getAuth } from '@hono/clerk-auth';\nexport function GET(c) { const auth = getAuth(c); if (!auth?.userId) return c.json({}, 401); return c.json({}) }",
        "import { getAuth } from '@clerk/hono';\nexport function GET(c) { const auth = getAuth(c); if (!auth?.userId) return c.json({}, 401); return c.json({}) }",
    ];
    let fail = [
        "import { getAuth } from '@hono/clerk-auth';\nexport function GET(c) { const auth = getAuth(c); return c.json({ id: auth?.userId }) }",
    ];
    check(&hono::VOCABULARY, &pass, &fail);
}

/// Token verification by other libraries is protection (it checks the signature); decoding
/// is not. Recognised through the import, never by the local name.
#[test]
fn other_token_verifiers() {
    let pass = [
        // Hono's `verify` in a hand-written middleware (`createMiddleware` shape).
        "import { verify } from 'hono/jwt';\nexport async function GET(c, next) { const t = c.req.header('Authorization'); if (!t) return c.json({}, 401); try { await verify(t, c.env.KEY, 'RS256') } catch { return c.json({}, 401) } await next() }",
        // Renamed on import: the import decides, not the local name.
        "import { verify as check } from 'hono/jwt';\nexport async function GET(c, next) { await check(c.req.header('Authorization'), c.env.KEY); await next() }",
        "import * as hj from 'hono/jwt';\nexport async function GET(c, next) { await hj.verify(c.req.header('Authorization'), c.env.KEY); await next() }",
        "import { Jwt } from 'hono/utils/jwt';\nexport async function GET(c, next) { await Jwt.verify(c.req.header('Authorization'), c.env.KEY); await next() }",
        // Hono's auth middleware, as a layer and built and run in place.
        "import { jwt } from 'hono/jwt';\nexport const GET = jwt({ secret: 'fake-secret' })",
        "import { bearerAuth } from 'hono/bearer-auth';\nexport const GET = bearerAuth({ token: 'fake-token' })",
        "import { basicAuth } from 'hono/basic-auth';\nexport const GET = basicAuth({ username: 'u', password: 'fake' })",
        "import { jwt } from 'hono/jwt';\nexport function GET(c, next) { return jwt({ secret: c.env.JWT_SECRET })(c, next) }",
        "import { jwt as auth } from 'hono/jwt';\nexport function GET(c, next) { const mw = auth({ secret: c.env.JWT_SECRET }); return mw(c, next) }",
        // jose and jsonwebtoken.
        "import { jwtVerify } from 'jose';\nexport async function GET(c, next) { await jwtVerify(c.req.header('Authorization'), c.env.KEY); await next() }",
        "import jwt from 'jsonwebtoken';\nexport async function GET(c, next) { jwt.verify(c.req.header('Authorization'), c.env.KEY); await next() }",
        "import { verify } from 'jsonwebtoken';\nexport async function GET(c, next) { verify(c.req.header('Authorization'), c.env.KEY); await next() }",
    ];
    let fail = [
        // Decoding checks no signature.
        "import { decode } from 'hono/jwt';\nexport async function GET(c, next) { const { payload } = decode(c.req.header('Authorization')); if (!payload) return c.json({}, 401); await next() }",
        "import { decodeJwt } from 'jose';\nexport async function GET(c, next) { const p = decodeJwt(c.req.header('Authorization')); if (!p) return c.json({}, 401); await next() }",
        "import jwt from 'jsonwebtoken';\nexport async function GET(c, next) { const p = jwt.decode(c.req.header('Authorization')); if (!p) return c.json({}, 401); await next() }",
        // A project function named like Hono's is not Hono's.
        "import { verify } from './jwt';\nexport async function GET(c, next) { await verify(c.req.header('Authorization')); await next() }",
        "import { jwt } from './jwt';\nexport const GET = jwt({ secret: 'fake-secret' })",
        "import { jwt } from './jwt';\nexport function GET(c, next) { return jwt({ secret: 'x' })(c, next) }",
        // Optional auth: a signed-out caller skips the `if` and reaches `next()` after the `try`.
        "import { verify } from 'hono/jwt';\nexport async function GET(c, next) { try { const p = await verify(c.req.header('Authorization'), c.env.KEY); if (p.sub) { c.set('user', p.sub); return await next() } } catch {} await next() }",
        "import { verifyToken } from '@clerk/backend';\nexport async function GET(c, next) { try { const p = await verifyToken(c.req.header('Authorization'), {}); if (p.sub) { c.set('user', p.sub); return await next() } } catch {} await next() }",
        // A failed verification swallowed by the catch lets the request through.
        "import { verify } from 'hono/jwt';\nexport async function GET(c, next) { try { await verify(c.req.header('Authorization'), c.env.KEY) } catch {} await next() }",
    ];
    check(&hono::VOCABULARY, &pass, &fail);
}

#[test]
fn sveltekit() {
    let pass = [
        "import { error } from '@sveltejs/kit';\nexport function GET({ locals }) { const { userId } = locals.auth(); if (!userId) error(401); return new Response('ok') }",
        "import { redirect } from '@sveltejs/kit';\nexport function GET({ locals }) { const { userId } = locals.auth(); if (!userId) redirect(303, '/sign-in'); return new Response('ok') }",
    ];
    let fail = [
        "export function GET({ locals }) { const { userId } = locals.auth(); return new Response(userId) }",
    ];
    check(&sveltekit::VOCABULARY, &pass, &fail);
}

#[test]
fn astro() {
    let pass = [
        "export function GET({ locals }) { const { userId } = locals.auth(); if (!userId) return new Response(null, { status: 401 }); return new Response('ok') }",
        "export async function GET({ locals }) { const user = await locals.currentUser(); if (!user) return new Response(null, { status: 401 }); return new Response('ok') }",
    ];
    let fail = ["export function GET({ locals }) { return new Response(String(locals.userId)) }"];
    check(&astro::VOCABULARY, &pass, &fail);
}

#[test]
fn nuxt() {
    let pass = [
        "export function GET(event) { const { userId } = event.context.auth(); if (!userId) throw createError({ statusCode: 401 }); return {} }",
    ];
    let fail = ["export function GET(event) { return { id: event.context.userId } }"];
    check(&nuxt::VOCABULARY, &pass, &fail);
}

#[test]
fn across_files() {
    // A helper in another file, through a relative import and through a tsconfig alias.
    let guard = (
        "lib/guard.ts",
        "import { auth } from '@clerk/nextjs/server';\nexport async function requireUser() { const { userId } = await auth(); if (!userId) throw new Error('signed out'); return userId }",
    );
    let relative = "import { requireUser } from '../lib/guard';\nexport async function GET() { await requireUser(); return 1 }";
    let aliased = "import { requireUser } from '@/lib/guard';\nexport async function GET() { await requireUser(); return 1 }";
    let tsconfig = (
        "tsconfig.json",
        r#"{"compilerOptions":{"baseUrl":".","paths":{"@/*":["./*"]}}}"#,
    );
    check_files(&BASE, &[("api/route.ts", relative), guard], true);
    check_files(&BASE, &[("api/route.ts", aliased), guard, tsconfig], true);
    // Without the alias the import names nothing in the project.
    check_files(&BASE, &[("api/route.ts", aliased), guard], false);
    // A directory import reaches its `index`.
    check_files(
        &BASE,
        &[
            (
                "api/route.ts",
                "import { requireUser } from '../lib';\nexport async function GET() { await requireUser(); return 1 }",
            ),
            ("lib/index.ts", "export { requireUser } from './guard';"),
            guard,
        ],
        true,
    );
}

/// The Next.js middleware through the same evaluator, its leaves being request-path tests and
/// route matchers: each row is the body of a `clerkMiddleware(async (auth, req) => { … })`
/// (`isProtected` matches `/dashboard(.*)`, `isPublic` matches `/sign-in(.*)`), read for
/// `/dashboard`. `pass`: signed-out requests are rejected there; `fail`: the middleware lets
/// them through; `unknown`: the condition is not understood, so no claim is made.
#[test]
fn nextjs_middleware() {
    let pass = [
        "if (isProtected(req)) await auth.protect()",
        "if (!isPublic(req)) await auth.protect()",
        "if (req.nextUrl.pathname.startsWith('/dashboard')) await auth.protect()",
        "if (req.nextUrl.pathname === '/x' || isProtected(req)) await auth.protect()",
        "if (!isPublic(req) && !req.nextUrl.pathname.startsWith('/api')) await auth.protect()",
        "if (true) await auth.protect()",
        "const { pathname } = req.nextUrl; if (pathname.includes('dash')) await auth.protect()",
        "if (isPublic(req)) return; await auth.protect()",
    ];
    let fail = [
        "if (isPublic(req)) await auth.protect()",
        "if (!isProtected(req)) await auth.protect()",
        "if (req.nextUrl.pathname.startsWith('/admin')) await auth.protect()",
        "if (false) await auth.protect()",
        "if (null) await auth.protect()",
        "if (isProtected(req) && false) await auth.protect()",
        // `req.url` is absolute: it never starts with `/`.
        "if (req.url.startsWith('/dashboard')) await auth.protect()",
        "if (isPublic(req) || isProtected(req)) return; await auth.protect()",
    ];
    let unknown = [
        // `??` decides nothing in the middleware model.
        "if (isProtected(req) ?? true) await auth.protect()",
        "if (someFlag(req)) await auth.protect()",
    ];
    for (rows, want) in [
        (&pass[..], Coverage::Protected),
        (&fail[..], Coverage::Runs),
        (&unknown[..], Coverage::Unknown),
    ] {
        for body in rows {
            let src = format!(
                "import {{ clerkMiddleware, createRouteMatcher }} from '@clerk/nextjs/server'\n\
                 const isProtected = createRouteMatcher(['/dashboard(.*)'])\n\
                 const isPublic = createRouteMatcher(['/sign-in(.*)'])\n\
                 export default clerkMiddleware(async (auth, req) => {{ {body} }})"
            );
            let mw = Middleware::parse("middleware.ts", &src, true);
            assert_eq!(mw.coverage("/dashboard"), want, "{body}");
        }
    }
}
