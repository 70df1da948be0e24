import { ClerkProvider, Clerk } from "@clerk/clerk-expo";

export default function Layout() {
  Clerk.load();
  return <ClerkProvider frontendApi="clerk.fake-app.lcl.dev">{null}</ClerkProvider>;
}
