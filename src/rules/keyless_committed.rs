//! `keyless-committed`: a Clerk keyless-mode file (`.clerk/.tmp/keyless.json`) that git does
//! not ignore.

use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a `.clerk/.tmp/keyless.json` file (at any depth) that git does not ignore, so
    /// that it is committed or will be with the next `git add`. A file that a `.gitignore`
    /// covers is not read at all.
    ///
    /// ## Why is this bad?
    /// In keyless mode (`@clerk/nextjs` and other SDKs running without keys in development),
    /// Clerk creates a development instance and writes its publishable key and **secret key**
    /// to `.clerk/.tmp/keyless.json`. Clerk appends `/.clerk/` to `.gitignore` with the
    /// comment "clerk configuration (can include secrets)", but a repository without a
    /// `.gitignore`, or one that was rewritten, commits it. Anyone who can read the
    /// repository can then call the Backend API of that instance.
    ///
    /// ## Example
    /// ```text
    /// .clerk/.tmp/keyless.json   (tracked)
    /// ```
    ///
    /// Use instead:
    /// ```gitignore
    /// # clerk configuration (can include secrets)
    /// /.clerk/
    /// ```
    ///
    /// Then `git rm -r --cached .clerk`, and claim the instance and roll its secret key in the
    /// Clerk Dashboard (or delete the instance), since the key is in the history.
    pub static META {
        id: "keyless-committed",
        source: Text,
        severity: Error,
        summary: "a Clerk keyless-mode file with a secret key that git does not ignore",
    }
}

pub struct KeylessCommitted;

impl Rule for KeylessCommitted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_text(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let path = &cx.file.rel_path;
        let is_keyless =
            path == ".clerk/.tmp/keyless.json" || path.ends_with("/.clerk/.tmp/keyless.json");
        if !is_keyless || cx.file.git_ignored {
            return;
        }
        // Point at the secret key when the file has one, else at the start.
        let text = &cx.file.text;
        let range = text
            .find("\"secretKey\"")
            .map(|i| i + 1..i + 10)
            .unwrap_or(0..0);
        let dir = path.strip_suffix(".tmp/keyless.json").unwrap_or(".clerk/");
        let ignore_line = if dir == ".clerk/" {
            "/.clerk/".to_string()
        } else {
            format!("/{dir}")
        };
        out.push(
            Diagnostic::new(
                &META,
                cx.file,
                range,
                format!("`{path}` holds a keyless instance's secret key and git does not ignore it"),
            )
            .with_help(format!(
                "add `{ignore_line}` to `.gitignore` and run `git rm -r --cached {}`; the key stays in the history, so claim the instance and roll its secret key in the Clerk Dashboard (or delete the instance)",
                dir.trim_end_matches('/')
            ))
            .with_fingerprint(path.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileKind, SourceFile};

    fn check(path: &str, text: &str, ignored: bool) -> Vec<Diagnostic> {
        let mut file = SourceFile::for_test(path, FileKind::Other, text);
        file.git_ignored = ignored;
        let clerk = Default::default();
        let cx = Context {
            file: &file,
            clerk: &clerk,
        };
        let mut out = Vec::new();
        KeylessCommitted.check_text(&cx, &mut out);
        out
    }

    #[test]
    fn cases() {
        let json = "{\n  \"publishableKey\": \"pk_test_x\",\n  \"secretKey\": \"sk_test_x\"\n}\n";
        let d = check(".clerk/.tmp/keyless.json", json, false);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].start.line, d[0].start.column), (3, 4));
        assert!(d[0].help.as_deref().unwrap().contains("`/.clerk/`"));
        let d = check("apps/web/.clerk/.tmp/keyless.json", "{}", false);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].help
                .as_deref()
                .unwrap()
                .contains("`/apps/web/.clerk/`")
        );
        assert!(check(".clerk/.tmp/keyless.json", json, true).is_empty());
        assert!(check("docs/keyless.json", json, false).is_empty());
        assert!(check("x.clerk/.tmp/keyless.json", json, false).is_empty());
    }
}
