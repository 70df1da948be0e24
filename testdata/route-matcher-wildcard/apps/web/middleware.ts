import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

// `(.*)` right after a name: `/api/webhooks(.*)` also opens `/api/webhooks-admin`;
// `/sign-in(.*)` has no sibling route here, so it is left alone.
const isPublicRoute = createRouteMatcher([
  "/",
  "/sign-in(.*)",
  "/sign-up/:path*",
  "/api/webhooks(.*)",
  "/(.*)/public",
  "/org/:slug(.*)",
]);

export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) {
    await auth.protect();
  }
});

export const config = {
  matcher: ["/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)", "/(api|trpc)(.*)"],
};
