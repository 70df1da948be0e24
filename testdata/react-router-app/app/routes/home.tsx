import { db } from '~/lib/db.server'

// Expected: missing-auth (a public listing; allow it with `[routes] public` if intended).
export async function loader() {
  return { featured: await db.project.findMany({ where: { featured: true } }) }
}

export default function Home() {
  return <h1>Home</h1>
}
