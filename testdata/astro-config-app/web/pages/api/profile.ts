import type { APIRoute } from 'astro';

// `context.locals.user` is what the middleware copied from the session: checked, silent.
export const GET: APIRoute = async (context) => {
  if (!context.locals.user) {
    return new Response('Unauthorized', { status: 401 });
  }
  return Response.json({ id: context.locals.user.id });
};

// `locals.db` is a service, not an identity: testing it checks nobody. Fires.
export const DELETE: APIRoute = async ({ locals }) => {
  if (!locals.db) {
    return new Response('Unavailable', { status: 503 });
  }
  await locals.db.profiles.clear();
  return new Response(null, { status: 204 });
};
