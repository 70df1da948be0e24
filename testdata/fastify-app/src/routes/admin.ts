// Fixture: a plugin scope whose hook is added after its first route.
// Fastify binds hooks per scope when the server becomes ready, so every route of this plugin is covered.
import type { FastifyInstance } from 'fastify'
import { requireAdmin } from '../lib/guards.js'
import { db } from '../lib/db.js'

export default async function adminRoutes(scope: FastifyInstance) {
  // silent: covered by the hook below (same scope).
  scope.get('/stats', async () => db.report.list())

  scope.addHook('preHandler', requireAdmin)

  // silent.
  scope.delete('/users/:id', async (request) => db.user.remove(request.params))
}
