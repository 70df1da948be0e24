import express from 'express';
import crypto from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'svix';
import { verifyWebhook } from '@clerk/express/webhooks';
import { db } from '../lib/db.js';

const router = express.Router();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

router.post('/clerk', async (req, res) => { // W verifyWebhook
  let evt;
  try {
    evt = await verifyWebhook(req);
  } catch {
    return res.status(400).send('bad signature');
  }
  if (evt.type === 'user.deleted') await db.user.delete({ where: { id: evt.data.id } });
  res.send('ok');
});

router.post('/clerk-legacy', async (req, res) => { // WU: no signature check at all
  const evt = JSON.parse(req.body.toString());
  if (evt.type === 'user.created') await db.user.create({ data: { id: evt.data.id } });
  res.send('ok');
});

router.post('/clerk-svix', async (req, res) => { // W svix Webhook#verify
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET);
  let evt;
  try {
    evt = wh.verify(req.body.toString(), {
      'svix-id': req.headers['svix-id'],
      'svix-timestamp': req.headers['svix-timestamp'],
      'svix-signature': req.headers['svix-signature'],
    });
  } catch {
    return res.status(400).end();
  }
  await db.user.upsert({ where: { id: evt.data.id } });
  res.send('ok');
});

router.post('/stripe', async (req, res) => { // W Stripe constructEvent
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.STRIPE_WEBHOOK_SECRET);
  } catch {
    return res.status(400).end();
  }
  await db.payment.create({ data: { id: event.id } });
  res.json({ received: true });
});

router.post('/github', async (req, res) => { // ✓ HMAC over the body compared with a header
  const expected = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('hex');
  if (req.headers['x-hub-signature-256'] !== expected) return res.sendStatus(401);
  await db.push.create({ data: JSON.parse(req.body.toString()) });
  res.sendStatus(204);
});

export default router;
