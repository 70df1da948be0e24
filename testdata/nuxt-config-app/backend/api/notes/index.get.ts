// Checked through the auto-imported helper: silent for missing-auth.
export default defineEventHandler((event) => {
  const userId = requireUserId(event);
  return { owner: userId, notes: [] };
});
