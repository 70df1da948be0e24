// Fixture: clerkMiddleware() as route middleware only attaches auth; the handlers must check it.
import { Hono } from 'hono'
import { clerkMiddleware, getAuth } from '@hono/clerk-auth'

const store: { id: string; owner: string; text: string }[] = []

const notes = new Hono()
  // silent: inline check after clerkMiddleware().
  .get('/', clerkMiddleware(), (c) => {
    const auth = getAuth(c)
    if (!auth?.userId) {
      return c.json({ error: 'Unauthorized' }, 401)
    }
    return c.json(store.filter((n) => n.owner === auth.userId))
  })
  // unchecked-auth: the owner comes from the request body, not from Clerk.
  .post('/', clerkMiddleware(), async (c) => {
    const { userId, text } = await c.req.json()
    store.push({ id: crypto.randomUUID(), owner: userId, text })
    return c.json({ ok: true })
  })
  // missing-auth: clerkMiddleware() alone protects nothing.
  .delete('/:id', clerkMiddleware(), (c) => {
    const i = store.findIndex((n) => n.id === c.req.param('id'))
    store.splice(i, 1)
    return c.json({ ok: true })
  })

export default notes
