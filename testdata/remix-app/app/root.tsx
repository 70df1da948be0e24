import { ClerkApp } from '@clerk/remix'
import { rootAuthLoader } from '@clerk/remix/ssr.server'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet } from '@remix-run/react'

// Expected: unchecked-auth. The callback reads the auth state but stops nobody.
export const loader = (args: LoaderFunctionArgs) =>
  rootAuthLoader(args, ({ request }) => {
    const { userId } = request.auth
    return { userId }
  })

function App() {
  return <Outlet />
}

export default ClerkApp(App)
