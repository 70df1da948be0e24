"use server";

import { auth } from "@clerk/nextjs/server";

export async function updateProfile(name: string) {
  const { userId } = await auth();
  if (!userId) throw new Error("Unauthorized");
  return { userId, name };
}

export async function subscribe(email: string) {
  return { subscribed: email };
}
