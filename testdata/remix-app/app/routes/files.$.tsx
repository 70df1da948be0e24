import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUserId } from '~/utils/auth.server'

// Protected by a helper: `/files/*`.
export async function loader(args: LoaderFunctionArgs) {
  const userId = await requireUserId(args)
  return new Response(`files of ${userId} at ${args.params['*']}`)
}
