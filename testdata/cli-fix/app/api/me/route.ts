import { auth, currentUser } from "@clerk/nextjs"; // moved to /server in Core 2

export async function GET() {
  const { userId } = await auth();
  if (!userId) {
    return new Response("Unauthorized", { status: 401 });
  }
  const user = await currentUser();
  return Response.json({ id: user?.id });
}
