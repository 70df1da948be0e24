//! The HTTP side of the instance audit: one `GET` per endpoint, blocking (`ureq` with rustls),
//! no async runtime.
//!
//! What is sent, and what never is:
//! - Frontend API: `GET https://<host>/v1/environment?__clerk_api_version=…&_clerk_js_version=5`
//!   with `Accept: application/json` and a `User-Agent`. Never the `PATCH` (`_method=PATCH`)
//!   that clerk-js sends to development instances, no cookies (ureq is built without its
//!   cookie jar), no `Origin`, no dev-browser token, and never the secret key.
//! - Backend API (only with a secret key): `GET https://api.clerk.com/v1/instance` and
//!   `/v1/instance/communication` with `Authorization: Bearer <secret key>`. The secret key goes
//!   to this host only; redirects are never followed (so the header cannot travel elsewhere).
//! - HTTPS only, a timeout on the whole exchange, at most 2 retries and only after a dropped
//!   connection (never after a timeout or an HTTP answer).
//!
//! Tests point both APIs at a local server with the hidden `--fapi-base-url` /
//! `--bapi-base-url` flags; [`Endpoint::override_for_tests`] accepts only `http://` loopback
//! addresses, so they cannot send a key anywhere else.

use std::io;
use std::time::Duration;

use serde_json::Value;
use ureq::Agent;

use crate::instance::key::SecretKey;
use crate::secrets::redact_text;

/// The Frontend API version whose `/v1/environment` shape the checks read
/// (`SUPPORTED_FAPI_VERSION` in `@clerk/shared`).
pub const FAPI_VERSION: &str = "2026-05-12";
/// The Backend API version sent as `Clerk-API-Version` (`SUPPORTED_BAPI_VERSION`).
pub const BAPI_VERSION: &str = "2026-05-12";
/// The clerk-js API version FAPI shapes `/v1/environment` for (what Clerk's CLI sends).
pub const CLERK_JS_API_VERSION: &str = "5";
/// The Backend API host.
pub const BAPI_HOST: &str = "api.clerk.com";

/// Answers larger than this are refused (a real environment is a few tens of KiB).
const MAX_BODY: u64 = 8 * 1024 * 1024;
/// Retries after a dropped connection.
const RETRIES: usize = 2;

/// Where one API lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// `https://host` (or `http://127.0.0.1:port` in tests), without a trailing `/`.
    base: String,
    /// What messages call it: the host (and port).
    pub shown: String,
    /// A test override on a loopback address: plain HTTP allowed, no proxy.
    local: bool,
}

impl Endpoint {
    /// `https://<host>`.
    pub fn https(host: &str) -> Endpoint {
        Endpoint {
            base: format!("https://{host}"),
            shown: host.to_string(),
            local: false,
        }
    }

    /// A test-only base URL: `http://127.0.0.1:<port>`, `http://localhost:<port>` or
    /// `http://[::1]:<port>`, nothing else (no path).
    pub fn override_for_tests(url: &str) -> Result<Endpoint, String> {
        let refuse = || {
            format!(
                "`{url}` is not a loopback URL: the base-URL override is for tests only (http://127.0.0.1:PORT)"
            )
        };
        let rest = url.strip_prefix("http://").ok_or_else(refuse)?;
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        let host = if let Some(v6) = authority.strip_prefix('[') {
            v6.split_once(']').map(|(h, _)| h).ok_or_else(refuse)?
        } else {
            authority.split(':').next().unwrap_or("")
        };
        let port_ok = authority
            .rsplit_once(':')
            .is_none_or(|(_, p)| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !matches!(host, "127.0.0.1" | "localhost" | "::1") || !port_ok {
            return Err(refuse());
        }
        Ok(Endpoint {
            base: format!("http://{authority}"),
            shown: authority.to_string(),
            local: true,
        })
    }

    fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.base)
    }
}

/// Which API a request goes to: decides the wording of errors and whether a key is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    Frontend,
    Backend,
}

impl Api {
    fn name(self) -> &'static str {
        match self {
            Api::Frontend => "the Frontend API",
            Api::Backend => "the Backend API",
        }
    }
}

/// Blocking GETs with one timeout.
pub struct Client {
    timeout: Duration,
}

/// The path and query of the environment request.
pub fn environment_path() -> String {
    format!(
        "/v1/environment?__clerk_api_version={FAPI_VERSION}&_clerk_js_version={CLERK_JS_API_VERSION}"
    )
}

impl Client {
    pub fn new(timeout: Duration) -> Client {
        Client { timeout }
    }

    fn agent(&self, endpoint: &Endpoint) -> Agent {
        let config = Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .https_only(!endpoint.local)
            .proxy(if endpoint.local {
                None
            } else {
                ureq::Proxy::try_from_env()
            })
            .user_agent(format!("clerk-lint/{}", crate::emit::VERSION))
            .accept("application/json")
            .build();
        Agent::new_with_config(config)
    }

    /// `GET /v1/environment` from the Frontend API: the body, parsed as JSON.
    pub fn environment(&self, endpoint: &Endpoint) -> Result<Value, String> {
        self.get_json(endpoint, Api::Frontend, &environment_path(), None)
    }

    /// `GET <path>` from the Backend API with the secret key.
    pub fn backend(
        &self,
        endpoint: &Endpoint,
        path: &str,
        key: &SecretKey,
    ) -> Result<Value, String> {
        self.get_json(endpoint, Api::Backend, path, Some(key))
    }

    fn get_json(
        &self,
        endpoint: &Endpoint,
        api: Api,
        path: &str,
        key: Option<&SecretKey>,
    ) -> Result<Value, String> {
        // The secret key goes to the Backend API only.
        debug_assert!(key.is_none() || api == Api::Backend);
        let key = if api == Api::Backend { key } else { None };
        let agent = self.agent(endpoint);
        let route = path.split('?').next().unwrap_or(path);
        let mut attempt = 0;
        let (status, content_type, location, body) = loop {
            let mut request = agent.get(endpoint.url(path));
            if let Some(key) = key {
                request = request
                    .header("Authorization", key.bearer())
                    .header("Clerk-API-Version", BAPI_VERSION);
            }
            match request.call().and_then(|mut response| {
                let status = response.status().as_u16();
                let header = |name: &str| {
                    response
                        .headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string)
                };
                let (content_type, location) = (header("content-type"), header("location"));
                let body = response
                    .body_mut()
                    .with_config()
                    .limit(MAX_BODY)
                    .read_to_string()?;
                Ok((status, content_type, location, body))
            }) {
                Ok(answer) => break answer,
                Err(e) if attempt < RETRIES && is_dropped_connection(&e) => attempt += 1,
                Err(e) => return Err(self.transport_error(endpoint, api, &e)),
            }
        };
        let place = format!("{} at `{}`", api.name(), endpoint.shown);
        if (300..400).contains(&status) {
            let to = location
                .as_deref()
                .map(|l| format!(" to `{}`", one_line(l, 80)))
                .unwrap_or_default();
            return Err(format!(
                "{place} answered GET {route} with a redirect (HTTP {status}){to}; clerk-lint does not follow redirects"
            ));
        }
        let json: Result<Value, _> = serde_json::from_str(&body);
        if !(200..300).contains(&status) {
            let detail = json
                .as_ref()
                .ok()
                .and_then(clerk_error_message)
                .map(|m| format!(": {}", one_line(&m, 200)))
                .unwrap_or_default();
            if api == Api::Backend && matches!(status, 401 | 403) {
                let masked = key.map(SecretKey::masked).unwrap_or_default();
                return Err(format!(
                    "{place} refused the secret key {masked} (HTTP {status}){detail}"
                ));
            }
            return Err(format!(
                "{place} answered GET {route} with HTTP {status}{detail}"
            ));
        }
        json.map_err(|_| {
            let kind = content_type
                .map(|c| format!("content-type `{}`, ", one_line(&c, 60)))
                .unwrap_or_default();
            let start = body.trim_start();
            let start = if start.is_empty() {
                "an empty body".to_string()
            } else {
                format!("a body starting `{}`", one_line(start, 40))
            };
            format!("{place} answered GET {route} with something that is not JSON ({kind}{start})")
        })
    }

    fn transport_error(&self, endpoint: &Endpoint, api: Api, e: &ureq::Error) -> String {
        let place = format!("{} at `{}`", api.name(), endpoint.shown);
        match e {
            ureq::Error::Timeout(_) => format!(
                "{place} did not answer within {} (raise --timeout to wait longer)",
                seconds(self.timeout)
            ),
            ureq::Error::Io(io) if io.kind() == io::ErrorKind::TimedOut => format!(
                "{place} did not answer within {} (raise --timeout to wait longer)",
                seconds(self.timeout)
            ),
            ureq::Error::HostNotFound => {
                format!("cannot reach {place}: the host name does not resolve")
            }
            ureq::Error::Io(io) => {
                format!("cannot reach {place}: {}", one_line(&io.to_string(), 200))
            }
            other => format!(
                "cannot reach {place}: {}",
                one_line(&redact_text(&other.to_string()), 200)
            ),
        }
    }
}

/// A connection that broke before an answer: worth another try.
fn is_dropped_connection(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::ConnectionFailed => true,
        ureq::Error::Io(io) => matches!(
            io.kind(),
            io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe
                | io::ErrorKind::UnexpectedEof
                | io::ErrorKind::Interrupted
        ),
        _ => false,
    }
}

/// Clerk's error body: `{"errors":[{"message":"…","long_message":"…","code":"…"}]}`.
fn clerk_error_message(v: &Value) -> Option<String> {
    let first = v.get("errors")?.as_array()?.first()?;
    first
        .get("long_message")
        .or_else(|| first.get("message"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// `text` on one line, control characters dropped, at most `max` characters (then `…`),
/// secrets masked.
pub fn one_line(text: &str, max: usize) -> String {
    let clean: String = redact_text(text)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.chars().count() > max {
        format!("{}…", clean.chars().take(max).collect::<String>())
    } else {
        clean
    }
}

/// `10 s`, `1.5 s`.
pub fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_loopback_only() {
        for ok in [
            "http://127.0.0.1:4000",
            "http://127.0.0.1:4000/",
            "http://localhost:1",
            "http://[::1]:8080",
            "http://127.0.0.1",
        ] {
            let e = Endpoint::override_for_tests(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert!(e.local);
            assert!(!e.url("/v1/x").contains("//v1"), "{ok}");
        }
        for bad in [
            "https://127.0.0.1:4000",
            "http://api.clerk.com",
            "http://127.0.0.1.evil.com:80",
            "http://127.0.0.1:80/path",
            "http://user@127.0.0.1:80",
            "http://localhost:80x",
            "127.0.0.1:80",
        ] {
            assert!(Endpoint::override_for_tests(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Endpoint::https("clerk.example.com").url(&environment_path()),
            "https://clerk.example.com/v1/environment?__clerk_api_version=2026-05-12&_clerk_js_version=5"
        );
    }

    #[test]
    fn error_details_are_short_and_masked() {
        let v: Value = serde_json::from_str(
            r#"{"errors":[{"message":"bad","long_message":"Key sk_live_Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq7W\nis invalid"}]}"#,
        )
        .unwrap();
        let m = clerk_error_message(&v).unwrap();
        assert_eq!(one_line(&m, 200), "Key sk_live_**** is invalid");
        assert_eq!(one_line("abcdef", 3), "abc…");
        assert_eq!(seconds(Duration::from_secs(10)), "10 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
    }
}
