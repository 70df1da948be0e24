import { rootAuthLoader } from "@clerk/remix/ssr.server";
import { ClerkApp, ClerkErrorBoundary } from "@clerk/remix";

export const loader = (args) =>
  rootAuthLoader(args, { apiKey: process.env.CLERK_API_KEY, afterSignInUrl: "/home" });

export const ErrorBoundary = ClerkErrorBoundary();
export default ClerkApp(() => null);
