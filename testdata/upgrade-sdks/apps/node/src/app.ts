import { ClerkExpressRequireAuth, setClerkApiKey } from "@clerk/clerk-sdk-node";

setClerkApiKey(process.env.CLERK_SECRET_KEY);
export const protect = ClerkExpressRequireAuth({ apiKey: process.env.CLERK_SECRET_KEY });
