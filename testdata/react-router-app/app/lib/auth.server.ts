import { getAuth } from '@clerk/react-router/server'
import { redirect, type LoaderFunctionArgs } from 'react-router'

// One call from the route: throws a redirect when signed out.
export async function requireUserId(args: LoaderFunctionArgs): Promise<string> {
  const { userId } = await getAuth(args)
  if (!userId) {
    throw redirect('/sign-in')
  }
  return userId
}

// For the sign-up page: sends signed-in callers to the dashboard (an inverse check, which
// counts as checked for the route that calls it).
export async function redirectIfSignedIn(args: LoaderFunctionArgs) {
  const { userId } = await getAuth(args)
  if (userId) throw redirect('/dashboard')
  return null
}
