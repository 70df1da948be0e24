// Stand-in for a data store.
module.exports = {
  list: async () => [],
  create: async () => ({}),
  remove: async () => undefined,
  findApiKey: async () => null,
};
