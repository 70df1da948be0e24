// Object syntax: the `onRequest` hook is the guard: silent.
export default defineEventHandler({
  onRequest: [(event) => { requireUserId(event); }],
  handler: async () => db.notes.list(null),
});
