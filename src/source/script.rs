//! JavaScript / TypeScript via oxc: what clerk-lint needs from a script file.
//!
//! Parsing is lazy: the engine only calls [`ScriptFile::parse`] for files that can matter.
//! `.vue`, `.svelte` and `.astro` files are parsed through their script blocks (and Astro's
//! frontmatter), with byte offsets kept relative to the whole file.

use std::ops::Range;
use std::sync::LazyLock;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, BindingPattern, CallExpression, ComputedMemberExpression, Expression,
    ImportDeclaration, ImportDeclarationSpecifier, ImportExpression, ModuleExportName, PropertyKey,
    StaticMemberExpression, VariableDeclarator,
};
use oxc_ast::ast::{ExportAllDeclaration, ExportFromDeclaration};
use oxc_ast_visit::{Visit, walk};
use oxc_parser::Parser;
use oxc_span::{SourceType, Span};
use regex::Regex;

/// How a script reads an environment variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvReadKind {
    /// `process.env.X`, `process.env["X"]`
    ProcessEnv,
    /// `import.meta.env.X`
    ImportMetaEnv,
    /// `Deno.env.get("X")`
    DenoEnvGet,
    /// `const { X } = process.env` (or `import.meta.env`)
    Destructure,
    /// `import { X } from "$env/static/private"` (SvelteKit) or `"astro:env/server"`
    EnvModuleImport,
}

/// One read of an environment variable, located at the variable's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvRead {
    pub name: String,
    pub range: Range<usize>,
    pub kind: EnvReadKind,
}

/// What clerk-lint knows about one script file.
#[derive(Clone, Debug, Default)]
pub struct ScriptFile {
    pub env_reads: Vec<EnvRead>,
    /// Module specifiers imported, re-exported or required, in source order.
    pub imports: Vec<String>,
    /// The first syntax error: its byte range and message. When set, `env_reads` comes from
    /// a text fallback rather than the syntax tree.
    pub parse_error: Option<(Range<usize>, String)>,
    /// What the file imports from Clerk packages and how it uses it (empty when it imports
    /// nothing from Clerk).
    pub clerk: super::clerk_api::ClerkUsage,
}

/// Extensions parsed as scripts; the component formats go through their script blocks.
pub const SCRIPT_EXTENSIONS: &[&str] = &[
    "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "vue", "svelte", "astro",
];

impl ScriptFile {
    /// Parses `text`; the language comes from `path`'s extension.
    pub fn parse(path: &str, text: &str) -> ScriptFile {
        Self::parse_measured(path, text, super::nesting::depth(text))
    }

    /// [`ScriptFile::parse`] for a text whose nesting `depth` the caller has measured
    /// already (the check pipeline does, for every script, before anything parses).
    pub fn parse_measured(path: &str, text: &str, depth: usize) -> ScriptFile {
        let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        let mut out = ScriptFile::default();
        if depth > super::nesting::MAX_NESTING {
            // The parser and the visitors recurse once per level: refuse, do not overflow.
            out.parse_error = Some((
                0..text.len().min(1),
                format!(
                    "it nests {depth} levels deep, more than the {} clerk-lint parses",
                    super::nesting::MAX_NESTING
                ),
            ));
            out.env_reads = fallback_env_reads(text);
            return out;
        }
        match ext {
            "vue" | "svelte" | "astro" => {
                let blocks = component_scripts(text, ext == "astro");
                let mut skip: Vec<Range<usize>> = blocks.iter().map(|b| b.range.clone()).collect();
                skip.extend(STYLE_TAG.find_iter(text).map(|m| m.range()));
                for block in blocks {
                    let source_type = if block.typescript {
                        SourceType::ts()
                    } else {
                        SourceType::mjs()
                    };
                    parse_into(
                        &text[block.range.clone()],
                        block.range.start,
                        source_type,
                        &mut out,
                    );
                }
                super::markup::collect(text, &skip, &mut out.clerk);
                if ext == "vue" {
                    super::markup::collect_auto(text, &skip, &mut out.clerk);
                }
            }
            _ => {
                let source_type = match SourceType::from_path(path) {
                    // `.js` files in React apps routinely contain JSX.
                    Ok(st) if st.is_javascript() => st.with_jsx(true),
                    Ok(st) => st,
                    Err(_) => SourceType::tsx(),
                };
                parse_into(text, 0, source_type, &mut out);
            }
        }
        if out.parse_error.is_some() {
            out.env_reads = fallback_env_reads(text);
        }
        out
    }
}

fn parse_into(text: &str, base: usize, source_type: SourceType, out: &mut ScriptFile) {
    let allocator = Allocator::default();
    let ret = Parser::new(&allocator, text, source_type).parse();
    if ret.panicked || ret.diagnostics.has_errors() {
        if out.parse_error.is_none() {
            let first = ret.diagnostics.errors().next();
            let (range, message) = match first {
                Some(d) => {
                    let span = d
                        .labels
                        .first()
                        .map(|l| l.span())
                        .unwrap_or(Span::new(0, 0));
                    (
                        base + span.start as usize..base + span.end as usize,
                        d.message.to_string(),
                    )
                }
                None => (base..base, "the file could not be parsed".to_string()),
            };
            out.parse_error = Some((range, message));
        }
        if ret.panicked {
            return;
        }
    }
    super::clerk_api::collect(&ret.program, base, &mut out.clerk);
    let mut v = Collector { base, out };
    v.visit_program(&ret.program);
}

struct Collector<'o> {
    base: usize,
    out: &'o mut ScriptFile,
}

impl Collector<'_> {
    fn range(&self, span: Span) -> Range<usize> {
        self.base + span.start as usize..self.base + span.end as usize
    }

    /// The range of a string literal's contents (without its quotes).
    fn inner_range(&self, span: Span) -> Range<usize> {
        let r = self.range(span);
        if r.len() >= 2 {
            r.start + 1..r.end - 1
        } else {
            r
        }
    }

    fn push(&mut self, name: &str, range: Range<usize>, kind: EnvReadKind) {
        self.out.env_reads.push(EnvRead {
            name: name.to_string(),
            range,
            kind,
        });
    }
}

/// `process.env` or `import.meta.env` (through parentheses and TS casts): which one.
fn env_object(expr: &Expression) -> Option<EnvReadKind> {
    let expr = expr.get_inner_expression();
    let Expression::StaticMemberExpression(m) = expr else {
        return None;
    };
    if m.property.name != "env" {
        return None;
    }
    match m.object.get_inner_expression() {
        Expression::Identifier(id) if id.name == "process" => Some(EnvReadKind::ProcessEnv),
        Expression::ImportMeta(_) => Some(EnvReadKind::ImportMetaEnv),
        // globalThis.process.env
        Expression::StaticMemberExpression(inner)
            if inner.property.name == "process"
                && matches!(inner.object.get_inner_expression(), Expression::Identifier(g) if g.name == "globalThis") =>
        {
            Some(EnvReadKind::ProcessEnv)
        }
        _ => None,
    }
}

fn static_string<'a>(expr: &'a Expression<'a>) -> Option<(&'a str, Span)> {
    match expr.get_inner_expression() {
        Expression::StringLiteral(s) => Some((s.value.as_str(), s.span)),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() && t.quasis.len() == 1 => {
            let q = &t.quasis[0];
            q.value.cooked.as_ref().map(|c| (c.as_str(), t.span))
        }
        _ => None,
    }
}

impl<'a> Visit<'a> for Collector<'_> {
    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if let Some(kind) = env_object(&it.object) {
            let range = self.range(it.property.span);
            self.push(it.property.name.as_str(), range, kind);
        }
        walk::walk_static_member_expression(self, it);
    }

    fn visit_computed_member_expression(&mut self, it: &ComputedMemberExpression<'a>) {
        if let Some(kind) = env_object(&it.object)
            && let Some((name, span)) = static_string(&it.expression)
        {
            let range = self.inner_range(span);
            self.push(name, range, kind);
        }
        walk::walk_computed_member_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        // Deno.env.get("X")
        if let Expression::StaticMemberExpression(get) = it.callee.get_inner_expression()
            && get.property.name == "get"
            && let Expression::StaticMemberExpression(env) = get.object.get_inner_expression()
            && env.property.name == "env"
            && matches!(env.object.get_inner_expression(), Expression::Identifier(d) if d.name == "Deno")
            && let Some(Argument::StringLiteral(s)) = it.arguments.first()
        {
            let range = self.inner_range(s.span);
            self.push(s.value.as_str(), range, EnvReadKind::DenoEnvGet);
        }
        // require("x")
        if let Expression::Identifier(id) = &it.callee
            && id.name == "require"
            && let Some(Argument::StringLiteral(s)) = it.arguments.first()
        {
            self.out.imports.push(s.value.to_string());
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        if let (BindingPattern::ObjectPattern(pattern), Some(init)) = (&it.id, &it.init)
            && env_object(init).is_some()
        {
            for prop in &pattern.properties {
                match &prop.key {
                    PropertyKey::StaticIdentifier(id) => {
                        let range = self.range(id.span);
                        self.push(id.name.as_str(), range, EnvReadKind::Destructure);
                    }
                    PropertyKey::StringLiteral(s) => {
                        let range = self.inner_range(s.span);
                        self.push(s.value.as_str(), range, EnvReadKind::Destructure);
                    }
                    _ => {}
                }
            }
        }
        walk::walk_variable_declarator(self, it);
    }

    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        let source = it.source.value.as_str();
        self.out.imports.push(source.to_string());
        let env_module = matches!(
            source,
            "$env/static/private" | "$env/static/public" | "astro:env/server" | "astro:env/client"
        );
        if env_module && let Some(specifiers) = &it.specifiers {
            for spec in specifiers {
                if let ImportDeclarationSpecifier::ImportSpecifier(s) = spec {
                    let (name, span) = match &s.imported {
                        ModuleExportName::IdentifierName(n) => (n.name.as_str(), n.span),
                        ModuleExportName::IdentifierReference(n) => (n.name.as_str(), n.span),
                        ModuleExportName::StringLiteral(n) => (n.value.as_str(), n.span),
                    };
                    let range = if matches!(s.imported, ModuleExportName::StringLiteral(_)) {
                        self.inner_range(span)
                    } else {
                        self.range(span)
                    };
                    self.push(name, range, EnvReadKind::EnvModuleImport);
                }
            }
        }
        walk::walk_import_declaration(self, it);
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        if let Some((s, _)) = static_string(&it.source) {
            self.out.imports.push(s.to_string());
        }
        walk::walk_import_expression(self, it);
    }

    fn visit_export_from_declaration(&mut self, it: &ExportFromDeclaration<'a>) {
        self.out.imports.push(it.source.value.to_string());
        walk::walk_export_from_declaration(self, it);
    }

    fn visit_export_all_declaration(&mut self, it: &ExportAllDeclaration<'a>) {
        self.out.imports.push(it.source.value.to_string());
        walk::walk_export_all_declaration(self, it);
    }
}

/// A `<script>` block (or Astro frontmatter) inside a component file.
struct ScriptBlock {
    range: Range<usize>,
    typescript: bool,
}

static SCRIPT_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<script\b([^>]*)>(.*?)</script\s*>"#).expect("script tag regex")
});

static STYLE_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?is)<style\b[^>]*>.*?</style\s*>"#).expect("style tag regex"));

fn component_scripts(text: &str, astro: bool) -> Vec<ScriptBlock> {
    let mut blocks = Vec::new();
    if astro {
        // Frontmatter: a first line of `---`, up to the next line of `---`.
        let trimmed = text.trim_start_matches('\u{feff}');
        let lead = text.len() - trimmed.len();
        if let Some(rest) = trimmed.strip_prefix("---") {
            let body_start = lead + 3;
            if let Some(end) = rest.find("\n---") {
                blocks.push(ScriptBlock {
                    range: body_start..body_start + end + 1,
                    typescript: true,
                });
            }
        }
    }
    for c in SCRIPT_TAG.captures_iter(text) {
        let (Some(attrs), Some(body)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let attrs = attrs.as_str();
        let typescript = attrs.contains("lang=\"ts\"")
            || attrs.contains("lang='ts'")
            || attrs.contains("lang=\"typescript\"")
            || astro;
        blocks.push(ScriptBlock {
            range: body.range(),
            typescript,
        });
    }
    blocks
}

static FALLBACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?:process\.env|import\.meta\.env)(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]\s*\])|Deno\.env\.get\(\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]"#,
    )
    .expect("fallback env regex")
});

/// Env reads found by pattern when the file does not parse, so a syntax error elsewhere in
/// the file does not hide a deprecated variable. Comments may match here; the `parse-error`
/// diagnostic tells the user the file was read by text.
fn fallback_env_reads(text: &str) -> Vec<EnvRead> {
    FALLBACK
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let (m, kind) = if let Some(m) = c.get(3) {
                (m, EnvReadKind::DenoEnvGet)
            } else {
                let kind = if whole.as_str().starts_with("import") {
                    EnvReadKind::ImportMetaEnv
                } else {
                    EnvReadKind::ProcessEnv
                };
                (c.get(1).or_else(|| c.get(2))?, kind)
            };
            Some(EnvRead {
                name: m.as_str().to_string(),
                range: m.range(),
                kind,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (file name, source, expected reads as (name, text at the range))
    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "a.ts",
            "const k = process.env.CLERK_API_KEY;",
            &["CLERK_API_KEY"],
        ),
        (
            "a.ts",
            "const k = process.env['CLERK_API_KEY'];",
            &["CLERK_API_KEY"],
        ),
        (
            "a.ts",
            "const k = process.env[`CLERK_API_KEY`];",
            &["CLERK_API_KEY"],
        ),
        ("a.ts", "const k = process.env[name];", &[]),
        (
            "a.ts",
            "const { CLERK_API_KEY, OTHER: o } = process.env;",
            &["CLERK_API_KEY", "OTHER"],
        ),
        (
            "a.ts",
            "const k = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY;",
            &["VITE_CLERK_PUBLISHABLE_KEY"],
        ),
        (
            "a.ts",
            "const k = Deno.env.get(\"CLERK_SECRET_KEY\");",
            &["CLERK_SECRET_KEY"],
        ),
        ("a.ts", "const k = (process.env as any).X!;", &["X"]),
        ("a.ts", "const k = globalThis.process.env.X;", &["X"]),
        (
            "a.ts",
            "// process.env.IN_COMMENT\nconst s = 'process.env.IN_STRING';",
            &[],
        ),
        ("a.ts", "const o = { env: 1 }; o.env.NOT_ENV;", &[]),
        (
            "a.js",
            "export default () => <div>{process.env.NEXT_PUBLIC_X}</div>;",
            &["NEXT_PUBLIC_X"],
        ),
        (
            "a.ts",
            "import { CLERK_SECRET_KEY } from '$env/static/private';",
            &["CLERK_SECRET_KEY"],
        ),
        (
            "a.ts",
            "import { PUBLIC_CLERK_X } from 'astro:env/client';",
            &["PUBLIC_CLERK_X"],
        ),
        ("a.ts", "import { x } from './local';", &[]),
        (
            "a.vue",
            "<template><p/></template>\n<script setup lang=\"ts\">\nconst k: string = import.meta.env.VITE_X;\n</script>",
            &["VITE_X"],
        ),
        (
            "a.astro",
            "---\nconst k = import.meta.env.PUBLIC_CLERK_Y;\n---\n<p>{k}</p>",
            &["PUBLIC_CLERK_Y"],
        ),
    ];

    #[test]
    fn env_read_cases() {
        for (path, src, expected) in CASES {
            let file = ScriptFile::parse(path, src);
            assert!(file.parse_error.is_none(), "{src}: {:?}", file.parse_error);
            let names: Vec<&str> = file.env_reads.iter().map(|r| r.name.as_str()).collect();
            assert_eq!(&names, expected, "source: {src}");
            for r in &file.env_reads {
                assert_eq!(
                    &src[r.range.clone()],
                    r.name,
                    "range of {} in {src}",
                    r.name
                );
            }
        }
    }

    #[test]
    fn imports_are_collected() {
        let src = "import a from 'a';\nexport * from './b';\nexport { c } from '@/c';\nconst d = require('d');\nconst e = await import('e');";
        let file = ScriptFile::parse("x.ts", src);
        assert_eq!(file.imports, ["a", "./b", "@/c", "d", "e"]);
    }

    #[test]
    fn syntax_error_is_reported_and_text_fallback_finds_reads() {
        let src = "const a = process.env.CLERK_API_KEY;\nfunction broken( {\n";
        let file = ScriptFile::parse("x.ts", src);
        let (range, message) = file.parse_error.expect("parse error");
        assert!(range.start <= src.len(), "{range:?}");
        assert!(!message.is_empty());
        assert_eq!(file.env_reads.len(), 1);
        assert_eq!(&src[file.env_reads[0].range.clone()], "CLERK_API_KEY");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for src in [
            "",
            "\u{feff}",
            "<",
            "`${",
            "/*",
            "\0\0\0",
            "export default <div",
            "---\n---",
            "<script>",
            "<script lang=\"ts\">x</script>",
        ] {
            for path in [
                "a.ts", "a.tsx", "a.js", "a.vue", "a.svelte", "a.astro", "noext",
            ] {
                let _ = ScriptFile::parse(path, src);
            }
        }
    }
}
