import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes'
import { flatRoutes } from '@react-router/fs-routes'

export default [
  index('routes/home.tsx'),
  route('sign-in/*', 'routes/sign-in.tsx'),
  route('sign-up/*', 'routes/sign-up.tsx'),
  layout('routes/dashboard-layout.tsx', [
    route('dashboard', 'routes/dashboard.tsx'),
    route('dashboard/reports', 'routes/reports.tsx'),
  ]),
  route('projects/:projectId', 'routes/projects/detail.tsx'),
  route('settings', 'routes/settings.tsx'),
  ...prefix('admin', [index('routes/admin/index.tsx'), route('users/:id?', 'routes/admin/user.tsx')]),
  route('api/webhooks/clerk', 'routes/api/clerk-webhook.ts'),
  route('api/webhooks/billing', 'routes/api/billing-webhook.ts'),
  route('api/cron/cleanup', 'routes/api/cron.ts'),
  // Routes from the file convention under app/docs, merged with the entries above.
  ...(await flatRoutes({ rootDirectory: 'docs' })),
] satisfies RouteConfig
