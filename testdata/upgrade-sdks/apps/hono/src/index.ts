import { Hono } from "hono";
import { clerkMiddleware, getAuth } from "@hono/clerk-auth";

const app = new Hono();
app.use("*", clerkMiddleware());
app.get("/", (c) => c.json({ userId: getAuth(c)?.userId }));
export default app;
