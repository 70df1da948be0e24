// Protects /dashboard and /api/admin for signed-out requests; every other path only gets
// `locals.auth()` populated.
import { clerkMiddleware, createRouteMatcher } from '@clerk/astro/server';

const isProtectedRoute = createRouteMatcher(['/dashboard/:path*', '/api/admin/:path*']);

export const onRequest = clerkMiddleware((auth, context, next) => {
  const { userId, redirectToSignIn } = auth();
  if (isProtectedRoute(context.request) && !userId) {
    return redirectToSignIn();
  }
  return next();
});
