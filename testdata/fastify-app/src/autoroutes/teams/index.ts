// Fixture: loaded by @fastify/autoload; the folder path is the URL prefix (/auto/teams).
import type { FastifyInstance } from 'fastify'
import { requireUser } from '../../lib/guards.js'
import { db } from '../../lib/db.js'

export default async function teams(app: FastifyInstance) {
  // missing-auth.
  app.get('/', async () => db.item.list())
  // silent.
  app.post('/', { preHandler: requireUser }, async (request) => db.item.create(request.body))
}
