import { getAuth } from '@clerk/react-router/server'
import { redirect } from 'react-router'
import { db } from '~/lib/db.server'
import type { Route } from './+types/index'

export async function loader(args: Route.LoaderArgs) {
  const { userId, has } = await getAuth(args)
  if (!userId || !has({ role: 'org:admin' })) throw redirect('/')
  return { projects: await db.project.findMany({}) }
}

// Expected: unchecked-auth. Auth is read, but nothing stops a signed-out caller.
export async function action(args: Route.ActionArgs) {
  const { userId } = await getAuth(args)
  const form = await args.request.formData()
  await db.project.delete({ where: { id: String(form.get('id')) }, deletedBy: userId })
  return null
}

export default function AdminIndex() {
  return <h1>Admin</h1>
}
