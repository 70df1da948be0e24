import { auth } from "@clerk/nextjs/server";

/** Returns the signed-in user's id, or null. The caller must check it. */
export async function currentUserId() {
  const { userId } = await auth();
  return userId;
}
