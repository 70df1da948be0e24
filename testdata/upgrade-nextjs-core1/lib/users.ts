import { clerkClient } from "@clerk/nextjs";

// Async: `--fix` writes `(await clerkClient()).users`.
export async function listUsers() {
  const users = await clerkClient.users.getUserList();
  return users.map((u) => u.id);
}

// Not async: a manual step (the function and its callers must become async first).
export function countUsers() {
  return clerkClient.users.getCount();
}
