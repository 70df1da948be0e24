import { auth } from "@clerk/nextjs/server";

export const GET = () => {
  auth().protect();
  return Response.json({ userId: auth().userId });
};
