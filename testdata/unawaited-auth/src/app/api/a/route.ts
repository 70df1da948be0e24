import { auth } from "@clerk/nextjs/server";

// Fails open: `userId` is undefined, never null.
export async function GET() {
  const { userId } = auth();
  if (userId === null) return new Response("Unauthorized", { status: 401 });
  return Response.json({ secret: 42 });
}
