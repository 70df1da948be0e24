import { clerkMiddleware } from "@clerk/nextjs/server";

// Populate-only: authenticates requests, protects nothing.
export const proxy = clerkMiddleware();

export const config = { matcher: ["/((?!_next|.*\\..*).*)", "/(api|trpc)(.*)"] };
