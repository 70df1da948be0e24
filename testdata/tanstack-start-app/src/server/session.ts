import { auth } from '@clerk/tanstack-react-start/server'
import { createServerFn } from '@tanstack/react-start'
import { db } from '~/lib/db'

// Expected: unchecked-auth. Returns the caller's id without stopping anyone (for the client).
export const fetchSession = createServerFn({ method: 'GET' }).handler(async () => {
  const { userId } = await auth()
  return { userId }
})

// Calling a server function from server code runs its handler: the id it returns is checked
// here. No missing-auth.
export const archiveProject = createServerFn({ method: 'POST' })
  .inputValidator((id: string) => id)
  .handler(async ({ data }) => {
    const { userId } = await fetchSession()
    if (!userId) throw new Error('Unauthorized')
    await db.project.remove(data)
  })

// Clerk loaded lazily inside the helper: the check still guards. No missing-auth.
export const restoreProject = createServerFn({ method: 'POST' })
  .inputValidator((id: string) => id)
  .handler(async ({ data }) => {
    await requireUserLazily()
    await db.project.remove(data)
  })

async function requireUserLazily() {
  const { auth: lazyAuth } = await import('@clerk/tanstack-react-start/server')
  const { userId } = await lazyAuth()
  if (!userId) throw new Error('Unauthorized')
  return userId
}
