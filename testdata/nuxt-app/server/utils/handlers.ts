// Auto-imported handler factory: every handler it builds checks the session first.
import type { H3Event } from 'h3';

export function defineAuthedEventHandler<T>(handler: (event: H3Event, userId: string) => T) {
  return defineEventHandler(async (event) => {
    const { userId } = event.context.auth();
    if (!userId) {
      throw createError({ statusCode: 401, statusMessage: 'Unauthorized' });
    }
    return handler(event, userId);
  });
}
