// Fixture: a project factory for typed Hono apps (type arguments on `new Hono<…>()`).
import { Hono } from 'hono'

type Env = { Bindings: { PARTNER_PUBLIC_KEY: string } }

export function createApp() {
  return new Hono<Env>()
}
