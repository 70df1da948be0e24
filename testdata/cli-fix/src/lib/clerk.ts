import { createClerkClient } from "@clerk/nextjs/server";

// The API key was renamed to the secret key in Core 2 (same value).
export const clerk = createClerkClient({ apiKey: process.env.CLERK_API_KEY });

export const welcomePath = process.env.NEXT_PUBLIC_CLERK_AFTER_SIGN_UP_URL ?? "/";
