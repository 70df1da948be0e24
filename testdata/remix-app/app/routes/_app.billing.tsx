import { json } from '@remix-run/node'
import { db } from '~/utils/db.server'

// Expected: missing-auth at `/billing`. The `_app` layout's check does not cover it.
export async function loader() {
  return json({ invoices: await db.invoice.findMany({}) })
}
