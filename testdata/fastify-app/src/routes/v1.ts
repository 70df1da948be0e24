// Fixture: a guard plugin wrapped with fastify-plugin leaks its hook into this scope.
import type { FastifyInstance } from 'fastify'
import { db } from '../lib/db.js'
import sessionGuard from '../plugins/session-guard.js'

export default async function v1(scope: FastifyInstance) {
  scope.register(sessionGuard)
  // silent: the fp()-wrapped plugin's onRequest hook applies to this scope.
  scope.get('/items', async () => db.item.list())
}
