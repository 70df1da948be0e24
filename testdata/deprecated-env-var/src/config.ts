// process.env.CLERK_API_KEY in a comment is not a read.
const doc = "set process.env.CLERK_API_KEY"; // nor is a string

export const config = {
  apiKey: process.env.CLERK_API_KEY,
  frontendApi: process.env["NEXT_PUBLIC_CLERK_FRONTEND_API"],
  afterSignIn: import.meta.env.NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL,
  fallback: process.env.NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL,
  doc,
};

const { CLERK_API_KEY: legacyKey, CLERK_SECRET_KEY } = process.env;
export const keys = { legacyKey, CLERK_SECRET_KEY };
