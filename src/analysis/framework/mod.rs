//! Framework adapters: each one finds the endpoints of the apps it detects.

pub mod nextjs;
