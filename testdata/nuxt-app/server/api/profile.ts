import { getAuth } from '@clerk/nuxt/server';

// Older `getAuth(event)` (removed in @clerk/nuxt 2) with a check: silent.
export default eventHandler((event) => {
  const { userId } = getAuth(event);
  if (!userId) {
    setResponseStatus(event, 401);
    return { error: 'Unauthorized' };
  }
  return { userId };
});
