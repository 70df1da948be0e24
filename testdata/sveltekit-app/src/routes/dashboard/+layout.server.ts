import { redirect } from '@sveltejs/kit'
import type { LayoutServerLoad } from './$types'

// Protected inline; it also covers the page loads below it (not actions, not +server.ts).
export const load: LayoutServerLoad = async ({ locals }) => {
  const { userId } = locals.auth()
  if (!userId) redirect(303, '/sign-in')
  return { userId }
}
