// Express fixture: every registration is commented with the expected verdict.
// ✓ = protected (silent), ✗ = missing-auth, ~ = unchecked-auth, W = webhook (silent), WU = unverified-webhook.
import express from 'express';
import { clerkMiddleware, getAuth } from '@clerk/express';
import notesRouter from './routes/notes.js';
import adminRouter from './routes/admin.js';
import billingRouter from './routes/billing.js';
import webhooksRouter from './routes/webhooks.js';
import { mountReports } from './routes/reports.js';
import { requireUser } from './middleware/require-user.js';
import { listSettings, lateHandler } from './controllers/settings.js';

const app = express();

// Webhook deliveries carry no session: mounted before the JSON parser with a raw body.
app.use('/webhooks', express.raw({ type: 'application/json' }), webhooksRouter);

app.use(express.json());
app.use(clerkMiddleware()); // attaches auth to every request, rejects nobody

app.get('/health', (_req, res) => res.send('ok')); // ✗ clerkMiddleware() alone protects nothing

app.get('/api/me', (req, res) => { // ✓ inline getAuth(req) check
  const { userId } = getAuth(req);
  if (!userId) return res.status(401).json({ error: 'Unauthorized' });
  res.json({ userId });
});

app.post('/api/feedback', async (req, res) => { // ✓ inline req.auth() check
  const { isAuthenticated, userId } = req.auth();
  if (!isAuthenticated) {
    return res.status(401).end();
  }
  res.status(201).json({ from: userId, text: req.body.text });
});

app.use('/api/notes', notesRouter); // per-route guards inside
app.use('/api/admin', requireUser, adminRouter); // ✓ every admin route
app.use('/api/billing', billingRouter); // router-level guards inside

// Path-scoped guard: covers /api/private/* only.
app.use('/api/private', requireUser);
app.get('/api/private/export', (req, res) => res.json({ rows: [] })); // ✓ covered by the prefix guard
app.get('/api/public/stats', (req, res) => res.json({ count: 3 })); // ✗ outside the guarded prefix

mountReports(app); // a router factory that registers on the app itself

app.get('/api/late', lateHandler); // ✗ registered before the guard below: order matters
app.use(requireUser); // covers every route registered after this line
app.get('/api/settings', listSettings); // ✓ covered by the guard above
app.all('/api/anything', (req, res) => res.json({ ok: true })); // ✓ covered by the guard above

app.listen(3000);
