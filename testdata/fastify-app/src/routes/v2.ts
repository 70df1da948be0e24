// Fixture: the same guard plugin without fastify-plugin stays encapsulated.
import type { FastifyInstance } from 'fastify'
import { db } from '../lib/db.js'
import { scopedGuard } from '../plugins/session-guard.js'

export default async function v2(scope: FastifyInstance) {
  scope.register(scopedGuard)
  // missing-auth: scopedGuard's hook covers only its own (empty) scope.
  scope.get('/items', async () => db.item.list())
}
