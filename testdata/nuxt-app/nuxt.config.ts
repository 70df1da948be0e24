// The Clerk module installs a server middleware that only attaches `event.context.auth`.
export default defineNuxtConfig({
  modules: ['@clerk/nuxt'],
});
