import { auth } from "@clerk/nextjs/server";
import { db } from "@/lib/db";
import { requireUserId as mustBeSignedIn } from "@/lib";

// Protected inline.
export async function GET() {
  const { userId } = await auth();
  if (!userId) {
    return new Response("Unauthorized", { status: 401 });
  }
  return Response.json(await db.project.findMany({ where: { ownerId: userId } }));
}

// Protected by a helper two files away (barrel + tsconfig path).
export async function POST(req: Request) {
  const ownerId = await mustBeSignedIn();
  return Response.json(await db.project.create({ data: { ...(await req.json()), ownerId } }));
}
