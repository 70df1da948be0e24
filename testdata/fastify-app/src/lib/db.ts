// Fixture: a stand-in data layer.
const table = {
  find: async (..._args: unknown[]) => ({}),
  list: async (..._args: unknown[]) => [],
  create: async (..._args: unknown[]) => ({}),
  remove: async (..._args: unknown[]) => ({}),
}
export const db = { profile: table, report: table, note: table, transfer: table, invoice: table, user: table, item: table }
