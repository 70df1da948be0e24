// Covered by the middleware: silent.
export const GET = () => Response.json({ rows: [] });
