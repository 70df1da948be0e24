export async function GET() {
  return new Response("<svg/>", { headers: { "content-type": "image/svg+xml" } });
}
