import { db } from '~/lib/db.server'
import type { Route } from './+types/billing-webhook'

// Expected: missing-auth and unverified-webhook (the svix headers are never verified).
export async function action({ request }: Route.ActionArgs) {
  const payload = await request.json()
  if (payload.type === 'user.deleted') await db.user.delete({ where: { id: payload.data.id } })
  return new Response('ok')
}
