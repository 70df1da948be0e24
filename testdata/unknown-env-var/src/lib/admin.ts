export const adminUserId = process.env.CLERK_ADMIN_USER_ID;
