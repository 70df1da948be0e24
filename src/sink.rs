//! The one way out of the process. Every byte clerk-lint writes (stdout in every format,
//! `--diff`, `-o` files, SARIF, the job summary, baselines, stderr) goes through a [`Sink`],
//! which masks every secret ([`crate::secrets::find_tokens`]: Clerk key shapes, legacy API
//! keys, values of secret-named variables and values remembered from the files read) and
//! escapes what the medium would interpret (terminal control sequences, GitHub workflow
//! commands). A renderer writes to a `&mut dyn Write` that is a `Sink`, so a new output format
//! gets this for free.

use std::io::{self, Write};
use std::path::Path;

use crate::secrets;

/// Where the bytes go, which decides what must be escaped besides secrets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Medium {
    /// A file or a machine-read stream (JSON, SARIF, baselines): secrets masked, nothing else.
    Plain,
    /// Human text that may reach a terminal or a CI log: control characters shown escaped
    /// (`\x1B`), colour (SGR) sequences kept when `color`, and under GitHub Actions no line may
    /// start a workflow command (`::error`, `::stop-commands::`).
    Text { color: bool },
    /// The `github` format on stdout: its renderer writes the workflow commands and escapes
    /// their data itself; only control characters other than the line break are escaped.
    Workflow,
}

/// A writer that masks secrets and escapes for its medium, a line at a time.
pub struct Sink<W: Write> {
    inner: W,
    medium: Medium,
    github_actions: bool,
    pending: Vec<u8>,
}

impl<W: Write> Sink<W> {
    pub fn new(inner: W, medium: Medium) -> Self {
        Self {
            inner,
            medium,
            github_actions: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
            pending: Vec::new(),
        }
    }

    /// As [`Sink::new`], with GitHub Actions' command parsing on or off (tests).
    pub fn with_github_actions(inner: W, medium: Medium, on: bool) -> Self {
        let mut sink = Self::new(inner, medium);
        sink.github_actions = on;
        sink
    }

    fn emit(&mut self, line: &[u8], newline: bool) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        let clean = clean_line(&text, self.medium, self.github_actions);
        self.inner.write_all(clean.as_bytes())?;
        if newline {
            self.inner.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl<W: Write> Write for Sink<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(i) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=i).collect();
            self.emit(&line[..line.len() - 1], true)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.emit(&rest, false)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Sink<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// One line (no line break) masked and escaped for `medium`.
pub fn clean_line(line: &str, medium: Medium, github_actions: bool) -> String {
    let masked = secrets::redact_text(line);
    let escaped = match medium {
        Medium::Plain => return masked,
        Medium::Text { color } => escape_controls(&masked, color),
        Medium::Workflow => escape_controls(&masked, false),
    };
    if github_actions && medium != Medium::Workflow {
        neutralize_workflow_command(&escaped)
    } else {
        escaped
    }
}

/// `s` with control characters (C0 but tab, DEL, C1) shown as `\n`, `\r`, `\x1B`, `\u{9B}`;
/// with `keep_sgr`, colour sequences (`ESC [ digits ; m`) are kept as they are.
pub fn escape_controls(s: &str, keep_sgr: bool) -> String {
    if !s.chars().any(is_control) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if keep_sgr && c == '\u{1b}' {
            let tail = &rest[1..];
            if let Some(body) = tail.strip_prefix('[') {
                let n = body
                    .bytes()
                    .take_while(|b| b.is_ascii_digit() || *b == b';')
                    .count();
                if body.as_bytes().get(n) == Some(&b'm') {
                    let len = 1 + 1 + n + 1;
                    out.push_str(&rest[..len]);
                    rest = &rest[len..];
                    continue;
                }
            }
        }
        if is_control(c) {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02X}", c as u32)),
                c => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            }
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A line that GitHub Actions would read as a workflow command (`::name ...::`) with its `::`
/// broken (`: :`), so file content or names cannot issue commands from a log.
fn neutralize_workflow_command(line: &str) -> String {
    let trimmed = line.trim_start();
    if let Some(rest) = trimmed.strip_prefix("::") {
        let indent = &line[..line.len() - trimmed.len()];
        format!("{indent}: :{rest}")
    } else {
        line.to_string()
    }
}

/// Writes `text` to stdout through a sink (a closed pipe is not an error).
pub fn stdout(text: &[u8], medium: Medium) -> io::Result<()> {
    let out = io::stdout().lock();
    let mut sink = Sink::new(out, medium);
    sink.write_all(text)
        .and_then(|_| sink.flush())
        .or_else(ignore_broken_pipe)
}

/// Writes `text` to the file `path` through a sink.
pub fn file(path: &Path, text: &[u8], medium: Medium) -> io::Result<()> {
    let f = std::fs::File::create(path)?;
    let mut sink = Sink::new(io::BufWriter::new(f), medium);
    sink.write_all(text)?;
    sink.flush()
}

/// Appends `text` to the file `path` (created if missing) through a sink.
pub fn append(path: &Path, text: &[u8], medium: Medium) -> io::Result<()> {
    let f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let mut sink = Sink::new(io::BufWriter::new(f), medium);
    sink.write_all(text)?;
    sink.flush()
}

/// Writes one message to stderr: each line masked and escaped, then a line break.
pub fn stderr(message: &str) {
    let err = io::stderr().lock();
    let mut sink = Sink::new(err, Medium::Text { color: false });
    let _ = sink.write_all(message.as_bytes());
    if !message.ends_with('\n') {
        let _ = sink.write_all(b"\n");
    }
    let _ = sink.flush();
}

/// `clerk-lint: warning: ...` on stderr, through the sink.
pub fn warn(message: &str) {
    stderr(&format!("clerk-lint: warning: {}", one_line(message)));
}

/// `clerk-lint: error: ...` on stderr, through the sink.
pub fn error(message: &str) {
    stderr(&format!("clerk-lint: error: {}", one_line(message)));
}

/// A message that must stay on one line: its line breaks shown as `\n`.
pub fn one_line(message: &str) -> String {
    message.replace('\r', "\\r").replace('\n', "\\n")
}

fn ignore_broken_pipe(e: io::Error) -> io::Result<()> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(medium: Medium, ga: bool, input: &str) -> String {
        let mut out = Vec::new();
        {
            let mut s = Sink::with_github_actions(&mut out, medium, ga);
            // Split writes mid-token: the sink must still see the whole line.
            let (a, b) = input.split_at(input.len() / 2);
            s.write_all(a.as_bytes()).unwrap();
            s.write_all(b.as_bytes()).unwrap();
            s.flush().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    fn key(prefix: &str) -> String {
        format!("{prefix}{}", "Q9zT2mXw7LpR4vB8nC1yH6dJ0sGaE5uKiOqFk3")
    }

    #[test]
    fn masks_every_shape_even_split_across_writes() {
        let cases: Vec<(String, &str)> = vec![
            (format!("x {} y\n", key("sk_live_")), "x sk_live_**** y\n"),
            (format!("x {} y\n", key("sk_test_")), "x sk_test_**** y\n"),
            (format!("x {} y\n", key("whsec_")), "x whsec_**** y\n"),
            (format!("x {} y\n", key("ak_")), "x ak_**** y\n"),
            (format!("K={}\n", key("test_")), "K=test_****\n"),
            (
                format!("CLERK_API_KEY={}\n", key("live_")),
                "CLERK_API_KEY=live_****\n",
            ),
            (
                "DB_PASSWORD=Zq83hfP0wLx2\n".to_string(),
                "DB_PASSWORD=****\n",
            ),
            (
                "\"GITHUB_TOKEN\": \"ghp_9fQ2mZ7xLk4V\"".to_string(),
                "\"GITHUB_TOKEN\": \"****\"",
            ),
            // Code and references are not values.
            (
                "secretKey: process.env.CLERK_SECRET_KEY\n".to_string(),
                "secretKey: process.env.CLERK_SECRET_KEY\n",
            ),
            (
                "CLERK_SECRET_KEY: ${{ secrets.CLERK_SECRET_KEY }}\n".to_string(),
                "CLERK_SECRET_KEY: ${{ secrets.CLERK_SECRET_KEY }}\n",
            ),
            (
                "test_helpers_are_fine\n".to_string(),
                "test_helpers_are_fine\n",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(through(Medium::Plain, false, &input), expected, "{input}");
        }
    }

    #[test]
    fn remembered_values_are_masked_anywhere() {
        secrets::remember_in("MY_SERVICE_PASSWORD=Xk29vLmq7Rz4\n");
        assert_eq!(
            through(Medium::Plain, false, "value: Xk29vLmq7Rz4 here\n"),
            "value: **** here\n"
        );
    }

    #[test]
    fn terminal_escapes_and_workflow_commands() {
        let cases: &[(Medium, bool, &str, &str)] = &[
            (
                Medium::Text { color: false },
                false,
                "a\u{1b}]8;;http://x\u{7}b\n",
                "a\\x1B]8;;http://x\\x07b\n",
            ),
            (
                Medium::Text { color: true },
                false,
                "\u{1b}[1;31merror\u{1b}[0m \u{1b}[2J\n",
                "\u{1b}[1;31merror\u{1b}[0m \\x1B[2J\n",
            ),
            (Medium::Text { color: false }, false, "a\rb\n", "a\\rb\n"),
            (
                Medium::Text { color: false },
                true,
                "::error title=x::pwned\n  ::stop-commands::t\n",
                ": :error title=x::pwned\n  : :stop-commands::t\n",
            ),
            (
                Medium::Workflow,
                true,
                "::error file=a::m\u{1b}[2J\n",
                "::error file=a::m\\x1B[2J\n",
            ),
            (Medium::Plain, true, "::error::x\n", "::error::x\n"),
        ];
        for (medium, ga, input, expected) in cases {
            assert_eq!(through(*medium, *ga, input), *expected, "{input:?}");
        }
    }
}
