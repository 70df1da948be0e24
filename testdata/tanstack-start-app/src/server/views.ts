import { createServerFn } from '@tanstack/react-start'
import { createDecoder, createVerifier } from 'fast-jwt'
import { db } from '~/lib/db'

// A capability token signed by the app (no user session): verified with a key before use.
export const countView = createServerFn({ method: 'POST' })
  .inputValidator((d: { token: string }) => d)
  .handler(async ({ data }) => {
    let claims: { projectId: string }
    try {
      const verify = createVerifier({ key: process.env.VIEW_TOKEN_SECRET })
      claims = verify(data.token)
    } catch {
      return { ok: false }
    }
    await db.project.remove(claims.projectId)
    return { ok: true }
  })

// Expected: missing-auth. Decoding a token verifies nothing.
export const peekView = createServerFn({ method: 'POST' })
  .inputValidator((d: { token: string }) => d)
  .handler(async ({ data }) => {
    const decode = createDecoder()
    return decode(data.token)
  })

// Public on purpose: named in `[routes] public` in clerk-lint.toml, so no missing-auth.
export const listTemplates = createServerFn({ method: 'GET' }).handler(async () => [
  { id: 'starter' },
])
