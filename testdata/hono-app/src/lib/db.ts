// Fixture: a stand-in data layer.
const table = {
  find: async (..._args: unknown[]) => ({}),
  list: async (..._args: unknown[]) => [],
  create: async (..._args: unknown[]) => ({}),
  remove: async (..._args: unknown[]) => ({}),
}
export const db = { user: table, ticket: table, project: table, bookmark: table, item: table, prefs: table, job: table }
