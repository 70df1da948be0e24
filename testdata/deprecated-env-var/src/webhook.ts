import { Webhook } from "svix";

export function verifier() {
  return new Webhook(process.env.WEBHOOK_SECRET ?? "");
}
