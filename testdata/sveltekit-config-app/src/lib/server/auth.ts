import { json, redirect } from '@sveltejs/kit'
import type { RequestEvent, RequestHandler } from '@sveltejs/kit'

// Takes the auth object itself; `redirect()` throws, so returning it ends the request too.
export function approve(auth: { userId: string | null }) {
  const { userId } = auth
  if (!userId) {
    return redirect(307, '/sign-in')
  }
  return userId
}

// Wraps a handler: runs it only for a signed-in caller.
export const requireSession =
  (handler: RequestHandler) =>
  async (event: RequestEvent) => {
    if (!event.locals.auth().userId) {
      return json({ error: 'Unauthorized' }, { status: 401 })
    }
    return handler(event)
  }
