import { createFileRoute, Outlet, redirect } from '@tanstack/react-router'

// `beforeLoad` runs for navigation only: it protects no server function or server route.
export const Route = createFileRoute('/_authed')({
  beforeLoad: ({ context }) => {
    if (!(context as { userId?: string }).userId) throw redirect({ to: '/sign-in/$' })
  },
  component: Outlet,
})
