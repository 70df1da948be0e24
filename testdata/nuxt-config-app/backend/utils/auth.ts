// Auto-imported into every server file.
export function requireUserId(event: any) {
  const { userId } = event.context.auth();
  if (!userId) {
    throw createError({ statusCode: 401, statusMessage: 'Unauthorized' });
  }
  return userId;
}
