// Fixture: mounted before the parent registers its guard for this prefix.
import { Hono } from 'hono'
import { db } from '../lib/db.js'

const late = new Hono()

// missing-auth: `app.route()` copies this route before `app.use('/late/*', requireUser)` is registered.
late.get('/report', (c) => c.json(db.job.list()))

export default late
