import { buildClerkProps } from 'svelte-clerk/server'
import type { LayoutServerLoad } from './$types'

// Expected: unchecked-auth. It hands the auth state to the client and stops nobody.
export const load: LayoutServerLoad = ({ locals }) => {
  return { ...buildClerkProps(locals.auth()) }
}
