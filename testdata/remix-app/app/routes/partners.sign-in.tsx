import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { leaveIfPartner } from '~/utils/partner-session.server'

// A sign-in page: its helper sends signed-in partners away (an inverse check), which counts as
// checked. No missing-auth on either export.
export async function loader({ request }: LoaderFunctionArgs) {
  await leaveIfPartner(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  await leaveIfPartner(request)
  return null
}
