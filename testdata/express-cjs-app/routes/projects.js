const { Router } = require('express');
const { ClerkExpressRequireAuth } = require('@clerk/clerk-sdk-node');
const store = require('../store');

const router = Router();
const strict = ClerkExpressRequireAuth(); // strict: next(err) when signed out

router.get('/', strict, async (req, res) => res.json(await store.list(req.auth.userId))); // ✓ project const bound to ClerkExpressRequireAuth()

router.post('/', async (req, res) => { // ✓ req.auth.userId checked
  if (!req.auth.userId) return res.status(401).end();
  res.status(201).json(await store.create(req.auth.userId, req.body));
});

router.delete('/:id', async (req, res) => { // ~ reads req.auth.userId, never checks it
  await store.remove(req.params.id, req.auth.userId);
  res.sendStatus(204);
});

router.get('/by-owner', async (req, res) => { // ~ unchecked-auth: the id comes from the query string, not the verified session
  res.json(await store.list(req.query.userId));
});

module.exports = router;
