import { Clerk, TokenVerificationError, decodeJwt } from "@clerk/backend";

export const clerk = Clerk({ apiKey: process.env.CLERK_SECRET_KEY });
export { TokenVerificationError, decodeJwt };
