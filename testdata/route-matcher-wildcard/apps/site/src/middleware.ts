import { clerkMiddleware, createRouteMatcher } from "@clerk/astro/server";

const isProtectedPage = createRouteMatcher(["/account(.*)"]);

export const onRequest = clerkMiddleware((auth, context) => {
  if (isProtectedPage(context.request) && !auth().userId) {
    return auth().redirectToSignIn();
  }
});
