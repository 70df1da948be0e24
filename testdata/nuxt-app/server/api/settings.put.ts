// Built by the auto-imported guarding factory: silent.
export default defineAuthedEventHandler(async (event, userId) => {
  return db.notes.create({ settings: await readBody(event), userId });
});
