// Fixture: a guard hook inside a plugin, once wrapped with fastify-plugin and once not.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { verifyToken } from '@clerk/backend'

async function guard(scope: FastifyInstance) {
  scope.addHook('onRequest', async (request, reply) => {
    const token = request.headers.authorization?.slice(7)
    if (!token) {
      return reply.code(401).send({ error: 'missing token' })
    }
    try {
      await verifyToken(token, { secretKey: process.env.CLERK_SECRET_KEY })
    } catch {
      return reply.code(401).send({ error: 'invalid token' })
    }
  })
}

export default fp(guard)
export const scopedGuard = guard
