import { getAuth } from "@clerk/tanstack-start/server";

export async function me(request: Request) {
  const { userId } = await getAuth(request);
  return userId;
}
