import { Router } from 'express';
import { requireUserLoose, requireSession } from '../middleware/require-user.js';
import { db } from '../lib/db.js';

const billing = Router();

billing.get('/plans', async (_req, res) => res.json(await db.plan.findMany())); // ✗ registered before any guard
billing.use(requireUserLoose); // ✗ guard without `return`: protects nothing below
billing.get('/invoices', async (_req, res) => res.json(await db.invoice.findMany())); // ✗
billing.use(requireSession); // ✓ next(err) on the signed-out path
billing.post('/portal', async (_req, res) => res.json(await db.portal.create())); // ✓ requireSession

export default billing;
