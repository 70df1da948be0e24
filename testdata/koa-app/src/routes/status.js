import Router from '@koa/router'

export const statusRouter = new Router()

// A guard used by this router runs only for the routes this router matches: `app.use`
// does not let it reach the routes of `api`.
statusRouter.get('/status', (ctx) => {
  ctx.body = { ok: true }
})
