import { json } from '@sveltejs/kit'
import { db } from '$lib/server/db'

// Protected by the hooks guard.
export async function GET() {
  return json(await db.user.all())
}
