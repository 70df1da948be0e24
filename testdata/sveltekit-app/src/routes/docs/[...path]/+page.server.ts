import { redirect } from '@sveltejs/kit'
import type { PageServerLoad } from './$types'

// Protected inline (`return redirect()` is fine: `redirect()` throws).
export const load: PageServerLoad = async ({ locals, params }) => {
  const auth = locals.auth()
  if (!auth.isAuthenticated) return redirect(307, '/sign-in')
  return { path: params.path }
}
