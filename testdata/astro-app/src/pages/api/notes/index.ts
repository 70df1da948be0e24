import type { APIRoute } from 'astro';
import { db } from '@/lib/db';
import { requireUserId } from '@/lib/session';

// GET: inline `locals.auth()` check: silent.
export const GET: APIRoute = async ({ locals }) => {
  const { isAuthenticated, userId } = locals.auth();
  if (!isAuthenticated) {
    return new Response('Unauthorized', { status: 401 });
  }
  return Response.json(await db.notes.list(userId));
};

// POST: the project helper throws when signed out: silent.
export const POST: APIRoute = async (context) => {
  const userId = requireUserId(context);
  return Response.json(await db.notes.create({ ...(await context.request.json()), userId }));
};
