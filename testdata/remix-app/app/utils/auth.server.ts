import { getAuth } from '@clerk/remix/ssr.server'
import { redirect, type LoaderFunctionArgs } from '@remix-run/node'

// Guards: throws a redirect when signed out.
export async function requireUserId(args: LoaderFunctionArgs) {
  const { userId } = await getAuth(args)
  if (!userId) throw redirect('/sign-in')
  return userId
}

// Returns the id or null: the caller must check it.
export async function getUserIdOrNull(args: LoaderFunctionArgs) {
  const { userId } = await getAuth(args)
  return userId ?? null
}
