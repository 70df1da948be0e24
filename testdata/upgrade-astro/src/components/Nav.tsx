import { SignInButton, UserButton } from "@clerk/astro/react";

export function Nav() {
  return (
    <nav>
      <SignInButton />
      <UserButton afterSignOutUrl="/" />
    </nav>
  );
}
