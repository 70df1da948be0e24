import { SignUp } from '@clerk/react-router'
import type { Route } from './+types/sign-up'
import { redirectIfSignedIn } from '../lib/auth.server'

// The inverse check lives in a helper: no missing-auth.
export async function loader(args: Route.LoaderArgs) {
  await redirectIfSignedIn(args)
  return null
}

export default function SignUpPage() {
  return <SignUp />
}
