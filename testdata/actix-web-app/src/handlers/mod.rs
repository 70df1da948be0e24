pub mod admin;
pub mod orders;
pub mod public;
