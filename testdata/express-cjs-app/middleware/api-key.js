const store = require('../store');

// ✓ A credential from a header, looked up, with an exit when nothing matches (not Clerk, still a gate).
async function apiKeyAuth(req, res, next) {
  const key = await store.findApiKey(req.headers['x-api-key']);
  if (!key) return res.status(401).json({ error: 'invalid key' });
  req.owner = key.ownerId;
  next();
}

module.exports = { apiKeyAuth };
