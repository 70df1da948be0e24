import { auth, currentUser } from "@clerk/nextjs";

export default function DashboardPage() {
  const { userId } = auth();
  if (!userId) return null;
  return <Greeting />;
}

async function Greeting() {
  const user = await currentUser();
  return <p>Hello {user?.firstName}</p>;
}
