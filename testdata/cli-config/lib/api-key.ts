export function checkApiKey(req: Request) {
  const key = req.headers.get("x-api-key");
  if (!key) throw new Error("no key");
}
