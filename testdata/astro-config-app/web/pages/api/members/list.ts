// Covered by `requireMember` in web/middleware/members.ts: silent.
export const GET = () => Response.json({ members: [] });
