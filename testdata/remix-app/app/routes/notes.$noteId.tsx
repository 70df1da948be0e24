import { getAuth } from '@clerk/remix/ssr.server'
import type { ActionFunction, LoaderFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { db } from '~/utils/db.server'

export const loader: LoaderFunction = async (args) => {
  const { userId } = await getAuth(args)
  if (!userId) {
    return redirect('/sign-in?redirect_url=' + args.request.url)
  }
  return json({ notes: await db.note.findMany({ where: { id: args.params.noteId, userId } }) })
}

export const action: ActionFunction = async (args) => {
  const { userId } = await getAuth(args)
  if (!userId) throw json({ error: 'Unauthorized' }, { status: 401 })
  await db.note.delete({ where: { id: args.params.noteId, userId } })
  return redirect('/notes')
}
