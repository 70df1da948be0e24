import Koa from 'koa'
import { clerkMiddleware } from '@dimkl/clerk-koa'

import api from './routes/api.js'
import { statusRouter } from './routes/status.js'

const app = new Koa()

// Attaches `ctx.auth` to every request; rejects nobody.
app.use(clerkMiddleware())
app.use(statusRouter.routes())
app.use(api.routes())
app.use(api.allowedMethods())

app.listen(3000)
