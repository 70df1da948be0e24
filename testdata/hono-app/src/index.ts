// Fixture (written for clerk-lint): a Hono API with @clerk/hono.
// Each route says what clerk-lint must report for it.
import { Hono } from 'hono'
import { clerkMiddleware, getAuth } from '@clerk/hono'
import { verifyWebhook } from '@clerk/hono/webhooks'
import { requireUser, requireAdmin } from './middleware/auth.js'
import projects from './routes/projects.js'
import items from './routes/items.js'
import late from './routes/late.js'
import reports from './routes/openapi.js'
import partners from './routes/partners.js'
import { db } from './lib/db.js'

const app = new Hono()

// Attaches auth to every request; rejects nobody.
app.use('*', clerkMiddleware())

// missing-auth: clerkMiddleware alone protects nothing.
app.get('/health', (c) => c.text('ok'))

// silent: inline check.
app.get('/me', async (c) => {
  const auth = getAuth(c)
  if (!auth?.userId) {
    return c.json({ error: 'Unauthorized' }, 401)
  }
  return c.json(await db.user.find(auth.userId))
})

// unchecked-auth: auth is read, never checked.
app.get('/feed', async (c) => {
  const auth = getAuth(c)
  return c.json(await db.item.list(auth?.userId))
})

// silent: route-level guard.
app.post('/tickets', requireUser, async (c) => c.json(await db.ticket.create(await c.req.json())))

// missing-auth: no guard on this one.
app.get('/tickets/:id', async (c) => c.json(await db.ticket.find(c.req.param('id'))))

// missing-auth: registered before the guard below; Hono runs handlers in registration order.
app.get('/account/export', async (c) => c.json(await db.user.list()))

app.use('/account/*', requireUser)

// silent: the guard above matches this path and was registered first.
app.get('/account/settings', async (c) => c.json(await db.prefs.find()))

// missing-auth: `/account/*` does not match this path.
app.get('/settings', async (c) => c.json(await db.prefs.list()))

// silent: the guard throws an HTTPException.
app.delete('/admin/users/:id', requireAdmin, async (c) => c.json(await db.user.remove(c.req.param('id'))))

// silent (two endpoints): app.on() with a method list.
app.on(['PUT', 'PATCH'], '/prefs', requireUser, async (c) => c.json(await db.prefs.create(await c.req.json())))

// missing-auth: any method, no guard.
app.all('/echo', (c) => c.text(c.req.method))

// unchecked-auth: the identity comes from the query string although Clerk's is available.
app.get('/bookmarks', async (c) => c.json(await db.bookmark.list({ userId: c.req.query('userId') })))

// silent: a shared secret from the environment is compared with a header.
app.post('/cron/cleanup', async (c) => {
  if (c.req.header('authorization') !== `Bearer ${process.env.CRON_SECRET}`) {
    return c.text('forbidden', 403)
  }
  return c.json(await db.job.remove())
})

// silent: the Clerk signature is verified first.
app.post('/webhooks/clerk', async (c) => {
  const evt = await verifyWebhook(c)
  if (evt.type === 'user.created') await db.user.create(evt.data.id)
  return c.text('ok')
})

// unverified-webhook: a Clerk event is trusted without its signature.
app.post('/webhooks/clerk-raw', async (c) => {
  const evt = await c.req.json()
  if (evt.type === 'user.deleted') await db.user.remove(evt.data.id)
  return c.text('ok')
})

app.route('/projects', projects)
app.route('/items', items)
app.route('/late', late)
app.route('/v2', reports)
app.route('/partners', partners)
app.use('/late/*', requireUser)

// basePath: these routes live under /api.
const api = new Hono().basePath('/api')
// missing-auth.
api.get('/status', (c) => c.json({ up: true }))
app.route('/', api)

export default app
