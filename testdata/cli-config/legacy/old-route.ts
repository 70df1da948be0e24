export const key = process.env.CLERK_API_KEY;
