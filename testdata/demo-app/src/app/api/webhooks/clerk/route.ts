import type { WebhookEvent } from "@clerk/nextjs/server";

export async function POST(req: Request) {
  const evt = (await req.json()) as WebhookEvent;
  if (evt.type === "user.created") {
    console.log("welcome", evt.data.id);
  }
  return new Response("ok");
}
