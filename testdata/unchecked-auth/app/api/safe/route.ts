import { currentUserId } from "../../../lib/session";

export async function GET() {
  const userId = await currentUserId();
  if (!userId) return new Response("Unauthorized", { status: 401 });
  return Response.json({ owner: userId });
}
