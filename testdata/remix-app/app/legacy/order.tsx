import type { LoaderFunctionArgs } from '@remix-run/node'
import { db } from '~/utils/db.server'

// /legacy/orders/:orderId, a child of the orders route: the parent loader's check covers
// nothing here. Expected: missing-auth.
export async function loader({ params }: LoaderFunctionArgs) {
  return db.order.findUnique({ where: { id: params.orderId } })
}
