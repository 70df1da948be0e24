import { SignIn } from "@clerk/nextjs";

export default function Page() {
  // Renamed together with the redirect variables and the provider's props, or not at all.
  return <SignIn afterSignInUrl={"/dashboard"} />;
}
