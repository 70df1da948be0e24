import { createServerFn } from '@tanstack/react-start'
import { requireUserId, requireUserMw, withAuthMw } from '~/lib/auth'
import { db } from '~/lib/db'

// Protected by function middleware.
export const listProjects = createServerFn({ method: 'GET' })
  .middleware([requireUserMw])
  .handler(async ({ context }) => db.project.list(context.userId))

// Protected by a helper the handler calls.
export const createProject = createServerFn({ method: 'POST' })
  .validator((name: string) => name)
  .handler(async ({ data }) => {
    const userId = await requireUserId()
    return db.project.create(userId, data)
  })

// Expected: missing-auth. A server function is a public POST endpoint wherever it is called.
export const deleteProject = createServerFn({ method: 'POST' })
  .validator((id: string) => id)
  .handler(async ({ data }) => {
    await db.project.remove(data)
  })

// Expected: unchecked-auth. The middleware reads auth but nothing checks it.
export const renameProject = createServerFn({ method: 'POST' })
  .middleware([withAuthMw])
  .handler(async ({ data }) => {
    await db.project.remove(String(data))
  })
