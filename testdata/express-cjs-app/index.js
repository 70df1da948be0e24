// CommonJS Express app on the legacy @clerk/clerk-sdk-node.
// ✓ = protected (silent), ✗ = missing-auth, ~ = unchecked-auth.
const express = require('express');
const { ClerkExpressWithAuth } = require('@clerk/clerk-sdk-node');
const projects = require('./routes/projects');
const { apiKeyAuth } = require('./middleware/api-key');

const app = express();
app.use(express.json());
app.use(ClerkExpressWithAuth()); // lax: populates req.auth, rejects nobody

app.use('/v1/projects', projects);
app.get('/v1/ping', (req, res) => res.json({ pong: true })); // ✗ ClerkExpressWithAuth() alone protects nothing
app.post('/v1/ingest', apiKeyAuth, (req, res) => res.sendStatus(202)); // ✓ API key looked up, 401 when unknown

app.listen(4000);
