import { auth } from '@clerk/tanstack-react-start/server'
import { redirect } from '@tanstack/react-router'
import { createMiddleware } from '@tanstack/react-start'

// Function middleware that rejects signed-out callers of every server function using it.
export const requireUserMw = createMiddleware({ type: 'function' }).server(async ({ next }) => {
  const { userId } = await auth()
  if (!userId) throw new Error('Unauthorized')
  return next({ context: { userId } })
})

// Function middleware that only passes the auth state along: protects nothing.
export const withAuthMw = createMiddleware({ type: 'function' }).server(async ({ next }) => {
  const { userId } = await auth()
  return next({ context: { userId } })
})

// A helper the handlers call: throws a redirect when signed out.
export async function requireUserId() {
  const { isAuthenticated, userId } = await auth()
  if (!isAuthenticated) throw redirect({ to: '/sign-in/$' })
  return userId
}
