import { getAuth } from '@clerk/react-router/server'
import { Outlet, redirect } from 'react-router'
import type { Route } from './+types/dashboard-layout'

// Protected inline. Child loaders run in parallel with this one: it protects none of them.
export async function loader(args: Route.LoaderArgs) {
  const { isAuthenticated } = await getAuth(args)
  if (!isAuthenticated) {
    return redirect('/sign-in?redirect_url=' + args.request.url)
  }
  return null
}

export default function DashboardLayout() {
  return <Outlet />
}
