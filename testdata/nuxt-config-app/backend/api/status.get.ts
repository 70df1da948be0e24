// No check: fires.
export default defineEventHandler(() => ({ ok: true, version: '1.0.0' }));
