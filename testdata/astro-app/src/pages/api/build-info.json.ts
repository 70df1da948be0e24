import type { APIRoute } from 'astro';

// Prerendered at build time: not an endpoint at run time.
export const prerender = true;

export const GET: APIRoute = () => Response.json({ built: true });
