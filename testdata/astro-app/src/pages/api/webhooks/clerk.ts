import type { APIRoute } from 'astro';
import { Webhook } from 'svix';
import { db } from '@/lib/db';

// Verified with svix before anything runs: silent.
export const POST: APIRoute = async ({ request }) => {
  const payload = await request.text();
  const headers = {
    'svix-id': request.headers.get('svix-id') ?? '',
    'svix-timestamp': request.headers.get('svix-timestamp') ?? '',
    'svix-signature': request.headers.get('svix-signature') ?? '',
  };
  let evt: { type: string; data: { id: string } };
  try {
    evt = new Webhook(import.meta.env.CLERK_WEBHOOK_SIGNING_SECRET).verify(payload, headers) as typeof evt;
  } catch {
    return new Response('bad signature', { status: 400 });
  }
  if (evt.type === 'user.deleted') await db.users.remove(evt.data.id);
  return new Response('ok');
};
