// A local function called `auth` that is not Clerk's proves nothing.
async function auth() {
  return { userId: "demo-user" };
}

export async function GET() {
  const { userId } = await auth();
  if (!userId) return new Response(null, { status: 401 });
  return Response.json({ userId });
}
