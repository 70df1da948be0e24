//! The one way in: every file clerk-lint reads goes through [`read`], which opens only regular
//! files (a FIFO, a device or a socket named `route.ts`, `.env` or `package.json` is refused
//! before it is opened, so nothing blocks in `open()`), never reads more than the caller's
//! limit (`/dev/zero` behind a symlink cannot make it read gigabytes), and remembers the
//! secret values it sees so that the output sink masks them wherever they show up.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, socket, device or directory.
    NotRegular,
    /// Larger than the limit (the limit, in bytes).
    TooLarge(u64),
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular => f.write_str("not a regular file"),
            ReadError::TooLarge(limit) => write!(f, "larger than the size limit ({limit} bytes)"),
            ReadError::Io(e) => match e.kind() {
                io::ErrorKind::NotFound => f.write_str("no such file or directory"),
                io::ErrorKind::PermissionDenied => f.write_str("permission denied"),
                _ => write!(f, "{e}"),
            },
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// A cap over every read of the run, `u64::MAX` unless the user gave `--max-file-size`:
/// then that limit holds for every file clerk-lint reads (sources, config, lockfiles,
/// manifests), not only for the walked sources whose default it replaces.
static CEILING: AtomicU64 = AtomicU64::new(u64::MAX);

/// Caps every later [`read`] at `bytes` (`--max-file-size` given on the command line).
pub fn set_ceiling(bytes: u64) {
    CEILING.store(bytes, Ordering::Relaxed);
}

/// The bytes of the regular file `path` (through symlinks), at most `limit` of them (and at
/// most the `--max-file-size` the user gave, see [`set_ceiling`]).
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let limit = limit.min(CEILING.load(Ordering::Relaxed));
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let file = open_regular(path)?;
    // The path may have been swapped for a FIFO between the check and the open: check the
    // open file itself.
    if !file.metadata()?.is_file() {
        return Err(ReadError::NotRegular);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    secrets_in(&bytes);
    Ok(bytes)
}

/// [`read`] decoded as text: invalid UTF-8 and NUL bytes replaced by U+FFFD, a leading BOM
/// dropped.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    read(path, limit).map(decode)
}

/// `bytes` as text: invalid UTF-8 and NUL replaced by U+FFFD (`\u{FFFD}` keeps every other
/// byte offset of a line in place for NUL), a leading UTF-8 BOM dropped.
pub fn decode(bytes: Vec<u8>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let text = if text.contains('\0') {
        text.replace('\0', "\u{FFFD}")
    } else {
        text
    };
    lone_cr_to_lf(text)
}

/// Old Mac line endings (a CR not followed by LF) as LF: the same length, so every offset
/// stays put, and lines and columns come out right everywhere.
pub fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Replacing one ASCII byte by another keeps the text valid UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

fn secrets_in(bytes: &[u8]) {
    crate::secrets::remember_in(&String::from_utf8_lossy(bytes));
}

#[cfg(unix)]
fn open_regular(path: &Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer;
    // it does not change how a regular file reads.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_regular(path: &Path) -> io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// Parses `1MiB`, `512KiB`, `2MB`, `1000000`, `1.5MiB`.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("invalid size `{s}` (use e.g. 1MiB, 512KiB, 1000000)"))?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mib" => 1024.0 * 1024.0,
        "g" | "gb" => 1e9,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => {
            return Err(format!(
                "invalid size `{s}` (use e.g. 1MiB, 512KiB, 1000000)"
            ));
        }
    };
    Ok((n * mult) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        let cases: &[(&str, Option<u64>)] = &[
            ("1MiB", Some(1_048_576)),
            ("512KiB", Some(524_288)),
            ("2MB", Some(2_000_000)),
            ("1000", Some(1000)),
            ("1.5MiB", Some(1_572_864)),
            ("lots", None),
            ("1 parsec", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_size(input).ok(), *expected, "{input}");
        }
    }

    #[test]
    fn caps_and_refuses_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ts");
        std::fs::write(&p, "0123456789").unwrap();
        assert_eq!(read(&p, 10).unwrap().len(), 10);
        assert!(matches!(read(&p, 9), Err(ReadError::TooLarge(9))));
        assert!(matches!(read(dir.path(), 10), Err(ReadError::NotRegular)));
        #[cfg(unix)]
        {
            assert!(matches!(
                read(Path::new("/dev/zero"), 10),
                Err(ReadError::NotRegular)
            ));
            let link = dir.path().join(".env");
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
            assert!(matches!(read(&link, 10), Err(ReadError::NotRegular)));
        }
    }

    #[test]
    fn decodes_nul_bom_and_invalid_utf8() {
        assert_eq!(
            decode(b"\xef\xbb\xbfa\0b\xffc".to_vec()),
            "a\u{FFFD}b\u{FFFD}c"
        );
    }
}
