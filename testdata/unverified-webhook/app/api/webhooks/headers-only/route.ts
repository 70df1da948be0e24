// Checking that the header is present proves nothing.
export async function POST(req: Request) {
  if (!req.headers.get("svix-signature")) return new Response("missing", { status: 400 });
  const evt = await req.json();
  return new Response(evt.type);
}
