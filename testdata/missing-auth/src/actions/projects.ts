"use server";

import { auth } from "@clerk/nextjs/server";
import { db } from "@/lib/db";

export async function archiveProject(id: string) {
  const { userId } = await auth();
  if (!userId) throw new Error("Unauthorized");
  await db.project.delete({ where: { id, ownerId: userId } });
}

// Looks like a helper, but every export of a 'use server' file is a public action.
export async function projectsFor(ownerId: string) {
  return db.project.findMany({ where: { ownerId } });
}

export async function renameProject(id: string, name: string) {
  await auth.protect();
  return db.project.create({ data: { id, name } });
}
