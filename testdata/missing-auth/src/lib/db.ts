export const db = {
  project: {
    async findMany(_q: unknown) { return []; },
    async create(_q: unknown) { return {}; },
    async delete(_q: unknown) { return {}; },
  },
};
