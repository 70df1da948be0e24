import { db } from '~/lib/db.server'

// Not registered in app/routes.ts: not an endpoint, no finding.
export async function loader() {
  return { all: await db.project.findMany({}) }
}
