// Fixture: project middleware, judged by its body, never by its name.
import { createMiddleware } from 'hono/factory'
import { HTTPException } from 'hono/http-exception'
import { getAuth } from '@clerk/hono'

// Gates: returns a 401 Response instead of calling next().
export const requireUser = createMiddleware(async (c, next) => {
  const auth = getAuth(c)
  if (!auth?.userId) {
    return c.json({ error: 'Unauthorized' }, 401)
  }
  await next()
})

// Gates: throws an HTTPException when signed out.
export const requireAdmin = createMiddleware(async (c, next) => {
  const auth = getAuth(c)
  if (!auth?.userId || auth.sessionClaims?.role !== 'admin') {
    throw new HTTPException(403, { message: 'Forbidden' })
  }
  await next()
})

// Not a gate: it logs and always calls next().
export const auditUser = createMiddleware(async (c, next) => {
  const auth = getAuth(c)
  if (!auth?.userId) {
    console.warn('anonymous request to', c.req.path)
  }
  await next()
})
