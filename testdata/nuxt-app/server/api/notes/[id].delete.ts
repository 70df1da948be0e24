// No check (the Clerk module only attaches auth): missing-auth.
export default defineEventHandler(async (event) => {
  return db.notes.remove(getRouterParam(event, 'id')!);
});
