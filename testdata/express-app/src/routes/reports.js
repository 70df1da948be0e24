import { requireAuth } from '@clerk/express';
import { db } from '../lib/db.js';

// A router factory: called as `mountReports(app)` in server.js.
export function mountReports(app) {
  app.get('/api/reports', requireAuth(), async (_req, res) => res.json(await db.report.findMany())); // ✓
  app.get('/api/reports/public', async (_req, res) => res.json(await db.report.findMany())); // ✗
}
