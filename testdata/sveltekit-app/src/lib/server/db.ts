// A stand-in for the app's database client.
export const db = {
  note: {
    async list(_userId?: string): Promise<{ id: string }[]> {
      return []
    },
    async rename(_id: string, _name: string): Promise<void> {},
    async remove(_id: string): Promise<void> {},
  },
  user: {
    async all(): Promise<{ id: string }[]> {
      return []
    },
    async remove(_id: string): Promise<void> {},
  },
}
