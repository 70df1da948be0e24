import { auth } from "@clerk/nextjs/server";

// Fails closed (everyone gets 401), still a bug.
export async function GET() {
  const { userId } = auth();
  if (!userId) return new Response("Unauthorized", { status: 401 });
  return Response.json({ userId });
}
