import { Webhook } from "svix";
import type { WebhookEvent } from "@clerk/nextjs/server";

export async function POST(req: Request) {
  const payload = await req.text();
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET ?? "");
  let evt: WebhookEvent;
  try {
    evt = wh.verify(payload, {
      "svix-id": req.headers.get("svix-id") ?? "",
      "svix-timestamp": req.headers.get("svix-timestamp") ?? "",
      "svix-signature": req.headers.get("svix-signature") ?? "",
    }) as WebhookEvent;
  } catch {
    return new Response("Invalid signature", { status: 400 });
  }
  if (evt.type === "user.created") {
    console.log("new user", evt.data.id);
  }
  return new Response("ok");
}
