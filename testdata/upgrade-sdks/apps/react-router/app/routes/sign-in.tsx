import { useSignIn } from "@clerk/react-router";

export default function SignInRoute() {
  const { signIn } = useSignIn();
  return <button onClick={() => signIn?.create({ identifier: "" })}>Go</button>;
}
