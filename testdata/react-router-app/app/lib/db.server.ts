// A stand-in for the app's database client.
type Row = { id: string; ownerId: string; name: string }

export const db = {
  project: {
    async findMany(_q: unknown): Promise<Row[]> {
      return []
    },
    async findUnique(_q: unknown): Promise<Row | null> {
      return null
    },
    async update(_q: unknown): Promise<Row | null> {
      return null
    },
    async delete(_q: unknown): Promise<void> {},
  },
  user: {
    async findUnique(_q: unknown): Promise<{ id: string; role: string } | null> {
      return null
    },
    async delete(_q: unknown): Promise<void> {},
  },
  feedback: {
    async create(_q: unknown): Promise<{ id: string }> {
      return { id: 'f1' }
    },
  },
}
