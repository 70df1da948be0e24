import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isAdmin = createRouteMatcher(["/api/admin/:path*"]);

export default clerkMiddleware(async (auth, req) => {
  if (isAdmin(req)) await auth.protect();
});

export const config = {
  matcher: ["/((?!_next|[^?]*\\.(?:html?|css|js|png|jpg|svg|ico)).*)", "/(api|trpc)(.*)"],
};
