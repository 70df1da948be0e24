export const key = process.env.CLERK_SECRET_KEY;
