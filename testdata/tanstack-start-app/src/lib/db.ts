// A stand-in for the app's database client.
export const db = {
  project: {
    async list(_ownerId?: string): Promise<{ id: string }[]> {
      return []
    },
    async create(_ownerId: string, _name: string): Promise<{ id: string }> {
      return { id: 'p1' }
    },
    async remove(_id: string): Promise<void> {},
  },
}
