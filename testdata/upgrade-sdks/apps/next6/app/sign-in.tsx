"use client";
import { useSignIn, SignedOut } from "@clerk/nextjs";

export default function Page() {
  const { isLoaded } = useSignIn();
  return <SignedOut>{String(isLoaded)}</SignedOut>;
}
