import { requireUser } from '~/lib/session.server'
import { db } from '~/lib/db.server'
import type { Route } from './+types/detail'

// Protected by a helper two calls away.
export async function loader(args: Route.LoaderArgs) {
  const user = await requireUser(args)
  return { project: await db.project.findUnique({ where: { id: args.params.projectId, ownerId: user.id } }) }
}

// Expected: missing-auth. The loader's check does not protect the action.
export async function action({ request, params }: Route.ActionArgs) {
  const form = await request.formData()
  await db.project.update({ where: { id: params.projectId }, data: { name: String(form.get('name')) } })
  return { ok: true }
}

export default function ProjectDetail() {
  return <h1>Project</h1>
}
