import { fail } from '@sveltejs/kit'
import { requireUserId } from '$lib/server/auth'
import { db } from '$lib/server/db'
import type { Actions, PageServerLoad } from './$types'

// Covered by the parent layout's guard.
export const load: PageServerLoad = async ({ parent }) => {
  const { userId } = await parent()
  return { notes: await db.note.list(userId) }
}

export const actions: Actions = {
  // Expected: missing-auth (POST /dashboard?/rename). The layout guard does not cover actions.
  rename: async ({ request }) => {
    const form = await request.formData()
    await db.note.rename(String(form.get('id')), String(form.get('name')))
    return { ok: true }
  },
  // Protected by a helper.
  remove: async ({ request, locals }) => {
    requireUserId(locals)
    const form = await request.formData()
    if (!form.get('id')) return fail(400, { missing: true })
    await db.note.remove(String(form.get('id')))
  },
}
