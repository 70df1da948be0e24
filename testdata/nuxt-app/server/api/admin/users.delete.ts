// Under /api/admin: server/middleware/admin-guard.ts rejects signed-out requests: silent.
export default defineEventHandler(async (event) => {
  const { id } = await readBody(event);
  return db.users.remove(id);
});
