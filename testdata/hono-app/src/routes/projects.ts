// Fixture: a sub-app that guards itself before its routes.
import { Hono } from 'hono'
import { requireUser } from '../middleware/auth.js'
import { db } from '../lib/db.js'

const projects = new Hono()

projects.use('*', requireUser)

// silent: the sub-app's own middleware runs first.
projects.get('/', (c) => c.json(db.project.list()))
// silent.
projects.post('/', async (c) => c.json(await db.project.create(await c.req.json())))

export default projects
