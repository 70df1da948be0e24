import { createFileRoute } from '@tanstack/react-router'
import { createServerFn } from '@tanstack/react-start'
import { db } from '~/lib/db'

// Expected: missing-auth. The `_authed` route's `beforeLoad` does not protect it.
const fetchReports = createServerFn({ method: 'GET' }).handler(async () => db.project.list())

export const Route = createFileRoute('/_authed/reports')({
  loader: () => fetchReports(),
  component: () => null,
})
