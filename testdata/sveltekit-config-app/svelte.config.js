import adapter from '@sveltejs/adapter-auto'

// The routes and the server hooks live under `app/`, not `src/`.
export default {
  kit: {
    adapter: adapter(),
    files: { routes: 'app/routes', hooks: { server: 'app/hooks.server' } },
  },
}
