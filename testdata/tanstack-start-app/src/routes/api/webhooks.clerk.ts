import { verifyWebhook } from '@clerk/tanstack-react-start/webhooks'
import { createFileRoute } from '@tanstack/react-router'
import { db } from '~/lib/db'

// Verified webhook: no finding.
export const Route = createFileRoute('/api/webhooks/clerk')({
  server: {
    handlers: {
      POST: async ({ request }) => {
        try {
          const evt = await verifyWebhook(request)
          if (evt.type === 'user.deleted') await db.project.remove(String(evt.data.id))
          return new Response('ok')
        } catch {
          return new Response('bad signature', { status: 400 })
        }
      },
    },
  },
})
