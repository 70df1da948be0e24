import { ClerkProvider } from '@clerk/react-router'
import { clerkMiddleware, rootAuthLoader } from '@clerk/react-router/server'
import { Outlet } from 'react-router'
import type { Route } from './+types/root'

// Expected: middleware-matcher-gap here (exported, but the future flag is off, so it never runs).
export const middleware: Route.MiddlewareFunction[] = [clerkMiddleware()]

// Expected: unchecked-auth (the root loader only exposes the auth state; it protects nothing).
export const loader = (args: Route.LoaderArgs) => rootAuthLoader(args)

export default function App({ loaderData }: Route.ComponentProps) {
  return (
    <ClerkProvider loaderData={loaderData}>
      <Outlet />
    </ClerkProvider>
  )
}
