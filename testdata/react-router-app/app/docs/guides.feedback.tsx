import type { Route } from './+types/guides.feedback'
import { requireUserId } from '../lib/auth.server'
import { db } from '../lib/db.server'

// A flat route under app/docs: the action checks through the shared helper.
export async function action(args: Route.ActionArgs) {
  const userId = await requireUserId(args)
  const form = await args.request.formData()
  await db.feedback.create({ data: { userId, text: String(form.get('text')) } })
  return null
}
