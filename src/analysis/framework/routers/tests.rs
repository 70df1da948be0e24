//! Case tables for the router analysis: each case is a small app (files on disk, as the
//! module resolver reads them) and the verdict expected for every endpoint, as
//! `"METHOD URL verdict"` where the verdict is `guard` (a middleware stops signed-out
//! requests), `handler` (the handler checks), `unchecked` (auth read, never checked) or `none`.

use std::collections::HashMap;
use std::path::PathBuf;

use super::*;
use crate::analysis::engine::{Engine, FileEntry};

fn run(files: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join("package.json"), r#"{"name":"t"}"#).unwrap();
    let mut entries: HashMap<PathBuf, FileEntry> = HashMap::new();
    let mut list = Vec::new();
    for (path, text) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        let canon = std::fs::canonicalize(&p).unwrap();
        entries.insert(
            canon.clone(),
            FileEntry {
                display: path.to_string(),
                text: (*text).into(),
            },
        );
        let page_url = path
            .strip_prefix("pages")
            .and_then(|rest| rest.rsplit_once('.'))
            .map(|(stem, _)| stem.trim_end_matches("/index").to_string());
        list.push(RouterFile {
            path: canon,
            display: path.to_string(),
            text: (*text).into(),
            page_url,
        });
    }
    let async_auth = |_: &str| false;
    let mut engine = Engine::new(&entries, &async_auth);
    engine.set_vocabulary(&[&super::TEST_VOCABULARY]);
    let mut all = endpoints(&engine, &list, Roots::Express);
    all.extend(endpoints(&engine, &list, Roots::Connect));
    all.into_iter()
        .map(|e| {
            let verdict = if e.guard.is_some() {
                "guard"
            } else if e.handler.gate.is_some() {
                "handler"
            } else if e.handler.reads.is_some() {
                "unchecked"
            } else {
                "none"
            };
            format!("{} {} {verdict}", e.method, e.url)
        })
        .collect()
}

const GUARD: &str = "import { getAuth } from '@clerk/express';\nexport function requireUser(req, res, next) {\n  const { userId } = getAuth(req);\n  if (!userId) return res.status(401).json({ error: 'no' });\n  next();\n}\n";

#[allow(clippy::type_complexity)]
const CASES: &[(&[(&str, &str)], &[&str])] = &[
    // clerkMiddleware() alone protects nothing; an inline getAuth check does.
    (
        &[(
            "server.js",
            "import express from 'express';\nimport { clerkMiddleware, getAuth } from '@clerk/express';\nconst app = express();\napp.use(clerkMiddleware());\napp.get('/health', (req, res) => res.send('ok'));\napp.get('/me', (req, res) => {\n  const { userId } = getAuth(req);\n  if (!userId) return res.status(401).end();\n  res.json({ userId });\n});\n",
        )],
        &["GET /health none", "GET /me handler"],
    ),
    // requireAuth() in the route's own list; ClerkExpressRequireAuth() bound to a const.
    (
        &[(
            "server.js",
            "const express = require('express');\nconst { requireAuth } = require('@clerk/express');\nconst { ClerkExpressRequireAuth } = require('@clerk/clerk-sdk-node');\nconst strict = ClerkExpressRequireAuth();\nconst app = express();\napp.get('/a', requireAuth(), (req, res) => res.json({}));\napp.get('/b', strict, (req, res) => res.json({}));\napp.get('/c', (req, res) => res.json({}));\n",
        )],
        &["GET /a guard", "GET /b guard", "GET /c none"],
    ),
    // Order matters: a guard mounted with use() covers only the routes after it.
    (
        &[
            ("guard.js", GUARD),
            (
                "server.js",
                "import express from 'express';\nimport { requireUser } from './guard.js';\nconst app = express();\napp.get('/before', (req, res) => res.json({}));\napp.use(requireUser);\napp.get('/after', (req, res) => res.json({}));\n",
            ),
        ],
        &["GET /before none", "GET /after guard"],
    ),
    // A path-scoped guard covers only its prefix, segment-wise.
    (
        &[
            ("guard.js", GUARD),
            (
                "server.js",
                "import express from 'express';\nimport { requireUser } from './guard.js';\nconst app = express();\napp.use('/admin', requireUser);\napp.get('/admin/users', (req, res) => res.json({}));\napp.get('/administrator', (req, res) => res.json({}));\napp.get('/public', (req, res) => res.json({}));\n",
            ),
        ],
        &[
            "GET /admin/users guard",
            "GET /administrator none",
            "GET /public none",
        ],
    ),
    // Routers mounted across files (ESM default export, CommonJS module.exports), with a
    // mount-level guard and router.route() chains.
    (
        &[
            ("mw/guard.js", GUARD),
            (
                "routes/notes.js",
                "import { Router } from 'express';\nimport { requireUser } from '../mw/guard.js';\nconst router = Router();\nrouter.route('/:id').get(requireUser, (req, res) => res.json({})).delete((req, res) => res.end());\nexport default router;\n",
            ),
            (
                "routes/admin.js",
                "const express = require('express');\nconst router = express.Router();\nrouter.get('/stats', (req, res) => res.json({}));\nmodule.exports = router;\n",
            ),
            (
                "server.js",
                "import express from 'express';\nimport notes from './routes/notes.js';\nimport { requireUser } from './mw/guard.js';\nconst admin = require('./routes/admin.js');\nconst app = express();\napp.use('/api/notes', notes);\napp.use('/api/admin', requireUser, admin);\n",
            ),
        ],
        &[
            "GET /api/admin/stats guard",
            "GET /api/notes/:id guard",
            "DELETE /api/notes/:id none",
        ],
    ),
    // Middleware arrays; a guard without `return` falls through to next(); a project
    // function named clerkMiddleware is judged by its body.
    (
        &[(
            "server.js",
            "import express from 'express';\nimport { getAuth } from '@clerk/express';\nconst app = express();\nfunction loose(req, res, next) {\n  const { userId } = getAuth(req);\n  if (!userId) {\n    res.status(401).json({});\n  }\n  next();\n}\nfunction strict(req, res, next) {\n  const { userId } = getAuth(req);\n  if (!userId) return next(new Error('unauthenticated'));\n  next();\n}\nfunction clerkMiddleware() {\n  return (req, res, next) => next();\n}\nconst noop = (req, res, next) => next();\napp.get('/arr', [noop, strict], (req, res) => res.json({}));\napp.get('/loose', loose, (req, res) => res.json({}));\napp.get('/fake', clerkMiddleware(), (req, res) => res.json({}));\n",
        )],
        &["GET /arr guard", "GET /loose none", "GET /fake none"],
    ),
    // A router factory that registers on the app it is given.
    (
        &[
            (
                "routes/index.js",
                "const { requireAuth } = require('@clerk/express');\nmodule.exports = (app) => {\n  app.get('/x', requireAuth(), (req, res) => res.json({}));\n  app.post('/y', (req, res) => res.json({}));\n};\n",
            ),
            (
                "server.js",
                "const express = require('express');\nconst routes = require('./routes/index.js');\nconst app = express();\nroutes(app);\n",
            ),
        ],
        &["GET /x guard", "POST /y none"],
    ),
    // next-connect in pages/api: each method its own endpoint; .use(guard) covers later ones.
    (
        &[
            (
                "lib/guard.ts",
                "import { getAuth } from '@clerk/nextjs/server';\nexport async function requireUser(req, res, next) {\n  const { userId } = getAuth(req);\n  if (!userId) return res.status(401).end();\n  await next();\n}\n",
            ),
            (
                "pages/api/items.ts",
                "import { createRouter } from 'next-connect';\nimport { requireUser } from '../../lib/guard';\nconst router = createRouter();\nrouter.get((req, res) => res.json([])).use(requireUser).post((req, res) => res.json({}));\nexport default router.handler();\n",
            ),
        ],
        &["GET /api/items none", "POST /api/items guard"],
    ),
    // A decode-only guard is no protection.
    (
        &[(
            "server.js",
            "import express from 'express';\nimport jwt from 'jsonwebtoken';\nconst app = express();\nfunction decoded(req, res, next) {\n  const claims = jwt.decode(req.headers.authorization);\n  if (!claims?.sub) return res.sendStatus(401);\n  next();\n}\napp.get('/d', decoded, (req, res) => res.json({}));\n",
        )],
        &["GET /d none"],
    ),
    // Engine vocabulary for router handlers, one shape per route: `req.auth()`,
    // `req.auth.userId`, `req.auth?.userId` checked (handler) or only read (unchecked).
    (
        &[(
            "server.js",
            "import express from 'express';\nconst app = express();\napp.get('/fn', (req, res) => {\n  const { userId } = req.auth();\n  if (!userId) return res.status(401).end();\n  res.json({});\n});\napp.get('/obj', (req, res) => {\n  if (!req.auth.userId) return res.sendStatus(403);\n  res.json({});\n});\napp.get('/opt', (req, res, next) => {\n  const id = req.auth?.userId;\n  if (!id) return next(new Error('no'));\n  res.json({});\n});\napp.get('/read', async (req, res) => {\n  await save(req.auth.userId);\n  res.json({});\n});\napp.get('/body', (req, res) => {\n  if (!req.body.name) return res.status(400).end();\n  res.json({});\n});\nasync function save() {}\n",
        )],
        &[
            "GET /fn handler",
            "GET /obj handler",
            "GET /opt handler",
            "GET /read unchecked",
            "GET /body none",
        ],
    ),
    // CommonJS controllers: `require('@clerk/express')` in the controller, exported with
    // `exports.x =` and `module.exports = { … }`.
    (
        &[
            (
                "controllers/notes.js",
                "const { getAuth } = require('@clerk/express');\nexports.list = async (req, res) => {\n  const { userId } = getAuth(req);\n  if (!userId) return res.status(401).end();\n  res.json([]);\n};\nexports.open = async (req, res) => res.json([]);\n",
            ),
            (
                "server.js",
                "const express = require('express');\nconst notes = require('./controllers/notes');\nconst app = express();\napp.get('/list', notes.list);\napp.get('/open', notes.open);\n",
            ),
        ],
        &["GET /list handler", "GET /open none"],
    ),
    // Webhooks and other credentials: a catch that answers 400 gates the rest; jwt.verify on
    // a default import; a header credential looked up; a user id from a header is no
    // credential; an HMAC compared with a header (`!==`).
    (
        &[(
            "server.js",
            "import express from 'express';\nimport crypto from 'node:crypto';\nimport jwt from 'jsonwebtoken';\nimport Stripe from 'stripe';\nconst app = express();\napp.post('/stripe', async (req, res) => {\n  let event;\n  try {\n    event = Stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);\n  } catch (err) {\n    res.status(400).send('bad');\n  }\n  await record(event);\n  res.end();\n});\napp.get('/jwt', (req, res) => {\n  const claims = jwt.verify(req.headers.authorization, process.env.JWT_KEY);\n  res.json(claims);\n});\napp.post('/ingest', async (req, res) => {\n  const key = await findKey(req.headers['x-api-key']);\n  if (!key) return res.sendStatus(401);\n  res.end();\n});\napp.post('/as-user', async (req, res) => {\n  const user = await findUser(req.headers['x-user-id']);\n  if (!user) return res.sendStatus(404);\n  res.end();\n});\napp.post('/hook', async (req, res) => {\n  const expected = crypto.createHmac('sha256', process.env.HOOK_SECRET).update(req.body).digest('hex');\n  if (req.headers['x-signature'] !== expected) return res.sendStatus(401);\n  res.end();\n});\nasync function record() {}\nasync function findKey() {}\nasync function findUser() {}\n",
        )],
        &[
            "POST /stripe handler",
            "GET /jwt handler",
            "POST /ingest handler",
            "POST /as-user none",
            "POST /hook handler",
        ],
    ),
    // A guard whose signed-out request fails inside `clerkClient.users.getUser(null)` and whose
    // catch answers without next(): protected (fragile). With next() in the catch: not.
    // A handler that delegates to another with (req, res) inherits its verdict.
    (
        &[(
            "server.js",
            "import express from 'express';\nimport { clerkClient } from '@clerk/express';\nimport { verifyWebhook } from '@clerk/express/webhooks';\nconst app = express();\nasync function admin(req, res, next) {\n  try {\n    const { userId } = req.auth();\n    const user = await clerkClient.users.getUser(userId);\n    if (user.publicMetadata.role !== 'admin') return res.sendStatus(403);\n    next();\n  } catch (e) {\n    res.json({ ok: false });\n  }\n}\nasync function lenient(req, res, next) {\n  try {\n    const { userId } = req.auth();\n    await clerkClient.users.getUser(userId);\n  } catch (e) {\n    next();\n  }\n}\nasync function hook(req, res) {\n  const evt = await verifyWebhook(req);\n  res.json(evt);\n}\napp.get('/admin', admin, (req, res) => res.json({}));\napp.get('/lenient', lenient, (req, res) => res.json({}));\napp.post('/hook', async (req, res) => {\n  try {\n    await hook(req, res);\n  } catch (e) {\n    res.status(500).end();\n  }\n});\n",
        )],
        &[
            "GET /admin guard",
            "GET /lenient none",
            "POST /hook handler",
        ],
    ),
    // A router returned by an awaited factory is mounted; a catch-all `app.all('*')` is the
    // not-found fallback, not an endpoint.
    (
        &[
            (
                "routes.js",
                "import express from 'express';\nexport async function initRouter() {\n  const router = express.Router();\n  router.get('/health', (req, res) => res.json({}));\n  return router;\n}\n",
            ),
            (
                "server.js",
                "import express from 'express';\nimport { initRouter } from './routes.js';\nasync function main() {\n  const app = express();\n  const router = await initRouter();\n  app.use('/api/v1', router);\n  app.all(/^.*$/, (req, res) => res.sendStatus(404));\n  app.all('*', (req, res) => res.sendStatus(404));\n}\nmain();\n",
            ),
        ],
        &["GET /api/v1/health none"],
    ),
    // Guards built on `@clerk/backend`: `verifyToken()` (throws on a bad token),
    // `clerkClient.authenticateRequest()` (its `isAuthenticated` checked), and
    // `clerkClient.verifyToken()` on a client imported from Clerk; the same call whose failure
    // is swallowed protects nothing.
    (
        &[(
            "server.js",
            "import express from 'express';\nimport { verifyToken, createClerkClient } from '@clerk/backend';\nimport { clerkClient } from '@clerk/express';\nconst clerk = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY });\nconst app = express();\nasync function viaToken(req, res, next) {\n  try {\n    await verifyToken(req.headers.authorization, { secretKey: process.env.CLERK_SECRET_KEY });\n  } catch {\n    return res.sendStatus(401);\n  }\n  next();\n}\nasync function viaState(req, res, next) {\n  const { isAuthenticated } = await clerk.authenticateRequest(req);\n  if (!isAuthenticated) return res.sendStatus(401);\n  next();\n}\nasync function viaClient(req, res, next) {\n  try {\n    await clerkClient.verifyToken(req.headers.authorization);\n  } catch (e) {\n    return next(e);\n  }\n  next();\n}\nasync function swallowed(req, res, next) {\n  try {\n    await verifyToken(req.headers.authorization, {});\n  } catch (e) {\n    console.error(e);\n  }\n  next();\n}\napp.get('/a', viaToken, (req, res) => res.json({}));\napp.get('/b', viaState, (req, res) => res.json({}));\napp.get('/c', viaClient, (req, res) => res.json({}));\napp.get('/d', swallowed, (req, res) => res.json({}));\n",
        )],
        &[
            "GET /a guard",
            "GET /b guard",
            "GET /c guard",
            "GET /d none",
        ],
    ),
];

#[test]
fn cases() {
    for (files, expected) in CASES {
        let got = run(files);
        let want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        assert_eq!(got_sorted, want_sorted, "{files:?}");
    }
}

#[test]
fn join_and_under() {
    assert_eq!(join("/api", "/notes"), "/api/notes");
    assert_eq!(join("/api/", "/"), "/api");
    assert_eq!(join("", "/"), "/");
    assert_eq!(join("/api", "x"), "/api/x");
    assert!(under("/api/x", "/api"));
    assert!(under("/api", "/api"));
    assert!(!under("/apix", "/api"));
    assert!(under("/anything", "/"));
}

/// Developer aid: `ROUTERS_APP=/path/to/app cargo test --lib routers::tests::dump -- --ignored
/// --nocapture` prints the endpoints the analysis finds in a real app.
#[test]
#[ignore]
fn dump() {
    let Ok(root) = std::env::var("ROUTERS_APP") else {
        return;
    };
    let root = std::fs::canonicalize(root).unwrap();
    let mut entries: HashMap<PathBuf, FileEntry> = HashMap::new();
    let mut list = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if p.is_dir() {
                if !matches!(
                    name.as_str(),
                    "node_modules" | ".git" | "dist" | "build" | ".next"
                ) {
                    stack.push(p);
                }
                continue;
            }
            let ok = [".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx"]
                .iter()
                .any(|x| name.ends_with(x))
                && !name.ends_with(".d.ts");
            if !ok {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let display = p.strip_prefix(&root).unwrap().to_string_lossy().to_string();
            entries.insert(
                p.clone(),
                FileEntry {
                    display: display.clone(),
                    text: text.clone().into(),
                },
            );
            list.push(RouterFile {
                path: p,
                display,
                text: text.into(),
                page_url: None,
            });
        }
    }
    let async_auth = |_: &str| false;
    let mut engine = Engine::new(&entries, &async_auth);
    engine.set_vocabulary(&[&super::TEST_VOCABULARY]);
    for e in crate::analysis::framework::nestjs::endpoints(&engine, &list) {
        let verdict = match (&e.guard, &e.handler.gate, &e.handler.reads) {
            (Some(g), _, _) => format!("guard {}", g.describe()),
            (None, Some(g), _) => format!("handler {}", g.describe()),
            (None, None, Some(r)) => format!("UNCHECKED {r}"),
            _ => "NONE".to_string(),
        };
        println!(
            "{:7} {:45} {} {} {verdict}",
            e.method, e.url, e.file, e.name
        );
    }
    let mut all = endpoints(&engine, &list, Roots::Express);
    all.extend(endpoints(&engine, &list, Roots::Connect));
    for e in all {
        let line = list
            .iter()
            .find(|f| f.display == e.file)
            .map(|f| f.text[..e.range.start].matches('\n').count() + 1)
            .unwrap_or(0);
        let verdict = match (&e.guard, &e.handler.gate, &e.handler.reads) {
            (Some(g), _, _) => format!("guard {}", g.describe()),
            (None, Some(g), _) => format!("handler {}", g.describe()),
            (None, None, Some(r)) => format!("UNCHECKED {r}"),
            _ => "NONE".to_string(),
        };
        println!(
            "{:7} {:45} {}:{} {}{}",
            e.method,
            e.url,
            e.file,
            line,
            verdict,
            if e.mounted { "" } else { " (unmounted)" }
        );
    }
}
