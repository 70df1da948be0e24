import { json, type LoaderFunctionArgs } from '@remix-run/node'

// Expected: missing-auth at `/:lang?/pricing` (public on purpose: an allowlist candidate).
export async function loader({ params }: LoaderFunctionArgs) {
  return json({ lang: params.lang ?? 'en', plans: ['free', 'pro'] })
}
