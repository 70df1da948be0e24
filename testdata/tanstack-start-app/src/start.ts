import { auth, clerkMiddleware } from '@clerk/tanstack-react-start/server'
import { createMiddleware, createStart } from '@tanstack/react-start'

// Request middleware runs for every request. This one rejects signed-out requests under
// /api/admin only: it covers src/routes/api/admin/*, not other routes nor server functions.
const adminApiOnly = createMiddleware().server(async ({ request, next }) => {
  const { pathname } = new URL(request.url)
  if (pathname.startsWith('/api/admin')) {
    const { userId } = await auth()
    if (!userId) throw new Response('Unauthorized', { status: 401 })
  }
  return next()
})

// `clerkMiddleware()` populates the auth state for every request; it protects nothing by itself.
export const startInstance = createStart(() => ({
  requestMiddleware: [clerkMiddleware(), adminApiOnly],
}))
