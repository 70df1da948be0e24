import type { PageServerLoad } from './$types'

// Expected: missing-auth at `/pricing` (the group folder is not part of the URL; public on
// purpose: an allowlist candidate).
export const load: PageServerLoad = async ({ fetch }) => {
  const plans = await fetch('https://billing.example.com/plans').then((r) => r.json())
  return { plans }
}
