import { auth } from "@clerk/nextjs/server";

export class UnauthorizedError extends Error {}

/** Throws unless the caller is signed in; returns the user id. */
export async function requireUserId(): Promise<string> {
  const { userId } = await auth();
  if (!userId) throw new UnauthorizedError("sign in first");
  return userId;
}

/** A wrapper for route handlers. */
export function withUser(handler: (req: Request, userId: string) => Promise<Response>) {
  return async (req: Request) => {
    const { userId } = await auth();
    if (!userId) return new Response("Unauthorized", { status: 401 });
    return handler(req, userId);
  };
}
