import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { getUserIdOrNull } from '~/utils/auth.server'
import { db } from '~/utils/db.server'

// A folder route (`account/route.tsx` is `/account`): the helper returns null when signed
// out and the loader checks it.
export async function loader(args: LoaderFunctionArgs) {
  const userId = await getUserIdOrNull(args)
  if (!userId) return redirect('/sign-in')
  return { notes: await db.note.findMany({ where: { userId } }) }
}
