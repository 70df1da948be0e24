// Served at /health (no /api prefix), public by nature: missing-auth unless listed in
// [routes] public.
export default defineEventHandler(() => ({ ok: true }));
