import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

// Routes outside app/routes, registered through the plugin's `routes` option; the file
// convention under app/routes stays on (no `ignoredRouteFiles: ['**/*']`).
export default defineConfig({
  plugins: [
    remix({
      routes(defineRoutes) {
        return defineRoutes((route) => {
          route('legacy/orders', 'legacy/orders.tsx', () => {
            route(':orderId', 'legacy/order.tsx')
          })
        })
      },
    }),
  ],
})
