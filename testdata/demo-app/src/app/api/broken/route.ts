// A half-finished edit: the handler below does not parse.
const secretKey = process.env.CLERK_SECRET_KEY;

export async function POST(req: Request {
  return Response.json({ ok: true });
}
