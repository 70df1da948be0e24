import { ClerkProvider, SignedIn, SignedOut, SignIn, SignOutButton, UserButton } from "@clerk/nextjs";
import { SignUp } from "../components/sign-up";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider afterSignInUrl="/dashboard">
      <html lang="en">
        <body>
          <SignedIn>
            <UserButton afterSignOutUrl="/" />
          </SignedIn>
          <SignedOut>
            <SignIn redirectUrl="/home" />
            {/* Current API: the sign-out button's redirectUrl is not the legacy prop. */}
            <SignOutButton redirectUrl="/" />
            {/* The app's own component, not Clerk's: its props are its business. */}
            <SignUp afterSignUpUrl="/welcome" />
          </SignedOut>
          {children}
        </body>
      </html>
    </ClerkProvider>
  );
}
