//! The `junit` output format: JUnit XML for CI test report views (GitLab `reports: junit`,
//! Jenkins, Azure Pipelines, CircleCI). One `<testsuite>` per file with findings, one failing
//! `<testcase>` per finding; a run with no findings is one passing test case, so the report
//! shows the check ran.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="clerk-lint" tests="1" failures="1" errors="0">
//!   <testsuite name="src/lib/clerk.ts" tests="1" failures="1" errors="0">
//!     <testcase name="deprecated-env-var at 5:26" classname="src/lib/clerk.ts" file="src/lib/clerk.ts" line="5">
//!       <failure type="error" message="`CLERK_API_KEY` is not read ...">src/lib/clerk.ts:5:26: error[deprecated-env-var] ...</failure>
//!     </testcase>
//!   </testsuite>
//! </testsuites>
//! ```

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::output::{RenderCtx, xml_escape};
use crate::secrets::redact_text;

pub fn render(diags: &[Diagnostic], _ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    if diags.is_empty() {
        writeln!(
            w,
            r#"<testsuites name="clerk-lint" tests="1" failures="0" errors="0">"#
        )?;
        writeln!(
            w,
            r#"  <testsuite name="clerk-lint" tests="1" failures="0" errors="0">"#
        )?;
        writeln!(
            w,
            r#"    <testcase name="No problems found" classname="clerk-lint"/>"#
        )?;
        writeln!(w, "  </testsuite>")?;
        return writeln!(w, "</testsuites>");
    }
    let n = diags.len();
    writeln!(
        w,
        r#"<testsuites name="clerk-lint" tests="{n}" failures="{n}" errors="0">"#
    )?;
    // `diags` is sorted by path, so each file's findings are one run.
    for group in diags.chunk_by(|a, b| a.path == b.path) {
        let path = xml_escape(&group[0].path);
        let k = group.len();
        writeln!(
            w,
            r#"  <testsuite name="{path}" tests="{k}" failures="{k}" errors="0">"#
        )?;
        for d in group {
            let message = xml_escape(&redact_text(&d.message));
            let mut body = format!(
                "{}:{}:{}: {}[{}] {}",
                d.path,
                d.start.line,
                d.start.column,
                d.severity,
                d.rule.id,
                redact_text(&d.message)
            );
            if let Some(help) = &d.help {
                body.push_str("\nhelp: ");
                body.push_str(&redact_text(help));
            }
            body.push_str("\ndocs: ");
            body.push_str(&d.docs_url());
            writeln!(
                w,
                r#"    <testcase name="{} at {}:{}" classname="{path}" file="{path}" line="{}">"#,
                d.rule.id, d.start.line, d.start.column, d.start.line
            )?;
            writeln!(
                w,
                r#"      <failure type="{}" message="{message}">{}</failure>"#,
                d.severity,
                xml_escape(&body)
            )?;
            writeln!(w, "    </testcase>")?;
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::output::test_support::*;

    #[test]
    fn one_suite_per_file_one_failing_case_per_finding() {
        let f = file("a&b.env", "A=1\nB=2\n");
        let g = file("src/x.ts", "x\n");
        let diags = vec![
            at(&DEPRECATED, &f, "A", "`A` <old>").with_help("use \"B\""),
            at(&SECRET, &f, "B", &format!("found {LIVE_KEY}")),
            at(&PUBLIC, &g, "x", "m").with_severity(Severity::Info),
        ];
        let src = sources(&[&f, &g]);
        let sum = summary(2, &diags);
        let out = run(|w| render(&diags, &ctx(&src, &sum), w));
        assert_eq!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="clerk-lint" tests="3" failures="3" errors="0">
  <testsuite name="a&amp;b.env" tests="2" failures="2" errors="0">
    <testcase name="deprecated-env-var at 1:1" classname="a&amp;b.env" file="a&amp;b.env" line="1">
      <failure type="error" message="`A` &lt;old&gt;">a&amp;b.env:1:1: error[deprecated-env-var] `A` &lt;old&gt;
help: use &quot;B&quot;
docs: https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md#deprecated-env-var</failure>
    </testcase>
    <testcase name="hardcoded-secret at 2:1" classname="a&amp;b.env" file="a&amp;b.env" line="2">
      <failure type="error" message="found sk_live_****">a&amp;b.env:2:1: error[hardcoded-secret] found sk_live_****
docs: https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md#hardcoded-secret</failure>
    </testcase>
  </testsuite>
  <testsuite name="src/x.ts" tests="1" failures="1" errors="0">
    <testcase name="public-secret-env at 1:1" classname="src/x.ts" file="src/x.ts" line="1">
      <failure type="info" message="m">src/x.ts:1:1: info[public-secret-env] m
docs: https://github.com/clerk-lint/clerk-lint/blob/main/docs/rules.md#public-secret-env</failure>
    </testcase>
  </testsuite>
</testsuites>
"#
        );
        assert!(!out.contains("Fk3Q9"));
        let empty = run(|w| render(&[], &ctx(&src, &sum), w));
        assert!(empty.contains(r#"tests="1" failures="0""#), "{empty}");
        assert!(empty.contains(r#"<testcase name="No problems found""#));
    }
}
