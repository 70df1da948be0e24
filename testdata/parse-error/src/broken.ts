export const legacy = process.env.CLERK_API_KEY;

export function handler(req: Request {
  return new Response("ok");
}
