//! Literal options of a file-routed framework's config file (`svelte.config.js`,
//! `nuxt.config.ts`, `astro.config.mjs`): the directories it moves (`kit.files.routes`,
//! `srcDir`, `serverDir`) and the switches that change what runs (`clerk.skipServerMiddleware`).
//!
//! Only literals are read (a string, a boolean, a template without substitutions); an option
//! set from a variable or an environment lookup counts as not set, so the framework's default
//! applies.

use oxc_allocator::Allocator;
use oxc_ast::ast::{Expression, ObjectExpression, ObjectPropertyKind};
use oxc_ast_visit::{Visit, walk};

use crate::analysis::engine::{parse, property_key_name};
use crate::analysis::framework::AppCx;
use crate::source::SourceFile;

/// A literal option value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lit {
    Str(String),
    Bool(bool),
}

/// The app's config file named `<stem>.{js,mjs,cjs,ts,mts}` at its root
/// (`svelte.config.js`, `nuxt.config.ts`).
pub fn config_file<'a>(app: &AppCx<'a, '_>, stem: &str) -> Option<&'a SourceFile> {
    app.files.iter().copied().find(|f| {
        app.rel(&f.rel_path)
            .strip_prefix(stem)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|ext| matches!(ext, "js" | "mjs" | "cjs" | "ts" | "mts"))
    })
}

/// The literal at `path` (`["kit", "files", "routes"]`) in any object of the config file:
/// the exported object, the argument of `defineConfig({…})`, or a `const config = {…}`
/// exported later.
pub fn option(file: &SourceFile, path: &[&str]) -> Option<Lit> {
    option_in(&file.rel_path, &file.text, path)
}

fn option_in(rel: &str, text: &str, path: &[&str]) -> Option<Lit> {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, rel, text);
    if !parsed.ok {
        return None;
    }
    let mut finder = Finder { path, found: None };
    finder.visit_program(&parsed.program);
    finder.found
}

/// A directory option, relative to the app root without `./` or a trailing `/`
/// (`'./app/'` → `app`); `None` when unset, not a literal, or leaving the app (`..`,
/// absolute).
pub fn dir_option(file: &SourceFile, path: &[&str]) -> Option<String> {
    let Lit::Str(s) = option(file, path)? else {
        return None;
    };
    normalise_dir(&s)
}

fn normalise_dir(s: &str) -> Option<String> {
    if s.starts_with('/') || s.contains('\\') {
        return None;
    }
    let parts: Vec<&str> = s
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.contains(&"..") {
        return None;
    }
    Some(parts.join("/"))
}

struct Finder<'p> {
    path: &'p [&'p str],
    found: Option<Lit>,
}

impl<'a> Visit<'a> for Finder<'_> {
    fn visit_object_expression(&mut self, obj: &ObjectExpression<'a>) {
        if self.found.is_none() {
            self.found = lookup(obj, self.path);
        }
        if self.found.is_none() {
            walk::walk_object_expression(self, obj);
        }
    }
}

fn lookup(obj: &ObjectExpression, path: &[&str]) -> Option<Lit> {
    let (first, rest) = path.split_first()?;
    let value = obj.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if property_key_name(&p.key) == Some(*first) => {
            Some(&p.value)
        }
        _ => None,
    })?;
    match value.get_inner_expression() {
        Expression::ObjectExpression(inner) if !rest.is_empty() => lookup(inner, rest),
        _ if !rest.is_empty() => None,
        Expression::StringLiteral(s) => Some(Lit::Str(s.value.to_string())),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            t.quasis.first().map(|q| Lit::Str(q.value.raw.to_string()))
        }
        Expression::BooleanLiteral(b) => Some(Lit::Bool(b.value)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        const CASES: &[(&str, &[&str], Option<&str>)] = &[
            (
                "const config = { kit: { files: { routes: 'app/routes' } } }\nexport default config\n",
                &["kit", "files", "routes"],
                Some("app/routes"),
            ),
            (
                "export default { kit: { files: { hooks: { server: './src/server/hooks' } } } }\n",
                &["kit", "files", "hooks", "server"],
                Some("./src/server/hooks"),
            ),
            (
                "export default defineNuxtConfig({ srcDir: `client/`, modules: ['@clerk/nuxt'] })\n",
                &["srcDir"],
                Some("client/"),
            ),
            // Not a literal: the default applies.
            (
                "const dir = 'x'\nexport default defineConfig({ srcDir: dir })\n",
                &["srcDir"],
                None,
            ),
            (
                "export default { kit: { adapter: adapter() } }\n",
                &["kit", "files", "routes"],
                None,
            ),
        ];
        for (text, path, want) in CASES {
            let got = option_in("app.config.ts", text, path);
            assert_eq!(
                got,
                want.map(|s| Lit::Str(s.to_string())),
                "{text} {path:?}"
            );
        }
        let nuxt = "export default defineNuxtConfig({ modules: ['@clerk/nuxt'], clerk: { skipServerMiddleware: true } })\n";
        assert_eq!(
            option_in("nuxt.config.ts", nuxt, &["clerk", "skipServerMiddleware"]),
            Some(Lit::Bool(true))
        );
    }

    #[test]
    fn directories() {
        const CASES: &[(&str, Option<&str>)] = &[
            ("src/routes", Some("src/routes")),
            ("./app/", Some("app")),
            ("./", Some("")),
            ("../shared", None),
            ("/abs/path", None),
        ];
        for (input, want) in CASES {
            assert_eq!(normalise_dir(input).as_deref(), *want, "{input}");
        }
    }
}
