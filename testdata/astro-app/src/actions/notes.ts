import { defineAction, ActionError } from 'astro:actions';
import { z } from 'astro:schema';
import { db } from '@/lib/db';

export const notes = {
  // Checks the session in the handler: silent.
  create: defineAction({
    input: z.object({ body: z.string() }),
    handler: async (input, context) => {
      const { userId } = context.locals.auth();
      if (!userId) throw new ActionError({ code: 'UNAUTHORIZED' });
      return db.notes.create({ ...input, userId });
    },
  }),
  // No check: missing-auth at its key in src/actions/index.ts.
  remove: defineAction({
    input: z.object({ id: z.string() }),
    handler: async ({ id }) => db.notes.remove(id),
  }),
};
