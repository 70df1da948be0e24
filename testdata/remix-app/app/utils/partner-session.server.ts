import { redirect } from '@remix-run/node'
import { getAuth } from 'firebase-admin/auth'

// Partners sign in with Firebase, not Clerk: their session cookie is verified by Firebase
// Admin (which throws on a bad or expired cookie).
const partnerAuth = getAuth()

export async function partnerSession(request: Request) {
  try {
    return await partnerAuth.verifySessionCookie(readCookie(request, 'partner') ?? '')
  } catch {
    return { uid: undefined }
  }
}

export async function requirePartner(request: Request) {
  const { uid } = await partnerSession(request)
  if (!uid) throw redirect('/partners/sign-in')
  return uid
}

// The partner sign-in page sends partners who already have a session to their portal.
export async function leaveIfPartner(request: Request) {
  const state = await partnerState(request)
  if (state.authenticated) throw redirect('/partners')
  return state
}

async function partnerState(request: Request) {
  const { uid } = await partnerSession(request)
  if (!uid) return { authenticated: false }
  return { authenticated: true }
}

function readCookie(request: Request, name: string) {
  const header = request.headers.get('cookie') ?? ''
  const hit = header.split('; ').find((c) => c.startsWith(`${name}=`))
  return hit?.slice(name.length + 1)
}
