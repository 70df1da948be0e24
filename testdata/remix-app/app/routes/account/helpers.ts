// A helper module inside a folder route: not a route module.
export function formatName(first: string, last: string) {
  return `${first} ${last}`
}
