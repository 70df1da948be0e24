import { approve } from '$lib/server/auth'

// The helper is given `locals.auth` and redirects signed-out callers: silent.
export const load = async ({ locals }) => {
  const userId = approve(locals.auth())
  return { userId }
}
