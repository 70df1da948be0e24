import express from "express";
import { clerkMiddleware, createClerkClient } from "@clerk/express";

// Fixture value: not a real key.
const clerk = createClerkClient({ secretKey: "sk_test_WmZQhXQCaSBLdVLIIN8nVy40xdnxVZmwkycbF1bthA" });

const app = express();
app.use(clerkMiddleware({ secretKey: process.env.CLERK_SECRET_KEY }));
export { app, clerk };
