import { withAuth } from "@clerk/nextjs/api";

export default withAuth((req, res) => {
  res.json({ userId: req.auth.userId });
});
