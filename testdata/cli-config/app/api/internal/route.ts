import { checkApiKey } from "../../../lib/api-key";

export async function POST(req: Request) {
  checkApiKey(req);
  return Response.json({ ok: true });
}
