import type { LoaderFunctionArgs } from 'react-router'
import { requireUserId } from './auth.server'
import { db } from './db.server'

// Two calls from the route: guarded through requireUserId.
export async function requireUser(args: LoaderFunctionArgs) {
  const userId = await requireUserId(args)
  const user = await db.user.findUnique({ where: { id: userId } })
  if (!user) throw new Response('Not found', { status: 404 })
  return user
}
