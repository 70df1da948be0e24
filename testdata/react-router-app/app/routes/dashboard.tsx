import { requireUserId } from '~/lib/auth.server'
import { db } from '~/lib/db.server'
import type { Route } from './+types/dashboard'

// Protected by a helper one call away.
export async function loader(args: Route.LoaderArgs) {
  const userId = await requireUserId(args)
  return { projects: await db.project.findMany({ where: { ownerId: userId } }) }
}

export default function Dashboard() {
  return <h1>Dashboard</h1>
}
