import { db } from '$lib/server/db'
import type { Actions, PageServerLoad } from './$types'

// Protected by the guard in hooks.server.ts (the path starts with /admin).
export const load: PageServerLoad = async () => {
  return { users: await db.user.all() }
}

export const actions: Actions = {
  default: async ({ request }) => {
    const form = await request.formData()
    await db.user.remove(String(form.get('id')))
  },
}
