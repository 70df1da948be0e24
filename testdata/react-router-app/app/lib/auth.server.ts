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
