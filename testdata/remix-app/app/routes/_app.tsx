import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { requireUserId } from '~/utils/auth.server'

// A pathless layout: protected itself, but its children's loaders run in parallel.
export async function loader(args: LoaderFunctionArgs) {
  await requireUserId(args)
  return null
}

export default function AppLayout() {
  return <Outlet />
}
