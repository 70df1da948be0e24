import { getAuth } from '@clerk/express';
import jwt from 'jsonwebtoken';

// ✓ A real guard: signed-out requests get a 401 and never reach next().
export function requireUser(req, res, next) {
  const { userId } = getAuth(req);
  if (!userId) {
    return res.status(401).json({ error: 'Unauthorized' });
  }
  next();
}

// ✗ Looks like a guard, but the missing `return` lets signed-out requests through to next().
export function requireUserLoose(req, res, next) {
  const { userId } = getAuth(req);
  if (!userId) {
    res.status(401).json({ error: 'Unauthorized' });
  }
  next();
}

// ✗ Decodes the session token without verifying its signature: anyone can forge one.
export function requireDecoded(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  const claims = jwt.decode(token);
  if (!claims?.sub) return res.sendStatus(401);
  req.userId = claims.sub;
  next();
}

// ✓ Legacy style: next(err) on the signed-out path, next() otherwise.
export const requireSession = (req, res, next) => {
  const auth = getAuth(req);
  if (!auth.isAuthenticated) return next(new Error('Unauthenticated'));
  return next();
};

// ✗ A project function named like Clerk's: judged by its body, which only calls next().
export function clerkMiddleware() {
  return (req, _res, next) => next();
}
