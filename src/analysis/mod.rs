//! Endpoint analysis: which server entry points an app has, and how (or whether) each one
//! verifies who is calling.

pub mod engine;
pub mod framework;
pub mod matcher;
pub mod resolve;
pub mod routes;
