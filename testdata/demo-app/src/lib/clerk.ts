import { createClerkClient } from "@clerk/nextjs/server";

// Older setups used process.env.CLERK_API_KEY; this comment must not be reported.
export const clerk = createClerkClient({
  secretKey: process.env.CLERK_API_KEY,
});

export const signInUrl = process.env.NEXT_PUBLIC_CLERK_SIGN_IN_URL ?? "/sign-in";
