import { clerkMiddleware, createRouteMatcher } from "@clerk/nuxt/server";

const isAdmin = createRouteMatcher(["/admin/:path*"]);
export default clerkMiddleware((event) => {
  if (isAdmin(event)) event.context.auth().has({ role: "org:admin" });
});
