export function createMemberRepo() {
  return {
    list: async () => [] as { id: string }[],
    remove: async (id: string) => id,
  }
}
