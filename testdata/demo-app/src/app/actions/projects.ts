"use server";

import { auth } from "@clerk/nextjs/server";

export async function createProject(name: string) {
  const { userId } = await auth();
  if (!userId) throw new Error("Unauthorized");
  return { id: crypto.randomUUID(), name, ownerId: userId };
}

// Every export of a "use server" file is a public endpoint, whatever calls it.
export async function deleteProject(id: string) {
  return { deleted: id };
}
