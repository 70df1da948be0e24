//! Endpoint analysis: which server entry points an app has, and how (or whether) each one
//! verifies who is calling.

pub mod matcher;
pub mod middleware;
pub mod routes;
