//! The instance-audit rules (`instance/<check>`): each file holds a rule's registry entry, docs
//! and [`check::Check`] (fields, applicability, Dashboard fix, evaluation). `clerk-lint instance`
//! runs them in checklist order from [`CHECKS`]; `clerk-lint check` never does (they implement
//! no hook).

pub mod allowed_origins;
pub mod allowlist_on_sign_in;
pub mod bot_protection;
pub mod branding;
pub mod breach_detection;
pub mod breach_detection_sign_in;
pub mod captcha_native_bypass;
pub mod check;
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

/// The checks in the order of the seed checklist (then the extras): the order of the job
/// summary and `--explain`. A test holds it to the `instance/*` rules of the registry.
pub static CHECKS: &[&check::Check] = &[
    &email_sign_up::CHECK,
    &email_verification::CHECK,
    &phone_verification::CHECK,
    &password_min_length::CHECK,
    &breach_detection::CHECK,
    &breach_detection_sign_in::CHECK,
    &user_lockout::CHECK,
    &lockout_threshold::CHECK,
    &lockout_duration::CHECK,
    &bot_protection::CHECK,
    &captcha_native_bypass::CHECK,
    &enumeration_protection::CHECK,
    &sms_country_allowlist::CHECK,
    &require_name::CHECK,
    &delete_self::CHECK,
    &password_composition_rules::CHECK,
    &branding::CHECK,
    &test_mode_in_production::CHECK,
    &dev_instance::CHECK,
    &email_link_same_client::CHECK,
    &pii_protection::CHECK,
    &allowlist_on_sign_in::CHECK,
    &mfa::CHECK,
    &allowed_origins::CHECK,
];

#[cfg(test)]
mod tests {
    use super::CHECKS;
    use super::check::*;
    use serde_json::Value;
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
        let Ok(Outcome::Fail(f)) = (super::allowed_origins::CHECK.eval)(&c) else {
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
        assert_eq!(
            (super::allowed_origins::CHECK.eval)(&dev),
            Ok(Outcome::Pass)
        );
        let none = json!({"instance": {"allowed_origins": null}});
        assert_eq!(
            (super::allowed_origins::CHECK.eval)(&cx(&env, Some(&none))),
            Ok(Outcome::Pass)
        );
    }
}
