//! clerk-lint: finds the Clerk auth holes that matter in an application repository.

pub mod analysis;
pub mod baseline;
pub mod changed;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod fix;
pub mod fsio;
pub mod instance;
pub mod inventory;
pub mod lint;
pub mod migration;
pub mod output;
pub mod parallel;
pub mod pattern;
pub mod project;
pub mod rules;
pub mod secrets;
pub mod sink;
pub mod source;
pub mod suppress;
pub mod upgrade;
pub mod walk;
