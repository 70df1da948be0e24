import { requireSession } from '$lib/server/auth'

// The wrapper checks `event.locals.auth()` before the handler runs: silent.
export const POST = requireSession(async ({ locals, request }) => {
  const { role } = await request.json()
  return Response.json({ user: locals.auth().userId, role })
})
