// A flat route under app/docs (registered by flatRoutes() in routes.ts): public docs index.
// Expected: missing-auth on the loader (it checks nothing; mark it public in the config if
// that is intended).
export async function loader() {
  return { sections: ['getting-started', 'api'] }
}

export default function DocsIndex() {
  return null
}
