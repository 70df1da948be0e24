import { auth } from "@clerk/nextjs/server";

// Reads the session and echoes it: never stops anyone.
export async function GET() {
  const { userId, orgId } = await auth();
  console.log("request from", userId);
  return Response.json({ userId, orgId });
}
