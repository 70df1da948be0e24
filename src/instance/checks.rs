//! The checks table: every observable row of the instance-settings checklist, with the fields
//! it reads, when it applies, and what to do in the Dashboard.
//!
//! Rows are in checklist order. Each check reads the payload through [`Fields`]: a field that is
//! absent (or of an unexpected type) makes the check *unknown* ([`Gap`]), never pass or fail.
//! Tier F checks read the Frontend API's `GET /v1/environment`; tier B checks read the Backend
//! API (`GET /v1/instance`, `GET /v1/instance/communication`) and run only with a secret key.

use serde_json::Value;

use crate::diagnostic::RuleMeta;
use crate::rules::instance as r;

/// Where a check's data comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    /// The Frontend API with the publishable key (the default, no secret).
    Frontend,
    /// The Backend API with the secret key (opt-in).
    Backend,
}

/// One row of the checklist.
pub struct Check {
    pub rule: &'static RuleMeta,
    /// The checklist item, as the job summary shows it.
    pub item: &'static str,
    pub tier: Tier,
    /// The fields it reads (dotted paths into the payload; tier B paths start with the
    /// endpoint's name, `instance.` or `communication.`).
    pub fields: &'static [&'static str],
    /// How to fix it in the Dashboard.
    pub fix: &'static str,
    /// Skipped on development (and staging) instances.
    pub production_only: bool,
    /// Runs unless deselected; `false` runs only when selected (`--extend-select`).
    pub default_on: bool,
    /// The id of the same check in Clerk's own `clerk security audit`, if it has one.
    pub clerk_cli: Option<&'static str>,
    pub eval: fn(&Cx) -> Result<Outcome, Gap>,
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.rule.id)
    }
}

/// What a check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    /// The setting it checks is not in use (passwords off, sign-up not public, ...).
    NotApplicable(String),
    Fail(Vec<Finding>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub message: String,
    /// The field the finding is about (where `--environment-json` anchors it).
    pub field: &'static str,
    /// Tells apart several findings of one check (an origin); empty otherwise.
    pub key: String,
}

/// A field the check needs is absent or not of the expected type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// The dotted path.
    pub path: String,
    /// `None` when absent; else the type that was expected.
    pub expected: Option<&'static str>,
    /// Which answer it is missing from.
    pub source: &'static str,
}

impl Gap {
    /// `` `a.b` is missing from the Frontend API answer ``.
    pub fn describe(&self) -> String {
        match self.expected {
            None => format!("`{}` is missing from {}", self.path, self.source),
            Some(t) => format!("`{}` in {} is not {t}", self.path, self.source),
        }
    }
}

/// Typed, lenient access to a JSON payload by dotted path.
pub struct Fields<'a> {
    pub root: &'a Value,
    /// `the Frontend API answer`, `the Backend API answer`.
    pub source: &'static str,
}

impl<'a> Fields<'a> {
    pub fn get(&self, path: &str) -> Option<&'a Value> {
        path.split('.').try_fold(self.root, |v, seg| v.get(seg))
    }

    fn gap(&self, path: &str, expected: Option<&'static str>) -> Gap {
        Gap {
            path: path.to_string(),
            expected,
            source: self.source,
        }
    }

    fn present(&self, path: &str) -> Result<&'a Value, Gap> {
        self.get(path).ok_or_else(|| self.gap(path, None))
    }

    pub fn bool(&self, path: &str) -> Result<bool, Gap> {
        self.present(path)?
            .as_bool()
            .ok_or_else(|| self.gap(path, Some("a boolean")))
    }

    pub fn int(&self, path: &str) -> Result<i64, Gap> {
        self.present(path)?
            .as_i64()
            .ok_or_else(|| self.gap(path, Some("an integer")))
    }

    /// An integer that may be `null` (`Ok(None)`); absent is a gap.
    pub fn nullable_int(&self, path: &str) -> Result<Option<i64>, Gap> {
        match self.present(path)? {
            Value::Null => Ok(None),
            v => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| self.gap(path, Some("an integer"))),
        }
    }

    pub fn str(&self, path: &str) -> Result<&'a str, Gap> {
        self.present(path)?
            .as_str()
            .ok_or_else(|| self.gap(path, Some("a string")))
    }

    /// An array of strings; `null` counts as empty.
    pub fn strs(&self, path: &str) -> Result<Vec<&'a str>, Gap> {
        match self.present(path)? {
            Value::Null => Ok(Vec::new()),
            Value::Array(items) => items
                .iter()
                .map(|v| {
                    v.as_str()
                        .ok_or_else(|| self.gap(path, Some("a list of strings")))
                })
                .collect(),
            _ => Err(self.gap(path, Some("a list of strings"))),
        }
    }

    /// As [`Fields::strs`], `None` when absent.
    pub fn opt_strs(&self, path: &str) -> Result<Option<Vec<&'a str>>, Gap> {
        match self.get(path) {
            None => Ok(None),
            Some(_) => self.strs(path).map(Some),
        }
    }
}

/// What the checks see.
pub struct Cx<'a> {
    /// `GET /v1/environment` (unwrapped from a `response` envelope).
    pub env: Fields<'a>,
    /// `{"instance": GET /v1/instance, "communication": GET /v1/instance/communication}`, when
    /// a secret key was given.
    pub bapi: Option<Fields<'a>>,
    /// Whether the instance is a production one (from `display_config.instance_environment_type`,
    /// else from the key), `None` when neither says.
    pub production: Option<bool>,
    /// The `.env.production*` file the publishable key came from, if it did.
    pub production_deploy_file: Option<String>,
    /// `instance/lockout-threshold` fires above this.
    pub max_lockout_attempts: i64,
}

fn fail(field: &'static str, message: impl Into<String>) -> Result<Outcome, Gap> {
    Ok(Outcome::Fail(vec![Finding {
        message: message.into(),
        field,
        key: String::new(),
    }]))
}

fn not_applicable(reason: impl Into<String>) -> Result<Outcome, Gap> {
    Ok(Outcome::NotApplicable(reason.into()))
}

const EMAIL: &str = "user_settings.attributes.email_address";
const EMAIL_ENABLED: &str = "user_settings.attributes.email_address.enabled";
const EMAIL_VERIFY: &str = "user_settings.attributes.email_address.verify_at_sign_up";
const EMAIL_VERIFICATIONS: &str = "user_settings.attributes.email_address.verifications";
const EMAIL_FIRST_FACTORS: &str = "user_settings.attributes.email_address.first_factors";
const PHONE_ENABLED: &str = "user_settings.attributes.phone_number.enabled";
const PHONE_VERIFY: &str = "user_settings.attributes.phone_number.verify_at_sign_up";
const PHONE_VERIFICATIONS: &str = "user_settings.attributes.phone_number.verifications";
const PHONE_CHANNELS: &str = "user_settings.attributes.phone_number.channels";
const PHONE_SECOND_FACTOR: &str = "user_settings.attributes.phone_number.used_for_second_factor";
const PASSWORD_ENABLED: &str = "user_settings.attributes.password.enabled";
const MIN_LENGTH: &str = "user_settings.password_settings.min_length";
const DISABLE_HIBP: &str = "user_settings.password_settings.disable_hibp";
const HIBP_SIGN_IN: &str = "user_settings.password_settings.enforce_hibp_on_sign_in";
const COMPOSITION: [&str; 4] = [
    "user_settings.password_settings.require_special_char",
    "user_settings.password_settings.require_numbers",
    "user_settings.password_settings.require_uppercase",
    "user_settings.password_settings.require_lowercase",
];
const LOCKOUT_ENABLED: &str = "user_settings.attack_protection.user_lockout.enabled";
const LOCKOUT_ATTEMPTS: &str = "user_settings.attack_protection.user_lockout.max_attempts";
const LOCKOUT_DURATION: &str = "user_settings.attack_protection.user_lockout.duration_in_minutes";
const ENUMERATION: &str = "user_settings.attack_protection.enumeration_protection.enabled";
const PII: &str = "user_settings.attack_protection.pii.enabled";
const SAME_CLIENT: &str = "user_settings.attack_protection.email_link.require_same_client";
const CAPTCHA: &str = "user_settings.sign_up.captcha_enabled";
const SIGN_UP_MODE: &str = "user_settings.sign_up.mode";
const NATIVE_API: &str = "auth_config.native_settings.api_enabled";
const TEST_MODE: &str = "auth_config.test_mode";
const ENV_TYPE: &str = "display_config.instance_environment_type";
const BRANDED: &str = "display_config.branded";
const DELETE_SELF: &str = "user_settings.actions.delete_self";
const FIRST_NAME_ENABLED: &str = "user_settings.attributes.first_name.enabled";
const FIRST_NAME_REQUIRED: &str = "user_settings.attributes.first_name.required";
const LAST_NAME_ENABLED: &str = "user_settings.attributes.last_name.enabled";
const LAST_NAME_REQUIRED: &str = "user_settings.attributes.last_name.required";
const ALLOWLIST: &str = "user_settings.restrictions.allowlist.enabled";
const BLOCKLIST: &str = "user_settings.restrictions.blocklist.enabled";
const NOT_ON_SIGN_IN: &str =
    "user_settings.restrictions.allowlist_blocklist_disabled_on_sign_in.enabled";
const TOTP: &str = "user_settings.attributes.authenticator_app.enabled";
const BACKUP_CODES: &str = "user_settings.attributes.backup_code.enabled";
const ALLOWED_ORIGINS: &str = "instance.allowed_origins";
const BLOCKED_COUNTRIES: &str = "communication.blocked_country_codes";

/// Minutes from which a lockout counts as indefinite (one year).
const LOCKOUT_INDEFINITE_MINUTES: i64 = 525_600;

/// The checklist, in the order of the seed checklist (then the extras).
pub static CHECKS: &[Check] = &[
    Check {
        rule: &r::email_sign_up::META,
        item: "Sign-up with email",
        tier: Tier::Frontend,
        fields: &[EMAIL_ENABLED, SIGN_UP_MODE],
        fix: "User & authentication › Email: turn on “Sign-up with email”",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: email_sign_up,
    },
    Check {
        rule: &r::email_verification::META,
        item: "Verify email at sign-up",
        tier: Tier::Frontend,
        fields: &[EMAIL_ENABLED, EMAIL_VERIFY, EMAIL_VERIFICATIONS],
        fix: "User & authentication › Email: turn on “Verify at sign-up” (email code or link)",
        production_only: false,
        default_on: true,
        clerk_cli: Some("email-verification"),
        eval: email_verification,
    },
    Check {
        rule: &r::phone_verification::META,
        item: "Verify phone numbers by SMS code",
        tier: Tier::Frontend,
        fields: &[
            PHONE_ENABLED,
            PHONE_VERIFY,
            PHONE_VERIFICATIONS,
            PHONE_CHANNELS,
        ],
        fix: "User & authentication › Phone: turn on “Verify at sign-up” with an SMS code",
        production_only: false,
        default_on: true,
        clerk_cli: Some("phone-verification"),
        eval: phone_verification,
    },
    Check {
        rule: &r::password_min_length::META,
        item: "Password minimum length of 8 or more",
        tier: Tier::Frontend,
        fields: &[PASSWORD_ENABLED, MIN_LENGTH],
        fix: "User & authentication › Password: set the minimum length to 8 or more",
        production_only: false,
        default_on: true,
        clerk_cli: Some("password-min-length"),
        eval: password_min_length,
    },
    Check {
        rule: &r::breach_detection::META,
        item: "Reject compromised passwords",
        tier: Tier::Frontend,
        fields: &[PASSWORD_ENABLED, DISABLE_HIBP],
        fix: "User & authentication › Password: turn on “Reject compromised passwords”",
        production_only: false,
        default_on: true,
        clerk_cli: Some("breach-detection"),
        eval: breach_detection,
    },
    Check {
        rule: &r::breach_detection_sign_in::META,
        item: "Re-check compromised passwords at sign-in",
        tier: Tier::Frontend,
        fields: &[PASSWORD_ENABLED, DISABLE_HIBP, HIBP_SIGN_IN],
        fix: "User & authentication › Password: also check for compromised passwords at sign-in",
        production_only: false,
        default_on: true,
        clerk_cli: Some("breach-detection-sign-in"),
        eval: breach_detection_sign_in,
    },
    Check {
        rule: &r::user_lockout::META,
        item: "Lock accounts after failed sign-in attempts",
        tier: Tier::Frontend,
        fields: &[LOCKOUT_ENABLED],
        fix: "Attack protection › User lockout: turn it on (e.g. 5 attempts, 15 minutes)",
        production_only: false,
        default_on: true,
        clerk_cli: Some("user-lockout"),
        eval: user_lockout,
    },
    Check {
        rule: &r::lockout_threshold::META,
        item: "Lockout after 10 attempts or fewer",
        tier: Tier::Frontend,
        fields: &[LOCKOUT_ENABLED, LOCKOUT_ATTEMPTS],
        fix: "Attack protection › User lockout: allow 10 failed attempts or fewer (e.g. 5)",
        production_only: false,
        default_on: true,
        clerk_cli: Some("lockout-threshold"),
        eval: lockout_threshold,
    },
    Check {
        rule: &r::lockout_duration::META,
        item: "Lockout with a time limit",
        tier: Tier::Frontend,
        fields: &[LOCKOUT_ENABLED, LOCKOUT_DURATION],
        fix: "Attack protection › User lockout: set a duration (e.g. 15 minutes), not indefinite",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: lockout_duration,
    },
    Check {
        rule: &r::bot_protection::META,
        item: "Bot sign-up protection",
        tier: Tier::Frontend,
        fields: &[CAPTCHA, SIGN_UP_MODE],
        fix: "Attack protection: turn on Bot sign-up protection (Cloudflare Turnstile)",
        production_only: false,
        default_on: true,
        clerk_cli: Some("bot-protection"),
        eval: bot_protection,
    },
    Check {
        rule: &r::captcha_native_bypass::META,
        item: "No CAPTCHA bypass through the Native API",
        tier: Tier::Frontend,
        fields: &[CAPTCHA, NATIVE_API],
        fix: "Native applications: turn off the Native API unless a native app needs it",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: captcha_native_bypass,
    },
    Check {
        rule: &r::enumeration_protection::META,
        item: "User-enumeration protection",
        tier: Tier::Frontend,
        fields: &[ENUMERATION],
        fix: "Attack protection: set User enumeration protection to Strict (or check that Bulk is on)",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: enumeration_protection,
    },
    Check {
        rule: &r::sms_country_allowlist::META,
        item: "SMS country allowlist",
        tier: Tier::Backend,
        fields: &[PHONE_ENABLED, BLOCKED_COUNTRIES],
        fix: "Customization › SMS › Settings: limit the SMS allowlist to your users' countries",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: sms_country_allowlist,
    },
    Check {
        rule: &r::require_name::META,
        item: "Require first and last name",
        tier: Tier::Frontend,
        fields: &[
            FIRST_NAME_ENABLED,
            FIRST_NAME_REQUIRED,
            LAST_NAME_ENABLED,
            LAST_NAME_REQUIRED,
        ],
        fix: "User & authentication › User model: turn on and require first and last name",
        production_only: false,
        default_on: false,
        clerk_cli: None,
        eval: require_name,
    },
    Check {
        rule: &r::delete_self::META,
        item: "Users can delete their accounts",
        tier: Tier::Frontend,
        fields: &[DELETE_SELF],
        fix: "User & authentication › User model: turn on “Allow users to delete their accounts”",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: delete_self,
    },
    Check {
        rule: &r::password_composition_rules::META,
        item: "No password composition rules",
        tier: Tier::Frontend,
        fields: &[
            PASSWORD_ENABLED,
            COMPOSITION[0],
            COMPOSITION[1],
            COMPOSITION[2],
            COMPOSITION[3],
        ],
        fix: "User & authentication › Password: turn off the character requirements",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: password_composition_rules,
    },
    Check {
        rule: &r::branding::META,
        item: "Remove “Secured by Clerk” branding",
        tier: Tier::Frontend,
        fields: &[BRANDED, ENV_TYPE],
        fix: "Customization › Branding: turn off “Secured by Clerk” (paid plans)",
        production_only: true,
        default_on: false,
        clerk_cli: None,
        eval: branding,
    },
    Check {
        rule: &r::test_mode_in_production::META,
        item: "Test mode off in production",
        tier: Tier::Frontend,
        fields: &[TEST_MODE, ENV_TYPE],
        fix: "Settings: turn off test mode on the production instance",
        production_only: true,
        default_on: true,
        clerk_cli: None,
        eval: test_mode_in_production,
    },
    Check {
        rule: &r::dev_instance::META,
        item: "Production deploy on a production instance",
        tier: Tier::Frontend,
        fields: &[ENV_TYPE],
        fix: "switch to the Production instance and put its `pk_live_`/`sk_live_` keys in the production environment",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: dev_instance,
    },
    Check {
        rule: &r::email_link_same_client::META,
        item: "Email links only on the same device",
        tier: Tier::Frontend,
        fields: &[
            EMAIL_ENABLED,
            EMAIL_VERIFICATIONS,
            EMAIL_FIRST_FACTORS,
            SAME_CLIENT,
        ],
        fix: "User & authentication › Email: turn on “Require the same device and browser” for email links",
        production_only: false,
        default_on: true,
        clerk_cli: Some("email-link-same-client"),
        eval: email_link_same_client,
    },
    Check {
        rule: &r::pii_protection::META,
        item: "PII protection",
        tier: Tier::Frontend,
        fields: &[PII],
        fix: "Attack protection: turn on PII protection",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: pii_protection,
    },
    Check {
        rule: &r::allowlist_on_sign_in::META,
        item: "Allowlist and blocklist enforced at sign-in",
        tier: Tier::Frontend,
        fields: &[ALLOWLIST, BLOCKLIST, NOT_ON_SIGN_IN],
        fix: "User & authentication › Restrictions: enforce the allowlist and blocklist at sign-in too",
        production_only: false,
        default_on: true,
        clerk_cli: Some("allowlist-on-sign-in"),
        eval: allowlist_on_sign_in,
    },
    Check {
        rule: &r::mfa::META,
        item: "A second factor is available",
        tier: Tier::Frontend,
        fields: &[TOTP, PHONE_SECOND_FACTOR, BACKUP_CODES],
        fix: "User & authentication › Multi-factor: turn on authenticator apps and backup codes",
        production_only: false,
        default_on: true,
        clerk_cli: Some("mfa"),
        eval: mfa,
    },
    Check {
        rule: &r::allowed_origins::META,
        item: "Allowed origins",
        tier: Tier::Backend,
        fields: &[ALLOWED_ORIGINS, ENV_TYPE],
        fix: "remove the origin from `allowed_origins` (Backend API `PATCH /v1/instance`); keep only your HTTPS origins",
        production_only: false,
        default_on: true,
        clerk_cli: None,
        eval: allowed_origins,
    },
];

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

fn sign_up_not_public(cx: &Cx) -> Result<Option<String>, Gap> {
    let mode = cx.env.str(SIGN_UP_MODE)?;
    Ok((mode != "public").then(|| format!("sign-up mode is `{mode}`, not public")))
}

fn passwords_off(cx: &Cx) -> Result<Option<Outcome>, Gap> {
    Ok((!cx.env.bool(PASSWORD_ENABLED)?)
        .then(|| Outcome::NotApplicable("passwords are off".to_string())))
}

fn email_sign_up(cx: &Cx) -> Result<Outcome, Gap> {
    if cx.env.bool(EMAIL_ENABLED)? {
        return Ok(Outcome::Pass);
    }
    if let Some(reason) = sign_up_not_public(cx)? {
        return not_applicable(reason);
    }
    fail(
        EMAIL_ENABLED,
        "email is not enabled as a sign-up identifier while anyone can sign up",
    )
}

fn email_verification(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(EMAIL_ENABLED)? {
        return not_applicable("email addresses are off");
    }
    if !cx.env.bool(EMAIL_VERIFY)? {
        return fail(
            EMAIL_VERIFY,
            "email addresses are not verified at sign-up (`verify_at_sign_up` is off)",
        );
    }
    let strategies = cx.env.strs(EMAIL_VERIFICATIONS)?;
    if !strategies
        .iter()
        .any(|s| matches!(*s, "email_code" | "email_link"))
    {
        return fail(
            EMAIL_VERIFICATIONS,
            "email addresses are not verified at sign-up: `verifications` has neither `email_code` nor `email_link`",
        );
    }
    Ok(Outcome::Pass)
}

fn phone_verification(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(PHONE_ENABLED)? {
        return not_applicable("phone numbers are off");
    }
    let verify = cx.env.bool(PHONE_VERIFY)?;
    let (field, mut message) = if !verify {
        (
            PHONE_VERIFY,
            "phone numbers are not verified by SMS code at sign-up (`verify_at_sign_up` is off)"
                .to_string(),
        )
    } else if !cx.env.strs(PHONE_VERIFICATIONS)?.contains(&"phone_code") {
        (
            PHONE_VERIFICATIONS,
            "phone numbers are not verified by SMS code at sign-up: `verifications` lacks `phone_code`"
                .to_string(),
        )
    } else {
        return Ok(Outcome::Pass);
    };
    if let Ok(Some(channels)) = cx.env.opt_strs(PHONE_CHANNELS)
        && !channels.contains(&"sms")
    {
        message.push_str("; the SMS channel is off");
    }
    fail(field, message)
}

fn password_min_length(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = passwords_off(cx)? {
        return Ok(na);
    }
    let n = cx.env.int(MIN_LENGTH)?;
    // 0 means unset: Clerk applies its default of 8.
    if (1..8).contains(&n) {
        return fail(
            MIN_LENGTH,
            format!("the minimum password length is {n}; NIST SP 800-63B requires at least 8"),
        );
    }
    Ok(Outcome::Pass)
}

fn breach_detection(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = passwords_off(cx)? {
        return Ok(na);
    }
    if cx.env.bool(DISABLE_HIBP)? {
        return fail(
            DISABLE_HIBP,
            "“Reject compromised passwords” (HaveIBeenPwned) is off",
        );
    }
    Ok(Outcome::Pass)
}

fn breach_detection_sign_in(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = passwords_off(cx)? {
        return Ok(na);
    }
    if cx.env.bool(DISABLE_HIBP)? {
        return not_applicable("breach detection is off (see `instance/breach-detection`)");
    }
    if !cx.env.bool(HIBP_SIGN_IN)? {
        return fail(
            HIBP_SIGN_IN,
            "breached passwords are rejected at sign-up but not re-checked at sign-in",
        );
    }
    Ok(Outcome::Pass)
}

fn lockout_off(cx: &Cx) -> Result<Option<Outcome>, Gap> {
    Ok((!cx.env.bool(LOCKOUT_ENABLED)?)
        .then(|| Outcome::NotApplicable("lockout is off (see `instance/user-lockout`)".into())))
}

fn user_lockout(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(LOCKOUT_ENABLED)? {
        return fail(
            LOCKOUT_ENABLED,
            "accounts are not locked after repeated failed sign-in attempts",
        );
    }
    Ok(Outcome::Pass)
}

fn lockout_threshold(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = lockout_off(cx)? {
        return Ok(na);
    }
    let n = cx.env.int(LOCKOUT_ATTEMPTS)?;
    let max = cx.max_lockout_attempts;
    if n > max {
        return fail(
            LOCKOUT_ATTEMPTS,
            format!("lockout allows {n} failed sign-in attempts; use {max} or fewer (e.g. 5)"),
        );
    }
    Ok(Outcome::Pass)
}

fn lockout_duration(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = lockout_off(cx)? {
        return Ok(na);
    }
    let message = match cx.env.nullable_int(LOCKOUT_DURATION)? {
        None => "lockout has no time limit (`duration_in_minutes` is null)".to_string(),
        Some(d) if d <= 0 => format!("lockout looks indefinite (`duration_in_minutes` is {d})"),
        Some(d) if d >= LOCKOUT_INDEFINITE_MINUTES => {
            format!("lockout lasts {d} minutes (about {} days)", d / (60 * 24))
        }
        Some(_) => return Ok(Outcome::Pass),
    };
    fail(
        LOCKOUT_DURATION,
        format!(
            "{message}: anyone who knows an identifier can lock its owner out; a time limit (e.g. 15 minutes) still stops guessing"
        ),
    )
}

fn bot_protection(cx: &Cx) -> Result<Outcome, Gap> {
    if cx.env.bool(CAPTCHA)? {
        return Ok(Outcome::Pass);
    }
    if let Some(reason) = sign_up_not_public(cx)? {
        return not_applicable(reason);
    }
    fail(
        CAPTCHA,
        "bot sign-up protection (Cloudflare Turnstile CAPTCHA) is off while anyone can sign up",
    )
}

fn captcha_native_bypass(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(CAPTCHA)? {
        return not_applicable("bot sign-up protection is off");
    }
    if cx.env.bool(NATIVE_API)? {
        return fail(
            NATIVE_API,
            "the Native API is on: it opens a public path that bypasses the sign-up CAPTCHA",
        );
    }
    Ok(Outcome::Pass)
}

fn enumeration_protection(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(ENUMERATION)? {
        return fail(
            ENUMERATION,
            "strict user-enumeration protection is off (Bulk or none: the Frontend API does not say which)",
        );
    }
    Ok(Outcome::Pass)
}

fn sms_country_allowlist(cx: &Cx) -> Result<Outcome, Gap> {
    let Some(bapi) = &cx.bapi else {
        return not_applicable("needs a secret key");
    };
    if !cx.env.bool(PHONE_ENABLED)? {
        return not_applicable("phone numbers are off");
    }
    if bapi.strs(BLOCKED_COUNTRIES)?.is_empty() {
        return fail(
            BLOCKED_COUNTRIES,
            "no SMS country is blocked: SMS codes can be sent worldwide (toll fraud, SMS pumping)",
        );
    }
    Ok(Outcome::Pass)
}

fn require_name(cx: &Cx) -> Result<Outcome, Gap> {
    let first = cx.env.bool(FIRST_NAME_ENABLED)? && cx.env.bool(FIRST_NAME_REQUIRED)?;
    let last = cx.env.bool(LAST_NAME_ENABLED)? && cx.env.bool(LAST_NAME_REQUIRED)?;
    let (field, what) = match (first, last) {
        (true, true) => return Ok(Outcome::Pass),
        (false, false) => (FIRST_NAME_REQUIRED, "first and last name are"),
        (false, true) => (FIRST_NAME_REQUIRED, "first name is"),
        (true, false) => (LAST_NAME_REQUIRED, "last name is"),
    };
    fail(field, format!("{what} not required at sign-up"))
}

fn delete_self(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(DELETE_SELF)? {
        return fail(DELETE_SELF, "users cannot delete their own accounts");
    }
    Ok(Outcome::Pass)
}

fn password_composition_rules(cx: &Cx) -> Result<Outcome, Gap> {
    if let Some(na) = passwords_off(cx)? {
        return Ok(na);
    }
    let mut on = Vec::new();
    let mut gap = None;
    for path in COMPOSITION {
        match cx.env.bool(path) {
            Ok(true) => on.push(path),
            Ok(false) => {}
            Err(g) => gap = gap.or(Some(g)),
        }
    }
    match (on.first(), gap) {
        (Some(&first), _) => {
            let names: Vec<String> = on
                .iter()
                .map(|p| format!("`{}`", p.rsplit('.').next().unwrap_or(p)))
                .collect();
            fail(
                first,
                format!(
                    "password composition rules are on ({}); NIST SP 800-63B advises against them",
                    names.join(", ")
                ),
            )
        }
        (None, Some(g)) => Err(g),
        (None, None) => Ok(Outcome::Pass),
    }
}

fn branding(cx: &Cx) -> Result<Outcome, Gap> {
    if cx.env.bool(BRANDED)? {
        return fail(
            BRANDED,
            "the “Secured by Clerk” badge is shown (removing it is a paid feature)",
        );
    }
    Ok(Outcome::Pass)
}

fn test_mode_in_production(cx: &Cx) -> Result<Outcome, Gap> {
    if cx.env.bool(TEST_MODE)? {
        return fail(
            TEST_MODE,
            "test mode is on in production: `+clerk_test` emails and 555-01xx phone numbers verify with code 424242",
        );
    }
    Ok(Outcome::Pass)
}

fn dev_instance(cx: &Cx) -> Result<Outcome, Gap> {
    let Some(file) = &cx.production_deploy_file else {
        return not_applicable("the key does not come from a `.env.production*` file");
    };
    let kind = cx.env.str(ENV_TYPE)?;
    if kind != "production" {
        return fail(
            ENV_TYPE,
            format!("the publishable key in `{file}` belongs to a {kind} instance"),
        );
    }
    Ok(Outcome::Pass)
}

fn email_link_same_client(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(EMAIL_ENABLED)? {
        return not_applicable("email addresses are off");
    }
    let verifications = cx.env.opt_strs(EMAIL_VERIFICATIONS)?;
    let first_factors = cx.env.opt_strs(EMAIL_FIRST_FACTORS)?;
    if verifications.is_none() && first_factors.is_none() {
        return Err(Gap {
            path: format!("{EMAIL}.verifications"),
            expected: None,
            source: cx.env.source,
        });
    }
    let links = verifications
        .iter()
        .chain(first_factors.iter())
        .flatten()
        .any(|s| *s == "email_link");
    if !links {
        return not_applicable("email links are off");
    }
    if !cx.env.bool(SAME_CLIENT)? {
        return fail(
            SAME_CLIENT,
            "email links can be completed on another device or browser",
        );
    }
    Ok(Outcome::Pass)
}

fn pii_protection(cx: &Cx) -> Result<Outcome, Gap> {
    if !cx.env.bool(PII)? {
        return fail(
            PII,
            "PII protection (masking identifiers during sign-in) is off",
        );
    }
    Ok(Outcome::Pass)
}

fn allowlist_on_sign_in(cx: &Cx) -> Result<Outcome, Gap> {
    let allow = cx.env.bool(ALLOWLIST)?;
    let block = cx.env.bool(BLOCKLIST)?;
    let what = match (allow, block) {
        (false, false) => return not_applicable("neither an allowlist nor a blocklist is on"),
        (true, false) => "the allowlist is",
        (false, true) => "the blocklist is",
        (true, true) => "the allowlist and blocklist are",
    };
    if cx.env.bool(NOT_ON_SIGN_IN)? {
        return fail(
            NOT_ON_SIGN_IN,
            format!("{what} not enforced at sign-in, only at sign-up"),
        );
    }
    Ok(Outcome::Pass)
}

fn mfa(cx: &Cx) -> Result<Outcome, Gap> {
    let factors = [TOTP, PHONE_SECOND_FACTOR, BACKUP_CODES].map(|p| cx.env.bool(p));
    if factors.iter().any(|f| matches!(f, Ok(true))) {
        return Ok(Outcome::Pass);
    }
    if let Some(Err(gap)) = factors.into_iter().find(Result::is_err) {
        return Err(gap);
    }
    fail(
        TOTP,
        "no second factor is available: authenticator apps, SMS codes as a second factor and backup codes are all off",
    )
}

fn allowed_origins(cx: &Cx) -> Result<Outcome, Gap> {
    let Some(bapi) = &cx.bapi else {
        return not_applicable("needs a secret key");
    };
    let production = cx.production == Some(true)
        || bapi.str("instance.environment_type").ok() == Some("production");
    let mut findings = Vec::new();
    for origin in bapi.strs(ALLOWED_ORIGINS)? {
        let why = if origin.contains('*') {
            "a wildcard: any matching site may call the instance"
        } else if let Some(rest) = origin.strip_prefix("http://") {
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            let host = host.rsplit_once(':').map_or(host, |(h, p)| {
                if p.bytes().all(|b| b.is_ascii_digit()) {
                    h
                } else {
                    host
                }
            });
            let local =
                matches!(host, "localhost" | "127.0.0.1" | "[::1]") || host.ends_with(".localhost");
            if !local {
                "plain HTTP: anyone on the network path can tamper with the page"
            } else if production {
                "a localhost origin on a production instance"
            } else {
                continue;
            }
        } else {
            continue;
        };
        findings.push(Finding {
            message: format!("the instance allows the origin `{origin}` ({why})"),
            field: ALLOWED_ORIGINS,
            key: origin.to_string(),
        });
    }
    if findings.is_empty() {
        Ok(Outcome::Pass)
    } else {
        Ok(Outcome::Fail(findings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cx<'a>(env: &'a Value, bapi: Option<&'a Value>) -> Cx<'a> {
        Cx {
            env: Fields {
                root: env,
                source: "the Frontend API answer",
            },
            bapi: bapi.map(|root| Fields {
                root,
                source: "the Backend API answer",
            }),
            production: Some(true),
            production_deploy_file: None,
            max_lockout_attempts: 10,
        }
    }

    fn run(check: &str, env: Value) -> Result<Outcome, Gap> {
        let c = CHECKS
            .iter()
            .find(|c| c.rule.id == format!("instance/{check}"))
            .expect("check");
        (c.eval)(&cx(&env, None))
    }

    fn failed(o: &Result<Outcome, Gap>) -> bool {
        matches!(o, Ok(Outcome::Fail(_)))
    }

    #[test]
    fn the_table_lists_every_instance_rule_once() {
        let mut table: Vec<&str> = CHECKS.iter().map(|c| c.rule.id).collect();
        table.sort();
        let registry: Vec<&str> = crate::rules::ALL
            .iter()
            .map(|r| r.meta().id)
            .filter(|id| id.starts_with("instance/"))
            .collect();
        assert_eq!(table, registry);
        for c in CHECKS {
            for f in c.fields {
                assert!(!f.is_empty() && !f.ends_with('.'), "{}", c.rule.id);
            }
        }
    }

    #[test]
    fn password_length_treats_zero_as_unset() {
        let env = |n: i64| {
            json!({"user_settings": {"attributes": {"password": {"enabled": true}},
                   "password_settings": {"min_length": n}}})
        };
        assert!(failed(&run("password-min-length", env(7))));
        assert!(failed(&run("password-min-length", env(1))));
        assert_eq!(run("password-min-length", env(0)), Ok(Outcome::Pass));
        assert_eq!(run("password-min-length", env(8)), Ok(Outcome::Pass));
        // Passwords off: not applicable, even with a short length.
        let off = json!({"user_settings": {"attributes": {"password": {"enabled": false}},
                         "password_settings": {"min_length": 4}}});
        assert!(matches!(
            run("password-min-length", off),
            Ok(Outcome::NotApplicable(_))
        ));
    }

    #[test]
    fn absent_or_mistyped_fields_are_gaps() {
        let g = run("user-lockout", json!({"user_settings": {}})).unwrap_err();
        assert_eq!(
            g.describe(),
            "`user_settings.attack_protection.user_lockout.enabled` is missing from the Frontend API answer"
        );
        let g = run(
            "user-lockout",
            json!({"user_settings": {"attack_protection": {"user_lockout": {"enabled": "yes"}}}}),
        )
        .unwrap_err();
        assert!(
            g.describe().ends_with("is not a boolean"),
            "{}",
            g.describe()
        );
        assert!(run("mfa", json!(null)).is_err());
    }

    #[test]
    fn lockout_duration_encodings() {
        let env = |d: Value| {
            json!({"user_settings": {"attack_protection": {"user_lockout":
                {"enabled": true, "duration_in_minutes": d}}}})
        };
        assert!(failed(&run("lockout-duration", env(Value::Null))));
        assert!(failed(&run("lockout-duration", env(json!(0)))));
        assert!(failed(&run("lockout-duration", env(json!(-1)))));
        assert!(failed(&run("lockout-duration", env(json!(525_600)))));
        assert_eq!(run("lockout-duration", env(json!(60))), Ok(Outcome::Pass));
    }

    #[test]
    fn phone_message_mentions_a_disabled_sms_channel() {
        let env = json!({"user_settings": {"attributes": {"phone_number": {
            "enabled": true, "verify_at_sign_up": true, "verifications": [],
            "channels": ["whatsapp"]}}}});
        let Ok(Outcome::Fail(f)) = run("phone-verification", env) else {
            panic!()
        };
        assert!(
            f[0].message.ends_with("the SMS channel is off"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn allowed_origins_flags_wildcards_plain_http_and_localhost_in_production() {
        let env = json!({});
        let bapi = json!({"instance": {"environment_type": "production", "allowed_origins": [
            "https://example.com", "*", "https://*.example.com", "http://example.com",
            "http://localhost:3000", "https://localhost:3000"]}});
        let c = cx(&env, Some(&bapi));
        let Ok(Outcome::Fail(f)) = allowed_origins(&c) else {
            panic!()
        };
        let keys: Vec<&str> = f.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "*",
                "https://*.example.com",
                "http://example.com",
                "http://localhost:3000"
            ]
        );
        let mut dev = cx(&env, Some(&bapi));
        dev.production = Some(false);
        let bapi_dev = json!({"instance": {"environment_type": "development",
            "allowed_origins": ["http://localhost:3000"]}});
        dev.bapi = Some(Fields {
            root: &bapi_dev,
            source: "the Backend API answer",
        });
        assert_eq!(allowed_origins(&dev), Ok(Outcome::Pass));
        let none = json!({"instance": {"allowed_origins": null}});
        assert_eq!(allowed_origins(&cx(&env, Some(&none))), Ok(Outcome::Pass));
    }
}
