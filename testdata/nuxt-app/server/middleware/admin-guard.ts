// Rejects signed-out requests under /api/admin; other paths pass through.
export default defineEventHandler((event) => {
  if (!event.path.startsWith('/api/admin')) {
    return;
  }
  const { userId } = event.context.auth();
  if (!userId) {
    throw createError({ statusCode: 401, statusMessage: 'Unauthorized' });
  }
});
