import { auth, clerkClient } from "@clerk/nextjs/server";

export async function GET() {
  const { userId } = await auth();
  if (!userId) {
    return new Response("Unauthorized", { status: 401 });
  }
  // An object on @clerk/nextjs 5 and older, an async function from 6 on.
  const user = await clerkClient.users.getUser(userId);
  return Response.json({ email: user.primaryEmailAddressId });
}
