import Router from '@koa/router'
import compose from 'koa-compose'
import { getAuth, requireAuth } from '@dimkl/clerk-koa'

import admin from './admin.cjs'
import { requireUser, softUser } from '../middleware/require-user.cjs'

const router = new Router({ prefix: '/api' })

// ✗ clerkMiddleware() only attaches auth
router.get('/health', (ctx) => {
  ctx.body = 'ok'
})

// ✓ requireAuth() from @dimkl/clerk-koa in the route's list
router.get('/me', requireAuth(), (ctx) => {
  ctx.body = { userId: ctx.auth.userId }
})

// ✓ getAuth(ctx) checked; ctx.throw ends the request
router.get('/profile', async (ctx) => {
  const { userId } = getAuth(ctx)
  if (!userId) ctx.throw(401)
  ctx.body = await loadProfile(userId)
})

// ✓ ctx.auth checked; status set, then return
router.get('/settings', async (ctx) => {
  if (!ctx.auth?.userId) {
    ctx.status = 401
    return
  }
  ctx.body = await loadSettings(ctx.auth.userId)
})

// ~ the auth object is read and never checked
router.get('invoice', '/invoices/:id', async (ctx) => {
  const { userId } = ctx.auth
  ctx.body = await loadInvoice(userId, ctx.params.id)
})

// ~ the caller's id taken from the body while a verified one is within reach
router.post('/posts', async (ctx) => {
  ctx.body = await createPost(ctx.request.body.userId, ctx.request.body.text)
})

// ✓ a project guard from a CommonJS module; ✗ a guard that falls through to next()
router.post('/notes', requireUser, async (ctx) => {
  ctx.body = await createNote(ctx.request.body)
})
router.delete('/notes/:id', softUser, async (ctx) => {
  ctx.body = await removeNote(ctx.params.id)
})

// ✓ guards composed with koa-compose
router.put('/notes/:id', compose([requireUser]), async (ctx) => {
  ctx.body = await updateNote(ctx.params.id, ctx.request.body)
})

// ✓ the nested router's own guard (verifyToken from @clerk/backend) covers its routes
router.use('/admin', admin.routes())
// ✓ nesting copies admin's middleware into this router: it runs for later /admin routes too
router.get('/admin/stats', async (ctx) => {
  ctx.body = await stats()
})

// ✗ registered before the guard below
router.get('/exports', async (ctx) => {
  ctx.body = await listExports()
})

router.use(requireUser)

// ✓ every route after `router.use(requireUser)`
router.get('/billing', async (ctx) => {
  ctx.body = await billing()
})

export default router
