import { ClerkProvider, SignedIn, useOrganizations, withUser } from "@clerk/clerk-react";

const Profile = withUser(({ user }) => <p>{user.firstName}</p>);

export function App({ go }: { go: (to: string) => void }) {
  const { organizationList } = useOrganizations();
  return (
    <ClerkProvider frontendApi={import.meta.env.VITE_CLERK_FRONTEND_API} navigate={go}>
      <SignedIn>
        <Profile />
        {organizationList?.length}
      </SignedIn>
    </ClerkProvider>
  );
}
