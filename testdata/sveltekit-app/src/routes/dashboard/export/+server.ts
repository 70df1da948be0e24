import { db } from '$lib/server/db'
import type { RequestHandler } from './$types'

// Expected: missing-auth. The dashboard layout's guard does not cover +server.ts endpoints.
export const GET: RequestHandler = async () => {
  const notes = await db.note.list()
  return new Response(JSON.stringify(notes))
}
