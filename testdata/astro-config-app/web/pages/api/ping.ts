// No check: fires.
export const POST = async () => new Response('pong');
