import { auth } from "@clerk/nextjs/server";
import { requireUser } from "../../../../lib/session";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const userId = await requireUser();
  const { id } = await params;
  return Response.json({ id, userId });
}

export async function DELETE() {
  const { userId } = await auth();
  console.log("order deleted by", userId);
  return new Response(null, { status: 204 });
}
