import { z } from "zod";
import { router, publicProcedure, protectedProcedure } from "./trpc";

export const projectRouter = router({
  list: protectedProcedure.query(({ ctx }) => ({ owner: ctx.userId })),
  // Public: anyone can wipe every project.
  wipe: publicProcedure.mutation(() => ({ wiped: true })),
  rename: publicProcedure.input(z.object({ id: z.string() })).mutation(({ ctx, input }) => {
    if (!ctx.auth.userId) throw new Error("Unauthorized");
    return { id: input.id };
  }),
});

export const appRouter = router({ project: projectRouter });
