import { ClerkProvider, UserButton } from '@clerk/nextjs'

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider afterSignInUrl="/dashboard" afterSignUpUrl='/welcome'>
      <html lang="en">
        <body>
          <UserButton />
          {children}
        </body>
      </html>
    </ClerkProvider>
  )
}
