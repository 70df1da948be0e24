const Router = require('@koa/router')
const { verifySession } = require('../middleware/verify-session.js')

const admin = new Router()

admin.use(verifySession)
admin.get('/users', async (ctx) => {
  ctx.body = await listUsers()
})
admin.delete('/users/:id', async (ctx) => {
  ctx.body = await removeUser(ctx.params.id)
})

module.exports = admin
