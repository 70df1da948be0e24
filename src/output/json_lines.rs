//! The `json-lines` output format: one compact JSON object per finding per line (the fields of
//! a `json` document's `diagnostics` entry), nothing else: for `jq -c`, log shippers and
//! streaming consumers. No findings, no output.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::output::RenderCtx;
use crate::output::json::json_diagnostic;

pub fn render(diags: &[Diagnostic], _ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    for d in diags {
        serde_json::to_writer(&mut *w, &json_diagnostic(d))?;
        writeln!(w)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::test_support::*;
    use serde_json::Value;

    #[test]
    fn one_object_per_line() {
        let f = file(".env", "A=1\nB=2\n");
        let diags = vec![
            at(&DEPRECATED, &f, "A", "`A` is old").with_help("rename it"),
            at(&SECRET, &f, "B", &format!("found {LIVE_KEY}")),
        ];
        let src = sources(&[&f]);
        let sum = summary(1, &diags);
        let out = run(|w| render(&diags, &ctx(&src, &sum), w));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(out.ends_with('\n') && !out.contains("Found"));
        let first: Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first["rule"], "deprecated-env-var");
        assert_eq!(first["severity"], "error");
        assert_eq!(first["line"], 1);
        assert_eq!(first["help"], "rename it");
        let second: Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(second["message"], "found sk_live_****");
        assert!(!out.contains("Fk3Q9"));
        assert_eq!(run(|w| render(&[], &ctx(&src, &sum), w)), "");
    }
}
