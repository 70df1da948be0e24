// Fixture: a chained sub-app with route-level middleware.
import { Hono } from 'hono'
import { requireUser, auditUser } from '../middleware/auth.js'
import { db } from '../lib/db.js'

const items = new Hono()
  // missing-auth: auditUser logs but lets everyone through.
  .get('/', auditUser, (c) => c.json(db.item.list()))
  // silent: requireUser rejects signed-out callers before the handler.
  .post('/', requireUser, async (c) => c.json(await db.item.create(await c.req.json())))

export default items
