//! The checklist items no key can read: listed by `--explain` and in the job summary, never
//! reported as passing. The observable ones are rules: `src/rules/instance/`.

/// A checklist item no key can read: listed by `--explain` and in the job summary, never
/// reported as passing.
pub struct Unobservable {
    pub item: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
    pub clerk_cli: Option<&'static str>,
}

pub static UNOBSERVABLE: &[Unobservable] = &[
    Unobservable {
        item: "Device Trust (formerly Client Trust)",
        why: "not exposed to publishable or secret keys; only the Platform API config (`auth_password.device_trust.enabled`, private beta) has it",
        fix: "Protect › Rules: check that Device Trust is on (or `clerk config pull --keys auth_password` with a Platform API token)",
        clerk_cli: Some("device-trust"),
    },
    Unobservable {
        item: "Webhooks configured",
        why: "no API lists webhook endpoints (the Backend API has only Svix create/delete routes)",
        fix: "Webhooks: check the endpoints and events; `clerk-lint check` verifies the handlers in code (`unverified-webhook`)",
        clerk_cli: None,
    },
    Unobservable {
        item: "User-enumeration protection mode (Bulk or off)",
        why: "the Frontend API has only a boolean that is true for Strict; Bulk and off look the same",
        fix: "Attack protection: check that User enumeration protection is Bulk or Strict",
        clerk_cli: None,
    },
    Unobservable {
        item: "Whether a lockout is “Indefinite”",
        why: "how the Dashboard's “Indefinite” lockout appears in `duration_in_minutes` has not been checked on a live instance (null, 0 or less, or a year or more are treated as indefinite)",
        fix: "Attack protection › User lockout: check the duration",
        clerk_cli: None,
    },
];
