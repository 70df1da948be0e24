import { auth } from "@clerk/nextjs/server";

// clerk-lint-ignore[missing-auth]: public until the auth migration (it happened)
export async function GET() {
  await auth.protect();
  return Response.json({ items: [] });
}

export async function POST() {
  return Response.json({ created: true }); // clerk-lint-ignore[missing-auth]: suppresses the line it ends, not the handler above
}

// clerk-lint-ignore[missing-auth, unchecked-auth]: demo endpoint, echoes the session
export async function PUT() {
  return Response.json({ ok: true });
}
