import { defineAction } from 'astro:actions';
import { z } from 'astro:schema';
import { notes } from './notes';

export const server = {
  notes,
  // Anyone can subscribe anyone: missing-auth (endpoint /_actions/subscribe).
  subscribe: defineAction({
    input: z.object({ email: z.string().email() }),
    handler: async ({ email }) => ({ subscribed: email }),
  }),
};
