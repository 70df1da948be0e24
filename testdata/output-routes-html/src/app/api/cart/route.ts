import { auth } from "@clerk/nextjs/server";

export async function GET() {
  const { userId } = await auth();
  if (!userId) return new Response("Unauthorized", { status: 401 });
  return Response.json({ userId, items: [] });
}

export async function POST(req: Request) {
  const item = await req.json();
  return Response.json({ added: item });
}
