// Checked inline: silent for missing-auth.
export default defineEventHandler(async (event) => {
  const { userId } = event.context.auth();
  if (!userId) {
    throw createError({ statusCode: 401, statusMessage: 'Unauthorized' });
  }
  return { created: await readBody(event), owner: userId };
});
