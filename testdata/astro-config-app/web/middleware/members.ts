import { defineMiddleware } from 'astro:middleware';

export const requireMember = defineMiddleware(async (context, next) => {
  if (!context.url.pathname.startsWith('/api/members')) {
    return next();
  }
  if (!context.locals.auth().userId) {
    return new Response('Unauthorized', { status: 401 });
  }
  return next();
});
