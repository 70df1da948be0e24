import { defineConfig } from 'astro/config';
import clerk from '@clerk/astro';
import node from '@astrojs/node';

export default defineConfig({
  integrations: [clerk()],
  adapter: node({ mode: 'standalone' }),
  output: 'server',
});
