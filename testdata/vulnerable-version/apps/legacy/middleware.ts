import { authMiddleware } from "@clerk/nextjs";

// Protects every route but "/": skipping the middleware (CVE-2025-29927) skips the check.
export default authMiddleware({ publicRoutes: ["/"] });

export const config = {
  matcher: ["/((?!.+\\.[\\w]+$|_next).*)", "/", "/(api|trpc)(.*)"],
};
