import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { requireUserId } from '~/utils/auth.server'
import { db } from '~/utils/db.server'

export async function loader(args: LoaderFunctionArgs) {
  const userId = await requireUserId(args)
  return json({ notes: await db.note.findMany({ where: { userId } }) })
}

// Expected: missing-auth. Only the loader is protected.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  await db.note.create({ data: { body: String(form.get('body')), userId: String(form.get('userId')) } })
  return json({ ok: true })
}
