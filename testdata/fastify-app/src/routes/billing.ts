// Fixture: nested plugins. A hook in a child scope does not cover its parent or siblings.
import type { FastifyInstance } from 'fastify'
import { getAuth } from '@clerk/fastify'
import { requireUser } from '../lib/guards.js'
import { db } from '../lib/db.js'

export default async function billingRoutes(scope: FastifyInstance) {
  // missing-auth: the guarded child scope below does not reach this route.
  scope.get('/plans', async () => db.invoice.list())

  scope.register(async (child) => {
    child.addHook('onRequest', requireUser)
    // silent: covered by the child's hook.
    child.get('/invoices', async () => db.invoice.list())
  })

  // silent: preValidation is a guard position too.
  scope.post('/checkout', { preValidation: requireUser }, async (request) => db.invoice.create(request.body))

  // silent: a helper one call away checks the caller.
  scope.get('/usage', async (request, reply) => {
    const userId = currentUser(request)
    if (!userId) return reply.code(403).send()
    return db.invoice.list(userId)
  })
}

function currentUser(request: Parameters<typeof getAuth>[0]) {
  return getAuth(request).userId
}
