// The server directory is `backend/`, and the Clerk module's server middleware is turned
// off; no server middleware of the app runs `clerkMiddleware()`, so `event.context.auth` is
// never set (reported once, at the first endpoint that reads it).
export default defineNuxtConfig({
  modules: ['@clerk/nuxt'],
  serverDir: 'backend',
  clerk: { skipServerMiddleware: true },
});
