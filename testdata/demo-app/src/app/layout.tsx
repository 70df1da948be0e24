import { ClerkProvider } from "@clerk/nextjs";
import type { ReactNode } from "react";

const afterSignUp = process.env.NEXT_PUBLIC_CLERK_AFTER_SIGN_UP_URL;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider signUpFallbackRedirectUrl={afterSignUp}>
      <html lang="en">
        <body>{children}</body>
      </html>
    </ClerkProvider>
  );
}
