// Inline check: silent.
export default defineEventHandler(async (event) => {
  const { isAuthenticated, userId } = event.context.auth();
  if (!isAuthenticated) {
    throw createError({ statusCode: 401, statusMessage: 'Unauthorized' });
  }
  return db.notes.list(userId);
});
