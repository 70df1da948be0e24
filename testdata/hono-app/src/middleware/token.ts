// Fixture: a hand-written Hono middleware that verifies a partner token with Hono's own JWT helper.
import { createMiddleware } from 'hono/factory'
import { verify } from 'hono/jwt'

export const partnerToken = createMiddleware(async (c, next) => {
  const header = c.req.header('Authorization')
  if (!header) {
    return c.json({ error: 'Unauthorized' }, 401)
  }
  try {
    const claims = await verify(header.slice(7), c.env.PARTNER_PUBLIC_KEY, 'RS256')
    c.set('partner', claims.sub)
  } catch {
    return c.json({ error: 'Unauthorized' }, 401)
  }
  await next()
})
