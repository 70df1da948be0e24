import type { WebhookEvent } from "@clerk/nextjs/server";

// Trusts whatever is posted.
export async function POST(req: Request) {
  const evt = (await req.json()) as WebhookEvent;
  if (evt.type === "user.deleted") {
    await removeAccount(String(evt.data.id));
  }
  return new Response("ok");
}

async function removeAccount(_id: string) {}
