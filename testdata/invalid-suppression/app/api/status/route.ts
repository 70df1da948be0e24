// clerk-lint-ignore[missing-authz]: typo in the rule id, so nothing is suppressed
export function GET() {
  return Response.json({ up: true });
}
