//! Env var naming: public prefixes and the Clerk names that must stay secret.
