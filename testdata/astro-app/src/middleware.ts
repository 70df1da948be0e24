// Clerk protects /dashboard and /api/admin (redirect to sign-in); a second handler in the
// sequence rejects signed-out requests under /api/private with a 401. Every other path only
// gets `locals.auth()` populated.
import { clerkMiddleware, createRouteMatcher } from '@clerk/astro/server';
import { defineMiddleware, sequence } from 'astro:middleware';

const isProtectedRoute = createRouteMatcher(['/dashboard/:path*', '/api/admin/:path*']);

const clerk = clerkMiddleware((auth, context, next) => {
  const { userId, redirectToSignIn } = auth();
  if (isProtectedRoute(context.request) && !userId) {
    return redirectToSignIn();
  }
  return next();
});

const privateApi = defineMiddleware(async (context, next) => {
  if (!context.url.pathname.startsWith('/api/private')) {
    return next();
  }
  const { userId } = context.locals.auth();
  if (!userId) {
    return new Response('Unauthorized', { status: 401 });
  }
  return next();
});

export const onRequest = sequence(clerk, privateApi);
