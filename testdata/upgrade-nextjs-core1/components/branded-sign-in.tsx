import { SignIn, useClerk } from "@clerk/nextjs";

export const localization = {
  signIn: { start: { title: "Welcome back" } },
  formFieldLabel__emailAddress_phoneNumber: "Email or phone",
};

export function BrandedSignIn() {
  const clerk = useClerk();
  const sso = () =>
    clerk.client?.signIn.authenticateWithRedirect({
      strategy: "saml",
      redirectUrl: "/sso-callback",
      redirectUrlComplete: "/",
    });
  return (
    <div onClick={sso}>
      <SignIn appearance={{ elements: { card: "shadow-none", socialButtonsBlockButtonArrow: "hidden" } }} />
    </div>
  );
}
