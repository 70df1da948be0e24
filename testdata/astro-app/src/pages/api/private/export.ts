import type { APIRoute } from 'astro';
import { db } from '@/lib/db';

// Under /api/private: the `privateApi` handler in src/middleware.ts rejects signed-out
// requests: silent.
export const GET: APIRoute = async () => Response.json(await db.notes.list(null));
