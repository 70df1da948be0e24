const publishableKey = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY;
const secret = import.meta.env.VITE_CLERK_SECRET_KEY;
export { publishableKey, secret };
