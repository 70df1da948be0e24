// Clerk rejects signed-out requests under /api/private; the app's own middleware copies the
// user onto `locals` for every request; `requireMember` (its own module) rejects signed-out
// requests under /api/members.
import { clerkMiddleware, createRouteMatcher } from '@clerk/astro/server';
import { sequence } from 'astro:middleware';
import { requireMember } from './members';

const isPrivate = createRouteMatcher(['/api/private(.*)']);

const clerk = clerkMiddleware(async (auth, context, next) => {
  const { userId, redirectToSignIn } = auth();
  if (isPrivate(context.request) && !userId) {
    return redirectToSignIn();
  }
  context.locals.user = userId ? await context.locals.currentUser() : null;
  return next();
});

export const onRequest = sequence(clerk, requireMember);
