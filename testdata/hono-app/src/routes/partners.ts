// Fixture: token verification by Hono's own helpers is protection; decoding is not.
import { jwt, decode } from 'hono/jwt'
import { bearerAuth } from 'hono/bearer-auth'
import { partnerToken } from '../middleware/token.js'
import { db } from '../lib/db.js'
import { createApp } from '../lib/app.js'

// Built by a project factory: still a Hono app, mounted at /partners.
const partners = createApp()

partners.use('/orders/*', partnerToken)
partners.use('/feeds/*', jwt({ secret: 'fake-fixture-secret' }))
partners.use('/sync/*', bearerAuth({ token: 'fake-fixture-token' }))

// silent: verified with `verify` from hono/jwt by the middleware.
partners.get('/orders/:id', (c) => c.json(db.job.find(c.req.param('id'))))

// silent: Hono's `jwt()` middleware.
partners.get('/feeds/latest', (c) => c.json(db.item.list()))

// silent: Hono's `bearerAuth()` middleware.
partners.post('/sync/run', (c) => c.json(db.job.create()))

// missing-auth: `decode` reads the token without checking its signature.
partners.get('/peek', async (c) => {
  const { payload } = decode(c.req.header('Authorization') ?? '')
  if (!payload) {
    return c.json({ error: 'Unauthorized' }, 401)
  }
  return c.json(db.job.list())
})

// Guards applied per path from a literal list cover only those paths.
const reportPaths = ['/reports', '/reports/*']
reportPaths.forEach((path) => partners.use(path, partnerToken))

// silent: covered by the loop above.
partners.get('/reports/daily', (c) => c.json(db.job.list()))

// missing-auth: no path of the loop covers this one.
partners.get('/status', (c) => c.json(db.job.list()))

export default partners
