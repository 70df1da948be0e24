export function SignUp(props: { afterSignUpUrl: string }) {
  return <a href={`/sign-up?next=${props.afterSignUpUrl}`}>Sign up</a>;
}
