// clerk-lint-ignore[missing-auth]
export function GET() {
  return Response.json({ ok: true });
}
