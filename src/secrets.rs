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
}

impl SecretKind {
    pub fn prefix(self) -> &'static str {
        match self {
            SecretKind::SecretKeyLive => "sk_live_",
            SecretKind::SecretKeyTest => "sk_test_",
            SecretKind::WebhookSecret => "whsec_",
            SecretKind::MachineKey => "ak_",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            SecretKind::SecretKeyLive => "a production Clerk secret key",
            SecretKind::SecretKeyTest => "a development Clerk secret key",
            SecretKind::WebhookSecret => "a webhook signing secret",
            SecretKind::MachineKey => "a Clerk machine secret key",
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
    // Clerk secret keys are `sk_(live|test)_` + base62; webhook secrets are `whsec_` + base64.
    // The left guard keeps `mask_sk_live_...` or `xwhsec_` from matching mid-identifier.
    Regex::new(r"(?:^|[^A-Za-z0-9_])((?:sk_(?:live|test)_[A-Za-z0-9]+)|(?:whsec_[A-Za-z0-9+/=]+))")
        .expect("secret token regex")
});

/// Every `sk_live_`/`sk_test_`/`whsec_` token in `text`, real-looking or not.
pub fn find_tokens(text: &str) -> Vec<SecretMatch> {
    if !(text.contains("sk_live_") || text.contains("sk_test_") || text.contains("whsec_")) {
        return Vec::new();
    }
    TOKEN
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .filter_map(|m| {
            kind_of(m.as_str()).map(|kind| SecretMatch {
                kind,
                range: m.range(),
            })
        })
        .collect()
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
