//! Clerk keys: decoding a publishable key into its Frontend API host, and holding a secret key
//! so that it can never be printed.
//!
//! A publishable key is `pk_test_<base64>` (development) or `pk_live_<base64>` (production);
//! the base64 part is `btoa(frontendApi + "$")` with the padding stripped
//! (`@clerk/shared` `buildPublishableKey` / `parsePublishableKey`). No error message here ever
//! contains the key: a publishable key is not secret, but a secret key passed by mistake is.

use std::fmt;

use crate::secrets;

/// Whether an instance is a development or a production one, from the key prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// `pk_test_` / `sk_test_`.
    Development,
    /// `pk_live_` / `sk_live_`.
    Production,
}

impl KeyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Development => "development",
            KeyKind::Production => "production",
        }
    }
}

/// A decoded publishable key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishableKey {
    pub kind: KeyKind,
    /// The Frontend API host, e.g. `clerk.example.com` or `happy-hen-42.clerk.accounts.dev`.
    pub host: String,
}

/// Why a publishable key was refused. The messages never contain the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// A secret key (`sk_live_`, `sk_test_`, ...) where a publishable key belongs.
    SecretKey(secrets::SecretKind),
    /// Not `pk_test_` / `pk_live_`.
    NotPublishable,
    /// The part after the prefix is not base64.
    BadBase64,
    /// The decoded host does not end in exactly one `$`.
    NoDollar,
    /// The decoded host is not a host name (no `.`, or characters a host cannot have).
    BadHost,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::SecretKey(kind) => write!(
                f,
                "this is {} ({}), not a publishable key: refusing to use it (pass a secret key only with --secret-key or CLERK_SECRET_KEY)",
                kind.describe(),
                kind.masked()
            ),
            KeyError::NotPublishable => {
                f.write_str("a publishable key starts with `pk_test_` or `pk_live_`")
            }
            KeyError::BadBase64 => {
                f.write_str("the part after `pk_test_`/`pk_live_` is not valid base64")
            }
            KeyError::NoDollar => {
                f.write_str("the decoded key does not end in exactly one `$` (is it truncated?)")
            }
            KeyError::BadHost => f.write_str("the decoded key is not a Frontend API host name"),
        }
    }
}

/// Decodes a publishable key into its instance kind and Frontend API host.
pub fn decode(key: &str) -> Result<PublishableKey, KeyError> {
    let key = key.trim();
    if let Some(kind) = secret_kind(key) {
        return Err(KeyError::SecretKey(kind));
    }
    let (kind, encoded) = if let Some(rest) = key.strip_prefix("pk_test_") {
        (KeyKind::Development, rest)
    } else if let Some(rest) = key.strip_prefix("pk_live_") {
        (KeyKind::Production, rest)
    } else {
        return Err(KeyError::NotPublishable);
    };
    let bytes = decode_base64(encoded).ok_or(KeyError::BadBase64)?;
    let decoded = String::from_utf8(bytes).map_err(|_| KeyError::BadBase64)?;
    let host = decoded.strip_suffix('$').ok_or(KeyError::NoDollar)?;
    if host.contains('$') {
        return Err(KeyError::NoDollar);
    }
    // The host goes into a URL: allow host-name characters only (no `/`, `@`, `:`, `?`).
    let valid = host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if !valid {
        return Err(KeyError::BadHost);
    }
    Ok(PublishableKey {
        kind,
        host: host.to_ascii_lowercase(),
    })
}

/// Why clerk-lint will not send a request to the Frontend API host `host` unless
/// `--allow-any-host` is given: an IP literal (in any form `inet_aton` accepts: `127.0.0.1`,
/// `0x7f.1`, `0177.0.0.1`, `2130706433`), `localhost` or a name below it, or a name that only
/// resolves inside a network (`.local`, `.internal`, `.lan`, `.home.arpa`). A key found in a
/// repository under review must not make clerk-lint probe the machine or network it runs on.
pub fn internal_host_reason(host: &str) -> Option<&'static str> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let numeric = |l: &str| {
        if let Some(hex) = l.strip_prefix("0x") {
            hex.is_empty() || hex.bytes().all(|b| b.is_ascii_hexdigit())
        } else {
            !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit())
        }
    };
    if labels.len() <= 4 && labels.iter().all(|l| numeric(l)) {
        return Some("an IP address");
    }
    if host == "localhost" || host.ends_with(".localhost") {
        return Some("localhost");
    }
    const PRIVATE_SUFFIXES: &[&str] = &[".local", ".internal", ".lan", ".home.arpa", ".intranet"];
    if PRIVATE_SUFFIXES.iter().any(|s| host.ends_with(s)) {
        return Some("a private network name");
    }
    None
}

/// The kind of secret `key` looks like (`sk_live_`, `sk_test_`, `whsec_`, `ak_`), by prefix.
fn secret_kind(key: &str) -> Option<secrets::SecretKind> {
    secrets::kind_of(key)
}

/// Standard-alphabet base64 with or without `=` padding; `None` for anything else.
pub fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let s = s
        .strip_suffix("==")
        .or_else(|| s.strip_suffix('='))
        .unwrap_or(s);
    if s.is_empty() || s.len() % 4 == 1 {
        return None;
    }
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.as_bytes().chunks(4) {
        let mut acc = 0u32;
        for &c in chunk {
            acc = (acc << 6) | value(c)?;
        }
        match chunk.len() {
            4 => out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]),
            3 => {
                // 18 bits: two bytes and two zero bits.
                if acc & 0b11 != 0 {
                    return None;
                }
                out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]);
            }
            2 => {
                // 12 bits: one byte and four zero bits.
                if acc & 0b1111 != 0 {
                    return None;
                }
                out.push((acc >> 4) as u8);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A Clerk secret key (`sk_live_…` / `sk_test_…`). `Debug` and `Display` show only the
/// masked prefix; the value leaves this type only as the `Authorization` header of a request to
/// the Backend API ([`SecretKey::bearer`]).
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    /// Accepts `sk_live_…` / `sk_test_…`; the error never contains the value.
    pub fn parse(value: &str) -> Result<SecretKey, String> {
        let v = value.trim();
        match secrets::kind_of(v) {
            Some(secrets::SecretKind::SecretKeyLive | secrets::SecretKind::SecretKeyTest)
                if v.len() > "sk_live_".len() =>
            {
                Ok(SecretKey(v.to_string()))
            }
            _ if v.starts_with("pk_") => Err(
                "the secret key is a publishable key (`pk_…`): pass it with --publishable-key"
                    .to_string(),
            ),
            _ => Err("a secret key starts with `sk_live_` or `sk_test_`".to_string()),
        }
    }

    pub fn kind(&self) -> KeyKind {
        if self.0.starts_with("sk_live_") {
            KeyKind::Production
        } else {
            KeyKind::Development
        }
    }

    /// `sk_live_****` / `sk_test_****`.
    pub fn masked(&self) -> String {
        match self.kind() {
            KeyKind::Production => secrets::SecretKind::SecretKeyLive.masked(),
            KeyKind::Development => secrets::SecretKind::SecretKeyTest.masked(),
        }
    }

    /// The `Authorization` header value. Only the Backend API client calls this.
    pub(crate) fn bearer(&self) -> String {
        format!("Bearer {}", self.0)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey({})", self.masked())
    }
}

impl fmt::Display for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `btoa(host + "$")` without padding, as Clerk builds keys.
    fn build(prefix: &str, decoded: &str) -> String {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let b = decoded.as_bytes();
        let mut out = String::from(prefix);
        for chunk in b.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, &x)| acc | (u32::from(x) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }

    #[test]
    fn decodes_test_and_live_keys() {
        let dev = build("pk_test_", "happy-hen-42.clerk.accounts.dev$");
        assert_eq!(
            decode(&dev),
            Ok(PublishableKey {
                kind: KeyKind::Development,
                host: "happy-hen-42.clerk.accounts.dev".into()
            })
        );
        let live = build("pk_live_", "clerk.example.com$");
        assert_eq!(
            decode(&format!("  {live}\n")),
            Ok(PublishableKey {
                kind: KeyKind::Production,
                host: "clerk.example.com".into()
            })
        );
        // Padding is accepted too.
        assert_eq!(
            decode("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k"),
            Ok(PublishableKey {
                kind: KeyKind::Production,
                host: "clerk.example.com".into()
            })
        );
        // `clerk.example.com$` is 18 bytes, so it needs no padding; 19 bytes need `==`, which
        // Clerk strips.
        let k = build("pk_live_", "clerk.example.com1$");
        assert!(!k.ends_with('='));
        assert_eq!(decode(&k).unwrap().host, "clerk.example.com1");
        assert_eq!(decode(&format!("{k}=")).unwrap().host, "clerk.example.com1");
    }

    #[test]
    fn refuses_bad_keys_without_echoing_them() {
        let cases: &[(&str, KeyError)] = &[
            ("pk_live_!!!notbase64", KeyError::BadBase64),
            ("pk_live_", KeyError::BadBase64),
            ("pk_live_Y2xlcmsu_ZXhhbXBsZQ", KeyError::BadBase64),
            // `clerk.example.com` without the `$`.
            ("pk_live_Y2xlcmsuZXhhbXBsZS5jb20", KeyError::NoDollar),
            // `a$b.com$`.
            ("pk_test_YSRiLmNvbSQ", KeyError::NoDollar),
            // `localhost$`: no dot.
            ("pk_test_bG9jYWxob3N0JA", KeyError::BadHost),
            // `evil.com/x?$`: not a host name.
            ("pk_test_ZXZpbC5jb20veD8k", KeyError::BadHost),
            ("pk_xyz_abc", KeyError::NotPublishable),
            ("", KeyError::NotPublishable),
        ];
        for (key, expected) in cases {
            let err = decode(key).unwrap_err();
            assert_eq!(&err, expected, "{key}");
            let text = err.to_string();
            if key.len() > 8 {
                assert!(!text.contains(&key[8..]), "{text}");
            }
        }
    }

    #[test]
    fn a_secret_key_is_refused_and_masked() {
        let secret = "sk_live_Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq7W";
        let err = decode(secret).unwrap_err();
        assert_eq!(err, KeyError::SecretKey(secrets::SecretKind::SecretKeyLive));
        let text = err.to_string();
        assert!(text.contains("sk_live_****"), "{text}");
        assert!(!text.contains("Fk3Q9z"), "{text}");
        assert!(matches!(
            decode("sk_test_abc"),
            Err(KeyError::SecretKey(secrets::SecretKind::SecretKeyTest))
        ));
    }

    #[test]
    fn secret_keys_never_print() {
        let k = SecretKey::parse(" sk_live_Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq7W ").unwrap();
        assert_eq!(k.kind(), KeyKind::Production);
        assert_eq!(format!("{k} {k:?}"), "sk_live_**** SecretKey(sk_live_****)");
        assert_eq!(
            k.bearer(),
            "Bearer sk_live_Fk3Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOq7W"
        );
        let err = SecretKey::parse("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k").unwrap_err();
        assert!(!err.contains("Y2xl"), "{err}");
        let err = SecretKey::parse("whsec_abcdefghijkl").unwrap_err();
        assert!(!err.contains("abcdef"), "{err}");
        assert!(SecretKey::parse("sk_live_").is_err());
    }

    #[test]
    fn base64_edge_cases() {
        assert_eq!(decode_base64("YQ"), Some(b"a".to_vec()));
        assert_eq!(decode_base64("YQ=="), Some(b"a".to_vec()));
        assert_eq!(decode_base64("YWI"), Some(b"ab".to_vec()));
        assert_eq!(decode_base64("YWJj"), Some(b"abc".to_vec()));
        assert_eq!(decode_base64("Y"), None);
        assert_eq!(decode_base64("YR"), None); // non-zero trailing bits
        assert_eq!(decode_base64("Y-_a"), None); // URL-safe alphabet is not Clerk's
        assert_eq!(decode_base64("YW=J"), None);
    }

    #[test]
    fn internal_hosts_are_refused() {
        let cases: &[(&str, bool)] = &[
            ("127.0.0.1", true),
            ("0x7f.0.0.1", true),
            ("0177.0.0.1", true),
            ("0x7f.1", true),
            ("10.0.0.5", true),
            ("169.254.169.254", true),
            ("192.168.1.1", true),
            ("8.8.8.8", true),
            ("foo.localhost", true),
            ("printer.local", true),
            ("metadata.google.internal", true),
            ("clerk.example.com", false),
            ("happy-hen-42.clerk.accounts.dev", false),
            ("1password.clerk.com", false),
            ("clerk.0x7f.dev", false),
        ];
        for (host, refused) in cases {
            assert_eq!(internal_host_reason(host).is_some(), *refused, "{host}");
        }
    }
}
