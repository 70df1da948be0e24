//! `clerk-lint instance`: the real binary against a local HTTP server (a `TcpListener` on
//! 127.0.0.1 in this process) serving the payloads in `tests/fixtures/instance/`, through the
//! test-only `--fapi-base-url` / `--bapi-base-url` flags. No test touches the network.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// `pk_live_` for `clerk.example.com`, `pk_test_` for `happy-hen-42.clerk.accounts.dev`.
const PK_LIVE: &str = "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k";
const PK_TEST: &str = "pk_test_aGFwcHktaGVuLTQyLmNsZXJrLmFjY291bnRzLmRldiQ";
/// Made up, real-looking: it must never reach any output.
const SK_LIVE: &str = "sk_live_Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq7W";
const SK_SECRET_PART: &str = "Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq7W";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/instance")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// A tiny HTTP/1.1 server.

#[derive(Clone)]
enum Reply {
    /// Status, content type, body.
    Body(u16, &'static str, String),
    /// Waits this long before answering.
    Slow(Duration, String),
}

fn json(body: String) -> Reply {
    Reply::Body(200, "application/json", body)
}

#[derive(Clone, Debug)]
struct Request {
    method: String,
    target: String,
    /// Lower-case names.
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

struct Server {
    base: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Serves `routes` (path without query → reply) until the test process ends.
    fn start(routes: &[(&str, Reply)]) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: HashMap<String, Reply> = routes
            .iter()
            .map(|(p, r)| (p.to_string(), r.clone()))
            .collect();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = routes.clone();
                let log = log.clone();
                std::thread::spawn(move || handle(stream, &routes, &log));
            }
        });
        Server { base, requests }
    }

    fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

fn handle(stream: TcpStream, routes: &HashMap<String, Reply>, log: &Mutex<Vec<Request>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    log.lock().unwrap().push(Request {
        method,
        target: target.clone(),
        headers,
    });
    let path = target.split('?').next().unwrap_or("");
    let (status, content_type, body) = match routes.get(path) {
        Some(Reply::Body(s, t, b)) => (*s, *t, b.clone()),
        Some(Reply::Slow(wait, b)) => {
            std::thread::sleep(*wait);
            (200, "application/json", b.clone())
        }
        None => (
            404,
            "application/json",
            r#"{"errors":[{"message":"not found","long_message":"Resource not found","code":"resource_not_found"}]}"#
                .to_string(),
        ),
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
}

// ---------------------------------------------------------------------------------------------
// Running the binary.

/// A temporary app directory (with `.git`, so no config above it is found).
fn app(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn clerk_lint(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clerk-lint"));
    cmd.current_dir(dir)
        .arg("instance")
        .args(args)
        .args(["--color", "never"]);
    for name in [
        "CLERK_PUBLISHABLE_KEY",
        "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
        "VITE_CLERK_PUBLISHABLE_KEY",
        "EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY",
        "PUBLIC_CLERK_PUBLISHABLE_KEY",
        "REACT_APP_CLERK_PUBLISHABLE_KEY",
        "GATSBY_CLERK_PUBLISHABLE_KEY",
        "NUXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
        "PLASMO_PUBLIC_CLERK_PUBLISHABLE_KEY",
        "CLERK_SECRET_KEY",
        "GITHUB_ACTIONS",
        "GITHUB_STEP_SUMMARY",
        "CLERK_LINT_OUTPUT_FORMAT",
        "NO_COLOR",
    ] {
        cmd.env_remove(name);
    }
    cmd
}

fn run(mut cmd: impl std::borrow::BorrowMut<Command>) -> Output {
    cmd.borrow_mut().output().expect("run clerk-lint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// The rule ids of a `--format json` run, sorted.
fn rules_of(o: &Output) -> Vec<String> {
    let doc: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), stderr(o)));
    let mut ids: Vec<String> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

fn severities_of(o: &Output) -> Vec<(String, String)> {
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn fapi(env_body: Reply) -> Server {
    Server::start(&[("/v1/environment", env_body)])
}

fn assert_no_secret(o: &Output) {
    for text in [stdout(o), stderr(o)] {
        assert!(!text.contains(SK_SECRET_PART), "secret printed: {text}");
    }
}

// ---------------------------------------------------------------------------------------------

#[test]
fn secure_instance_has_no_findings() {
    let server = fapi(json(fixture("environment-secure.json")));
    let dir = app(&[]);
    let o = run(
        clerk_lint(dir.path(), &["--fapi-base-url", &server.base]).args([
            "--publishable-key",
            PK_LIVE,
            "--format",
            "json",
        ]),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(rules_of(&o).is_empty(), "{}", stdout(&o));

    // One GET of /v1/environment with the pinned API version, nothing else.
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    let r = &reqs[0];
    assert_eq!(r.method, "GET");
    assert_eq!(
        r.target,
        "/v1/environment?__clerk_api_version=2026-05-12&_clerk_js_version=5"
    );
    assert_eq!(r.header("accept"), Some("application/json"));
    for forbidden in ["origin", "cookie", "authorization"] {
        assert_eq!(r.header(forbidden), None, "{forbidden} sent");
    }

    // The text formats close with a line naming the instance.
    let o = run(
        clerk_lint(dir.path(), &["--fapi-base-url", &server.base]).args([
            "--publishable-key",
            PK_LIVE,
            "--format",
            "concise",
        ]),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with(
            "No problems found in the production instance `clerk.example.com` (checks: "
        ),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains(
            "note: auditing the production instance `clerk.example.com` (publishable key from --publishable-key)"
        ),
        "{}",
        stderr(&o)
    );
}

/// Every check that can fire together fires once on the insecure payload; tier B checks read
/// the Backend API with the secret key, which is sent nowhere else and printed nowhere.
#[test]
fn insecure_instance_each_check_fires_once() {
    let front = fapi(json(fixture("environment-insecure.json")));
    let back = Server::start(&[
        ("/v1/instance", json(fixture("bapi-instance-insecure.json"))),
        (
            "/v1/instance/communication",
            json(fixture("bapi-communication-insecure.json")),
        ),
    ]);
    let dir = app(&[]);
    let o = run(clerk_lint(
        dir.path(),
        &[
            "--fapi-base-url",
            &front.base,
            "--bapi-base-url",
            &back.base,
        ],
    )
    .args(["--publishable-key", PK_LIVE, "--format", "json"])
    .args(["--extend-select", "require-name,instance/branding"])
    .env("CLERK_SECRET_KEY", SK_LIVE));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let expected = [
        "instance/allowed-origins",
        "instance/allowlist-on-sign-in",
        "instance/branding",
        "instance/breach-detection",
        "instance/captcha-native-bypass",
        "instance/delete-self",
        "instance/email-link-same-client",
        "instance/email-verification",
        "instance/enumeration-protection",
        "instance/lockout-duration",
        "instance/lockout-threshold",
        "instance/mfa",
        "instance/password-composition-rules",
        "instance/password-min-length",
        "instance/phone-verification",
        "instance/pii-protection",
        "instance/require-name",
        "instance/sms-country-allowlist",
        "instance/test-mode-in-production",
    ];
    assert_eq!(rules_of(&o), expected);
    // Severities are the table's.
    let sev: HashMap<String, String> = severities_of(&o).into_iter().collect();
    for (id, s) in [
        ("instance/breach-detection", "error"),
        ("instance/test-mode-in-production", "error"),
        ("instance/email-verification", "error"),
        ("instance/password-min-length", "error"),
        ("instance/phone-verification", "warning"),
        ("instance/lockout-threshold", "warning"),
        ("instance/sms-country-allowlist", "warning"),
        ("instance/allowed-origins", "warning"),
        ("instance/mfa", "warning"),
        ("instance/allowlist-on-sign-in", "warning"),
        ("instance/enumeration-protection", "info"),
        ("instance/branding", "info"),
    ] {
        assert_eq!(sev[id], s, "{id}");
    }
    assert_no_secret(&o);
    assert!(
        stderr(&o).contains("with the secret key sk_live_**** from $CLERK_SECRET_KEY"),
        "{}",
        stderr(&o)
    );

    // The secret key went to the Backend API only, with GETs only.
    for r in front.requests() {
        assert_eq!(r.method, "GET");
        assert_eq!(r.header("authorization"), None);
        assert!(!format!("{r:?}").contains("sk_"), "{r:?}");
    }
    let back_reqs = back.requests();
    let mut paths: Vec<&str> = back_reqs.iter().map(|r| r.target.as_str()).collect();
    paths.sort();
    assert_eq!(paths, ["/v1/instance", "/v1/instance/communication"]);
    for r in &back_reqs {
        assert_eq!(r.method, "GET");
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {SK_LIVE}").as_str())
        );
        assert_eq!(r.header("origin"), None);
        assert_eq!(r.header("cookie"), None);
    }

    // Every output format carries the findings and masks nothing it should not need to.
    for format in ["full", "concise", "github", "sarif"] {
        let o = run(clerk_lint(
            dir.path(),
            &[
                "--fapi-base-url",
                &front.base,
                "--bapi-base-url",
                &back.base,
            ],
        )
        .args(["--publishable-key", PK_LIVE, "--format", format])
        .args(["--secret-key", SK_LIVE]));
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("instance/breach-detection"),
            "{format}: {}",
            stdout(&o)
        );
        assert_no_secret(&o);
    }
}

/// One insecure setting at a time on the secure payload (saved with `--environment-json`):
/// exactly its check fires, once.
#[test]
fn each_insecure_setting_fires_exactly_its_check() {
    let secure: Value = serde_json::from_str(&fixture("environment-secure.json")).unwrap();
    let cases: &[(&[(&str, Value)], &str)] = &[
        (
            &[(
                "/user_settings/attributes/email_address/verify_at_sign_up",
                false.into(),
            )],
            "instance/email-verification",
        ),
        (
            &[(
                "/user_settings/attributes/phone_number/verify_at_sign_up",
                false.into(),
            )],
            "instance/phone-verification",
        ),
        (
            &[("/user_settings/password_settings/min_length", 6.into())],
            "instance/password-min-length",
        ),
        // `breach-detection-sign-in` is suppressed when breach detection is off.
        (
            &[("/user_settings/password_settings/disable_hibp", true.into())],
            "instance/breach-detection",
        ),
        (
            &[(
                "/user_settings/password_settings/enforce_hibp_on_sign_in",
                false.into(),
            )],
            "instance/breach-detection-sign-in",
        ),
        (
            &[(
                "/user_settings/attack_protection/user_lockout/enabled",
                false.into(),
            )],
            "instance/user-lockout",
        ),
        (
            &[(
                "/user_settings/attack_protection/user_lockout/max_attempts",
                100.into(),
            )],
            "instance/lockout-threshold",
        ),
        (
            &[(
                "/user_settings/attack_protection/user_lockout/duration_in_minutes",
                Value::Null,
            )],
            "instance/lockout-duration",
        ),
        (
            &[("/user_settings/sign_up/captcha_enabled", false.into())],
            "instance/bot-protection",
        ),
        (
            &[("/auth_config/native_settings/api_enabled", true.into())],
            "instance/captcha-native-bypass",
        ),
        (
            &[(
                "/user_settings/attack_protection/enumeration_protection/enabled",
                false.into(),
            )],
            "instance/enumeration-protection",
        ),
        (
            &[(
                "/user_settings/attributes/first_name/required",
                false.into(),
            )],
            "instance/require-name",
        ),
        (
            &[("/user_settings/actions/delete_self", false.into())],
            "instance/delete-self",
        ),
        (
            &[(
                "/user_settings/password_settings/require_uppercase",
                true.into(),
            )],
            "instance/password-composition-rules",
        ),
        (
            &[("/display_config/branded", true.into())],
            "instance/branding",
        ),
        (
            &[("/auth_config/test_mode", true.into())],
            "instance/test-mode-in-production",
        ),
        (
            &[(
                "/user_settings/attributes/email_address/enabled",
                false.into(),
            )],
            "instance/email-sign-up",
        ),
        (
            &[
                (
                    "/user_settings/attributes/email_address/verifications",
                    serde_json::json!(["email_link"]),
                ),
                (
                    "/user_settings/attack_protection/email_link/require_same_client",
                    false.into(),
                ),
            ],
            "instance/email-link-same-client",
        ),
        (
            &[("/user_settings/attack_protection/pii/enabled", false.into())],
            "instance/pii-protection",
        ),
        (
            &[
                ("/user_settings/restrictions/blocklist/enabled", true.into()),
                (
                    "/user_settings/restrictions/allowlist_blocklist_disabled_on_sign_in/enabled",
                    true.into(),
                ),
            ],
            "instance/allowlist-on-sign-in",
        ),
        (
            &[
                (
                    "/user_settings/attributes/authenticator_app/enabled",
                    false.into(),
                ),
                (
                    "/user_settings/attributes/backup_code/enabled",
                    false.into(),
                ),
                (
                    "/user_settings/attributes/phone_number/used_for_second_factor",
                    false.into(),
                ),
            ],
            "instance/mfa",
        ),
    ];
    let dir = app(&[]);
    // The base: secure, and not branded, so the off-by-default checks can run too.
    let mut base = secure.clone();
    *base.pointer_mut("/display_config/branded").unwrap() = false.into();
    let write = |v: &Value| {
        let p = dir.path().join("environment.json");
        std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
        p
    };
    let select = ["--extend-select", "require-name,branding"];
    let o = run(clerk_lint(dir.path(), &["--format", "json"])
        .arg("--environment-json")
        .arg(write(&base))
        .args(select));
    assert!(rules_of(&o).is_empty(), "base: {}", stdout(&o));
    for (changes, expected) in cases {
        let mut v = base.clone();
        for (pointer, value) in *changes {
            *v.pointer_mut(pointer)
                .unwrap_or_else(|| panic!("{pointer} not in the fixture")) = value.clone();
        }
        let o = run(clerk_lint(dir.path(), &["--format", "json"])
            .arg("--environment-json")
            .arg(write(&v))
            .args(select));
        assert_eq!(rules_of(&o), [*expected], "{changes:?}: {}", stderr(&o));
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{changes:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn missing_fields_are_unknown_not_pass_and_never_panic() {
    let server = fapi(json(fixture("environment-missing-fields.json")));
    let dir = app(&[]);
    let o = run(
        clerk_lint(dir.path(), &["--fapi-base-url", &server.base]).args([
            "--publishable-key",
            PK_LIVE,
            "--format",
            "json",
        ]),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "unknowns are notes: {}",
        stderr(&o)
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut unknown: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .inspect(|d| {
            assert_eq!(d["severity"], "info", "{d}");
            assert!(
                d["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("cannot check this setting: `"),
                "{d}"
            );
        })
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    unknown.sort();
    assert_eq!(
        unknown,
        [
            "instance/breach-detection-sign-in",
            "instance/captcha-native-bypass",
            "instance/delete-self",
            "instance/enumeration-protection",
            "instance/lockout-duration",
            "instance/lockout-threshold",
            "instance/pii-protection",
            "instance/user-lockout",
        ]
    );
    let msg = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "instance/user-lockout")
        .unwrap()["message"]
        .clone();
    assert_eq!(
        msg,
        "cannot check this setting: `user_settings.attack_protection.user_lockout.enabled` is missing from the Frontend API answer"
    );

    // An almost empty payload: everything unknown or not applicable, still no panic.
    let server = fapi(json(
        r#"{"user_settings": {"attributes": null}}"#.to_string(),
    ));
    let o = run(
        clerk_lint(dir.path(), &["--fapi-base-url", &server.base]).args([
            "--publishable-key",
            PK_LIVE,
            "--format",
            "concise",
        ]),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("[instance/user-lockout] cannot check this setting"));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn bad_answers_exit_2_with_one_line() {
    let dir = app(&[]);
    let cases: Vec<(Reply, &str)> = vec![
        (
            Reply::Body(200, "text/html", "<!DOCTYPE html><html>Hi</html>".into()),
            "answered GET /v1/environment with something that is not JSON (content-type `text/html`, a body starting `<!DOCTYPE html><html>Hi</html>`)",
        ),
        (
            Reply::Body(
                500,
                "application/json",
                r#"{"errors":[{"message":"internal","long_message":"Something went wrong","code":"internal_clerk_error"}]}"#.into(),
            ),
            "answered GET /v1/environment with HTTP 500: Something went wrong",
        ),
        (
            Reply::Body(500, "text/plain", "oops".into()),
            "answered GET /v1/environment with HTTP 500",
        ),
        (
            json(r#"{"errors":[]}"#.into()),
            "is not a Clerk environment (no `auth_config`, `user_settings` or `display_config`)",
        ),
    ];
    for (reply, expected) in cases {
        let server = fapi(reply);
        let o = run(clerk_lint(dir.path(), &["--fapi-base-url", &server.base])
            .args(["--publishable-key", PK_LIVE]));
        assert_eq!(o.status.code(), Some(2), "{expected}");
        let err = stderr(&o);
        let last = err.lines().last().unwrap_or("");
        assert!(last.starts_with("clerk-lint: error: "), "{err}");
        assert!(last.contains(expected), "{err}");
        assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    }

    // Nothing listening.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let o = run(clerk_lint(
        dir.path(),
        &["--fapi-base-url", &format!("http://127.0.0.1:{port}")],
    )
    .args(["--publishable-key", PK_LIVE]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!(
            "clerk-lint: error: cannot reach the Frontend API at `127.0.0.1:{port}`"
        )),
        "{}",
        stderr(&o)
    );

    // The override is loopback-only.
    let o = run(
        clerk_lint(dir.path(), &["--fapi-base-url", "http://example.com"])
            .args(["--publishable-key", PK_LIVE]),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not a loopback URL"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_slow_server_times_out() {
    let server = fapi(Reply::Slow(
        Duration::from_secs(6),
        fixture("environment-secure.json"),
    ));
    let dir = app(&[]);
    let started = Instant::now();
    let o = run(
        clerk_lint(dir.path(), &["--fapi-base-url", &server.base]).args([
            "--publishable-key",
            PK_LIVE,
            "--timeout",
            "1",
        ]),
    );
    let elapsed = started.elapsed();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("did not answer within 1 s (raise --timeout to wait longer)"),
        "{}",
        stderr(&o)
    );
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
    // A timeout is not retried.
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn environment_json_works_offline_and_anchors_at_the_field() {
    let dir = app(&[]);
    let payload = dir.path().join("env.json");
    std::fs::write(&payload, fixture("environment-insecure.json")).unwrap();
    // No key anywhere, no server: the saved payload is enough.
    let o = run(clerk_lint(
        dir.path(),
        &["--environment-json", "env.json", "--format", "concise"],
    ));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("instance/password-min-length"))
        .unwrap_or_else(|| panic!("{out}"));
    let text = fixture("environment-insecure.json");
    let n = text
        .lines()
        .position(|l| l.contains("\"min_length\": 6"))
        .unwrap()
        + 1;
    assert!(line.starts_with(&format!("env.json:{n}:")), "{line}");
    assert!(
        out.contains("in the production instance in `env.json` (checks: "),
        "{out}"
    );
    // An unreadable payload is a usage error.
    let o = run(clerk_lint(dir.path(), &["--environment-json", "nope.json"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read `nope.json`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn findings_anchor_at_the_env_line_and_the_job_summary_is_a_checklist() {
    let server = fapi(json(fixture("environment-insecure.json")));
    let env_text = format!(
        "# production\nFOO=1\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY={PK_LIVE}\nCLERK_SECRET_KEY={SK_LIVE}\n"
    );
    // A development key in .env.local loses to the production key in .env.production.
    let dir = app(&[
        (".env.production", &env_text),
        (
            ".env.local",
            &format!("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY={PK_TEST}\n"),
        ),
        (
            ".env.example",
            "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_xxx\n",
        ),
    ]);
    let summary_path = dir.path().join("summary.md");
    let o = run(clerk_lint(dir.path(), &["--fapi-base-url", &server.base])
        .args(["--format", "github", "--sarif-output", "out.sarif"])
        .env("GITHUB_STEP_SUMMARY", &summary_path));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let annotation = out
        .lines()
        .find(|l| l.contains("instance/breach-detection"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        annotation.starts_with("::error file=.env.production,line=3,endLine=3,col=1,"),
        "{annotation}"
    );
    assert!(
        stderr(&o).contains(
            "publishable key from `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY` in `.env.production:3`"
        ),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("2 different publishable keys found in the env files"),
        "{}",
        stderr(&o)
    );
    assert_no_secret(&o);

    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out.sarif")).unwrap())
            .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], ".env.production");
        assert_eq!(loc["region"]["startLine"], 3);
    }
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    // Only the referenced rules, sorted by id; each result's `ruleIndex` points at its rule.
    let mut referenced: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    referenced.sort();
    referenced.dedup();
    let listed: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(listed, referenced);
    for r in results {
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            r["ruleId"]
        );
    }

    let summary = std::fs::read_to_string(&summary_path).unwrap();
    assert!(
        summary.starts_with("## clerk-lint instance audit\n\n❌ 4 errors"),
        "{summary}"
    );
    assert!(
        summary.contains("| Item | State | How to fix in the Dashboard |\n| --- | --- | --- |\n"),
        "{summary}"
    );
    let row = |item: &str| {
        summary
            .lines()
            .find(|l| l.starts_with(&format!("| {item} ")))
            .unwrap_or_else(|| panic!("no row for {item}: {summary}"))
            .to_string()
    };
    let breach = row("Reject compromised passwords");
    assert!(
        breach.contains("| ❌ error: “Reject compromised passwords” (HaveIBeenPwned) is off |"),
        "{breach}"
    );
    assert!(
        breach.ends_with(
            "| User & authentication › Password: turn on “Reject compromised passwords” |"
        ),
        "{breach}"
    );
    assert!(row("Bot sign-up protection").contains("| ✅ pass | — |"));
    assert!(row("SMS country allowlist").contains("🔑 needs a secret key"));
    assert!(row("Remove “Secured by Clerk” branding").contains("⏸️ off by default"));
    let trust = row("Device Trust (formerly Client Trust)");
    assert!(trust.contains("🚫 not observable"), "{trust}");
    assert!(!trust.contains("✅"), "{trust}");
    assert!(row("Webhooks configured").contains("🚫 not observable"));
    assert!(!summary.contains(SK_SECRET_PART));
}

#[test]
fn explain_lists_every_check_and_the_unobservable_items_once() {
    let server = fapi(json(fixture("environment-secure.json")));
    let dir = app(&[]);
    let o = run(
        clerk_lint(dir.path(), &["--fapi-base-url", &server.base]).args([
            "--publishable-key",
            PK_LIVE,
            "--explain",
            "--format",
            "json",
        ]),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // stdout stays a JSON document.
    assert!(serde_json::from_slice::<Value>(&o.stdout).is_ok());
    let err = stderr(&o);
    assert!(err.contains("Instance audit of the production instance `clerk.example.com`:"));
    assert!(
        err.contains("  pass       instance/breach-detection"),
        "{err}"
    );
    assert!(
        err.contains("reads user_settings.attributes.password.enabled, user_settings.password_settings.disable_hibp (GET /v1/environment)"),
        "{err}"
    );
    assert!(
        err.contains("  needs key  instance/sms-country-allowlist"),
        "{err}"
    );
    assert!(err.contains("  off        instance/branding"), "{err}");
    assert_eq!(err.matches("- Device Trust").count(), 1, "{err}");
    assert_eq!(err.matches("- Webhooks configured").count(), 1, "{err}");
    let unobservable = &err[err.find("Not observable").unwrap()..];
    assert!(
        unobservable.lines().skip(1).all(|l| l.starts_with("  - ")),
        "{unobservable}"
    );
}

#[test]
fn development_instances_skip_production_only_checks_with_a_note() {
    let server = fapi(json(fixture("environment-development.json")));
    let dir = app(&[]);
    let o = run(clerk_lint(dir.path(), &["--fapi-base-url", &server.base])
        .args(["--format", "json", "--extend-select", "branding"])
        .env("VITE_CLERK_PUBLISHABLE_KEY", PK_TEST));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // test_mode is on, but only production instances are held to that.
    assert!(rules_of(&o).is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("auditing the development instance `happy-hen-42.clerk.accounts.dev` (publishable key from $VITE_CLERK_PUBLISHABLE_KEY)"),
        "{err}"
    );
    assert!(
        err.contains("is not a production instance: production-only checks were skipped (instance/branding, instance/test-mode-in-production)"),
        "{err}"
    );

    // The same keys in `.env.production` belong to a production deploy: `dev-instance`.
    let dir = app(&[(
        ".env.production",
        &format!("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY={PK_TEST}\n"),
    )]);
    let o =
        run(clerk_lint(dir.path(), &["--fapi-base-url", &server.base])
            .args(["--format", "concise"]));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(".env.production:1:1: warning[instance/dev-instance] the publishable key in `.env.production` belongs to a development instance"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn keys_are_refused_without_being_echoed() {
    let dir = app(&[]);
    // A secret key passed as the publishable key.
    let o = run(clerk_lint(dir.path(), &["--publishable-key", SK_LIVE]));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("this is a production Clerk secret key (sk_live_****), not a publishable key"),
        "{err}"
    );
    assert_no_secret(&o);

    // The same, from an env file.
    let dir = app(&[(".env", &format!("CLERK_PUBLISHABLE_KEY={SK_LIVE}\n"))]);
    let o = run(clerk_lint(dir.path(), &[]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`CLERK_PUBLISHABLE_KEY` in `.env:1`"),
        "{}",
        stderr(&o)
    );
    assert_no_secret(&o);

    // A bad --secret-key is refused by us, not echoed by the argument parser.
    let o = run(
        clerk_lint(dir.path(), &["--publishable-key", PK_LIVE]).args([
            "--secret-key",
            "whsec_Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq7W",
        ]),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--secret-key: a secret key starts with"),
        "{}",
        stderr(&o)
    );
    assert_no_secret(&o);

    // A development secret key with a production publishable key.
    let o = run(clerk_lint(dir.path(), &["--publishable-key", PK_LIVE]).env(
        "CLERK_SECRET_KEY",
        "sk_test_Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq7W",
    ));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the secret key (sk_test_****) is for a development instance"));
    assert_no_secret(&o);

    // Malformed publishable keys.
    for (key, expected) in [
        ("pk_live_!!!", "is not valid base64"),
        (
            "pk_live_Y2xlcmsuZXhhbXBsZS5jb20",
            "does not end in exactly one `$`",
        ),
    ] {
        let o = run(clerk_lint(dir.path(), &["--publishable-key", key]));
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(expected), "{}", stderr(&o));
    }

    // No key at all.
    let empty = app(&[]);
    let o = run(clerk_lint(empty.path(), &[]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no publishable key: pass --publishable-key"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_rules_are_registered_with_docs() {
    let out = Command::new(env!("CARGO_BIN_EXE_clerk-lint"))
        .args(["rule", "instance/bot-protection"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.starts_with("# instance/bot-protection\n"), "{page}");
    assert!(page.contains("Looks at: instance."), "{page}");
    let out = Command::new(env!("CARGO_BIN_EXE_clerk-lint"))
        .arg("rules")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("instance/test-mode-in-production"));
}

#[test]
fn plain_check_never_runs_the_instance_audit() {
    let dir = app(&[(
        ".env.production",
        &format!("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY={PK_LIVE}\n"),
    )]);
    let o = Command::new(env!("CARGO_BIN_EXE_clerk-lint"))
        .current_dir(dir.path())
        .args([".", "--format", "json"])
        .env_remove("CLERK_SECRET_KEY")
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| !d["rule"].as_str().unwrap().starts_with("instance/")),
        "{}",
        stdout(&o)
    );
}
