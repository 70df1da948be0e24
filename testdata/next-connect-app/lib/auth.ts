import type { NextApiRequest, NextApiResponse } from 'next';
import { getAuth } from '@clerk/nextjs/server';

// ✓ A connect-style guard: 401 and no next() when signed out.
export async function requireUser(req: NextApiRequest, res: NextApiResponse, next: () => Promise<void>) {
  const { userId } = getAuth(req);
  if (!userId) {
    return res.status(401).json({ error: 'Unauthorized' });
  }
  await next();
}
