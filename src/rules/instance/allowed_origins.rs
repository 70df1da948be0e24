//! `instance/allowed-origins`: a row of the instance audit (`clerk-lint instance`). The registry
//! entry, docs and check live here; `clerk-lint instance` runs it from [`super::CHECKS`].

use crate::rules::instance::check::*;
use crate::rules::{Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags each entry of the instance's `allowed_origins` (Backend API `GET /v1/instance`, read
    /// only when a secret key is given) that is `*`, an `http://` origin other than localhost, or,
    /// on a production instance, any `http://localhost` origin. Only `clerk-lint instance` runs it:
    /// it reads the instance's settings, not the code.
    ///
    /// Tier B: needs `--secret-key` or `CLERK_SECRET_KEY`.
    ///
    /// ## Why is this bad?
    /// Allowed origins decide which sites may call the instance's Frontend API with a user's
    /// session (including satellite and cross-origin setups). A wildcard or a plain-HTTP origin
    /// lets any site, or anyone on the network path, drive authenticated requests; a localhost
    /// origin on production lets any page served on a developer's machine do the same.
    ///
    /// ## Example
    /// ```json
    /// { "object": "instance", "environment_type": "production",
    ///   "allowed_origins": ["https://example.com", "http://localhost:3000"] }
    /// ```
    ///
    /// ## How to fix
    /// Remove the origin with the Backend API (`PATCH /v1/instance` with the trimmed
    /// `allowed_origins`); keep only the HTTPS origins of your own apps.
    pub static META {
        id: "instance/allowed-origins",
        source: Instance,
        severity: Warning,
        summary: "the instance accepts requests from an overly broad or insecure origin",
    }
}

pub struct AllowedOrigins;

impl Rule for AllowedOrigins {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// The checklist row.
pub static CHECK: Check = Check {
    rule: &META,
    item: "Allowed origins",
    tier: Tier::Backend,
    fields: &[ALLOWED_ORIGINS, ENV_TYPE],
    fix: "remove the origin from `allowed_origins` (Backend API `PATCH /v1/instance`); keep only your HTTPS origins",
    production_only: false,
    default_on: true,
    clerk_cli: None,
    eval: allowed_origins,
};

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
