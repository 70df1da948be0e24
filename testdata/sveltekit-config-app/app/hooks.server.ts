import { redirect, type Handle } from '@sveltejs/kit'
import { sequence } from '@sveltejs/kit/hooks'
import { withClerkHandler } from 'svelte-clerk/server'
import { createMemberRepo } from '$lib/server/members'
import { GuestNotes, MemberNotes, type Notes } from '$lib/server/notes'

// Rejects signed-out requests under /admin. Puts two services on `locals`:
// - `memberRepo`, the same for every request: no evidence of a caller;
// - `notes`, bound to the session: a signed-out request gets `GuestNotes`, whose write
//   methods throw, so calling them rejects signed-out callers.
const guard: Handle = async ({ event, resolve }) => {
  if (event.url.pathname.startsWith('/admin') && !event.locals.auth().userId) {
    redirect(307, '/sign-in')
  }
  event.locals.memberRepo = createMemberRepo()
  let notes: Notes = new GuestNotes()
  const { userId } = event.locals.auth()
  if (userId) {
    notes = new MemberNotes(userId)
  }
  event.locals.notes = notes
  return resolve(event)
}

export const handle = sequence(withClerkHandler(), guard)
