import { auth } from "@clerk/nextjs/server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";

export default async function Dashboard() {
  const { userId } = await auth();
  if (!userId) redirect("/sign-in");
  return (
    <form
      action={async (form: FormData) => {
        "use server";
        // The page's check does not run when this action is called.
        await db.project.create({ data: { name: String(form.get("name")) } });
      }}
    >
      <input name="name" />
    </form>
  );
}
