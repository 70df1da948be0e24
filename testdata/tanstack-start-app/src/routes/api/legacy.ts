import { getAuth } from '@clerk/tanstack-react-start/server'
import { json } from '@tanstack/react-start'
import { createServerFileRoute } from '@tanstack/react-start/server'
import { db } from '~/lib/db'

// The older server-route API; protected inline with `getAuth(request)`.
export const ServerRoute = createServerFileRoute('/api/legacy').methods({
  GET: async ({ request }) => {
    const { userId } = await getAuth(request)
    if (!userId) return json({ error: 'Unauthorized' }, { status: 401 })
    return json(await db.project.list(userId))
  },
})
