// Fixture: @hono/zod-openapi routes (`createRoute` + `app.openapi`); `{id}` is `:id`.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { requireUser } from '../middleware/auth.js'
import { db } from '../lib/db.js'

const reports = new OpenAPIHono()

const readReport = createRoute({ method: 'get', path: '/reports/{id}', middleware: [requireUser] as const, responses: {} })
const removeReport = createRoute({ method: 'delete', path: '/reports/{id}', responses: {} })

// silent: the route's own middleware list holds the guard.
reports.openapi(readReport, async (c) => c.json(await db.job.find(c.req.param('id'))))
// missing-auth: no middleware on this one.
reports.openapi(removeReport, async (c) => c.json(await db.job.remove(c.req.param('id'))))

export default reports
