// A Clerk webhook handler that trusts the body: unverified-webhook (not missing-auth).
export default defineEventHandler(async (event) => {
  const evt = await readBody(event);
  if (evt.type === 'user.deleted') await db.users.remove(evt.data.id);
  return 'ok';
});
