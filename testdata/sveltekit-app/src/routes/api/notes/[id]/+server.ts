import { error, json } from '@sveltejs/kit'
import { requireUserId } from '$lib/server/auth'
import { db } from '$lib/server/db'
import type { RequestHandler } from './$types'

export const GET: RequestHandler = async ({ locals, params }) => {
  const { userId } = locals.auth()
  if (!userId) error(401, 'Unauthorized')
  return json((await db.note.list(userId)).filter((n) => n.id === params.id))
}

export const POST: RequestHandler = async ({ locals, params, request }) => {
  requireUserId(locals)
  const { name } = await request.json()
  await db.note.rename(params.id, name)
  return json({ ok: true })
}

// Expected: missing-auth (DELETE /api/notes/:id).
export const DELETE: RequestHandler = async ({ params }) => {
  await db.note.remove(params.id)
  return new Response(null, { status: 204 })
}
