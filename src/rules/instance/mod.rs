//! The instance-audit rules (`instance/<check>`): registry entries and docs only. Each one is a
//! row of the checks table in `src/instance/checks.rs`, run by `clerk-lint instance`, never by
//! `clerk-lint check` (they implement no hook).

pub mod allowed_origins;
pub mod allowlist_on_sign_in;
pub mod bot_protection;
pub mod branding;
pub mod breach_detection;
pub mod breach_detection_sign_in;
pub mod captcha_native_bypass;
pub mod delete_self;
pub mod dev_instance;
pub mod email_link_same_client;
pub mod email_sign_up;
pub mod email_verification;
pub mod enumeration_protection;
pub mod lockout_duration;
pub mod lockout_threshold;
pub mod mfa;
pub mod password_composition_rules;
pub mod password_min_length;
pub mod phone_verification;
pub mod pii_protection;
pub mod require_name;
pub mod sms_country_allowlist;
pub mod test_mode_in_production;
pub mod user_lockout;
