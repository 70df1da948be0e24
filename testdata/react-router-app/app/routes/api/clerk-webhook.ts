import { verifyWebhook } from '@clerk/react-router/webhooks'
import { db } from '~/lib/db.server'
import type { Route } from './+types/clerk-webhook'

// Verified webhook: no finding.
export async function action({ request }: Route.ActionArgs) {
  try {
    const evt = await verifyWebhook(request)
    if (evt.type === 'user.deleted') await db.user.delete({ where: { id: evt.data.id } })
    return new Response('ok')
  } catch {
    return new Response('bad signature', { status: 400 })
  }
}
