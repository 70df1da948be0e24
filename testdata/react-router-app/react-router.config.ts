import type { Config } from '@react-router/dev/config'

// The `v8_middleware` future flag is NOT on, so the `middleware` export of app/root.tsx never
// runs: expected a middleware-matcher-gap finding at that export.
export default {
  ssr: true,
} satisfies Config
