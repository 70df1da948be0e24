import type { APIRoute } from 'astro';
import { db } from '@/lib/db';

// Reads the session for personalisation only: unchecked-auth.
export const ALL: APIRoute = async (context) => {
  const { userId } = context.locals.auth();
  return Response.json({ viewer: userId, notes: await db.notes.list(null) });
};
