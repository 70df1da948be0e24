import { redirect, type Handle } from '@sveltejs/kit'
import { sequence } from '@sveltejs/kit/hooks'
import { withClerkHandler } from 'svelte-clerk/server'
import { createMemberRepo } from '$lib/server/members'

// Rejects signed-out requests under /admin, and puts a repository on `locals` for every
// request (signed in or not): the repository is no evidence of a caller.
const guard: Handle = async ({ event, resolve }) => {
  if (event.url.pathname.startsWith('/admin') && !event.locals.auth().userId) {
    redirect(307, '/sign-in')
  }
  event.locals.memberRepo = createMemberRepo()
  return resolve(event)
}

export const handle = sequence(withClerkHandler(), guard)
