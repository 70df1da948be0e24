//! Source files as clerk-lint sees them: text, positions, and the parsers for each kind.
//!
//! Parsers work in byte ranges; [`LineIndex`] turns a byte offset into the 1-based line and
//! character column that every output format uses.

pub mod clerk_api;
pub mod deploy;
pub mod env;
pub mod json_tokens;
pub mod markup;
pub mod nesting;
pub mod rust;
pub mod script;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// A 1-based line and column; the column counts characters (Unicode scalar values), not bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// Byte offset to line/column conversion for one text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; always begins with 0.
    line_starts: Vec<usize>,
    /// Whether each line is ASCII: its columns are byte offsets, found without a scan (a
    /// minified file is one long line, and scanning it for every position was quadratic).
    ascii: Vec<bool>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        for (i, b) in text.bytes().enumerate() {
            line_ascii &= b.is_ascii();
            if b == b'\n' {
                line_starts.push(i + 1);
                ascii.push(line_ascii);
                line_ascii = true;
            }
        }
        ascii.push(line_ascii);
        Self { line_starts, ascii }
    }

    /// The position of `offset` in `text` (the text this index was built from). Offsets past
    /// the end clamp to the end; offsets inside a UTF-8 sequence count as the char they split.
    pub fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = if self.ascii.get(line).copied().unwrap_or(false) {
            offset - start
        } else {
            // The chars that start before `offset`: every byte but UTF-8 continuation bytes.
            text.as_bytes()[start..offset]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count()
        };
        Pos {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// The byte range of 1-based `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: u32) -> Range<usize> {
        let i = (line.max(1) - 1) as usize;
        let start = self.line_starts.get(i).copied().unwrap_or(text.len());
        let mut end = self.line_starts.get(i + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// What kind of file a path is, decided from its name alone (see `walk::classify`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `.env`, `.env.local`, `.env.production`, `.env.example`, ...
    Env,
    /// JavaScript or TypeScript, parsed with oxc.
    Script,
    /// A GitHub Actions workflow under `.github/workflows/`.
    Workflow,
    /// `docker-compose*.yml`, `compose*.yaml`.
    Compose,
    /// `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`.
    Dockerfile,
    /// `vercel.json`.
    Vercel,
    /// `netlify.toml`.
    Netlify,
    /// `turbo.json` / `turbo.jsonc`.
    Turbo,
    /// `package.json`.
    PackageJson,
    /// `package-lock.json`, `pnpm-lock.yaml`, `yarn.lock`, `bun.lock`.
    Lockfile,
    /// Rust source (`.rs`), parsed with syn when its crate uses `clerk-rs`.
    Rust,
    /// `Cargo.toml`: a Rust crate or workspace manifest.
    CargoToml,
    /// Any other text file: scanned only for committed secrets.
    Other,
}

/// One file that was read: its text and where it sits.
#[derive(Debug)]
pub struct SourceFile {
    /// Absolute (or as-given) path used to read the file.
    pub abs_path: PathBuf,
    /// Path relative to the scan root, with `/` separators: what every output shows.
    pub rel_path: String,
    pub kind: FileKind,
    pub text: Arc<str>,
    /// Built on first use: most files never have a finding, and a byte-by-byte pass over
    /// every file read cost a quarter of the run's instructions on a large monorepo.
    lines: OnceLock<LineIndex>,
    /// The canonical path, when the walk knew it without asking the file system (the
    /// canonical root joined with the path below it); `None` for files made otherwise.
    pub real_path: Option<PathBuf>,
    /// True when git (a `.gitignore`, `.git/info/exclude` or the global excludes file) ignores
    /// the file. Only `.env*` files are ever read while ignored.
    pub git_ignored: bool,
}

impl SourceFile {
    pub fn new(
        abs_path: PathBuf,
        rel_path: String,
        kind: FileKind,
        text: Arc<str>,
        git_ignored: bool,
    ) -> Self {
        Self {
            abs_path,
            rel_path,
            kind,
            text,
            lines: OnceLock::new(),
            real_path: None,
            git_ignored,
        }
    }

    /// The file with its canonical path known (see [`SourceFile::real_path`]).
    pub fn with_real_path(mut self, real_path: PathBuf) -> Self {
        self.real_path = Some(real_path);
        self
    }

    /// The canonical path: the one the walk derived, else asked of the file system (else the
    /// path as given).
    pub fn canonical_path(&self) -> PathBuf {
        match &self.real_path {
            Some(p) => p.clone(),
            None => std::fs::canonicalize(&self.abs_path).unwrap_or_else(|_| self.abs_path.clone()),
        }
    }

    /// The line index of the text, built on first use.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// A file made from a string, for tests.
    pub fn for_test(rel_path: &str, kind: FileKind, text: &str) -> Self {
        Self::new(
            PathBuf::from(rel_path),
            rel_path.to_string(),
            kind,
            Arc::from(text),
            false,
        )
    }

    pub fn pos(&self, offset: usize) -> Pos {
        self.lines().pos(&self.text, offset)
    }
}

/// A place where an environment variable is given a value or declared: a `.env` line, a
/// workflow `env:` key, a docker-compose `environment` entry, a Dockerfile `ENV`/`ARG`, a
/// `vercel.json`/`netlify.toml`/`turbo.json` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvDef {
    pub name: String,
    /// Byte range of the name in the file.
    pub name_range: Range<usize>,
    /// The literal value after unquoting, when the definition has one (`None` for a bare
    /// `ARG NAME`, a turbo.json name list, or a compose `- NAME` pass-through).
    pub value: Option<String>,
    pub value_range: Option<Range<usize>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_lines() {
        let text = "ab\nçd=x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.pos(text, 0), Pos { line: 1, column: 1 });
        assert_eq!(idx.pos(text, 3), Pos { line: 2, column: 1 });
        // 'ç' is two bytes: the 'd' after it is column 2.
        assert_eq!(idx.pos(text, 5), Pos { line: 2, column: 2 });
        // Inside 'ç': counts as the char it splits.
        assert_eq!(idx.pos(text, 4), Pos { line: 2, column: 2 });
        assert_eq!(idx.pos(text, 1), Pos { line: 1, column: 2 });
        assert_eq!(idx.pos(text, 8), Pos { line: 2, column: 5 });
        assert_eq!(idx.pos(text, text.len()), Pos { line: 3, column: 5 });
        assert_eq!(&text[idx.line_range(text, 2)], "çd=x");
        assert_eq!(&text[idx.line_range(text, 3)], "last");
        assert_eq!(idx.line_count(), 3);
    }
}
