import { verifyToken } from '@clerk/backend'

// Verifies the bearer token with Clerk; `ctx.throw` ends the request.
export async function verifySession(ctx, next) {
  const token = ctx.get('Authorization')?.replace('Bearer ', '')
  if (!token) ctx.throw(401, 'missing token')
  try {
    const claims = await verifyToken(token, { secretKey: process.env.CLERK_SECRET_KEY })
    ctx.state.userId = claims.sub
  } catch {
    ctx.throw(401, 'invalid token')
  }
  await next()
}
