// The auto-imported helper from server/utils throws when signed out: silent.
export default defineEventHandler(async (event) => {
  const userId = requireUserId(event);
  return db.notes.create({ ...(await readBody(event)), userId });
});
