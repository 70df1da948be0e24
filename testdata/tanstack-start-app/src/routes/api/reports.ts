import { auth } from '@clerk/tanstack-react-start/server'
import { createFileRoute } from '@tanstack/react-router'
import { db } from '~/lib/db'

export const Route = createFileRoute('/api/reports')({
  server: {
    handlers: {
      // Expected: missing-auth (GET /api/reports).
      GET: async () => Response.json(await db.project.list()),
      // Protected inline.
      POST: async ({ request }) => {
        const { isAuthenticated, userId } = await auth()
        if (!isAuthenticated) return new Response('Unauthorized', { status: 401 })
        const { name } = await request.json()
        return Response.json(await db.project.create(userId, name))
      },
    },
  },
})
