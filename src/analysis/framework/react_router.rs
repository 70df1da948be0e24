//! React Router v7 (framework mode) and Remix v2: every `loader` and `action` export of a
//! route module is its own endpoint. Route modules come from `app/routes.ts` (`route()`,
//! `index()`, `layout()`, `prefix()`, `flatRoutes()`) when it exists, else from the flat-route
//! file convention under `app/routes/`; `app/root.tsx` is the root route. A module that the
//! config does not register is not an endpoint.
//!
//! What covers an endpoint from outside its own body: only a React Router `middleware` export
//! that rejects signed-out requests, on the route or an ancestor, and only when the
//! `v8_middleware` (or `unstable_middleware`) future flag is on. A parent route's `loader`
//! check covers nothing (loaders run in parallel, and actions are separate requests), and
//! `clerkMiddleware()` / `rootAuthLoader()` only load the auth state.

use std::ops::Range;

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, ArrayExpressionElement, CallExpression, Expression, ObjectPropertyKind, Program,
    Statement,
};

use crate::analysis::endpoint::{
    AppIssue, AppIssueKind, EndpointKind, FrameworkId, Location, Method, Verdict,
};
use crate::analysis::engine::{
    Evidence, FileCx, Summary, Vocabulary, callee_text, parse, property_key_name, range_of,
};
use crate::analysis::fileroutes::{flat_route_id, flat_route_id_url, join_config_path};
use crate::analysis::framework::nextjs::{exports, make_endpoint};
use crate::analysis::framework::{AnalysisOut, AppCx, Framework};
use crate::analysis::routes;
use crate::source::SourceFile;

const MODULE_EXTENSIONS: &[&str] = &["tsx", "ts", "jsx", "js", "mjs", "mts"];

/// React Router v7 in framework mode (`@clerk/react-router`).
pub struct ReactRouter;

/// Remix v2 (`@clerk/remix`, deprecated): the same route-module model.
pub struct Remix;

const REMIX_DEPS: &[&str] = &[
    "@clerk/remix",
    "@remix-run/node",
    "@remix-run/react",
    "@remix-run/cloudflare",
    "@remix-run/dev",
];
const REACT_ROUTER_DEPS: &[&str] = &[
    "@clerk/react-router",
    "@react-router/dev",
    "@react-router/node",
    "@react-router/fs-routes",
];

/// Whether the app uses Clerk (its own dependency, or one hoisted above it).
pub(crate) fn uses_clerk(app: &AppCx) -> bool {
    let probe = if app.app.rel_root.is_empty() {
        "package.json".to_string()
    } else {
        format!("{}/package.json", app.app.rel_root)
    };
    !app.cx.project.clerk_for(&probe).is_empty()
}

fn is_remix(app: &AppCx) -> bool {
    REMIX_DEPS.iter().any(|d| app.app.deps.contains_key(*d))
}

/// What a loader or action reads beside Clerk's `getAuth(args)`: the caller's identity that
/// the server adapter's `getLoadContext` (or the app's own middleware) put on the load
/// context (`context.userId`, `args.context.user`).
pub static VOCABULARY: Vocabulary = Vocabulary {
    identity_members: &["context.userId", "context.user"],
    ..Vocabulary::EMPTY
};

impl Framework for ReactRouter {
    fn id(&self) -> FrameworkId {
        FrameworkId::ReactRouter
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn detect(&self, app: &AppCx) -> bool {
        !is_remix(app)
            && REACT_ROUTER_DEPS
                .iter()
                .any(|d| app.app.deps.contains_key(*d))
            && uses_clerk(app)
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        discover(app, FrameworkId::ReactRouter, out);
    }
}

impl Framework for Remix {
    fn id(&self) -> FrameworkId {
        FrameworkId::Remix
    }

    fn vocabulary(&self) -> &'static Vocabulary {
        &VOCABULARY
    }

    fn detect(&self, app: &AppCx) -> bool {
        is_remix(app) && uses_clerk(app)
    }

    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        discover(app, FrameworkId::Remix, out);
    }
}

/// The app file at `rel` (relative to the app root).
pub(crate) fn app_file<'a>(cx: &AppCx<'a, '_>, rel: &str) -> Option<&'a SourceFile> {
    cx.files
        .iter()
        .copied()
        .find(|f| cx.rel(&f.rel_path) == rel)
}

/// A route module and where it sits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteModule {
    /// Path relative to the app directory (`routes/home.tsx`).
    pub file: String,
    pub url: String,
    /// Index into the route list of the parent route (the root route has none).
    pub parent: Option<usize>,
}

fn discover(cx: &AppCx, framework: FrameworkId, found: &mut AnalysisOut) {
    let config = [
        "react-router.config.ts",
        "react-router.config.js",
        "react-router.config.mjs",
    ]
    .iter()
    .find_map(|n| app_file(cx, n));
    let app_dir = config
        .and_then(|f| string_option(&f.text, "appDirectory"))
        .unwrap_or_else(|| "app".to_string());
    let app_dir = app_dir
        .trim_start_matches("./")
        .trim_end_matches('/')
        .to_string();
    // Route middleware is on with the future flag on React Router 7, and always from 8.
    let middleware_on = config.is_some_and(|f| middleware_flag_on(&f.text))
        || ["react-router", "@react-router/dev"]
            .iter()
            .filter_map(|d| cx.app.deps.get(*d))
            .any(|v| major_version(v).is_some_and(|m| m >= 8));

    let root = MODULE_EXTENSIONS
        .iter()
        .map(|e| format!("{app_dir}/root.{e}"))
        .find(|p| app_file(cx, p).is_some());
    let mut modules: Vec<RouteModule> = Vec::new();
    if let Some(root) = &root {
        modules.push(RouteModule {
            file: root.trim_start_matches(&format!("{app_dir}/")).to_string(),
            url: "/".to_string(),
            parent: None,
        });
    }
    let root_index = root.as_ref().map(|_| 0);
    let routes_config = MODULE_EXTENSIONS
        .iter()
        .map(|e| format!("{app_dir}/routes.{e}"))
        .find_map(|p| app_file(cx, &p));
    match routes_config {
        Some(f) => {
            let files: Vec<String> = app_dir_files(cx, &app_dir);
            modules.extend(config_routes(&f.text, &f.rel_path, &files, root_index));
        }
        None => {
            let files = app_dir_files(cx, &app_dir);
            // Remix: `routes(defineRoutes)` in the Vite plugin options or remix.config.js adds
            // routes to the file convention (which `ignoredRouteFiles: ['**/*']` turns off).
            let remix_config = (framework == FrameworkId::Remix)
                .then(|| {
                    REMIX_CONFIGS
                        .iter()
                        .filter_map(|n| app_file(cx, n))
                        .find(|f| f.text.contains("routes"))
                })
                .flatten();
            let files_off = remix_config.is_some_and(|f| ignores_route_files(&f.text, &f.rel_path));
            if !files_off {
                modules.extend(flat_routes(&files, "routes", "", root_index));
            }
            if let Some(f) = remix_config {
                let base = modules.len();
                modules.extend(remix_defined_routes(&f.text, &f.rel_path, root_index, base));
            }
        }
    }

    // Which routes a guarding `middleware` export covers (with the future flag on).
    let mut guarded: Vec<Option<(String, String)>> = vec![None; modules.len()];
    for (i, m) in modules.iter().enumerate() {
        let rel = format!("{app_dir}/{}", m.file);
        let Some(file) = app_file(cx, &rel) else {
            continue;
        };
        let Some(path) = cx.cx.path_of(&file.rel_path) else {
            continue;
        };
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &file.rel_path, &file.text);
        if let Some((range, message)) = &parsed.error {
            found
                .parse_errors
                .push((file.rel_path.clone(), range.clone(), message.clone()));
        }
        if !parsed.ok {
            continue;
        }
        let fcx = FileCx::new(
            cx.cx.engine,
            path,
            &file.rel_path,
            &parsed.program,
            Vec::new(),
        );
        if let Some((name, range, guards)) = middleware_export(&fcx, &parsed.program) {
            if !middleware_on {
                found.issues.push(AppIssue {
                    framework,
                    app: cx.app.rel_root.clone(),
                    location: Location {
                        file: file.rel_path.clone(),
                        range,
                    },
                    kind: AppIssueKind::RouteMiddlewareFlagOff {
                        export: name,
                        config: config
                            .map(|c| c.rel_path.clone())
                            .unwrap_or_else(|| "react-router.config.ts".to_string()),
                    },
                });
            } else if guards {
                guarded[i] = Some((file.rel_path.clone(), name));
            }
        }
    }

    // A module registered twice (by the file convention and by `routes()`) is read once.
    let mut emitted: Vec<&str> = Vec::new();
    for (i, m) in modules.iter().enumerate() {
        if emitted.contains(&m.file.as_str()) {
            continue;
        }
        emitted.push(&m.file);
        let rel = format!("{app_dir}/{}", m.file);
        let Some(file) = app_file(cx, &rel) else {
            continue;
        };
        let Some(path) = cx.cx.path_of(&file.rel_path) else {
            continue;
        };
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &file.rel_path, &file.text);
        if !parsed.ok {
            continue;
        }
        let fcx = FileCx::new(
            cx.cx.engine,
            path,
            &file.rel_path,
            &parsed.program,
            Vec::new(),
        );
        // The nearest guarding middleware on the route or an ancestor.
        let mut cover = None;
        let mut at = Some(i);
        while let Some(j) = at {
            if let Some(g) = &guarded[j] {
                cover = Some(g.clone());
                break;
            }
            at = modules[j].parent;
        }
        found.walked.insert(file.rel_path.clone());
        for (name, range, facts) in exports(&fcx, &parsed.program) {
            let (kind, method) = match name.as_str() {
                "loader" => (EndpointKind::Loader, Method::Get),
                "action" => (EndpointKind::Action, Method::Post),
                _ => continue,
            };
            let mut e = make_endpoint(
                kind,
                Some(method),
                None,
                Some(m.url.clone()),
                name.clone(),
                file,
                range,
                facts,
                &cx.app.rel_root,
            );
            e.framework = framework;
            e.public = (cx.cx.options.is_public)(
                &file.rel_path,
                e.method_label(),
                &routes::sample_paths(&m.url),
            );
            if let Some((mw_file, _)) = &cover {
                if !matches!(e.verdict, Verdict::Protected(_)) {
                    e.verdict = Verdict::Protected(Evidence::Middleware {
                        file: mw_file.clone(),
                    });
                }
                e.depends_on.push(mw_file.clone());
            }
            found.endpoints.push(e);
        }
    }
}

/// The app directory's files, relative to it.
fn app_dir_files(cx: &AppCx, app_dir: &str) -> Vec<String> {
    let prefix = format!("{app_dir}/");
    cx.files
        .iter()
        .filter_map(|f| {
            cx.rel(&f.rel_path)
                .strip_prefix(&prefix)
                .map(str::to_string)
        })
        .collect()
}

/// The flat-route modules under `dir` (relative to the app directory), their URLs under
/// `url_prefix`, all children of `parent`; a route whose id extends another's (`notes.$id`
/// under `notes`) is that route's child.
pub fn flat_routes(
    files: &[String],
    dir: &str,
    url_prefix: &str,
    parent: Option<usize>,
) -> Vec<RouteModule> {
    let dir = dir.trim_start_matches("./").trim_end_matches('/');
    let prefix = format!("{dir}/");
    let mut found: Vec<(String, String, String)> = Vec::new();
    for f in files {
        let Some(rel) = f.strip_prefix(&prefix) else {
            continue;
        };
        let Some(id) = flat_route_id(rel) else {
            continue;
        };
        let url = join_config_path(url_prefix, &flat_route_id_url(&id));
        found.push((f.clone(), id, url));
    }
    found.sort();
    let base = parent.map(|p| p + 1).unwrap_or(0);
    let ids: Vec<String> = found.iter().map(|(_, id, _)| id.clone()).collect();
    found
        .iter()
        .map(|(file, id, url)| {
            // The longest other id that is a dot-prefix of this one.
            let own_parent = ids
                .iter()
                .enumerate()
                .filter(|(_, other)| {
                    other.len() < id.len()
                        && id.starts_with(other.as_str())
                        && id[other.len()..].starts_with('.')
                })
                .max_by_key(|(_, other)| other.len())
                .map(|(k, _)| base + k);
            RouteModule {
                file: file.clone(),
                url: url.clone(),
                parent: own_parent.or(parent),
            }
        })
        .collect()
}

/// The route modules `routes.ts` registers. `files` are the app directory's files (for
/// `flatRoutes()`), `root` the index of the root route.
pub fn config_routes(
    text: &str,
    display: &str,
    files: &[String],
    root: Option<usize>,
) -> Vec<RouteModule> {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, display, text);
    if !parsed.ok {
        return Vec::new();
    }
    let program = &parsed.program;
    let Some(list) = default_export(program) else {
        return Vec::new();
    };
    let mut out: Vec<RouteModule> = Vec::new();
    let base = root.map(|r| r + 1).unwrap_or(0);
    let mut walker = ConfigWalker {
        program,
        files,
        out: &mut out,
        base,
    };
    walker.list(list, "", root, 0);
    out
}

struct ConfigWalker<'a, 'o> {
    program: &'a Program<'a>,
    files: &'o [String],
    out: &'o mut Vec<RouteModule>,
    /// The index of the first config route in the full route list.
    base: usize,
}

impl<'a> ConfigWalker<'a, '_> {
    fn list(&mut self, e: &'a Expression<'a>, prefix: &str, parent: Option<usize>, depth: usize) {
        if depth > 16 {
            return;
        }
        match e.get_inner_expression() {
            Expression::ArrayExpression(arr) => {
                for el in &arr.elements {
                    match el {
                        ArrayExpressionElement::SpreadElement(s) => {
                            self.list(&s.argument, prefix, parent, depth + 1)
                        }
                        other => {
                            if let Some(x) = other.as_expression() {
                                self.entry(x, prefix, parent, depth + 1);
                            }
                        }
                    }
                }
            }
            Expression::AwaitExpression(a) => self.list(&a.argument, prefix, parent, depth + 1),
            Expression::Identifier(id) => {
                if let Some(init) = local_const(self.program, id.name.as_str()) {
                    self.list(init, prefix, parent, depth + 1);
                }
            }
            Expression::CallExpression(_) => self.entry(e, prefix, parent, depth + 1),
            _ => {}
        }
    }

    fn entry(&mut self, e: &'a Expression<'a>, prefix: &str, parent: Option<usize>, depth: usize) {
        let e = match e.get_inner_expression() {
            Expression::AwaitExpression(a) => a.argument.get_inner_expression(),
            other => other,
        };
        let Expression::CallExpression(call) = e else {
            if matches!(
                e,
                Expression::ArrayExpression(_) | Expression::Identifier(_)
            ) {
                self.list(e, prefix, parent, depth + 1);
            }
            return;
        };
        let callee = callee_text(&call.callee);
        let name = callee.rsplit('.').next().unwrap_or(&callee);
        let args: Vec<&'a Expression<'a>> = call
            .arguments
            .iter()
            .filter_map(Argument::as_expression)
            .collect();
        let children = |args: &[&'a Expression<'a>], from: usize| -> Option<&'a Expression<'a>> {
            args.iter()
                .skip(from)
                .find(|a| matches!(a.get_inner_expression(), Expression::ArrayExpression(_)))
                .copied()
        };
        match name {
            "route" => {
                let (Some(path), Some(file)) = (
                    args.first().and_then(|a| literal(a)),
                    args.get(1).and_then(|a| literal(a)),
                ) else {
                    return;
                };
                let url = join_config_path(prefix, &path);
                let me = self.push(&file, &url, parent);
                if let Some(c) = children(&args, 2) {
                    self.list(c, &url, Some(me), depth + 1);
                }
            }
            "index" => {
                if let Some(file) = args.first().and_then(|a| literal(a)) {
                    let url = join_config_path(prefix, "");
                    self.push(&file, &url, parent);
                }
            }
            "layout" => {
                let Some(file) = args.first().and_then(|a| literal(a)) else {
                    return;
                };
                let url = join_config_path(prefix, "");
                let me = self.push(&file, &url, parent);
                if let Some(c) = children(&args, 1) {
                    self.list(c, prefix, Some(me), depth + 1);
                }
            }
            "prefix" => {
                let Some(path) = args.first().and_then(|a| literal(a)) else {
                    return;
                };
                let url = join_config_path(prefix, &path);
                if let Some(c) = children(&args, 1) {
                    self.list(c, &url, parent, depth + 1);
                }
            }
            // `remixRoutesOptionAdapter((defineRoutes) => defineRoutes((route) => …))`.
            "remixRoutesOptionAdapter" => {
                if let Some(f) = args.first() {
                    let base = self.base + self.out.len();
                    let mut defined = Vec::new();
                    DefineRoutes {
                        out: &mut defined,
                        base,
                    }
                    .routes_fn(f, parent);
                    self.out.extend(defined);
                }
            }
            "flatRoutes" => {
                let dir = args
                    .first()
                    .and_then(|a| object_string(a, "rootDirectory"))
                    .unwrap_or_else(|| "routes".to_string());
                let base = self.base + self.out.len();
                for mut m in flat_routes(self.files, &dir, prefix, None) {
                    m.parent = match m.parent {
                        Some(p) => Some(base + p),
                        None => parent,
                    };
                    self.out.push(m);
                }
            }
            _ => {}
        }
    }

    fn push(&mut self, file: &str, url: &str, parent: Option<usize>) -> usize {
        let file = file.trim_start_matches("./").to_string();
        self.out.push(RouteModule {
            file,
            url: url.to_string(),
            parent,
        });
        self.base + self.out.len() - 1
    }
}

/// `export default [...]`, `export default [...] satisfies RouteConfig`, or a const it names.
fn default_export<'a>(program: &'a Program<'a>) -> Option<&'a Expression<'a>> {
    for stmt in &program.body {
        if let Statement::ExportDefaultDeclaration(d) = stmt
            && let Some(e) = d.declaration.as_expression()
        {
            return match e.get_inner_expression() {
                Expression::Identifier(id) => local_const(program, id.name.as_str()),
                _ => Some(e),
            };
        }
    }
    None
}

/// The initialiser of a top-level `const name = …`.
fn local_const<'a>(program: &'a Program<'a>, name: &str) -> Option<&'a Expression<'a>> {
    for stmt in &program.body {
        let decl = match stmt {
            Statement::VariableDeclaration(v) => v,
            Statement::ExportDeclaration(d) => match &d.declaration {
                oxc_ast::ast::Declaration::VariableDeclaration(v) => v,
                _ => continue,
            },
            _ => continue,
        };
        for d in &decl.declarations {
            if let oxc_ast::ast::BindingPattern::BindingIdentifier(id) = &d.id
                && id.name == name
            {
                return d.init.as_ref();
            }
        }
    }
    None
}

fn literal(e: &Expression) -> Option<String> {
    match e.get_inner_expression() {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => {
            t.quasis.first().map(|q| q.value.raw.to_string())
        }
        _ => None,
    }
}

fn object_string(e: &Expression, key: &str) -> Option<String> {
    let Expression::ObjectExpression(obj) = e.get_inner_expression() else {
        return None;
    };
    obj.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if property_key_name(&p.key) == Some(key) => {
            literal(&p.value)
        }
        _ => None,
    })
}

/// The route module's `middleware` (or `unstable_middleware`) export: its name, where it is,
/// and whether one of its functions rejects signed-out requests.
fn middleware_export<'a>(
    fcx: &FileCx<'a, '_>,
    program: &'a Program<'a>,
) -> Option<(String, Range<usize>, bool)> {
    for stmt in &program.body {
        let Statement::ExportDeclaration(d) = stmt else {
            continue;
        };
        let oxc_ast::ast::Declaration::VariableDeclaration(v) = &d.declaration else {
            continue;
        };
        for decl in &v.declarations {
            let oxc_ast::ast::BindingPattern::BindingIdentifier(id) = &decl.id else {
                continue;
            };
            let name = id.name.as_str();
            if name != "middleware" && name != "unstable_middleware" {
                continue;
            }
            let guards = decl.init.as_ref().is_some_and(|init| {
                let items: Vec<&Expression> = match init.get_inner_expression() {
                    Expression::ArrayExpression(arr) => arr
                        .elements
                        .iter()
                        .filter_map(|e| e.as_expression())
                        .collect(),
                    other => vec![other],
                };
                items.iter().any(|item| {
                    let facts = fcx.value_facts(item);
                    facts.gate.is_some()
                        || matches!(item.get_inner_expression(), Expression::Identifier(_))
                            && matches!(
                                fcx.binding_facts(callee_text(item).as_str())
                                    .map(|f| f.summary),
                                Some(Summary::Guards(_))
                            )
                })
            });
            return Some((name.to_string(), range_of(id.span), guards));
        }
    }
    None
}

/// Whether `react-router.config.*` turns route middleware on: a `v8_middleware: true` (or
/// `unstable_middleware: true`) outside the `interface Future` type augmentation.
fn middleware_flag_on(text: &str) -> bool {
    // A commented-out flag (`// v8_middleware: true,`) is off: blank the comments first.
    let allocator = Allocator::default();
    let parsed = parse(&allocator, "react-router.config.ts", text);
    let mut bytes = text.as_bytes().to_vec();
    for c in parsed.program.comments.iter() {
        let (start, end) = (c.span.start as usize, c.span.end as usize);
        if let Some(b) = bytes.get_mut(start..end) {
            b.iter_mut()
                .filter(|b| **b != b'\n')
                .for_each(|b| *b = b' ');
        }
    }
    // Comments are whole UTF-8 sequences, so blanking them keeps the text valid.
    let text = String::from_utf8(bytes).unwrap_or_else(|_| text.to_string());
    let text = text.as_str();
    ["v8_middleware", "unstable_middleware"].iter().any(|flag| {
        text.match_indices(flag).any(|(i, _)| {
            let set = text[i + flag.len()..]
                .trim_start()
                .strip_prefix(':')
                .is_some_and(|r| r.trim_start().starts_with("true"));
            set && !in_interface(text, i)
        })
    })
}

/// Whether offset `at` is inside an `interface … { … }` block.
fn in_interface(text: &str, at: usize) -> bool {
    let Some(start) = text[..at].rfind("interface") else {
        return false;
    };
    let mut depth = 0usize;
    let mut opened = false;
    for c in text[start..at].chars() {
        match c {
            '{' => {
                depth += 1;
                opened = true;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if opened && depth == 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    opened && depth > 0
}

/// A string option in a config file (`appDirectory: "src"`).
fn string_option(text: &str, key: &str) -> Option<String> {
    let i = text.find(key)?;
    let rest = text[i + key.len()..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let quote = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let body = &rest[1..];
    body.find(quote).map(|end| body[..end].to_string())
}

/// The files where a Remix app configures its routes.
const REMIX_CONFIGS: &[&str] = &[
    "vite.config.ts",
    "vite.config.js",
    "vite.config.mjs",
    "vite.config.mts",
    "remix.config.js",
    "remix.config.mjs",
    "remix.config.cjs",
];

/// The major version of a dependency spec (`^8.1.0`, `~7.9`, `>=8`, `8.x`).
fn major_version(spec: &str) -> Option<u32> {
    let digits: String = spec
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Whether a Remix config's `ignoredRouteFiles: ['**/*']` turns the file convention off.
fn ignores_route_files(text: &str, display: &str) -> bool {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, display, text);
    if !parsed.ok {
        return false;
    }
    option_values(&parsed.program, "ignoredRouteFiles")
        .iter()
        .any(|v| match v.get_inner_expression() {
            Expression::ArrayExpression(a) => a
                .elements
                .iter()
                .filter_map(|el| el.as_expression())
                .any(|el| literal(el).as_deref() == Some("**/*")),
            _ => false,
        })
}

/// The route modules a Remix config's `routes(defineRoutes)` registers (the `routes` option
/// of the Vite plugin or of remix.config.js), numbered from `base`, children of `root`.
pub fn remix_defined_routes(
    text: &str,
    display: &str,
    root: Option<usize>,
    base: usize,
) -> Vec<RouteModule> {
    let allocator = Allocator::default();
    let parsed = parse(&allocator, display, text);
    if !parsed.ok {
        return Vec::new();
    }
    let mut out = Vec::new();
    for f in option_values(&parsed.program, "routes") {
        let mut walker = DefineRoutes {
            out: &mut out,
            base,
        };
        walker.routes_fn(f, root);
    }
    out
}

/// The values of the config option `key` at the top level of a config module: inside
/// objects and call arguments (`defineConfig({ plugins: [remix({ routes(defineRoutes) { … }
/// })] })`, `module.exports = { routes }`, `export default { … }`).
fn option_values<'a>(program: &'a Program<'a>, key: &str) -> Vec<&'a Expression<'a>> {
    let mut out = Vec::new();
    for stmt in &program.body {
        match stmt {
            Statement::ExpressionStatement(e) => find_option(&e.expression, key, &mut out, 0),
            Statement::ExportDefaultDeclaration(d) => {
                if let Some(e) = d.declaration.as_expression() {
                    find_option(e, key, &mut out, 0);
                }
            }
            Statement::VariableDeclaration(v) => {
                for d in &v.declarations {
                    if let Some(init) = &d.init {
                        find_option(init, key, &mut out, 0);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn find_option<'a>(
    e: &'a Expression<'a>,
    key: &str,
    out: &mut Vec<&'a Expression<'a>>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    match e.get_inner_expression() {
        Expression::ObjectExpression(o) => {
            for p in &o.properties {
                if let ObjectPropertyKind::ObjectProperty(p) = p {
                    if property_key_name(&p.key) == Some(key) {
                        out.push(&p.value);
                    } else {
                        find_option(&p.value, key, out, depth + 1);
                    }
                }
            }
        }
        Expression::ArrayExpression(a) => {
            for el in a.elements.iter().filter_map(|el| el.as_expression()) {
                find_option(el, key, out, depth + 1);
            }
        }
        Expression::CallExpression(c) => {
            for a in c.arguments.iter().filter_map(Argument::as_expression) {
                find_option(a, key, out, depth + 1);
            }
        }
        Expression::AssignmentExpression(a) => find_option(&a.right, key, out, depth + 1),
        _ => {}
    }
}

/// Reads `defineRoutes((route) => { route(path, file, options?, children?) })`.
struct DefineRoutes<'o> {
    out: &'o mut Vec<RouteModule>,
    base: usize,
}

impl DefineRoutes<'_> {
    /// The `routes(defineRoutes)` option: calls of its parameter in its body.
    fn routes_fn<'a>(&mut self, f: &'a Expression<'a>, root: Option<usize>) {
        let Some((params, stmts, expr)) = function_parts(f) else {
            return;
        };
        let Some(define) = first_param(params) else {
            return;
        };
        let mut calls: Vec<&'a CallExpression<'a>> = Vec::new();
        let mut collect = |e: &'a Expression<'a>| collect_calls(e, define, &mut calls);
        for st in stmts {
            match st {
                Statement::ReturnStatement(r) => {
                    if let Some(a) = &r.argument {
                        collect(a);
                    }
                }
                Statement::ExpressionStatement(e) => collect(&e.expression),
                Statement::VariableDeclaration(v) => {
                    for d in &v.declarations {
                        if let Some(init) = &d.init {
                            collect(init);
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(e) = expr {
            collect(e);
        }
        for call in calls {
            if let Some(cb) = call.arguments.first().and_then(Argument::as_expression) {
                self.children(cb, "route", "", root, 0);
            }
        }
    }

    /// A `(route) => { route(…); … }` callback: each `route()` call under `prefix`. A
    /// children callback usually takes no parameter and calls the outer `route` (`outer`).
    fn children<'a>(
        &mut self,
        cb: &'a Expression<'a>,
        outer: &str,
        prefix: &str,
        parent: Option<usize>,
        depth: usize,
    ) {
        if depth > 16 {
            return;
        }
        let Some((params, stmts, expr)) = function_parts(cb) else {
            return;
        };
        let route = first_param(params).unwrap_or(outer);
        let mut calls: Vec<&'a CallExpression<'a>> = Vec::new();
        for st in stmts {
            if let Statement::ExpressionStatement(e) = st {
                collect_calls(&e.expression, route, &mut calls);
            }
        }
        if let Some(e) = expr {
            collect_calls(e, route, &mut calls);
        }
        for call in calls {
            let args: Vec<&'a Expression<'a>> = call
                .arguments
                .iter()
                .filter_map(Argument::as_expression)
                .collect();
            let path = args.first().and_then(|a| literal(a)).unwrap_or_default();
            let Some(file) = args.get(1).and_then(|a| literal(a)) else {
                continue;
            };
            let index = args.iter().skip(2).any(|a| object_bool(a, "index"));
            let url = if index {
                join_config_path(prefix, "")
            } else {
                join_config_path(prefix, &path)
            };
            self.out.push(RouteModule {
                file: file.trim_start_matches("./").to_string(),
                url: url.clone(),
                parent,
            });
            let me = self.base + self.out.len() - 1;
            if let Some(kids) = args.iter().skip(2).find(|a| {
                matches!(
                    a.get_inner_expression(),
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                )
            }) {
                self.children(kids, route, &url, Some(me), depth + 1);
            }
        }
    }
}

/// `{ key: true }`.
fn object_bool(e: &Expression, key: &str) -> bool {
    let Expression::ObjectExpression(o) = e.get_inner_expression() else {
        return false;
    };
    o.properties.iter().any(|p| {
        matches!(p, ObjectPropertyKind::ObjectProperty(p)
            if property_key_name(&p.key) == Some(key)
                && matches!(p.value.get_inner_expression(), Expression::BooleanLiteral(b) if b.value))
    })
}

type FnParts<'a> = (
    &'a oxc_ast::ast::FormalParameters<'a>,
    &'a [Statement<'a>],
    Option<&'a Expression<'a>>,
);

/// The parameters, body statements and expression body of a function value.
fn function_parts<'a>(e: &'a Expression<'a>) -> Option<FnParts<'a>> {
    match e.get_inner_expression() {
        Expression::ArrowFunctionExpression(a) => {
            let expr = a.get_expression();
            let stmts: &[Statement] = match (expr, a.get_function_body()) {
                (None, Some(body)) => &body.statements,
                _ => &[],
            };
            Some((&a.params, stmts, expr))
        }
        Expression::FunctionExpression(f) => {
            let body = f.body.as_ref()?;
            Some((&f.params, &body.statements, None))
        }
        _ => None,
    }
}

fn first_param<'a>(params: &'a oxc_ast::ast::FormalParameters<'a>) -> Option<&'a str> {
    match &params.items.first()?.pattern {
        oxc_ast::ast::BindingPattern::BindingIdentifier(id) => Some(id.name.as_str()),
        _ => None,
    }
}

/// Calls of `name(…)` in an expression (through `await` and `return`).
fn collect_calls<'a>(e: &'a Expression<'a>, name: &str, out: &mut Vec<&'a CallExpression<'a>>) {
    match e.get_inner_expression() {
        Expression::AwaitExpression(a) => collect_calls(&a.argument, name, out),
        Expression::CallExpression(c) => {
            if matches!(c.callee.get_inner_expression(), Expression::Identifier(id) if id.name == name)
            {
                out.push(c);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(mods: &[RouteModule]) -> Vec<(String, String, Option<usize>)> {
        mods.iter()
            .map(|m| (m.file.clone(), m.url.clone(), m.parent))
            .collect()
    }

    #[test]
    fn routes_config() {
        let text = r#"
import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes'
import { flatRoutes } from '@react-router/fs-routes'
export default [
  index('routes/home.tsx'),
  route('sign-in/*', 'routes/sign-in.tsx'),
  layout('routes/shell.tsx', [
    route('dashboard', 'routes/dashboard.tsx', [route(':id', 'routes/item.tsx')]),
  ]),
  ...prefix('admin', [index('routes/admin.tsx'), route('users/:id?', 'routes/user.tsx', { id: 'u' })]),
  ...(await flatRoutes({ rootDirectory: 'fs' })),
] satisfies RouteConfig
"#;
        let files = vec![
            "fs/_index.tsx".to_string(),
            "fs/blog.$slug.tsx".to_string(),
            "fs/blog.tsx".to_string(),
            "routes/home.tsx".to_string(),
        ];
        let got = config_routes(text, "app/routes.ts", &files, Some(0));
        let expected: Vec<(String, String, Option<usize>)> = vec![
            ("routes/home.tsx".into(), "/".into(), Some(0)),
            (
                "routes/sign-in.tsx".into(),
                "/sign-in/:splat*".into(),
                Some(0),
            ),
            ("routes/shell.tsx".into(), "/".into(), Some(0)),
            ("routes/dashboard.tsx".into(), "/dashboard".into(), Some(3)),
            ("routes/item.tsx".into(), "/dashboard/:id".into(), Some(4)),
            ("routes/admin.tsx".into(), "/admin".into(), Some(0)),
            (
                "routes/user.tsx".into(),
                "/admin/users/:id?".into(),
                Some(0),
            ),
            ("fs/_index.tsx".into(), "/".into(), Some(0)),
            ("fs/blog.$slug.tsx".into(), "/blog/:slug".into(), Some(10)),
            ("fs/blog.tsx".into(), "/blog".into(), Some(0)),
        ];
        assert_eq!(urls(&got), expected);
    }

    #[test]
    fn routes_config_through_a_const() {
        let text = "import { route } from '@react-router/dev/routes'\nconst routes = [route('a', './routes/a.tsx')]\nexport default routes\n";
        let got = config_routes(text, "app/routes.ts", &[], None);
        assert_eq!(
            urls(&got),
            vec![("routes/a.tsx".to_string(), "/a".to_string(), None)]
        );
    }

    #[test]
    fn flat_route_parents() {
        let files: Vec<String> = [
            "routes/_app.tsx",
            "routes/_app.billing.tsx",
            "routes/notes.tsx",
            "routes/notes.$id.tsx",
            "routes/notes.$id/helper.ts",
            "routes/account/route.tsx",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let got = flat_routes(&files, "routes", "", Some(0));
        assert_eq!(
            urls(&got),
            vec![
                ("routes/_app.billing.tsx".into(), "/billing".into(), Some(2)),
                ("routes/_app.tsx".into(), "/".into(), Some(0)),
                (
                    "routes/account/route.tsx".into(),
                    "/account".into(),
                    Some(0)
                ),
                ("routes/notes.$id.tsx".into(), "/notes/:id".into(), Some(5)),
                ("routes/notes.tsx".into(), "/notes".into(), Some(0)),
            ]
        );
    }

    #[test]
    fn remix_define_routes() {
        // (config text, expected (file, url, parent) with the root route at 0)
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, &[(&str, &str, Option<usize>)])] = &[
            (
                "import { vitePlugin as remix } from '@remix-run/dev'\nimport { defineConfig } from 'vite'\nexport default defineConfig({\n  plugins: [remix({\n    ignoredRouteFiles: ['**/*'],\n    routes(defineRoutes) {\n      return defineRoutes((route) => {\n        route('/', 'home/route.tsx', { index: true })\n        route('about', 'about/route.tsx')\n        route('concerts', 'concerts/layout.tsx', () => {\n          route(':city', 'concerts/city.tsx')\n          route('trending', 'concerts/trending.tsx', { index: true })\n        })\n      })\n    },\n  })],\n})\n",
                &[
                    ("home/route.tsx", "/", Some(0)),
                    ("about/route.tsx", "/about", Some(0)),
                    ("concerts/layout.tsx", "/concerts", Some(0)),
                    ("concerts/city.tsx", "/concerts/:city", Some(3)),
                    ("concerts/trending.tsx", "/concerts", Some(3)),
                ],
            ),
            // remix.config.js, an arrow option and an expression body.
            (
                "module.exports = {\n  routes: async (defineRoutes) => defineRoutes((r) => {\n    r('admin/*', 'admin/catchall.tsx')\n  }),\n}\n",
                &[("admin/catchall.tsx", "/admin/:splat*", Some(0))],
            ),
            // A `routes` key that is not the option (a plain list) registers nothing.
            ("export default { server: { routes: ['a'] } }\n", &[]),
        ];
        for (text, expected) in cases {
            let got = remix_defined_routes(text, "vite.config.ts", Some(0), 1);
            let want: Vec<(String, String, Option<usize>)> = expected
                .iter()
                .map(|(f, u, p)| (f.to_string(), u.to_string(), *p))
                .collect();
            assert_eq!(urls(&got), want, "{text}");
        }
        assert!(ignores_route_files(
            "export default defineConfig({ plugins: [remix({ ignoredRouteFiles: ['**/*'] })] })",
            "vite.config.ts"
        ));
        // A comment naming the option is not the option.
        assert!(!ignores_route_files(
            "// not with ignoredRouteFiles: ['**/*']\nexport default { ignoredRouteFiles: ['**/.*'] }",
            "remix.config.js"
        ));
    }

    #[test]
    fn routes_config_with_the_remix_adapter_and_flat_routes() {
        let text = "import { route } from '@react-router/dev/routes'\nimport { flatRoutes } from '@react-router/fs-routes'\nimport { remixRoutesOptionAdapter } from '@react-router/remix-routes-option-adapter'\nexport default [\n  ...(await flatRoutes({ ignoredRouteFiles: ['**/*.test.tsx'] })),\n  route('legal', 'legal.tsx'),\n  ...(await remixRoutesOptionAdapter((defineRoutes) => defineRoutes((route) => { route('old', 'old.tsx') }))),\n]\n";
        let files = vec!["routes/_index.tsx".to_string(), "legal.tsx".to_string()];
        let got = config_routes(text, "app/routes.ts", &files, Some(0));
        assert_eq!(
            urls(&got),
            vec![
                ("routes/_index.tsx".into(), "/".into(), Some(0)),
                ("legal.tsx".into(), "/legal".into(), Some(0)),
                ("old.tsx".into(), "/old".into(), Some(0)),
            ]
        );
    }

    #[test]
    fn major_versions() {
        const CASES: &[(&str, Option<u32>)] = &[
            ("^8.1.0", Some(8)),
            ("~7.9.2", Some(7)),
            (">=8", Some(8)),
            ("8.x", Some(8)),
            ("latest", None),
        ];
        for (spec, want) in CASES {
            assert_eq!(major_version(spec), *want, "{spec}");
        }
    }

    #[test]
    fn middleware_flag() {
        const CASES: &[(&str, bool)] = &[
            ("export default { ssr: true } satisfies Config", false),
            ("export default { future: { v8_middleware: true } }", true),
            (
                "export default { future: { unstable_middleware: true } }",
                true,
            ),
            ("export default { future: { v8_middleware: false } }", false),
            (
                "export default {\n  ssr: true,\n  // future: {\n  //   v8_middleware: true,\n  // },\n}",
                false,
            ),
            (
                "export default { /* v8_middleware: true */ future: { v8_middleware: true } }",
                true,
            ),
            (
                "/* future: { v8_middleware: true } */ export default {}",
                false,
            ),
            (
                "declare module 'react-router' { interface Future { v8_middleware: true } }\nexport default { ssr: true }",
                false,
            ),
            (
                "declare module 'react-router' { interface Future { v8_middleware: true } }\nexport default { future: { v8_middleware: true } }",
                true,
            ),
        ];
        for (text, expected) in CASES {
            assert_eq!(middleware_flag_on(text), *expected, "{text}");
        }
    }

    #[test]
    fn app_directory_option() {
        assert_eq!(
            string_option(
                "export default { appDirectory: 'src', ssr: true }",
                "appDirectory"
            ),
            Some("src".to_string())
        );
        assert_eq!(
            string_option("export default { ssr: true }", "appDirectory"),
            None
        );
    }
}
