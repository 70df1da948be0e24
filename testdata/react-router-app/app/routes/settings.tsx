import { getAuth } from '@clerk/react-router/server'
import { data } from 'react-router'
import { requireUserId } from '~/lib/auth.server'
import { db } from '~/lib/db.server'
import type { Route } from './+types/settings'

export const loader = async (args: Route.LoaderArgs) => {
  const userId = await requireUserId(args)
  return { user: await db.user.findUnique({ where: { id: userId } }) }
}

// Protected inline: a thrown `data()` with a 401.
export const action = async (args: Route.ActionArgs) => {
  const { userId } = await getAuth(args)
  if (!userId) throw data({ error: 'Unauthorized' }, { status: 401 })
  await db.user.delete({ where: { id: userId } })
  return { ok: true }
}

export default function Settings() {
  return <h1>Settings</h1>
}
