export async function POST(req: Request) {
  const { email } = await req.json();
  return Response.json({ subscribed: email });
}
