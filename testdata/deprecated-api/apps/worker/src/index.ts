import { setClerkApiKey, users } from "@clerk/clerk-sdk-node";

setClerkApiKey(process.env.CLERK_SECRET_KEY ?? "");
export const list = () => users.getUserList();
