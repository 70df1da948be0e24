import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePartner } from '~/utils/partner-session.server'
import { db } from '~/utils/db.server'

// Protected by another provider (a Firebase session cookie): no missing-auth.
export async function loader({ request }: LoaderFunctionArgs) {
  const partnerId = await requirePartner(request)
  return db.payout.findMany({ where: { partnerId } })
}
