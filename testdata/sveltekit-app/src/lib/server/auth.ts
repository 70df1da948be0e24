import { error } from '@sveltejs/kit'

// Guards: `error()` throws a 401 when signed out.
export function requireUserId(locals: App.Locals): string {
  const { userId } = locals.auth()
  if (!userId) error(401, 'Unauthorized')
  return userId
}
