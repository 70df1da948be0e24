import type { APIRoute } from 'astro';
import { db } from '@/lib/db';

// A Clerk webhook handler that trusts the body: unverified-webhook (not missing-auth).
export const POST: APIRoute = async ({ request }) => {
  const evt = await request.json();
  if (evt.type === 'user.deleted') await db.users.remove(evt.data.id);
  return new Response('ok');
};
