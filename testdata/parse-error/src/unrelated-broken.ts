// Broken, but nothing in it concerns Clerk, so clerk-lint never needs to parse it.
export function f( {
