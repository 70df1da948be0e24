// Fixture: a guard added to the instance with decorate() and used as `app.authenticate`.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { getAuth } from '@clerk/fastify'

export default fp(async (app) => {
  app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!getAuth(request).userId) {
      return reply.code(401).send({ error: 'Unauthorized' })
    }
  })
})
