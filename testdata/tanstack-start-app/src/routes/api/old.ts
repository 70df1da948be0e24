import { createAPIFileRoute } from '@tanstack/react-start/api'
import { db } from '~/lib/db'

// The oldest API-route form. Expected: missing-auth (DELETE /api/old).
export const APIRoute = createAPIFileRoute('/api/old')({
  DELETE: async () => {
    await db.project.remove('all')
    return new Response(null, { status: 204 })
  },
})
