import { SignIn } from "@clerk/nextjs";

export function SignInPage() {
  return <SignIn afterSignInUrl="/dashboard" />;
}
