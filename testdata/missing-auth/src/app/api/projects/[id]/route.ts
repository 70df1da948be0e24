import { requireUserId } from "@/lib";
import { db } from "@/lib/db";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  await requireUserId();
  return Response.json(await db.project.findMany({ where: { id: (await params).id } }));
}

// Not protected: anyone can delete any project.
export const DELETE = async (_req: Request, { params }: { params: Promise<{ id: string }> }) => {
  await db.project.delete({ where: { id: (await params).id } });
  return new Response(null, { status: 204 });
};
