// One catch-all file, many endpoints: each .get/.post is judged on its own.
// ✓ = protected (silent), ✗ = missing-auth.
import type { NextApiRequest, NextApiResponse } from 'next';
import { createRouter } from 'next-connect';
import { getAuth } from '@clerk/nextjs/server';
import { requireUser } from '../../../lib/auth';

const router = createRouter<NextApiRequest, NextApiResponse>();

router.get('/api/notes', async (_req, res) => { // ✗ nothing checks the caller
  res.json([]);
});

router.get('/api/notes/:id', requireUser, async (req, res) => { // ✓ requireUser in its own chain
  res.json({ id: req.query.id });
});

router.delete('/api/notes/:id', async (req, res) => { // ✓ inline getAuth check
  const { userId } = getAuth(req);
  if (!userId) return res.status(401).end();
  res.status(204).end();
});

router.post('/api/notes', async (_req, res) => { // ✗
  res.status(201).json({});
});

export default router.handler();
