import { requireUserId } from '~/lib/auth.server'
import { db } from '~/lib/db.server'
import type { Route } from './+types/user'

export async function loader(args: Route.LoaderArgs) {
  await requireUserId(args)
  return { user: await db.user.findUnique({ where: { id: args.params.id } }) }
}
