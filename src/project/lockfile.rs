//! Resolved package versions from `package-lock.json`, `pnpm-lock.yaml`, `yarn.lock` and `bun.lock`.
