import { withUser } from "@/lib/session";

const list = async (_req: Request, userId: string) => Response.json({ owner: userId });

export const GET = withUser(list);

// The same handler exported under two names, unwrapped.
const exportAll = async () => Response.json({ all: true });
export { exportAll as POST, exportAll as PUT };
