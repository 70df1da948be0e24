//! Nuxt (`@clerk/nuxt`): endpoints are the default-exported event handlers of
//! `server/api/**` (served under `/api`) and `server/routes/**` (served from `/`); a method
//! suffix (`notes.get.ts`, `[id].delete.ts`) restricts the method, no suffix serves every
//! method; `index` names the directory; `[id]` and `[...slug]` are parameters.
//! `event.context.auth()` is Clerk's auth object (the Clerk module's server middleware
//! attaches it; it protects nothing by itself).
//!
//! Nitro server middleware (`server/middleware/*.ts`) runs before every route: one whose
//! handler throws (or returns an error) for signed-out requests protects the routes its path
//! tests let through (`event.path.startsWith('/api/private')`, an early `return` for other
//! paths). Client route middleware (`middleware/*.ts`, `definePageMeta`) never runs for
//! server routes.
//!
//! `server/utils/**` is auto-imported into every server file: helpers called without an
//! import are followed there.
//!
//! `serverDir` (or `srcDir` on Nuxt 3) in `nuxt.config.*` moves `server/`. With
//! `clerk: { skipServerMiddleware: true }` and no server middleware of the app's own running
//! `clerkMiddleware()`, `event.context.auth` is never set: reported once per app.

use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{Argument, Expression, ObjectPropertyKind, Statement};

use crate::analysis::endpoint::{
    AppIssue, AppIssueKind, Endpoint, EndpointKind, EndpointRef, FrameworkId, Location, Method,
    Verdict,
};
use crate::analysis::engine::{
    AutoImport, Evidence, FileCx, FnFacts, GuardKind, ImportRule, Name, Pkg, Role, Summary,
    Vocabulary, callee_text, parse, property_key_name,
};
use crate::analysis::fileroutes::{Groups, bracket_url};
use crate::analysis::framework::nextjs::exports;
use crate::analysis::framework::path_guard::PathGuard;
use crate::analysis::framework::{AnalysisOut, AppCx, Framework, app_config, endpoint_from_facts};
use crate::analysis::routes;

/// The Nuxt adapter.
pub struct Nuxt;

/// What Nuxt adds: `event.context.auth()` returns Clerk's auth object, `event.context.user`
/// (set by the app's middleware) the caller; the community
/// `h3-clerk` package (Nuxt apps before `@clerk/nuxt`) has Clerk's `getAuth(event)`.
pub static VOCABULARY: Vocabulary = Vocabulary {
    imports: &[ImportRule {
        package: Pkg::Package("h3-clerk"),
        name: Name::Exact("getAuth"),
        role: Role::ClerkGetAuth,
    }],
    opaque: &[Pkg::Package("h3-clerk")],
    auth_calls: &["context.auth"],
    // Set by the app's own server middleware from the session; `event.context.auth.userId`
    // is the `@clerk/nuxt` 0.x object form.
    identity_members: &[
        "context.user",
        "context.userId",
        "context.auth.userId",
        "context.auth.isAuthenticated",
    ],
    ..Vocabulary::EMPTY
};

const SCRIPT_EXTENSIONS: &[&str] = &["ts", "js", "mjs", "mts"];

impl Framework for Nuxt {
    fn id(&self) -> FrameworkId {
        FrameworkId::Nuxt
    }

    fn detect(&self, app: &AppCx) -> bool {
        let probe = if app.app.rel_root.is_empty() {
            "package.json".to_string()
        } else {
            format!("{}/package.json", app.app.rel_root)
        };
        (app.app.deps.contains_key("nuxt") || app.app.deps.contains_key("nuxt3"))
            && !app.cx.project.clerk_for(&probe).is_empty()
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn auto_imports(&self, app: &AppCx) -> Vec<AutoImport> {
        let layout = Layout::of(app);
        let files: Vec<PathBuf> = app
            .files
            .iter()
            .filter(|f| {
                layout
                    .canon(app.rel(&f.rel_path))
                    .is_some_and(|r| r.starts_with("server/utils/"))
            })
            .filter_map(|f| app.cx.path_of(&f.rel_path).map(Path::to_path_buf))
            .collect();
        if files.is_empty() {
            return Vec::new();
        }
        let server = app.app.root.join(&layout.server);
        let scope = std::fs::canonicalize(&server).unwrap_or(server);
        vec![AutoImport { scope, files }]
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        let engine = app.cx.engine;
        let layout = Layout::of(app);
        let mut guards: Vec<PathGuard> = Vec::new();
        let mut middleware: Vec<&crate::source::SourceFile> = app
            .files
            .iter()
            .copied()
            .filter(|f| {
                layout
                    .canon(app.rel(&f.rel_path))
                    .is_some_and(|r| is_server_middleware(&r))
            })
            .collect();
        // `clerk: { skipServerMiddleware: true }` turns off the module's own
        // `clerkMiddleware()`; then `event.context.auth` exists only if the app's server
        // middleware (or a Nitro plugin) installs it.
        let clerk_installed = !layout.skip_server_middleware
            || app.files.iter().any(|f| {
                layout.canon(app.rel(&f.rel_path)).is_some_and(|r| {
                    (is_server_middleware(&r) || r.starts_with("server/plugins/"))
                        && f.text.contains("clerkMiddleware")
                })
            });
        middleware.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        for f in middleware {
            let Some(path) = app.cx.path_of(&f.rel_path) else {
                continue;
            };
            out.walked.insert(f.rel_path.clone());
            let allocator = Allocator::default();
            let parsed = parse(&allocator, &f.rel_path, &f.text);
            if !parsed.ok {
                continue;
            }
            let cx = FileCx::new(engine, path, &f.rel_path, &parsed.program, Vec::new());
            if let Some(guard) = server_guard(&cx, &parsed.program.body, &f.rel_path) {
                guards.push(guard);
            }
        }
        let mut endpoints = Vec::new();
        for f in &app.files {
            let Some(rel) = layout.canon(app.rel(&f.rel_path)) else {
                continue;
            };
            let Some((url, method)) = server_route(&rel) else {
                continue;
            };
            let Some(path) = app.cx.path_of(&f.rel_path) else {
                continue;
            };
            out.walked.insert(f.rel_path.clone());
            let allocator = Allocator::default();
            let parsed = parse(&allocator, &f.rel_path, &f.text);
            if let Some((range, message)) = &parsed.error {
                out.parse_errors
                    .push((f.rel_path.clone(), range.clone(), message.clone()));
            }
            if !parsed.ok {
                continue;
            }
            let program = &parsed.program;
            let cx = FileCx::new(engine, path, &f.rel_path, program, Vec::new());
            let Some((_, range, facts)) = exports(&cx, program)
                .into_iter()
                .find(|(name, _, _)| name == "default")
            else {
                continue;
            };
            let facts = object_handler_facts(&cx, program).unwrap_or(facts);
            let mut e = endpoint_from_facts(
                FrameworkId::Nuxt,
                EndpointKind::ServerRoute,
                Some(method),
                Some(url.clone()),
                "default".to_string(),
                Location {
                    file: f.rel_path.clone(),
                    range,
                },
                facts,
                &app.app.rel_root,
            );
            apply_guards(&mut e, &guards);
            e.public = (app.cx.options.is_public)(
                &e.location.file,
                e.method_label(),
                &routes::sample_paths(&url),
            );
            endpoints.push(e);
        }
        if !clerk_installed
            && let Some(first) = endpoints
                .iter()
                .filter(|e| e.facts.reads_clerk)
                .min_by(|a, b| {
                    (&a.location.file, a.location.range.start)
                        .cmp(&(&b.location.file, b.location.range.start))
                })
        {
            let others = endpoints.iter().filter(|e| e.facts.reads_clerk).count() - 1;
            out.issues.push(AppIssue {
                framework: FrameworkId::Nuxt,
                app: app.app.rel_root.clone(),
                location: first.location.clone(),
                kind: AppIssueKind::NoMiddleware {
                    endpoint: EndpointRef {
                        kind: first.kind,
                        label: first.label(),
                    },
                    others,
                    expected: format!("{}/middleware/clerk.ts", layout.server),
                },
            });
        }
        out.endpoints.extend(endpoints);
    }
}

/// Where a Nuxt app keeps its server directory, and whether the Clerk module's server
/// middleware is turned off, from `nuxt.config.*`.
struct Layout {
    /// `server` by default; `serverDir`, or `<srcDir>/server` on Nuxt 3 when `srcDir` is set.
    server: String,
    skip_server_middleware: bool,
}

impl Layout {
    fn of(app: &AppCx) -> Self {
        let config = app_config::config_file(app, "nuxt.config");
        let explicit = config.and_then(|f| app_config::dir_option(f, &["serverDir"]));
        let src = config.and_then(|f| app_config::dir_option(f, &["srcDir"]));
        let server = match (explicit, src) {
            (Some(dir), _) => dir,
            // Nuxt 3 puts the server directory under `srcDir`; Nuxt 4 keeps it at the root.
            // Which one the app follows shows in where its server files are.
            (None, Some(src)) if !src.is_empty() => {
                let nested = format!("{src}/server");
                let prefix = format!("{nested}/");
                if app
                    .files
                    .iter()
                    .any(|f| app.rel(&f.rel_path).starts_with(&prefix))
                {
                    nested
                } else {
                    "server".to_string()
                }
            }
            _ => "server".to_string(),
        };
        let skip_server_middleware = config.is_some_and(|f| {
            app_config::option(f, &["clerk", "skipServerMiddleware"])
                == Some(app_config::Lit::Bool(true))
        });
        Layout {
            server,
            skip_server_middleware,
        }
    }

    /// A path relative to the app as if the server directory were `server/`; `None` outside
    /// it (pages, components).
    fn canon(&self, rel: &str) -> Option<String> {
        if self.server.is_empty() {
            return Some(format!("server/{rel}"));
        }
        let rest = rel.strip_prefix(self.server.as_str())?.strip_prefix('/')?;
        Some(format!("server/{rest}"))
    }
}

/// `server/middleware/<name>.ts` (Nitro runs only the top-level files).
fn is_server_middleware(rel: &str) -> bool {
    rel.strip_prefix("server/middleware/")
        .is_some_and(|rest| !rest.contains('/') && has_script_ext(rest))
}

fn has_script_ext(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| SCRIPT_EXTENSIONS.contains(&ext) && !stem.ends_with(".d"))
}

/// The URL and method of a server route file (`server/api/notes/[id].delete.ts` →
/// (`/api/notes/:id`, DELETE)), or `None` for other files.
pub fn server_route(rel: &str) -> Option<(String, Method)> {
    let (base, rest) = if let Some(rest) = rel.strip_prefix("server/api/") {
        (Some("api"), rest)
    } else if let Some(rest) = rel.strip_prefix("server/routes/") {
        (None, rest)
    } else {
        return None;
    };
    if !has_script_ext(rest) {
        return None;
    }
    let (stem, _) = rest.rsplit_once('.')?;
    let mut segments: Vec<&str> = stem.split('/').collect();
    let last = segments.pop()?;
    let (name, method) = match last.rsplit_once('.') {
        Some((name, suffix)) => match method_suffix(suffix) {
            Some(m) => (name, m),
            None => (last, Method::Any),
        },
        None => (last, Method::Any),
    };
    if name != "index" {
        segments.push(name);
    }
    if let Some(base) = base {
        segments.insert(0, base);
    }
    Some((bracket_url(&segments, Groups::Skip), method))
}

fn method_suffix(suffix: &str) -> Option<Method> {
    Some(match suffix {
        "get" => Method::Get,
        "post" => Method::Post,
        "put" => Method::Put,
        "patch" => Method::Patch,
        "delete" => Method::Delete,
        "head" => Method::Head,
        "options" => Method::Options,
        _ => return None,
    })
}

/// `export default defineEventHandler({ onRequest: [guard], handler })`: a guarding
/// `onRequest` hook protects the handler.
fn object_handler_facts<'a>(
    cx: &FileCx<'a, '_>,
    program: &'a oxc_ast::ast::Program<'a>,
) -> Option<FnFacts> {
    let call = program.body.iter().find_map(|s| match s {
        Statement::ExportDefaultDeclaration(d) => match d.declaration.as_expression() {
            Some(Expression::CallExpression(c)) => Some(c),
            _ => None,
        },
        _ => None,
    })?;
    let Some(Expression::ObjectExpression(obj)) = call
        .arguments
        .first()
        .and_then(Argument::as_expression)
        .map(|e| e.get_inner_expression())
    else {
        return None;
    };
    let mut handler = None;
    let mut guard = None;
    for prop in &obj.properties {
        let ObjectPropertyKind::ObjectProperty(p) = prop else {
            continue;
        };
        match property_key_name(&p.key) {
            Some("handler") => handler = Some(cx.value_facts(&p.value)),
            Some("onRequest") => {
                let items: Vec<&Expression> = match p.value.get_inner_expression() {
                    Expression::ArrayExpression(a) => a
                        .elements
                        .iter()
                        .filter_map(|e| e.as_expression())
                        .collect(),
                    other => vec![other],
                };
                for item in items {
                    let facts = cx.value_facts(item);
                    if facts.gate.is_some() {
                        guard = facts.gate;
                        break;
                    }
                    if matches!(cx.value_summary(item), Summary::Guards(GuardKind::Auth)) {
                        let name = callee_text(item);
                        guard = Some(Evidence::Helper {
                            file: cx.definition_file(&name),
                            name,
                        });
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    let mut facts = handler.unwrap_or_default();
    if let Some(g) = guard {
        facts.gate = Some(g);
        facts.work_before_gate = None;
    }
    Some(facts)
}

/// Reads a server middleware file: the handler its default export wraps.
fn server_guard<'a>(
    cx: &FileCx<'a, '_>,
    body: &'a [Statement<'a>],
    file: &str,
) -> Option<PathGuard> {
    let export = body.iter().find_map(|s| match s {
        Statement::ExportDefaultDeclaration(d) => d.declaration.as_expression(),
        _ => None,
    })?;
    PathGuard::from_handler(cx, export, file)
}

fn apply_guards(e: &mut Endpoint, guards: &[PathGuard]) {
    for g in guards {
        e.depends_on.push(g.file.clone());
    }
    if matches!(e.verdict, Verdict::Protected(_)) {
        return;
    }
    let Some(url) = &e.url else { return };
    let samples = routes::sample_paths(url);
    if let Some(g) = guards
        .iter()
        .find(|g| !samples.is_empty() && samples.iter().all(|p| g.protects(p)))
    {
        e.verdict = Verdict::Protected(Evidence::Middleware {
            file: g.file.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_files_map_to_routes() {
        let cases: &[(&str, Option<(&str, Method)>)] = &[
            ("server/api/notes.ts", Some(("/api/notes", Method::Any))),
            (
                "server/api/notes/index.get.ts",
                Some(("/api/notes", Method::Get)),
            ),
            (
                "server/api/notes/[id].delete.ts",
                Some(("/api/notes/:id", Method::Delete)),
            ),
            (
                "server/api/files/[...path].ts",
                Some(("/api/files/:path*", Method::Any)),
            ),
            ("server/routes/health.ts", Some(("/health", Method::Any))),
            // Nitro route groups add no segment (nitro.build/guide, "Route Groups").
            (
                "server/api/(admin)/users.get.ts",
                Some(("/api/users", Method::Get)),
            ),
            (
                "server/routes/feed.xml.get.ts",
                Some(("/feed.xml", Method::Get)),
            ),
            (
                "server/routes/sitemap.xml.ts",
                Some(("/sitemap.xml", Method::Any)),
            ),
            ("server/api/index.post.js", Some(("/api", Method::Post))),
            ("server/middleware/auth.ts", None),
            ("server/utils/auth.ts", None),
            ("server/api/types.d.ts", None),
        ];
        for (rel, want) in cases {
            let got = server_route(rel);
            assert_eq!(got.as_ref().map(|(u, m)| (u.as_str(), *m)), *want, "{rel}");
        }
    }
}
