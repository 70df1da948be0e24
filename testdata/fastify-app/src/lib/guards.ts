// Fixture: project guards, judged by their bodies, never by their names.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { getAuth } from '@clerk/fastify'

// Gates: signed-out requests get a 401 and the lifecycle stops.
export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  const { userId } = getAuth(request)
  if (!userId) {
    return reply.code(401).send({ error: 'Unauthorized' })
  }
}

// Gates: a hook that sends stops the request even without `return` (Fastify checks `reply.sent`).
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  const { sessionClaims, userId } = getAuth(request)
  if (!userId) {
    reply.status(401)
    reply.send({ error: 'Unauthorized' })
    return
  }
  if (sessionClaims?.role !== 'admin') {
    throw Object.assign(new Error('Forbidden'), { statusCode: 403 })
  }
}

// Not a gate: logs and lets everyone through.
export async function logRequest(request: FastifyRequest) {
  request.log.info({ url: request.url }, 'request')
}

// Not a gate: reads auth and only logs.
export async function softCheck(request: FastifyRequest) {
  const { userId } = getAuth(request)
  if (!userId) {
    request.log.warn('anonymous request')
  }
}
