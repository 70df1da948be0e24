import { SignIn } from '@clerk/react-router'
import { getAuth } from '@clerk/react-router/server'
import { redirect } from 'react-router'
import type { Route } from './+types/sign-in'

// An inverse check (signed-in users leave): no missing-auth.
export async function loader(args: Route.LoaderArgs) {
  const { userId } = await getAuth(args)
  if (userId) return redirect('/dashboard')
  return null
}

export default function SignInPage() {
  return <SignIn />
}
