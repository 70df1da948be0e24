import type { APIRoute } from 'astro';
import { db } from '@/lib/db';

// DELETE: no check, and the middleware only populates auth for /api/notes: missing-auth.
export const DELETE: APIRoute = async ({ params }) => {
  return Response.json(await db.notes.remove(params.id!));
};

// A lower-case export is not routed on Astro 4+: not an endpoint.
export const get: APIRoute = async () => new Response('never served');
