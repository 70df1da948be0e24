import { db } from '~/lib/db.server'
import type { Route } from './+types/cron'

// Protected by a shared secret.
export async function loader({ request }: Route.LoaderArgs) {
  if (request.headers.get('authorization') !== `Bearer ${process.env.CRON_SECRET}`) {
    return new Response('Forbidden', { status: 403 })
  }
  await db.project.delete({ where: { stale: true } })
  return new Response('done')
}
