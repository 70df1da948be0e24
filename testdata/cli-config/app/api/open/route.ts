import { auth } from "@clerk/nextjs/server";

export async function GET() {
  const { userId } = await auth();
  return Response.json({ hello: userId ?? "stranger" });
}

export async function DELETE() {
  return new Response(null, { status: 204 });
}
