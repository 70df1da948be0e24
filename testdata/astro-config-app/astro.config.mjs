import { defineConfig } from 'astro/config';
import clerk from '@clerk/astro';
import node from '@astrojs/node';

// Pages, middleware and actions live under `web/`, not `src/`.
export default defineConfig({
  srcDir: './web',
  integrations: [clerk()],
  adapter: node({ mode: 'standalone' }),
  output: 'server',
});
