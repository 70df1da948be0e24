import { db } from '~/lib/db.server'

// Expected: missing-auth. The parent layout's loader check does not protect this loader.
export async function loader() {
  return { reports: await db.project.findMany({}) }
}

export default function Reports() {
  return <h1>Reports</h1>
}
