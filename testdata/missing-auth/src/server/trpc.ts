import { initTRPC, TRPCError } from "@trpc/server";
import { auth } from "@clerk/nextjs/server";

export const createContext = async () => ({ auth: await auth() });

const t = initTRPC.context<typeof createContext>().create();

const isAuthed = t.middleware(({ ctx, next }) => {
  if (!ctx.auth.userId) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { userId: ctx.auth.userId } });
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const protectedProcedure = t.procedure.use(isAuthed);
