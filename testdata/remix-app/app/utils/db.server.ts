// A stand-in for the app's database client.
export const db = {
  note: {
    async findMany(_q: unknown): Promise<{ id: string }[]> {
      return []
    },
    async create(_q: unknown): Promise<{ id: string }> {
      return { id: 'n1' }
    },
    async delete(_q: unknown): Promise<void> {},
  },
  invoice: {
    async findMany(_q: unknown): Promise<{ id: string }[]> {
      return []
    },
  },
  order: {
    async findMany(_q: unknown): Promise<{ id: string }[]> {
      return []
    },
    async findUnique(_q: unknown): Promise<{ id: string } | null> {
      return null
    },
    async delete(_q: unknown): Promise<void> {},
  },
  payout: {
    async findMany(_q: unknown): Promise<{ id: string }[]> {
      return []
    },
  },
}
