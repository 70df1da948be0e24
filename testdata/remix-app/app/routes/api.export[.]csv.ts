import { db } from '~/utils/db.server'

// Expected: missing-auth at `/api/export.csv` (a resource route).
export async function loader() {
  const invoices = await db.invoice.findMany({})
  return new Response(invoices.map((i) => i.id).join('\n'), { headers: { 'content-type': 'text/csv' } })
}
