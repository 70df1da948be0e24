import { redirect, type Handle } from '@sveltejs/kit'
import { sequence } from '@sveltejs/kit/hooks'
import { withClerkHandler } from 'svelte-clerk/server'

// `withClerkHandler()` only populates `locals.auth`; the second handle rejects signed-out
// requests under /admin (pages, form actions and +server.ts endpoints alike).
const guard: Handle = async ({ event, resolve }) => {
  if (event.url.pathname.startsWith('/admin') && !event.locals.auth().userId) {
    redirect(307, '/sign-in')
  }
  return resolve(event)
}

export const handle = sequence(withClerkHandler(), guard)
