import { auth } from "@clerk/nextjs/server";

// The rejection arrives after the response.
export async function DELETE() {
  auth.protect();
  return new Response(null, { status: 204 });
}
