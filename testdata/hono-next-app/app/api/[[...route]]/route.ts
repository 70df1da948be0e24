// Fixture (written for clerk-lint): a Hono app served by a Next.js catch-all route.
// The Hono routes are the endpoints; the GET/POST exports below are only the adapter.
import { Hono } from 'hono'
import { handle } from 'hono/vercel'
import notes from './notes'

const app = new Hono().basePath('/api')

const routes = app.route('/notes', notes)

export const GET = handle(app)
export const POST = handle(app)
export const DELETE = handle(app)

export type AppType = typeof routes
