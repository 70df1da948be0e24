import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireUserId } from '~/utils/auth.server'
import { db } from '~/utils/db.server'

// Registered by `routes(defineRoutes)` in vite.config.ts as /legacy/orders.
export async function loader(args: LoaderFunctionArgs) {
  const userId = await requireUserId(args)
  return db.order.findMany({ where: { userId } })
}

// Expected: missing-auth (the loader's check does not cover the action).
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  await db.order.delete({ where: { id: String(form.get('id')) } })
  return null
}
