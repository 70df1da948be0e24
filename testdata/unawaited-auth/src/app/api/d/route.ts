import { auth } from "@clerk/nextjs/server";

// Correct.
export async function GET() {
  const { userId } = await auth();
  if (!userId) return new Response("Unauthorized", { status: 401 });
  return Response.json({ userId });
}

export async function POST() {
  return auth.protect().then(() => new Response("ok"));
}
