//! Endpoint analysis: which server entry points an app has, and how (or whether) each one
//! verifies who is calling.

pub mod auth;
pub mod fastify;
pub mod hono;
pub mod jsroute;
pub mod matcher;
pub mod middleware;
pub mod nextjs;
pub mod resolve;
pub mod routes;
