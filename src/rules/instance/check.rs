//! What an instance check is: the fields it reads, when it applies, what to do in the
//! Dashboard, and its evaluation over the instance's settings. Each `instance/<check>` rule file
//! declares its [`Check`] beside its docs; [`super::CHECKS`] lists them in checklist order.
//!
//! Each check reads the payload through [`Fields`]: a field that is
//! absent (or of an unexpected type) makes the check *unknown* ([`Gap`]), never pass or fail.
//! Tier F checks read the Frontend API's `GET /v1/environment`; tier B checks read the Backend
//! API (`GET /v1/instance`, `GET /v1/instance/communication`) and run only with a secret key.

use serde_json::Value;

use crate::diagnostic::RuleMeta;

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

pub(crate) fn fail(field: &'static str, message: impl Into<String>) -> Result<Outcome, Gap> {
    Ok(Outcome::Fail(vec![Finding {
        message: message.into(),
        field,
        key: String::new(),
    }]))
}

pub(crate) fn not_applicable(reason: impl Into<String>) -> Result<Outcome, Gap> {
    Ok(Outcome::NotApplicable(reason.into()))
}

pub(crate) const EMAIL: &str = "user_settings.attributes.email_address";
pub(crate) const EMAIL_ENABLED: &str = "user_settings.attributes.email_address.enabled";
pub(crate) const EMAIL_VERIFY: &str = "user_settings.attributes.email_address.verify_at_sign_up";
pub(crate) const EMAIL_VERIFICATIONS: &str = "user_settings.attributes.email_address.verifications";
pub(crate) const EMAIL_FIRST_FACTORS: &str = "user_settings.attributes.email_address.first_factors";
pub(crate) const PHONE_ENABLED: &str = "user_settings.attributes.phone_number.enabled";
pub(crate) const PHONE_VERIFY: &str = "user_settings.attributes.phone_number.verify_at_sign_up";
pub(crate) const PHONE_VERIFICATIONS: &str = "user_settings.attributes.phone_number.verifications";
pub(crate) const PHONE_CHANNELS: &str = "user_settings.attributes.phone_number.channels";
pub(crate) const PHONE_SECOND_FACTOR: &str =
    "user_settings.attributes.phone_number.used_for_second_factor";
pub(crate) const PASSWORD_ENABLED: &str = "user_settings.attributes.password.enabled";
pub(crate) const MIN_LENGTH: &str = "user_settings.password_settings.min_length";
pub(crate) const DISABLE_HIBP: &str = "user_settings.password_settings.disable_hibp";
pub(crate) const HIBP_SIGN_IN: &str = "user_settings.password_settings.enforce_hibp_on_sign_in";
pub(crate) const COMPOSITION: [&str; 4] = [
    "user_settings.password_settings.require_special_char",
    "user_settings.password_settings.require_numbers",
    "user_settings.password_settings.require_uppercase",
    "user_settings.password_settings.require_lowercase",
];
pub(crate) const LOCKOUT_ENABLED: &str = "user_settings.attack_protection.user_lockout.enabled";
pub(crate) const LOCKOUT_ATTEMPTS: &str =
    "user_settings.attack_protection.user_lockout.max_attempts";
pub(crate) const LOCKOUT_DURATION: &str =
    "user_settings.attack_protection.user_lockout.duration_in_minutes";
pub(crate) const ENUMERATION: &str =
    "user_settings.attack_protection.enumeration_protection.enabled";
pub(crate) const PII: &str = "user_settings.attack_protection.pii.enabled";
pub(crate) const SAME_CLIENT: &str =
    "user_settings.attack_protection.email_link.require_same_client";
pub(crate) const CAPTCHA: &str = "user_settings.sign_up.captcha_enabled";
pub(crate) const SIGN_UP_MODE: &str = "user_settings.sign_up.mode";
pub(crate) const NATIVE_API: &str = "auth_config.native_settings.api_enabled";
pub(crate) const TEST_MODE: &str = "auth_config.test_mode";
pub(crate) const ENV_TYPE: &str = "display_config.instance_environment_type";
pub(crate) const BRANDED: &str = "display_config.branded";
pub(crate) const DELETE_SELF: &str = "user_settings.actions.delete_self";
pub(crate) const FIRST_NAME_ENABLED: &str = "user_settings.attributes.first_name.enabled";
pub(crate) const FIRST_NAME_REQUIRED: &str = "user_settings.attributes.first_name.required";
pub(crate) const LAST_NAME_ENABLED: &str = "user_settings.attributes.last_name.enabled";
pub(crate) const LAST_NAME_REQUIRED: &str = "user_settings.attributes.last_name.required";
pub(crate) const ALLOWLIST: &str = "user_settings.restrictions.allowlist.enabled";
pub(crate) const BLOCKLIST: &str = "user_settings.restrictions.blocklist.enabled";
pub(crate) const NOT_ON_SIGN_IN: &str =
    "user_settings.restrictions.allowlist_blocklist_disabled_on_sign_in.enabled";
pub(crate) const TOTP: &str = "user_settings.attributes.authenticator_app.enabled";
pub(crate) const BACKUP_CODES: &str = "user_settings.attributes.backup_code.enabled";
pub(crate) const ALLOWED_ORIGINS: &str = "instance.allowed_origins";
pub(crate) const BLOCKED_COUNTRIES: &str = "communication.blocked_country_codes";

/// Minutes from which a lockout counts as indefinite (one year).
pub(crate) const LOCKOUT_INDEFINITE_MINUTES: i64 = 525_600;

pub(crate) fn sign_up_not_public(cx: &Cx) -> Result<Option<String>, Gap> {
    let mode = cx.env.str(SIGN_UP_MODE)?;
    Ok((mode != "public").then(|| format!("sign-up mode is `{mode}`, not public")))
}
pub(crate) fn passwords_off(cx: &Cx) -> Result<Option<Outcome>, Gap> {
    Ok((!cx.env.bool(PASSWORD_ENABLED)?)
        .then(|| Outcome::NotApplicable("passwords are off".to_string())))
}
pub(crate) fn lockout_off(cx: &Cx) -> Result<Option<Outcome>, Gap> {
    Ok((!cx.env.bool(LOCKOUT_ENABLED)?)
        .then(|| Outcome::NotApplicable("lockout is off (see `instance/user-lockout`)".into())))
}
