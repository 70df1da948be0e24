// A stale copy at the project root: the app uses src/, so Next.js never runs this one.
import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();
