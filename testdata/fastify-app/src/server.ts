// Fixture (written for clerk-lint): a Fastify API with @clerk/fastify.
// Each route says what clerk-lint must report for it.
import Fastify from 'fastify'
import AutoLoad from '@fastify/autoload'
import { join } from 'node:path'
import { clerkPlugin, getAuth } from '@clerk/fastify'
import jwt from 'jsonwebtoken'
import { requireUser, logRequest, softCheck } from './lib/guards.js'
import { db } from './lib/db.js'
import adminRoutes from './routes/admin.js'
import billingRoutes from './routes/billing.js'
import webhookRoutes from './routes/webhooks.js'
import v1 from './routes/v1.js'
import v2 from './routes/v2.js'
import authenticate from './plugins/authenticate.js'

const app = Fastify({ logger: true })

// Attaches auth to every request; rejects nobody.
app.register(clerkPlugin)

// missing-auth: nothing checks the caller (clerkPlugin alone protects nothing).
app.get('/health', async () => ({ ok: true }))

// silent: inline check with an exit.
app.get('/me', async (request, reply) => {
  const { userId } = getAuth(request)
  if (!userId) {
    return reply.code(401).send({ error: 'Unauthorized' })
  }
  return db.profile.find(userId)
})

// unchecked-auth: auth is read but never gates anything.
app.get('/profile', async (request) => {
  const { userId } = getAuth(request)
  return db.profile.find(userId)
})

// silent (two endpoints): route() with a method array and a preHandler guard.
app.route({
  method: ['GET', 'POST'],
  url: '/reports',
  preHandler: requireUser,
  handler: async () => db.report.list(),
})

// silent: the guard sits in a preHandler array after an unrelated hook.
app.post('/notes', { preHandler: [logRequest, requireUser] }, async (request) => {
  return db.note.create(request.body)
})

// missing-auth: `softCheck` is named like a guard but never stops anyone.
app.delete('/notes/:id', { onRequest: softCheck }, async (request) => {
  return db.note.remove(request.params)
})

// missing-auth: the token is only decoded, never verified.
app.get('/decoded', async (request, reply) => {
  const token = request.headers.authorization?.replace('Bearer ', '') ?? ''
  const claims = jwt.decode(token)
  if (!claims?.sub) {
    return reply.code(401).send()
  }
  return db.profile.find(claims.sub)
})

// unchecked-auth: the identity comes from the request body although Clerk's is available.
app.post('/transfers', async (request) => {
  const { userId, amount } = request.body
  return db.transfer.create({ userId, amount })
})

// silent: the guard is a decoration added by a fastify-plugin plugin.
app.register(authenticate)
app.get('/orders', { onRequest: [app.authenticate] }, async () => db.report.list())

app.register(adminRoutes, { prefix: '/admin' })
app.register(billingRoutes, { prefix: '/billing' })
app.register(webhookRoutes, { prefix: '/webhooks' })
app.register(v1, { prefix: '/v1' })
app.register(v2, { prefix: '/v2' })

// Every folder under src/autoroutes is a plugin, prefixed with its path.
app.register(AutoLoad, { dir: join(__dirname, 'autoroutes'), options: { prefix: '/auto' } })

app.listen({ port: 3000 })
