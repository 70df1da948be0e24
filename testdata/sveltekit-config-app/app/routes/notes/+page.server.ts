import { error } from '@sveltejs/kit'

// Listing works for everyone (`GuestNotes.list` returns []): fires.
export const load = async ({ locals }) => ({ notes: await locals.notes.list() })

// `GuestNotes.add` throws for signed-out callers, and the catch re-throws: silent.
export const actions = {
  add: async ({ locals, request }) => {
    const text = String((await request.formData()).get('text') ?? '')
    try {
      await locals.notes.add(text)
    } catch (e) {
      if (e instanceof Error) error(403, e.message)
    }
  },
}
