//! The `checkstyle` output format: Checkstyle XML, read by Jenkins (warnings-ng), reviewdog
//! (`-f=checkstyle`), SonarQube and many code review bots. One `<file>` per file with
//! findings; `source` is `clerk-lint.<rule-id>`.
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <checkstyle version="4.3">
//!   <file name="src/lib/clerk.ts">
//!     <error line="5" column="26" severity="error" message="..." source="clerk-lint.deprecated-env-var"/>
//!   </file>
//! </checkstyle>
//! ```

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::output::{RenderCtx, xml_escape};
use crate::secrets::redact_text;

pub fn render(diags: &[Diagnostic], _ctx: &RenderCtx, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<checkstyle version="4.3">"#)?;
    for group in diags.chunk_by(|a, b| a.path == b.path) {
        writeln!(w, r#"  <file name="{}">"#, xml_escape(&group[0].path))?;
        for d in group {
            writeln!(
                w,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="clerk-lint.{}"/>"#,
                d.start.line,
                d.start.column,
                d.severity,
                xml_escape(&redact_text(&d.message)),
                d.rule.id
            )?;
        }
        writeln!(w, "  </file>")?;
    }
    writeln!(w, "</checkstyle>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::output::test_support::*;

    #[test]
    fn files_and_errors() {
        let f = file("a.env", "A=1\nB=2\n");
        let g = file("b\".ts", "  x\n");
        let diags = vec![
            at(&DEPRECATED, &f, "A", "`A` <old> & gone"),
            at(&SECRET, &f, "B", &format!("found {LIVE_KEY}")),
            at(&PUBLIC, &g, "x", "m").with_severity(Severity::Warning),
        ];
        let src = sources(&[&f, &g]);
        let sum = summary(2, &diags);
        assert_eq!(
            run(|w| render(&diags, &ctx(&src, &sum), w)),
            r#"<?xml version="1.0" encoding="UTF-8"?>
<checkstyle version="4.3">
  <file name="a.env">
    <error line="1" column="1" severity="error" message="`A` &lt;old&gt; &amp; gone" source="clerk-lint.deprecated-env-var"/>
    <error line="2" column="1" severity="error" message="found sk_live_****" source="clerk-lint.hardcoded-secret"/>
  </file>
  <file name="b&quot;.ts">
    <error line="1" column="3" severity="warning" message="m" source="clerk-lint.public-secret-env"/>
  </file>
</checkstyle>
"#
        );
        assert_eq!(
            run(|w| render(&[], &ctx(&src, &sum), w)),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n"
        );
    }
}
