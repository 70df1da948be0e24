// A router-level guard: .use(requireUser) covers the routes registered after it.
import type { NextApiRequest, NextApiResponse } from 'next';
import { createRouter } from 'next-connect';
import { requireUser } from '../../../lib/auth';

const router = createRouter<NextApiRequest, NextApiResponse>();

router
  .get((_req, res) => { // ✗ registered before the guard
    res.json([]);
  })
  .use(requireUser)
  .post((_req, res) => { // ✓ covered by .use(requireUser)
    res.status(201).json({});
  })
  .put((_req, res) => { // ✓ covered by .use(requireUser)
    res.status(200).json({});
  });

export default router.handler({
  onError: (_err, _req, res) => {
    res.status(500).end();
  },
});
