// Covered by the hook guard in app/hooks.server.ts: silent.
export const DELETE = async ({ locals }) => {
  await locals.memberRepo.remove('all')
  return new Response(null, { status: 204 })
}
