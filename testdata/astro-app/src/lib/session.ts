// A project helper two files away from the endpoints: throws when signed out.
import type { APIContext } from 'astro';

export function requireUserId(context: Pick<APIContext, 'locals'>): string {
  const { userId } = context.locals.auth();
  if (!userId) {
    throw new Response('Unauthorized', { status: 401 });
  }
  return userId;
}
