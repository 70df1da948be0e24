//! Recognising Clerk secrets in text, telling real-looking ones from placeholders, and
//! masking them: a secret's value never reaches any output, only its prefix and `****`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// The kinds of Clerk secret clerk-lint recognises by shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretKind {
    SecretKeyLive,
    SecretKeyTest,
    WebhookSecret,
    MachineKey,
    /// A legacy Clerk API key (`test_…` / `live_…`, the `CLERK_API_KEY` era).
    LegacyTest,
    LegacyLive,
    /// The value of a variable whose name says it is a secret (`*_SECRET`, `*_PASSWORD`,
    /// `*_TOKEN`, `*_API_KEY`), or a value remembered from one: no prefix is kept.
    Named,
}

impl SecretKind {
    pub fn prefix(self) -> &'static str {
        match self {
            SecretKind::SecretKeyLive => "sk_live_",
            SecretKind::SecretKeyTest => "sk_test_",
            SecretKind::WebhookSecret => "whsec_",
            SecretKind::MachineKey => "ak_",
            SecretKind::LegacyTest => "test_",
            SecretKind::LegacyLive => "live_",
            SecretKind::Named => "",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            SecretKind::SecretKeyLive => "a production Clerk secret key",
            SecretKind::SecretKeyTest => "a development Clerk secret key",
            SecretKind::WebhookSecret => "a webhook signing secret",
            SecretKind::MachineKey => "a Clerk machine secret key",
            SecretKind::LegacyTest => "a legacy development Clerk API key",
            SecretKind::LegacyLive => "a legacy production Clerk API key",
            SecretKind::Named => "a secret value",
        }
    }

    /// The masked form shown instead of the value: `sk_live_****`.
    pub fn masked(self) -> String {
        format!("{}****", self.prefix())
    }
}

/// The kind of secret `value` is shaped like (by prefix only; no randomness check).
pub fn kind_of(value: &str) -> Option<SecretKind> {
    let v = value.trim();
    if v.starts_with("sk_live_") {
        Some(SecretKind::SecretKeyLive)
    } else if v.starts_with("sk_test_") {
        Some(SecretKind::SecretKeyTest)
    } else if v.starts_with("whsec_") {
        Some(SecretKind::WebhookSecret)
    } else if v.starts_with("ak_") {
        Some(SecretKind::MachineKey)
    } else {
        None
    }
}

/// A secret-shaped token found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretMatch {
    pub kind: SecretKind,
    /// Byte range of the whole token, prefix included.
    pub range: Range<usize>,
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    // Clerk secret keys are `sk_(live|test)_` + base62; webhook secrets are `whsec_` + base64;
    // machine secret keys are `ak_` + base62; legacy API keys are `test_`/`live_` + base62.
    // The left guard keeps `mask_sk_live_...` or `xwhsec_` from matching mid-identifier.
    Regex::new(
        r"(?:^|[^A-Za-z0-9_])((?:sk_(?:live|test)_[A-Za-z0-9]+)|(?:whsec_[A-Za-z0-9+/=]+)|(?:ak_[A-Za-z0-9]{16,})|(?:(?:test|live)_[A-Za-z0-9]{20,}))",
    )
    .expect("secret token regex")
});

/// `NAME = value`, `NAME: "value"`, `"NAME": "value"`: a name that says it is a secret, then
/// its value (group 2).
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)([A-Za-z0-9_]*(?:secret|password|passwd|token|api_?key|private_?key|credential|access_?key|signing_?key)[A-Za-z0-9_]*)["']?[ \t]*(?:=|:)[ \t]*["'`]?([A-Za-z0-9_\-+/=.~@!#%^&*?:]{8,})"#,
    )
    .expect("named secret regex")
});

/// The words one of which every [`NAMED`] match contains, in lower case. Searched for first,
/// as plain literals: [`NAMED`] starts with an open-ended name class, so the regex engine
/// cannot skip ahead and reads every byte of every file (a fifth of a monorepo run).
static NAMED_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"secret|password|passwd|token|api_?key|private_?key|credential|access_?key|signing_?key",
    )
    .expect("named secret words")
});

/// Whether `text` may hold a [`NAMED`] match. ASCII lower-casing finds every way `(?i)` can
/// spell the words but two non-ASCII ones (`ſ` for `s`, the Kelvin sign for `k`): their
/// presence sends the text to the full regex.
fn may_have_named(text: &str) -> bool {
    text.contains(['\u{17F}', '\u{212A}']) || NAMED_WORDS.is_match(&text.to_ascii_lowercase())
}

/// An identifier path such as `process.env.CLERK_SECRET_KEY`: code, not a value.
static CODE_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+$").expect("code path")
});

/// Secret values met in the files read this run (values of secret-named variables), masked
/// wherever they appear in output, even away from their name.
static KNOWN: std::sync::RwLock<Vec<String>> = std::sync::RwLock::new(Vec::new());

/// The kind of a legacy API key (`test_…`/`live_…` with 20 or more base62 characters).
pub fn legacy_kind(value: &str) -> Option<SecretKind> {
    let v = value.trim();
    let (kind, body) = if let Some(b) = v.strip_prefix("test_") {
        (SecretKind::LegacyTest, b)
    } else if let Some(b) = v.strip_prefix("live_") {
        (SecretKind::LegacyLive, b)
    } else {
        return None;
    };
    (body.len() >= 20
        && body.bytes().all(|b| b.is_ascii_alphanumeric())
        && body.bytes().any(|b| b.is_ascii_digit())
        && body.bytes().any(|b| b.is_ascii_alphabetic()))
    .then_some(kind)
}

/// True when `name` says its value is a secret (`CLERK_SECRET_KEY`, `DB_PASSWORD`,
/// `CLERK_API_KEY`, `GITHUB_TOKEN`).
pub fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    !upper.contains("PUBLISHABLE")
        && [
            "SECRET",
            "PASSWORD",
            "PASSWD",
            "TOKEN",
            "API_KEY",
            "APIKEY",
            "PRIVATE_KEY",
            "PRIVATEKEY",
            "CREDENTIAL",
            "ACCESS_KEY",
            "SIGNING_KEY",
        ]
        .iter()
        .any(|w| upper.contains(w))
}

/// The kind of secret the value of the variable `name` is: its shape when it has one, a
/// legacy API key (`CLERK_API_KEY=test_…`), else `Named` when the name says it is a secret.
pub fn kind_of_named(name: &str, value: &str) -> Option<SecretKind> {
    kind_of(value)
        .or_else(|| legacy_kind(value))
        .or_else(|| (is_secret_name(name) && looks_like_value(value)).then_some(SecretKind::Named))
}

/// True when `value` may be a secret value rather than a reference, code or a placeholder:
/// 8 or more characters, letters and digits, not `${VAR}`, `$VAR`, `<...>` or an identifier path.
fn looks_like_value(value: &str) -> bool {
    let v = value
        .trim()
        .trim_matches(|c| c == '"' || c == '\'' || c == '`');
    v.chars().count() >= 8
        && !v.contains("****")
        && !v.starts_with(['$', '<', '{', '(', '['])
        && v.chars().any(|c| c.is_ascii_digit())
        && v.chars().any(|c| c.is_alphabetic())
        && !v.chars().any(char::is_whitespace)
        && !CODE_PATH.is_match(v)
}

/// Remembers `value` as a secret: from now on it is masked in every output.
pub fn remember(value: &str) {
    let v = value
        .trim()
        .trim_matches(|c| c == '"' || c == '\'' || c == '`');
    if v.len() < 8 || v.contains("****") {
        return;
    }
    if let Ok(mut known) = KNOWN.write()
        && !known.iter().any(|k| k == v)
    {
        known.push(v.to_string());
        // Longest first, so a value that contains another is masked whole.
        known.sort_by_key(|k| std::cmp::Reverse(k.len()));
    }
}

/// Remembers the value of every secret-named assignment in `text` (`NAME=value`,
/// `NAME: value`, `"NAME": "value"`), whatever kind of file it is.
pub fn remember_in(text: &str) {
    if !may_have_named(text) {
        return;
    }
    for c in NAMED.captures_iter(text) {
        if let Some(v) = c.get(2)
            && looks_like_value(v.as_str())
        {
            remember(v.as_str());
        }
    }
}

/// Remembers the values of the process environment's secret-named variables
/// (`CLERK_SECRET_KEY`, `--secret-key` comes from there too).
pub fn remember_process_env() {
    for (name, value) in std::env::vars_os() {
        if let (Some(name), Some(value)) = (name.to_str(), value.to_str())
            && (is_secret_name(name) || kind_of(value).is_some())
            && value.trim().len() >= 8
        {
            remember(value);
        }
    }
}

/// Every secret in `text`: secret-shaped tokens (`sk_live_`, `sk_test_`, `whsec_`, `ak_`,
/// legacy `test_`/`live_` keys), remembered values, and the values of secret-named
/// assignments. Sorted by start, not overlapping.
pub fn find_tokens(text: &str) -> Vec<SecretMatch> {
    let mut found = find_shaped(text);
    if let Ok(known) = KNOWN.read() {
        for k in known.iter() {
            let mut from = 0;
            while let Some(i) = text[from..].find(k.as_str()) {
                let start = from + i;
                found.push(SecretMatch {
                    kind: kind_of(k).unwrap_or(SecretKind::Named),
                    range: start..start + k.len(),
                });
                from = start + k.len();
            }
        }
    }
    for c in NAMED.captures_iter(text) {
        if let Some(v) = c.get(2)
            && looks_like_value(v.as_str())
        {
            found.push(SecretMatch {
                kind: kind_of(v.as_str())
                    .or_else(|| legacy_kind(v.as_str()))
                    .unwrap_or(SecretKind::Named),
                range: v.range(),
            });
        }
    }
    // Merge overlaps: the earliest start wins and extends to the furthest end.
    found.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut merged: Vec<SecretMatch> = Vec::with_capacity(found.len());
    for m in found {
        match merged.last_mut() {
            Some(last) if m.range.start < last.range.end => {
                last.range.end = last.range.end.max(m.range.end);
            }
            _ => merged.push(m),
        }
    }
    merged
}

/// The secret-shaped tokens in `text` only (`sk_live_`, `sk_test_`, `whsec_`, `ak_` and legacy
/// `test_`/`live_` keys), whatever else the run has seen: what the rules judge.
pub fn find_shaped(text: &str) -> Vec<SecretMatch> {
    let mut found: Vec<SecretMatch> = Vec::new();
    if text.contains("sk_live_")
        || text.contains("sk_test_")
        || text.contains("whsec_")
        || text.contains("ak_")
        || text.contains("test_")
        || text.contains("live_")
    {
        found.extend(
            TOKEN
                .captures_iter(text)
                .filter_map(|c| c.get(1))
                .filter_map(|m| {
                    let kind = kind_of(m.as_str()).or_else(|| legacy_kind(m.as_str()))?;
                    Some(SecretMatch {
                        kind,
                        range: m.range(),
                    })
                }),
        );
    }
    found
}

/// True when `value` looks like a real secret of its kind: long enough, random enough, and
/// not a documented placeholder such as `sk_test_xxx`, `sk_live_...` or `whsec_123`.
pub fn is_real_looking(value: &str) -> bool {
    let value = value.trim();
    let Some(kind) = kind_of(value) else {
        return false;
    };
    let body = &value[kind.prefix().len()..];
    let min_len = match kind {
        SecretKind::WebhookSecret => 24,
        _ => 20,
    };
    if body.chars().count() < min_len {
        return false;
    }
    let lower = body.to_ascii_lowercase();
    const PLACEHOLDER_WORDS: &[&str] = &[
        "xxxx",
        "your",
        "example",
        "placeholder",
        "replace",
        "change",
        "dummy",
        "sample",
        "secret",
        "insert",
        "redacted",
        "abcdef",
        "123456",
        "000000",
        "todo",
        "fixme",
        "fake",
    ];
    if PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w)) {
        return false;
    }
    // Real keys are random base62: both letters and digits, and many distinct characters.
    let has_digit = body.chars().any(|c| c.is_ascii_digit());
    let has_alpha = body.chars().any(|c| c.is_ascii_alphabetic());
    let mut distinct: Vec<char> = body.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    has_digit && has_alpha && distinct.len() >= 10 && entropy(body) >= 3.0
}

/// Shannon entropy in bits per character.
fn entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut n = 0usize;
    for c in s.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&k| {
            let p = k as f64 / n as f64;
            -p * p.log2()
        })
        .sum()
}

/// `line` with every secret-shaped token replaced by its masked form, and a function to map a
/// byte offset in the original line to the masked line (for moving annotation spans).
pub fn redact(line: &str) -> (String, Vec<(usize, isize)>) {
    let tokens = find_tokens(line);
    if tokens.is_empty() {
        return (line.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(line.len());
    let mut shifts = Vec::new();
    let mut last = 0;
    let mut delta: isize = 0;
    for t in tokens {
        out.push_str(&line[last..t.range.start]);
        let masked = t.kind.masked();
        out.push_str(&masked);
        delta += masked.len() as isize - t.range.len() as isize;
        shifts.push((t.range.end, delta));
        last = t.range.end;
    }
    out.push_str(&line[last..]);
    (out, shifts)
}

/// Maps a byte offset of the original line into the redacted line produced by [`redact`].
/// Offsets inside a masked token map to the end of its mask.
pub fn shift_offset(offset: usize, shifts: &[(usize, isize)]) -> usize {
    let mut delta = 0isize;
    for &(end, d) in shifts {
        if offset >= end {
            delta = d;
        }
    }
    (offset as isize + delta).max(0) as usize
}

/// `text` with every secret-shaped token masked; for any free text that may quote a value.
pub fn redact_text(text: &str) -> String {
    redact(text).0
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL_LIVE: &str = "sk_live_Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq";

    /// The literal pre-check never turns away a text the full regex matches.
    #[test]
    fn named_words_precheck_agrees_with_the_regex() {
        let cases = [
            "DB_PASSWORD=Xk29vLmq7Rz4",
            "apiKey: 'AbCdEf123456'",
            "My_Api_Key = \"q8w7e6r5t4y3\"",
            "GITHUB_TOKEN=ghp_1234abcd5678",
            "signingKey: abcdefgh12",
            "\u{17F}ecret=abcdefgh12",
            "api_\u{212A}ey=abcdefgh12",
            "const x = 1;",
            "no assignment of a secret word here",
            "",
        ];
        for text in cases {
            if NAMED.is_match(text) {
                assert!(may_have_named(text), "{text:?}");
            }
        }
        assert!(!may_have_named("const x = 1;\nexport default x;\n"));
    }

    #[test]
    fn real_looking_versus_placeholders() {
        let cases: &[(&str, bool)] = &[
            (REAL_LIVE, true),
            ("sk_test_9fQ2mZ7xLk4Vb8Np3Ws6Tt1Yc5Hd0Jr2Ua", true),
            ("whsec_Zm9vYmFyYmF6cXV4cXV1eHF1dXg5ODc2NTQz", true),
            ("sk_test_xxx", false),
            ("sk_live_...", false),
            ("sk_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", false),
            ("sk_live_YOUR_SECRET_KEY_GOES_HERE_1234567", false),
            ("whsec_123", false),
            ("sk_test_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
            ("sk_test_abcdefghijklmnopqrstuvwxyz", false),
            ("pk_test_Y2xlcmsuZXhhbXBsZS5jb20k", false),
            ("", false),
        ];
        for (value, expected) in cases {
            assert_eq!(is_real_looking(value), *expected, "value: {value}");
        }
    }

    #[test]
    fn finds_tokens_with_a_left_guard() {
        let text = format!("a = \"{REAL_LIVE}\"; mask_sk_live_abc; whsec_abc");
        let found = find_tokens(&text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].range.clone()], REAL_LIVE);
        assert_eq!(found[1].kind, SecretKind::WebhookSecret);
    }

    #[test]
    fn redaction_masks_and_shifts() {
        let line = format!("K={REAL_LIVE} # tail");
        let (masked, shifts) = redact(&line);
        assert_eq!(masked, "K=sk_live_**** # tail");
        assert!(!masked.contains("Fk3Q"));
        let tail = line.find("# tail").unwrap();
        assert_eq!(&masked[shift_offset(tail, &shifts)..], "# tail");
        assert_eq!(shift_offset(0, &shifts), 0);
    }
}
