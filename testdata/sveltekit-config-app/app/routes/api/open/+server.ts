// No check anywhere: fires.
export const POST = async ({ request }) => {
  const body = await request.json()
  return Response.json({ received: body })
}
