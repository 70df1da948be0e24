import { createFileRoute } from '@tanstack/react-router'
import { db } from '~/lib/db'

// Covered by the /api/admin request middleware in src/start.ts: no missing-auth.
export const Route = createFileRoute('/api/admin/audit')({
  server: {
    handlers: {
      GET: async () => Response.json(await db.project.list('all')),
    },
  },
})
