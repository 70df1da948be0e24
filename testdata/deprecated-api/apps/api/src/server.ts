import express from "express";
import { clerkMiddleware, getAuth, requireAuth } from "@clerk/express";
import { createClerkClient, verifyToken } from "@clerk/backend";

const app = express();
app.use(clerkMiddleware());

app.get("/api/me", requireAuth(), (req, res) => {
  // @clerk/express 2 made `req.auth` a function: this reads `undefined`.
  const { userId } = req.auth;
  res.json({ userId, orgId: req.auth.orgId });
});

app.get("/api/me2", (req, res) => {
  // Current APIs: getAuth(req), req.auth(), the top-level verifyToken.
  const { userId } = getAuth(req);
  res.json({ userId, session: req.auth().sessionId, verify: typeof verifyToken });
});

const clerk = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY });
export const m2m = (token: string) => clerk.m2m.verifyToken({ token });
export const __experimental_flag = true;
