export interface Notes {
  list(): Promise<string[]>
  add(text: string): Promise<void>
}

export class GuestNotes implements Notes {
  list = async () => [] as string[]
  add = async (_text: string) => {
    throw new Error('sign in to add notes')
  }
}

export class MemberNotes implements Notes {
  constructor(private readonly owner: string) {}
  list = async () => [`notes of ${this.owner}`]
  add = async (_text: string) => {}
}
