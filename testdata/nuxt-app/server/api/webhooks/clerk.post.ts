import { Webhook } from 'svix';

// Verified with svix: silent.
export default defineEventHandler(async (event) => {
  const payload = await readRawBody(event) ?? '';
  const headers = getHeaders(event);
  const evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(payload, {
    'svix-id': headers['svix-id'] ?? '',
    'svix-timestamp': headers['svix-timestamp'] ?? '',
    'svix-signature': headers['svix-signature'] ?? '',
  }) as { type: string; data: { id: string } };
  if (evt.type === 'user.deleted') await db.users.remove(evt.data.id);
  return 'ok';
});
