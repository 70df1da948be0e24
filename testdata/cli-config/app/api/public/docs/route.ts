export function GET() {
  return new Response("docs");
}
