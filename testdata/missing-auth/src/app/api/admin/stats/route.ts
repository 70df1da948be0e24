// No check here, but the middleware protects /api/admin/:path*.
export async function GET() {
  return Response.json({ users: 42 });
}
