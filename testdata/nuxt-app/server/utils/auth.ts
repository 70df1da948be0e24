// Auto-imported into every server file (no import statement at the call sites).
import type { H3Event } from 'h3';

export function requireUserId(event: H3Event): string {
  const { userId } = event.context.auth();
  if (!userId) {
    throw createError({ statusCode: 401, statusMessage: 'Unauthorized' });
  }
  return userId;
}
