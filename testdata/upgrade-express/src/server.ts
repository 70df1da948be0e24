import express from "express";
import { clerkMiddleware, requireAuth, getAuth } from "@clerk/express";

const app = express();
app.use(clerkMiddleware({ enableHandshake: false }));

app.get("/me", requireAuth(), (req, res) => {
  const { userId } = req.auth;
  res.json({ userId, orgId: req.auth.orgId });
});

app.get("/ok", (req, res) => {
  res.json(getAuth(req));
});

app.listen(3000);
