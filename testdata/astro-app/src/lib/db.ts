// A stand-in data layer for the fixture.
export const db = {
  notes: {
    list: async (owner: string | null) => [{ id: '1', owner }],
    create: async (data: unknown) => ({ id: '2', data }),
    remove: async (id: string) => ({ id }),
  },
  users: { remove: async (id: string) => ({ id }) },
};
