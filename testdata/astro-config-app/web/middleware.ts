// Clerk rejects signed-out requests under /api/private; the app's own middleware copies the
// user onto `locals` for every request.
import { clerkMiddleware, createRouteMatcher } from '@clerk/astro/server';

const isPrivate = createRouteMatcher(['/api/private(.*)']);

export const onRequest = clerkMiddleware(async (auth, context, next) => {
  const { userId, redirectToSignIn } = auth();
  if (isPrivate(context.request) && !userId) {
    return redirectToSignIn();
  }
  context.locals.user = userId ? await context.locals.currentUser() : null;
  return next();
});
