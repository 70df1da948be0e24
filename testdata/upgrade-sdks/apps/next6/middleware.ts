import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware({ secretKey: process.env.TENANT_SECRET_KEY });
