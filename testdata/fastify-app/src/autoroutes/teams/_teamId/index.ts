// Fixture: an `_teamId` folder is the `:teamId` path parameter (/auto/teams/:teamId).
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../../../lib/guards.js'
import { db } from '../../../lib/db.js'

export default async function team(app: FastifyInstance) {
  app.addHook('onRequest', requireUser)
  // silent: covered by this plugin's hook.
  app.delete('/', async (request) => db.item.remove(request.params))
}
