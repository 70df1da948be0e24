// Fixture: webhook receivers.
import type { FastifyInstance } from 'fastify'
import { verifyWebhook } from '@clerk/fastify/webhooks'
import Stripe from 'stripe'
import { db } from '../lib/db.js'

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '')

export default async function webhookRoutes(scope: FastifyInstance) {
  // silent: the Clerk signature is verified before anything happens.
  scope.post('/clerk', async (request, reply) => {
    let evt
    try {
      evt = await verifyWebhook(request)
    } catch {
      return reply.code(400).send('bad signature')
    }
    if (evt.type === 'user.created') await db.user.create(evt.data.id)
    return 'ok'
  })

  // unverified-webhook: a Clerk event is trusted without checking its signature.
  scope.post('/clerk-legacy', async (request) => {
    const evt = request.body as { type: string; data: { id: string } }
    if (evt.type === 'user.deleted') await db.user.remove(evt.data.id)
    return 'ok'
  })

  // silent: Stripe's signature is verified.
  scope.post('/stripe', async (request, reply) => {
    let event
    try {
      event = stripe.webhooks.constructEvent(request.rawBody as string, request.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET ?? '')
    } catch {
      return reply.code(400).send('bad signature')
    }
    await db.invoice.create(event.data.object)
    return 'ok'
  })
}
