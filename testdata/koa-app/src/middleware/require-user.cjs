const { getAuth } = require('@dimkl/clerk-koa')

// Answers 401 and stops: `next()` is never reached when signed out.
async function requireUser(ctx, next) {
  const { userId } = getAuth(ctx)
  if (!userId) {
    ctx.status = 401
    ctx.body = { error: 'Unauthorized' }
    return
  }
  await next()
}

// Sets the status but falls through to `next()`: the route still runs when signed out.
async function softUser(ctx, next) {
  if (!getAuth(ctx).userId) {
    ctx.status = 401
  }
  await next()
}

module.exports = { requireUser, softUser }
