import type { Request, Response } from "express";

// No Clerk import here: `clerkMiddleware()` in server.ts set `req.auth` up.
export function listOrders(req: Request, res: Response) {
  const userId = req.auth.userId;
  res.json({ userId });
}
