//! `clerk-lint instance`: an opt-in audit of a Clerk instance's live settings (the Dashboard half
//! of the security checklist).
//!
//! It finds the publishable key (`--publishable-key`, the environment, or the app's `.env*`
//! files), decodes the Frontend API host from it ([`key`]), sends one `GET /v1/environment`
//! ([`client`]) — or reads a saved payload (`--environment-json`) — and runs the checks table
//! ([`checks`]). With a secret key it also reads two Backend API endpoints (tier B checks).
//! Findings are ordinary [`Diagnostic`]s of the `instance/<check>` rules, so every output format
//! works; they are anchored at the `.env` line that defines the key when it came from a file.
//! Plain `clerk-lint .` never runs any of this.

pub mod checks;
pub mod client;
pub mod command;
pub mod key;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::config::Configs;
use crate::diagnostic::{Diagnostic, Severity, sort_and_dedup};
use crate::output::{Summary, counts_phrase, plural};
use crate::rules::env_names;
use crate::source::env::EnvFile;
use crate::source::json_tokens::{self, Seg, Slot};
use crate::source::{FileKind, SourceFile};
use crate::walk::display_path;

use crate::rules::instance::CHECKS;
use crate::rules::instance::check::{Check, Cx, Fields, Gap, Outcome, Tier};
use checks::UNOBSERVABLE;
use client::{Client, Endpoint};
use key::{KeyKind, PublishableKey, SecretKey};

/// What `clerk-lint instance` was asked to do.
#[derive(Debug, Default)]
pub struct Options {
    /// The app directory (its `.env*` files may hold the key) or one env file.
    pub path: PathBuf,
    pub publishable_key: Option<String>,
    /// `--secret-key`; `CLERK_SECRET_KEY` is read through the `env` lookup.
    pub secret_key: Option<SecretKey>,
    /// Audit this saved `/v1/environment` payload instead of fetching it.
    pub environment_json: Option<PathBuf>,
    pub timeout: Duration,
    /// `--select`: only these checks (ids with or without `instance/`).
    pub select: Vec<String>,
    /// `--extend-select`: these checks too (turns on the ones that are off by default).
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// `instance/lockout-threshold` fires above this many attempts.
    pub max_lockout_attempts: u32,
    /// `--allow-any-host`: send the request to whatever host the publishable key names, even
    /// an IP address, `localhost` or a private network name.
    pub allow_any_host: bool,
    /// Test-only: a loopback `http://127.0.0.1:PORT` base for the Frontend API.
    pub fapi_base_url: Option<String>,
    /// Test-only: a loopback base for the Backend API.
    pub bapi_base_url: Option<String>,
}

/// How a check came out, for the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    Pass,
    /// Findings, at the most severe one's severity.
    Finding(Severity),
    /// A field it needs is missing (the gap's description).
    Unknown(String),
    NotApplicable(String),
    /// A production-only check on a development instance.
    SkippedDevelopment,
    /// Off by default and not selected.
    Off,
    /// Deselected (`--ignore`, `--select`, `clerk-lint.toml`).
    Deselected,
    /// A tier B check without a secret key.
    NeedsSecretKey,
}

/// One row of the checklist.
#[derive(Clone, Debug)]
pub struct Row {
    pub check: &'static Check,
    pub state: State,
    /// The first finding's message, the gap or the reason; empty for a pass.
    pub detail: String,
}

/// The outcome of an audit.
#[derive(Debug)]
pub struct Audit {
    /// Sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of the file the findings are anchored in (the `.env` file or the payload).
    pub sources: HashMap<String, Arc<str>>,
    /// Files read (the env file and the payload).
    pub files_read: usize,
    /// `the production instance `clerk.example.com``.
    pub target: String,
    pub rows: Vec<Row>,
    /// Lines for stderr (`clerk-lint: note: …`), unless `--quiet`.
    pub notes: Vec<String>,
    /// Whether the Backend API was read.
    pub backend: bool,
}

/// Names the publishable key goes by, in the order the environment is searched.
pub fn key_var_names() -> Vec<String> {
    let mut names = vec![
        "CLERK_PUBLISHABLE_KEY".to_string(),
        "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY".to_string(),
    ];
    for (prefix, _) in env_names::PUBLIC_PREFIXES {
        let name = format!("{prefix}CLERK_PUBLISHABLE_KEY");
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Where the publishable key came from.
#[derive(Clone, Debug)]
enum KeySource {
    Flag,
    Env(String),
    File {
        file: Arc<SourceFile>,
        /// The definition, name to value.
        range: Range<usize>,
        name: String,
    },
}

impl KeySource {
    fn describe(&self) -> String {
        match self {
            KeySource::Flag => "--publishable-key".to_string(),
            KeySource::Env(name) => format!("${name}"),
            KeySource::File { file, range, name } => {
                format!(
                    "`{name}` in `{}:{}`",
                    file.rel_path,
                    file.pos(range.start).line
                )
            }
        }
    }

    fn production_file(&self) -> Option<String> {
        match self {
            KeySource::File { file, .. } => {
                let name = file.rel_path.rsplit('/').next().unwrap_or(&file.rel_path);
                name.starts_with(".env.production")
                    .then(|| file.rel_path.clone())
            }
            _ => None,
        }
    }
}

struct FoundKey {
    value: String,
    source: KeySource,
    /// Other, different publishable keys seen in the env files.
    others: usize,
}

/// Env files that hold placeholders, not the app's keys.
fn is_template_env(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        "example", "sample", "template", "dist", "defaults", "schema",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Where a key in this file ranks: production files first, then Next.js's load order.
fn file_rank(name: &str) -> u8 {
    match name {
        ".env.production.local" => 0,
        n if n.starts_with(".env.production") => 1,
        ".env.local" => 2,
        ".env.development.local" => 3,
        ".env.development" => 4,
        ".env" => 5,
        _ => 6,
    }
}

/// The `.env*` files directly in `path` (or `path` itself when it is a file).
fn env_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let Ok(dir) = std::fs::read_dir(path) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = dir
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|n| n.starts_with(".env") && !is_template_env(&n))
        })
        .collect();
    files.sort();
    files
}

fn find_key(
    opts: &Options,
    env: &dyn Fn(&str) -> Option<String>,
    notes: &mut Vec<String>,
) -> Option<FoundKey> {
    if let Some(k) = opts
        .publishable_key
        .as_deref()
        .filter(|k| !k.trim().is_empty())
    {
        return Some(FoundKey {
            value: k.trim().to_string(),
            source: KeySource::Flag,
            others: 0,
        });
    }
    for name in key_var_names() {
        if let Some(v) = env(&name).filter(|v| !v.trim().is_empty()) {
            return Some(FoundKey {
                value: v.trim().to_string(),
                source: KeySource::Env(name),
                others: 0,
            });
        }
    }
    // (is a development key, file rank, file, order in file) → key.
    let mut candidates: Vec<((bool, u8, String, usize), FoundKey)> = Vec::new();
    for path in env_files(&opts.path) {
        let text = match crate::fsio::read_text(&path, crate::lint::DEFAULT_MAX_FILE_SIZE) {
            Ok(t) => t,
            Err(e) => {
                notes.push(format!("cannot read `{}`: {e}", display_path(&path)));
                continue;
            }
        };
        let parsed = EnvFile::parse(&text);
        let rel = display_path(&path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let file = Arc::new(SourceFile::new(
            path.clone(),
            rel.clone(),
            FileKind::Env,
            Arc::from(text.as_str()),
            false,
        ));
        for (i, e) in parsed.entries.iter().enumerate() {
            if env_names::split(&e.key).base != "CLERK_PUBLISHABLE_KEY" || e.value.trim().is_empty()
            {
                continue;
            }
            let value = e.value.trim().to_string();
            candidates.push((
                (
                    !value.starts_with("pk_live_"),
                    file_rank(&name),
                    rel.clone(),
                    i,
                ),
                FoundKey {
                    value,
                    source: KeySource::File {
                        file: file.clone(),
                        range: e.key_range.start..e.value_range.end.max(e.key_range.end),
                        name: e.key.clone(),
                    },
                    others: 0,
                },
            ));
        }
    }
    candidates.sort_by(|a, b| a.0.cmp(&b.0));
    let mut distinct: Vec<&str> = candidates.iter().map(|c| c.1.value.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let others = distinct.len().saturating_sub(1);
    candidates.into_iter().next().map(|(_, mut k)| {
        k.others = others;
        k
    })
}

/// Resolves `--select` / `--extend-select` / `--ignore` ids (`email-verification` or
/// `instance/email-verification`).
fn resolve_ids(ids: &[String]) -> Result<Vec<&'static str>, String> {
    ids.iter()
        .map(|raw| {
            let id = raw.trim();
            let full = if id.starts_with("instance/") {
                id.to_string()
            } else {
                format!("instance/{id}")
            };
            CHECKS
                .iter()
                .map(|c| c.rule.id)
                .find(|known| *known == full)
                .ok_or_else(|| {
                    let known: Vec<&str> = CHECKS.iter().map(|c| c.rule.id).collect();
                    format!(
                        "unknown instance check `{id}` (known: {})",
                        known.join(", ")
                    )
                })
        })
        .collect()
}

/// Which checks run.
struct Selection {
    select: Option<Vec<&'static str>>,
    extend: Vec<&'static str>,
    ignore: Vec<String>,
    /// A `clerk-lint.toml` `select` list that names instance checks.
    config_select: Option<Vec<String>>,
    severity: BTreeMap<String, Severity>,
}

impl Selection {
    /// `None` when the check runs, else the state it gets.
    fn state(&self, check: &Check) -> Option<State> {
        let id = check.rule.id;
        if self.ignore.iter().any(|i| i == id) {
            return Some(State::Deselected);
        }
        if let Some(select) = &self.select {
            return (!select.contains(&id)).then_some(State::Deselected);
        }
        if self.extend.contains(&id) {
            return None;
        }
        if let Some(select) = &self.config_select {
            return (!select.iter().any(|s| s == id)).then_some(State::Deselected);
        }
        (!check.default_on).then_some(State::Off)
    }
}

fn selection(opts: &Options) -> Result<Selection, String> {
    let select = if opts.select.is_empty() {
        None
    } else {
        Some(resolve_ids(&opts.select)?)
    };
    let extend = resolve_ids(&opts.extend_select)?;
    let mut ignore: Vec<String> = resolve_ids(&opts.ignore)?
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut config_select = None;
    let mut severity = BTreeMap::new();
    let dir = if opts.path.is_file() {
        opts.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    } else {
        opts.path.clone()
    };
    let configs = Configs::discover(std::slice::from_ref(&dir))?;
    let canonical = std::fs::canonicalize(&dir).unwrap_or(dir);
    if let Some(config) = configs.for_path(&canonical) {
        let rules = &config.file.rules;
        ignore.extend(rules.ignore.iter().cloned());
        if let Some(list) = &rules.select
            && list.iter().any(|s| s.starts_with("instance/"))
        {
            config_select = Some(list.clone());
        }
        severity = config.severity.clone();
    }
    Ok(Selection {
        select,
        extend,
        ignore,
        config_select,
        severity,
    })
}

/// The environment payload: a JSON object with the environment's sections, unwrapped from a
/// `{"response": …}` envelope. Returns the payload and the envelope's key, if any.
fn environment_payload(v: Value, from: &str) -> Result<(Value, Option<&'static str>), String> {
    let (payload, envelope) = match v {
        Value::Object(mut map)
            if !map.contains_key("user_settings")
                && map.get("response").is_some_and(Value::is_object) =>
        {
            (map.remove("response").unwrap_or_default(), Some("response"))
        }
        other => (other, None),
    };
    let looks_right = payload.as_object().is_some_and(|m| {
        ["auth_config", "user_settings", "display_config"]
            .iter()
            .any(|k| m.contains_key(*k))
    });
    if !looks_right {
        return Err(format!(
            "{from} is not a Clerk environment (no `auth_config`, `user_settings` or `display_config`)"
        ));
    }
    Ok((payload, envelope))
}

/// The byte range of every object member of a JSON text, by dotted path (`a.b.c`), from the
/// start of its key to the end of its value's first token.
fn json_member_ranges(text: &str) -> HashMap<String, Range<usize>> {
    let mut out = HashMap::new();
    json_tokens::walk(text, |entry| {
        let Slot::Member(key) = entry.slot else {
            return;
        };
        if entry.path.iter().any(|s| matches!(s, Seg::Index(_))) {
            return;
        }
        let mut path: Vec<&str> = entry
            .path
            .iter()
            .filter_map(|s| match s {
                Seg::Key(k) => Some(k.as_str()),
                Seg::Index(_) => None,
            })
            .collect();
        path.push(&key.value);
        let end = match entry.value {
            Some(json_tokens::Value::String(s)) => s.range.end,
            Some(
                json_tokens::Value::Scalar(r)
                | json_tokens::Value::Object(r)
                | json_tokens::Value::Array(r),
            ) => r.end,
            None => key.range.end,
        };
        out.entry(path.join(".")).or_insert(key.range.start..end);
    });
    out
}

/// Where a finding about `field` is anchored in the payload file: the field, else its nearest
/// present parent, else the start of the file.
fn payload_anchor(
    ranges: &HashMap<String, Range<usize>>,
    envelope: Option<&str>,
    field: &str,
) -> Range<usize> {
    let mut path = match envelope {
        Some(e) => format!("{e}.{field}"),
        None => field.to_string(),
    };
    loop {
        if let Some(r) = ranges.get(&path) {
            return r.clone();
        }
        match path.rsplit_once('.') {
            Some((parent, _)) => path = parent.to_string(),
            None => return 0..0,
        }
    }
}

/// Where the findings go.
enum Anchor {
    /// The `.env` definition of the key.
    KeyLine(Arc<SourceFile>, Range<usize>),
    /// The field in the `--environment-json` file.
    Payload {
        file: Arc<SourceFile>,
        ranges: HashMap<String, Range<usize>>,
        envelope: Option<&'static str>,
    },
    /// No file: a pseudo-path naming the instance.
    Nowhere(Arc<SourceFile>),
}

impl Anchor {
    fn place(&self, field: &str) -> (&SourceFile, Range<usize>) {
        match self {
            Anchor::KeyLine(f, r) => (f, r.clone()),
            Anchor::Payload {
                file,
                ranges,
                envelope,
            } => (file, payload_anchor(ranges, *envelope, field)),
            Anchor::Nowhere(f) => (f, 0..0),
        }
    }

    fn source(&self) -> Option<&SourceFile> {
        match self {
            Anchor::KeyLine(f, _) | Anchor::Payload { file: f, .. } => Some(f),
            Anchor::Nowhere(_) => None,
        }
    }
}

/// Runs the audit. `env` looks up environment variables (the process's, or a test's).
pub fn run(opts: &Options, env: &dyn Fn(&str) -> Option<String>) -> Result<Audit, String> {
    if !opts.path.exists() {
        return Err(format!(
            "`{}` does not exist (give the app directory or an env file)",
            display_path(&opts.path)
        ));
    }
    let selection = selection(opts)?;
    let mut notes = Vec::new();
    let mut files_read = 0;

    // The publishable key.
    let found = find_key(opts, env, &mut notes);
    let mut publishable: Option<(PublishableKey, KeySource)> = None;
    if let Some(found) = found {
        match key::decode(&found.value) {
            Ok(k) => {
                if found.others > 0 {
                    notes.push(format!(
                        "{} found in the env files; auditing the one in {} (pass --publishable-key to pick another)",
                        plural(found.others + 1, "publishable key", "different publishable keys"),
                        found.source.describe()
                    ));
                }
                publishable = Some((k, found.source));
            }
            Err(e) => {
                let message = format!("the publishable key from {}: {e}", found.source.describe());
                if opts.environment_json.is_some() && matches!(found.source, KeySource::File { .. })
                {
                    notes.push(format!("ignoring {message}"));
                } else {
                    return Err(message);
                }
            }
        }
    }
    if publishable.is_none() && opts.environment_json.is_none() {
        return Err(format!(
            "no publishable key: pass --publishable-key, set CLERK_PUBLISHABLE_KEY (or NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY), or run it on an app whose .env files define one (looked in `{}`)",
            display_path(&opts.path)
        ));
    }

    // The secret key (tier B).
    let secret = match &opts.secret_key {
        Some(k) => Some((k.clone(), "--secret-key")),
        None => match env("CLERK_SECRET_KEY").filter(|v| !v.trim().is_empty()) {
            Some(v) => Some((
                SecretKey::parse(&v)
                    .map_err(|e| format!("the secret key in $CLERK_SECRET_KEY: {e}"))?,
                "$CLERK_SECRET_KEY",
            )),
            None => None,
        },
    };
    if let Some((sk, from)) = &secret {
        notes.push(format!(
            "also reading the Backend API ({}) with the secret key {} from {from}",
            opts.bapi_base_url.as_deref().unwrap_or(client::BAPI_HOST),
            sk.masked()
        ));
    }
    let secret = secret.map(|(sk, _)| sk);
    if let (Some(sk), Some((pk, _))) = (&secret, &publishable)
        && sk.kind() != pk.kind
    {
        return Err(format!(
            "the secret key ({}) is for a {} instance but the publishable key is for a {} one: they must belong to the same instance",
            sk.masked(),
            sk.kind().as_str(),
            pk.kind.as_str()
        ));
    }

    // The environment payload (a saved answer is some KiB; the cap keeps `/dev/zero` out).
    const MAX_ENVIRONMENT_JSON: u64 = 16 * 1024 * 1024;
    let client = Client::new(opts.timeout);
    let (raw_text, payload_file) = match &opts.environment_json {
        Some(path) => {
            let text = crate::fsio::read_text(path, MAX_ENVIRONMENT_JSON)
                .map_err(|e| format!("cannot read `{}`: {e}", display_path(path)))?;
            files_read += 1;
            (Some(text), Some(path.clone()))
        }
        None => (None, None),
    };
    let (payload, envelope) = match &raw_text {
        Some(text) => {
            let shown = format!(
                "`{}`",
                display_path(payload_file.as_deref().unwrap_or(Path::new("")))
            );
            let v: Value =
                serde_json::from_str(text).map_err(|e| format!("{shown} is not JSON: {e}"))?;
            environment_payload(v, &shown)?
        }
        None => {
            let (pk, _) = publishable.as_ref().expect("a key when no payload file");
            let endpoint = match &opts.fapi_base_url {
                Some(url) => Endpoint::override_for_tests(url)?,
                None => {
                    if !opts.allow_any_host
                        && let Some(why) = key::internal_host_reason(&pk.host)
                    {
                        return Err(format!(
                            "the publishable key names `{}`, {why}, not a Clerk Frontend API host; clerk-lint does not send requests there (pass --allow-any-host if you mean it)",
                            pk.host
                        ));
                    }
                    Endpoint::https(&pk.host)
                }
            };
            let v = client.environment(&endpoint)?;
            environment_payload(
                v,
                &format!("the Frontend API answer from `{}`", endpoint.shown),
            )?
        }
    };
    let bapi = match &secret {
        Some(sk) => {
            let endpoint = match &opts.bapi_base_url {
                Some(url) => Endpoint::override_for_tests(url)?,
                None => Endpoint::https(client::BAPI_HOST),
            };
            let instance = client.backend(&endpoint, "/v1/instance", sk)?;
            let communication = client.backend(&endpoint, "/v1/instance/communication", sk)?;
            Some(serde_json::json!({"instance": instance, "communication": communication}))
        }
        None => None,
    };

    // What kind of instance it is.
    let env_fields = Fields {
        root: &payload,
        source: "the Frontend API answer",
    };
    let env_type = env_fields
        .str("display_config.instance_environment_type")
        .ok()
        .map(str::to_string);
    let production = match (&env_type, &publishable) {
        (Some(t), _) => Some(t == "production"),
        (None, Some((pk, _))) => Some(pk.kind == KeyKind::Production),
        (None, None) => None,
    };
    let kind_word = env_type.clone().or_else(|| {
        publishable
            .as_ref()
            .map(|(pk, _)| pk.kind.as_str().to_string())
    });
    let kind_prefix = kind_word.map(|k| format!("{k} ")).unwrap_or_default();
    let target = match (&publishable, &payload_file) {
        (Some((pk, _)), None) => format!("the {kind_prefix}instance `{}`", pk.host),
        (_, Some(file)) => format!("the {kind_prefix}instance in `{}`", display_path(file)),
        (None, None) => format!("the {kind_prefix}instance"),
    };
    let label = publishable
        .as_ref()
        .map(|(pk, _)| pk.host.clone())
        .or_else(|| payload_file.as_deref().map(display_path))
        .unwrap_or_default();

    // Where findings are anchored.
    let anchor = match (&raw_text, &payload_file, &publishable) {
        (Some(text), Some(path), _) => Anchor::Payload {
            file: Arc::new(SourceFile::new(
                path.clone(),
                display_path(path),
                FileKind::Other,
                Arc::from(text.as_str()),
                false,
            )),
            ranges: json_member_ranges(text),
            envelope,
        },
        (_, _, Some((_, KeySource::File { file, range, .. }))) => {
            files_read += 1;
            Anchor::KeyLine(file.clone(), range.clone())
        }
        _ => Anchor::Nowhere(Arc::new(SourceFile::new(
            PathBuf::from(&label),
            label.clone(),
            FileKind::Other,
            Arc::from(""),
            false,
        ))),
    };

    notes.insert(
        0,
        match (&payload_file, &publishable) {
            (None, Some((_, source))) => format!(
                "auditing {target} (publishable key from {})",
                source.describe()
            ),
            _ => format!("auditing {target}"),
        },
    );

    let cx = Cx {
        env: env_fields,
        bapi: bapi.as_ref().map(|root| Fields {
            root,
            source: "the Backend API answer",
        }),
        production,
        production_deploy_file: publishable
            .as_ref()
            .and_then(|(_, source)| source.production_file()),
        max_lockout_attempts: i64::from(opts.max_lockout_attempts),
    };

    let mut rows = Vec::new();
    let mut diagnostics = Vec::new();
    for check in CHECKS {
        let (state, detail, reports) = evaluate(check, &cx, &selection);
        for r in reports {
            let (file, range) = anchor.place(&r.field);
            let fingerprint = if r.key.is_empty() {
                label.clone()
            } else {
                format!("{label} {}", r.key)
            };
            diagnostics.push(
                Diagnostic::new(check.rule, file, range, r.message)
                    .with_help(r.help)
                    .with_severity(r.severity)
                    .with_fingerprint(fingerprint),
            );
        }
        rows.push(Row {
            check,
            state,
            detail,
        });
    }
    sort_and_dedup(&mut diagnostics);

    let skipped: Vec<&str> = rows
        .iter()
        .filter(|r| r.state == State::SkippedDevelopment)
        .map(|r| r.check.rule.id)
        .collect();
    if !skipped.is_empty() {
        notes.push(format!(
            "{target} is not a production instance: production-only checks were skipped ({})",
            skipped.join(", ")
        ));
    }

    let mut sources = HashMap::new();
    if let Some(f) = anchor.source() {
        sources.insert(f.rel_path.clone(), f.text.clone());
    }
    Ok(Audit {
        diagnostics,
        sources,
        files_read,
        target,
        rows,
        notes,
        backend: bapi.is_some(),
    })
}

/// A diagnostic of one check, before it is anchored.
struct Report {
    /// The payload field it is about.
    field: String,
    message: String,
    severity: Severity,
    help: String,
    /// Tells apart several reports of one check; empty for most.
    key: String,
}

/// Runs one check: its checklist state and detail, and the diagnostics to report.
fn evaluate(check: &'static Check, cx: &Cx, selection: &Selection) -> (State, String, Vec<Report>) {
    if let Some(state) = selection.state(check) {
        return (state, String::new(), Vec::new());
    }
    if check.tier == Tier::Backend && cx.bapi.is_none() {
        return (State::NeedsSecretKey, String::new(), Vec::new());
    }
    let help = format!("in the Clerk Dashboard: {}", check.fix);
    let unknown = |gap: Gap| {
        let detail = gap.describe();
        let report = Report {
            message: format!("cannot check this setting: {detail}"),
            severity: Severity::Info,
            help: format!("check it by hand {help}"),
            key: format!("unknown {}", gap.path),
            field: gap.path,
        };
        (State::Unknown(detail.clone()), detail, vec![report])
    };
    if check.production_only {
        match cx.production {
            Some(true) => {}
            Some(false) => return (State::SkippedDevelopment, String::new(), Vec::new()),
            None => {
                return unknown(Gap {
                    path: "display_config.instance_environment_type".into(),
                    expected: None,
                    source: cx.env.source,
                });
            }
        }
    }
    match (check.eval)(cx) {
        Ok(Outcome::Pass) => (State::Pass, String::new(), Vec::new()),
        Ok(Outcome::NotApplicable(reason)) => {
            (State::NotApplicable(reason.clone()), reason, Vec::new())
        }
        Ok(Outcome::Fail(findings)) => {
            let severity = selection
                .severity
                .get(check.rule.id)
                .copied()
                .unwrap_or(check.rule.default_severity);
            let mut detail = findings
                .first()
                .map(|f| f.message.clone())
                .unwrap_or_default();
            if findings.len() > 1 {
                detail.push_str(&format!(" (and {} more)", findings.len() - 1));
            }
            let reports = findings
                .into_iter()
                .map(|f| Report {
                    field: f.field.to_string(),
                    message: f.message,
                    severity,
                    help: help.clone(),
                    key: f.key,
                })
                .collect();
            (State::Finding(severity), detail, reports)
        }
        Err(gap) => unknown(gap),
    }
}

impl State {
    /// A short word for `--explain`.
    fn word(&self) -> &'static str {
        match self {
            State::Pass => "pass",
            State::Finding(s) => s.as_str(),
            State::Unknown(_) => "unknown",
            State::NotApplicable(_) => "n/a",
            State::SkippedDevelopment => "skipped",
            State::Off => "off",
            State::Deselected => "deselected",
            State::NeedsSecretKey => "needs key",
        }
    }

    /// The checklist cell.
    fn cell(&self) -> String {
        match self {
            State::Pass => "✅ pass".into(),
            State::Finding(Severity::Error) => "❌ error".into(),
            State::Finding(Severity::Warning) => "⚠️ warning".into(),
            State::Finding(Severity::Info) => "ℹ️ note".into(),
            State::Unknown(_) => "❔ unknown".into(),
            State::NotApplicable(_) => "➖ not applicable".into(),
            State::SkippedDevelopment => "⏭️ skipped (not production)".into(),
            State::Off => "⏸️ off by default".into(),
            State::Deselected => "⏸️ not selected".into(),
            State::NeedsSecretKey => "🔑 needs a secret key".into(),
        }
    }

    fn reason(&self, check: &Check) -> String {
        match self {
            State::SkippedDevelopment => "production-only check".into(),
            State::Off => format!("run it with --extend-select {}", check.rule.id),
            State::Deselected => "deselected by --select, --ignore or clerk-lint.toml".into(),
            State::NeedsSecretKey => {
                "pass --secret-key or set CLERK_SECRET_KEY to read the Backend API".into()
            }
            _ => String::new(),
        }
    }
}

impl Audit {
    fn count(&self, f: impl Fn(&State) -> bool) -> usize {
        self.rows.iter().filter(|r| f(&r.state)).count()
    }

    /// `18 passed, 1 unknown, 3 not applicable, 2 skipped`.
    fn tally(&self) -> String {
        let parts = [
            (self.count(|s| *s == State::Pass), "passed"),
            (self.count(|s| matches!(s, State::Unknown(_))), "unknown"),
            (
                self.count(|s| matches!(s, State::NotApplicable(_))),
                "not applicable",
            ),
            (
                self.count(|s| {
                    matches!(
                        s,
                        State::SkippedDevelopment
                            | State::Off
                            | State::Deselected
                            | State::NeedsSecretKey
                    )
                }),
                "not run",
            ),
        ];
        let parts: Vec<String> = parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect();
        format!("checks: {}", parts.join(", "))
    }

    /// The closing line of the text formats:
    /// `Found 2 errors in the production instance `x` (checks: 20 passed, 4 not run).`
    pub fn closing_line(&self, summary: &Summary) -> String {
        let counts = counts_phrase(summary);
        if counts.is_empty() {
            format!("No problems found in {} ({}).", self.target, self.tally())
        } else {
            format!("Found {counts} in {} ({}).", self.target, self.tally())
        }
    }

    /// `--explain`: every check with its state and the fields it read, then the checklist items
    /// no key can observe.
    pub fn explain(&self) -> String {
        let mut out = format!("Instance audit of {}:\n", self.target);
        let width = CHECKS.iter().map(|c| c.rule.id.len()).max().unwrap_or(0);
        for row in &self.rows {
            let mut detail = row.detail.clone();
            let reason = row.state.reason(row.check);
            if detail.is_empty() {
                detail = reason;
            }
            out.push_str(&format!(
                "  {:<10} {:<width$}  {}",
                row.state.word(),
                row.check.rule.id,
                row.check.item
            ));
            if !detail.is_empty() {
                out.push_str(&format!(": {detail}"));
            }
            out.push('\n');
            let api = match row.check.tier {
                Tier::Frontend => "GET /v1/environment",
                Tier::Backend => "Backend API GET /v1/instance, /v1/instance/communication",
            };
            out.push_str(&format!(
                "  {:<10} {:<width$}  reads {} ({api})\n",
                "",
                "",
                row.check.fields.join(", ")
            ));
        }
        out.push_str(
            "Not observable with a publishable or secret key (never reported as passing; check them in the Dashboard):\n",
        );
        for u in UNOBSERVABLE {
            out.push_str(&format!("  - {}: {}. Fix: {}.\n", u.item, u.why, u.fix));
        }
        out
    }

    /// The GitHub job summary: the result line and the checklist (item, state, how to fix).
    pub fn step_summary(&self, summary: &Summary) -> String {
        let counts = counts_phrase(summary).replace(" and ", ", ");
        let icon = if summary.errors > 0 {
            "❌"
        } else if summary.warnings > 0 {
            "⚠️"
        } else if summary.infos > 0 {
            "ℹ️"
        } else {
            "✅"
        };
        let result = if counts.is_empty() {
            "no problems".to_string()
        } else {
            counts
        };
        let mut out = format!(
            "## clerk-lint instance audit\n\n{icon} {result} in {} ({})\n\n",
            self.target,
            self.tally()
        );
        out.push_str("| Item | State | How to fix in the Dashboard |\n| --- | --- | --- |\n");
        for row in &self.rows {
            let rule = format!("[`{}`]({})", row.check.rule.id, row.check.rule.docs_url());
            let mut state = row.state.cell();
            let detail = if row.detail.is_empty() {
                row.state.reason(row.check)
            } else {
                row.detail.clone()
            };
            if !detail.is_empty() {
                state.push_str(&format!(": {detail}"));
            }
            let fix = match row.state {
                State::Pass | State::NotApplicable(_) => "—".to_string(),
                _ => row.check.fix.to_string(),
            };
            out.push_str(&format!(
                "| {} {rule} | {} | {} |\n",
                cell(row.check.item),
                cell(&state),
                cell(&fix)
            ));
        }
        for u in UNOBSERVABLE {
            out.push_str(&format!(
                "| {} | 🚫 not observable: {} | {} |\n",
                cell(u.item),
                cell(u.why),
                cell(u.fix)
            ));
        }
        out
    }
}

/// A Markdown table cell: `|` escaped, on one line, secrets masked.
fn cell(s: &str) -> String {
    crate::secrets::redact_text(s)
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_cover_the_framework_prefixes() {
        let names = key_var_names();
        assert_eq!(names[0], "CLERK_PUBLISHABLE_KEY");
        assert_eq!(names[1], "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY");
        for n in [
            "VITE_CLERK_PUBLISHABLE_KEY",
            "EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY",
            "PUBLIC_CLERK_PUBLISHABLE_KEY",
        ] {
            assert!(names.iter().any(|x| x == n), "{n}");
        }
        assert_eq!(
            names
                .iter()
                .filter(|n| *n == "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY")
                .count(),
            1
        );
    }

    #[test]
    fn production_env_files_rank_first() {
        let mut names = vec![
            ".env",
            ".env.local",
            ".env.production",
            ".env.development",
            ".env.production.local",
            ".env.staging",
        ];
        names.sort_by_key(|n| file_rank(n));
        assert_eq!(
            names,
            [
                ".env.production.local",
                ".env.production",
                ".env.local",
                ".env.development",
                ".env",
                ".env.staging"
            ]
        );
        assert!(is_template_env(".env.example"));
        assert!(!is_template_env(".env.production"));
    }

    #[test]
    fn payload_anchors_fall_back_to_the_nearest_parent() {
        let text = "{\n  \"user_settings\": {\n    \"password_settings\": {\"min_length\": 6}\n  },\n  \"list\": [{\"x\": 1}]\n}\n";
        let ranges = json_member_ranges(text);
        let r = payload_anchor(&ranges, None, "user_settings.password_settings.min_length");
        assert_eq!(&text[r], "\"min_length\": 6");
        let r = payload_anchor(&ranges, None, "user_settings.attack_protection.pii.enabled");
        assert_eq!(&text[r], "\"user_settings\": {");
        assert_eq!(payload_anchor(&ranges, None, "nope.x"), 0..0);
        assert!(!ranges.contains_key("list.x"));
    }

    #[test]
    fn envelopes_are_unwrapped_and_other_json_is_refused() {
        let v = serde_json::json!({"response": {"user_settings": {}}});
        let (p, e) = environment_payload(v, "x").unwrap();
        assert_eq!(e, Some("response"));
        assert!(p.get("user_settings").is_some());
        let err = environment_payload(serde_json::json!({"errors": []}), "`x`").unwrap_err();
        assert!(err.contains("is not a Clerk environment"), "{err}");
        assert!(environment_payload(serde_json::json!([1]), "x").is_err());
    }

    #[test]
    fn ids_resolve_with_or_without_the_prefix() {
        assert_eq!(
            resolve_ids(&["mfa".into(), "instance/branding".into()]).unwrap(),
            ["instance/mfa", "instance/branding"]
        );
        let err = resolve_ids(&["missing-auth".into()]).unwrap_err();
        assert!(
            err.starts_with("unknown instance check `missing-auth`"),
            "{err}"
        );
    }
}
