import type { APIRoute } from 'astro';
import { db } from '@/lib/db';

// Under /api/admin: the middleware redirects signed-out requests: silent.
export const DELETE: APIRoute = async ({ request }) => {
  const { id } = await request.json();
  return Response.json(await db.users.remove(id));
};
