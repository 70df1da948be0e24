import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

// Allow-by-default: only the admin API is protected here.
const isAdmin = createRouteMatcher(["/api/admin/:path*"]);

export default clerkMiddleware(async (auth, req) => {
  if (isAdmin(req)) await auth.protect({ role: "org:admin" });
});

export const config = {
  matcher: ["/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)", "/(api|trpc)(.*)"],
};
