//! `parse-error`: a JavaScript, TypeScript or Rust file clerk-lint needed but could not parse.

use crate::diagnostic::Diagnostic;
use crate::rules::{Context, ProjectCx, Rule, RuleMeta, declare_rule};
use crate::source::SourceFile;
use crate::source::script::ScriptFile;

declare_rule! {
    /// ## What it does
    /// Reports a JavaScript or TypeScript file (or a Rust file of a crate that uses
    /// `clerk-rs`) that clerk-lint had to analyse but could not parse, with the parser's first
    /// error. Such a file is never skipped silently: clerk-lint falls back to reading it as text
    /// for environment variables and says so here.
    ///
    /// ## Why is this bad?
    /// A file that does not parse cannot be analysed precisely, so findings in it may be
    /// missed. Committed code usually builds, so this often means a syntax the parser does
    /// not support yet (please report it) or a file that is not really JavaScript.
    ///
    /// ## Example
    /// ```ts
    /// export async function GET( {
    /// ```
    ///
    /// Use instead: fix the syntax error, or exclude the file if it is not source code.
    pub static META {
        id: "parse-error",
        source: Project,
        severity: Warning,
        summary: "a JavaScript, TypeScript or Rust file that could not be parsed",
    }
}

pub struct ParseError;

impl Rule for ParseError {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Endpoint files the endpoint analysis could not parse.
    fn check_project(&self, cx: &ProjectCx, out: &mut Vec<Diagnostic>) {
        for (path, range, message) in cx.parse_errors.iter() {
            if let Some(file) = cx.files.get(path) {
                out.push(report(file, range.clone(), message));
            }
        }
    }

    fn check_script(&self, script: &ScriptFile, cx: &Context, out: &mut Vec<Diagnostic>) {
        if let Some((range, message)) = &script.parse_error {
            out.push(report(cx.file, range.clone(), message));
        }
    }
}

fn report(file: &SourceFile, range: std::ops::Range<usize>, message: &str) -> Diagnostic {
    let message = lowercase_first(message.trim_end_matches('.'));
    Diagnostic::new(
        &META,
        file,
        range,
        format!("this file could not be parsed: {message}"),
    )
    .with_help("fix the syntax error; until then clerk-lint may miss findings in it")
    .with_fingerprint("parse-error")
}

/// The note for a script nested deeper than clerk-lint parses (`depth` levels).
pub fn too_deep(file: &SourceFile, depth: usize) -> Diagnostic {
    let at = 0..file.text.len().min(1);
    report(
        file,
        at,
        &format!(
            "it nests {depth} levels deep, more than the {} clerk-lint parses",
            crate::source::nesting::MAX_NESTING
        ),
    )
}

fn lowercase_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::ClerkInfo;
    use crate::source::{FileKind, SourceFile};

    const CASES: &[(&str, usize)] = &[
        ("export async function GET() { return 1 }", 0),
        ("export async function GET( {", 1),
        ("const x = ;", 1),
        ("", 0),
    ];

    #[test]
    fn cases() {
        for (src, expected) in CASES {
            let script = ScriptFile::parse("route.ts", src);
            let file = SourceFile::for_test("route.ts", FileKind::Script, src);
            let clerk = ClerkInfo::default();
            let mut out = Vec::new();
            ParseError.check_script(
                &script,
                &Context {
                    file: &file,
                    clerk: &clerk,
                },
                &mut out,
            );
            assert_eq!(out.len(), *expected, "{src}");
            for d in &out {
                assert!(d.message.starts_with("this file could not be parsed: "));
                assert!(!d.message.ends_with('.'));
            }
        }
    }
}
