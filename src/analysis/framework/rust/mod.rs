//! Rust backends (`clerk-rs`, or a hand-written Clerk token check): the endpoints of every
//! crate for axum, actix-web, rocket and poem, each with its verdict. One adapter per
//! framework ([`AXUM`], [`ACTIX_WEB`], [`ROCKET`], [`POEM`]) detects a crate by its
//! `Cargo.toml` dependency and keeps the endpoints of its framework.
//!
//! Per crate: parse every `.rs` file of its module tree once ([`krate`]), discover the routes
//! of every served router with their full URLs and the layers over each ([`eval`]), then judge
//! each handler ([`body`]): a Clerk layer or middleware whose route list matches the path the
//! layer sees, a project extractor or middleware that verifies a token and rejects, a check
//! in the handler itself, a verified webhook signature, or a shared secret.

pub mod body;
pub mod eval;
pub mod krate;

use std::collections::HashMap;
use std::ops::Range;

use syn::spanned::Spanned;

use crate::analysis::endpoint::{
    Endpoint, EndpointKind, FrameworkId, Gap, HandlerFacts, Location, Method, Verdict,
};
use crate::analysis::engine::Evidence;
use crate::analysis::framework::{AnalysisOut, AppCx, Framework};
use crate::analysis::routes;
use crate::project::{App, AppKind, normalize_rel};
use crate::source::rust::{RustFile, release_spans};
use crate::source::{FileKind, SourceFile};

use body::{BodyFacts, TokenCheck};
use eval::{Guard, HandlerRef, Layer, Route, RouteList};
use krate::{Crate, CrateFile, type_args, type_name};

/// The adapter for one Rust web framework.
pub struct RustAdapter {
    id: FrameworkId,
    framework: eval::Framework,
    /// The crate that names it in `Cargo.toml`.
    krate: &'static str,
}

pub static AXUM: RustAdapter = RustAdapter {
    id: FrameworkId::Axum,
    framework: eval::Framework::Axum,
    krate: "axum",
};
pub static ACTIX_WEB: RustAdapter = RustAdapter {
    id: FrameworkId::ActixWeb,
    framework: eval::Framework::ActixWeb,
    krate: "actix-web",
};
pub static ROCKET: RustAdapter = RustAdapter {
    id: FrameworkId::Rocket,
    framework: eval::Framework::Rocket,
    krate: "rocket",
};
pub static POEM: RustAdapter = RustAdapter {
    id: FrameworkId::Poem,
    framework: eval::Framework::Poem,
    krate: "poem",
};

const ADAPTERS: [&RustAdapter; 4] = [&AXUM, &ACTIX_WEB, &ROCKET, &POEM];

impl RustAdapter {
    fn uses(&self, app: &App) -> bool {
        app.kind == AppKind::Cargo && app.deps.contains_key(self.krate)
    }
}

impl Framework for RustAdapter {
    fn id(&self) -> FrameworkId {
        self.id
    }

    /// A crate (a `Cargo.toml` app: it depends on `clerk-rs` or checks Clerk tokens by hand)
    /// that depends on the framework's crate.
    fn detect(&self, app: &AppCx) -> bool {
        self.uses(app.app)
    }

    /// The crate is analysed once, by the first adapter that detects it, which lists the
    /// endpoints of every framework the crate serves (each endpoint carries its own).
    fn endpoints(&self, app: &AppCx, out: &mut AnalysisOut) {
        let first = ADAPTERS.iter().find(|a| a.uses(app.app)).map(|a| a.id) == Some(self.id);
        if !first {
            return;
        }
        let found = analyze_app(app.app, app.cx.files);
        out.parse_errors.extend(found.parse_errors);
        for e in found.endpoints {
            // Routes of a framework the crate does not depend on are not served by it.
            let Some(adapter) = ADAPTERS.iter().find(|a| a.framework == e.framework) else {
                continue;
            };
            if !adapter.uses(app.app) {
                continue;
            }
            let method = if e.method == "*" {
                Method::Any
            } else {
                Method::from_router(&e.method).unwrap_or(Method::Any)
            };
            let url = colon_style(&e.url);
            let public =
                (app.cx.options.is_public)(&e.file, method.as_str(), &routes::sample_paths(&url));
            out.walked.insert(e.file.clone());
            out.endpoints.push(Endpoint {
                framework: adapter.id,
                kind: EndpointKind::RouterRoute,
                method: Some(method),
                rpc: None,
                url: Some(url),
                name: e.name,
                location: Location {
                    file: e.file,
                    range: e.range,
                },
                verdict: e.verdict,
                facts: HandlerFacts {
                    reads_clerk: false,
                    webhook_signals: e.webhook_signals,
                    verify_swallowed: false,
                    late_check: None,
                    populate_only: None,
                    decode_only: e.decode_only,
                    request_identity: None,
                    gap: e.gap,
                },
                app: e.app,
                depends_on: e.depends_on,
                public,
                trpc_dispatcher: false,
                aliases: Vec::new(),
            });
        }
    }
}

/// A framework's path pattern in the model's spelling: `{id}`, `<id>` → `:id`; `{*rest}`,
/// `{tail:.*}`, `<path..>`, `*rest` → `:rest*`.
pub fn colon_style(url: &str) -> String {
    let segs: Vec<String> = url
        .split('/')
        .map(|seg| {
            let inner = seg
                .strip_prefix('{')
                .and_then(|s| s.strip_suffix('}'))
                .or_else(|| seg.strip_prefix('<').and_then(|s| s.strip_suffix('>')));
            if let Some(inner) = inner {
                if let Some(name) = inner.strip_prefix('*') {
                    return format!(":{name}*");
                }
                if let Some(name) = inner.strip_suffix("..") {
                    return format!(":{name}*");
                }
                if let Some((name, re)) = inner.split_once(':') {
                    return if re.contains(".*") || re.contains(".+") || re.contains('/') {
                        format!(":{name}*")
                    } else {
                        format!(":{name}")
                    };
                }
                return format!(":{inner}");
            }
            if let Some(name) = seg.strip_prefix('*').filter(|n| !n.is_empty()) {
                return format!(":{name}*");
            }
            seg.to_owned()
        })
        .collect();
    segs.join("/")
}

/// One Rust endpoint, as the crate analysis finds it.
#[derive(Clone, Debug)]
pub struct RustEndpoint {
    pub framework: eval::Framework,
    /// `GET`, `POST`, …; `*` for every method.
    pub method: String,
    /// The full URL pattern as the framework writes it (`/api/users/{id}`, `/users/<id>`).
    pub url: String,
    /// The handler's name (`closure` for a closure).
    pub name: String,
    /// The handler's file (display path) and the byte range of its `async fn` signature.
    pub file: String,
    pub range: Range<usize>,
    pub verdict: Verdict,
    pub gap: Option<Gap>,
    /// What decodes the token without verifying it (an extractor type, or the handler).
    pub decode_only: Option<String>,
    /// Signs that it handles Clerk webhook events.
    pub webhook_signals: Vec<String>,
    /// The crate root (display path).
    pub app: String,
    /// Files whose change can change this verdict (layers, extractors).
    pub depends_on: Vec<String>,
}

#[derive(Debug, Default)]
pub struct RustAnalysis {
    pub endpoints: Vec<RustEndpoint>,
    /// `.rs` files of the crate that syn could not parse: (display path, range, message).
    pub parse_errors: Vec<(String, Range<usize>, String)>,
}

/// Analyses one crate (a `Cargo.toml` app) among `files` (every file read).
pub fn analyze_app(app: &App, files: &[SourceFile]) -> RustAnalysis {
    let mut out = RustAnalysis::default();
    let prefix = if app.rel_root.is_empty() {
        String::new()
    } else {
        format!("{}/", app.rel_root)
    };
    let src = format!("{prefix}src/");
    // Its files: under its `src/`, and not in a nested crate.
    let mine: Vec<&SourceFile> = files
        .iter()
        .filter(|f| f.kind == FileKind::Rust && normalize_rel(&f.rel_path).starts_with(&src))
        .filter(|f| !in_nested_crate(&normalize_rel(&f.rel_path), &src, files))
        .collect();
    let lib_name = app.name.as_ref().map(|n| n.replace('-', "_"));
    analyze_crate(&app.rel_root, &src, &mine, lib_name, &mut out);
    out.endpoints.sort_by(|a, b| {
        (&a.file, a.range.start, &a.url, &a.method).cmp(&(
            &b.file,
            b.range.start,
            &b.url,
            &b.method,
        ))
    });
    out
}

/// Whether `path` (under `src`) lies in a directory with its own `Cargo.toml` below `src`.
fn in_nested_crate(path: &str, src: &str, files: &[SourceFile]) -> bool {
    let mut dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    while dir.len() >= src.len() {
        let manifest = format!("{dir}/Cargo.toml");
        if files
            .iter()
            .any(|f| f.kind == FileKind::CargoToml && normalize_rel(&f.rel_path) == manifest)
        {
            return true;
        }
        match dir.rsplit_once('/') {
            Some((parent, _)) => dir = parent,
            None => break,
        }
    }
    false
}

fn analyze_crate(
    app: &str,
    src: &str,
    files: &[&SourceFile],
    lib_name: Option<String>,
    out: &mut RustAnalysis,
) {
    let parsed: Vec<CrateFile> = files
        .iter()
        .map(|f| CrateFile {
            path: f.rel_path.clone(),
            parsed: RustFile::parse(&f.text),
        })
        .collect();
    let index: HashMap<&str, usize> = parsed
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    let mut roots: Vec<usize> = Vec::new();
    for (i, f) in parsed.iter().enumerate() {
        let norm = normalize_rel(&f.path);
        let rest = norm.get(src.len()..).unwrap_or_default();
        let is_root = rest == "main.rs"
            || rest == "lib.rs"
            || (rest.starts_with("bin/") && rest.matches('/').count() == 1)
            || (rest.starts_with("bin/")
                && rest.ends_with("/main.rs")
                && rest.matches('/').count() == 2);
        if is_root {
            roots.push(i);
        }
    }
    roots.sort_by_key(|&i| !parsed[i].path.ends_with("lib.rs"));
    let file_at = |p: &str| index.get(p).copied();
    let krate = Crate::build(&parsed, &roots, lib_name, &file_at);
    // Files in the module tree that did not parse.
    let mut reached: std::collections::HashSet<usize> =
        krate.modules.iter().map(|m| m.file).collect();
    reached.extend(roots.iter().copied());
    for (i, f) in parsed.iter().enumerate() {
        if let Some((range, message)) = &f.parsed.parse_error
            && (reached.contains(&i) || is_declared_module(&parsed, i, src))
        {
            out.parse_errors
                .push((f.path.clone(), range.clone(), message.clone()));
        }
    }
    let routes = eval::discover(&krate);
    let mut judge = Judge {
        krate: &krate,
        cache: HashMap::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for (framework, route) in routes {
        let e = judge.endpoint(app, framework, &route);
        if seen.insert((
            e.method.clone(),
            e.url.clone(),
            e.file.clone(),
            e.range.start,
        )) {
            out.endpoints.push(e);
        }
    }
    drop(judge);
    drop(krate);
    drop(parsed);
    release_spans();
}

/// A file that failed to parse is still part of the crate when a parsed module declares it;
/// without its syntax tree that cannot be seen, so any file under `src/` counts.
fn is_declared_module(parsed: &[CrateFile], i: usize, src: &str) -> bool {
    normalize_rel(&parsed[i].path).starts_with(src)
}

/// What a handler's parameters and body say.
#[derive(Clone, Debug, Default)]
struct HandlerInfo {
    name: String,
    file: String,
    range: Range<usize>,
    /// A parameter that is the claims a Clerk layer inserts (`Extension<ClerkJwt>`), and
    /// whether it is optional.
    claims_param: Option<(String, bool)>,
    /// rocket `ClerkGuard<..>` parameter.
    clerk_guard: bool,
    /// Project extractors among the parameters: (type, optional).
    extractors: Vec<(String, bool)>,
    body: BodyFacts,
    /// The body checks an optional identity (`let Some(..) = x else`, `ok_or`, `is_none`).
    gates_option: bool,
    /// The handler's own body compares a request header with a secret (a callee doing so is
    /// more likely an API client than a gate).
    own_secret_compare: bool,
}

/// What a project extractor (or middleware function) does.
#[derive(Clone, Debug, PartialEq, Eq)]
enum AuthKind {
    /// Verifies a token (how) and rejects on failure.
    Verifies(TokenCheck),
    /// Reads the claims a Clerk layer put in the extensions, rejecting when absent.
    NeedsLayer,
    /// Verifies but never rejects (an optional identity).
    VerifiesNoReject,
    DecodeOnly,
    /// Compares a request value with a secret and rejects.
    Secret,
    None,
}

struct Judge<'k, 'a> {
    krate: &'k Crate<'a>,
    cache: HashMap<String, AuthKind>,
}

impl Judge<'_, '_> {
    fn endpoint(
        &mut self,
        app: &str,
        framework: eval::Framework,
        route: &Route<'_>,
    ) -> RustEndpoint {
        let facts = self.handler_facts(&route.handler);
        let mut depends_on: Vec<String> = Vec::new();
        let mut gap = None;
        let mut decoded: Option<String> = None;

        // Layers over the route.
        let mut layer_evidence: Option<Evidence> = None;
        let mut clerk_miss: Option<Gap> = None;
        for Guard { layer, rel_path } in &route.guards {
            match layer {
                // Rocket's config only matters to handlers that take `ClerkGuard`.
                Layer::Clerk { .. }
                    if framework == eval::Framework::Rocket && !facts.clerk_guard => {}
                Layer::Clerk {
                    routes,
                    exclude,
                    file,
                    ..
                } => {
                    let file = self.krate.files[*file].path.clone();
                    let seen = rel_path.clone().unwrap_or_else(|| route.path.clone());
                    let covers = match routes {
                        RouteList::All | RouteList::Unknown => true,
                        // A request path is concrete: an entry with a parameter never
                        // equals it.
                        RouteList::Only(list) => {
                            (!is_dynamic(&seen) && list.contains(&seen)) != *exclude
                        }
                    };
                    if covers {
                        layer_evidence.get_or_insert(Evidence::Middleware { file });
                    } else if let RouteList::Only(entries) = routes {
                        depends_on.push(file);
                        clerk_miss.get_or_insert(Gap::RouteListMiss {
                            path: seen,
                            entries: entries.clone(),
                        });
                    }
                }
                Layer::ProjectFn { path, file } => {
                    let kind = self.fn_kind(path);
                    let file = self.krate.files[*file].path.clone();
                    match kind {
                        AuthKind::Verifies(_) | AuthKind::Secret => {
                            layer_evidence.get_or_insert(Evidence::Middleware { file });
                        }
                        _ => depends_on.push(file),
                    }
                }
                Layer::Extractor(ty) => {
                    if let Some((kind, file)) = self.extractor_kind(ty)
                        && matches!(kind, AuthKind::Verifies(_) | AuthKind::Secret)
                    {
                        layer_evidence.get_or_insert(Evidence::Middleware { file });
                    }
                }
                Layer::Other => {}
            }
        }

        // Extractors among the parameters.
        let mut extractor_evidence = None;
        let mut optional_read: Option<String> = None;
        let mut decode_only: Option<String> = None;
        let mut needs_layer: Option<String> = None;
        for (ty, optional) in &facts.extractors {
            let Some((kind, file)) = self.extractor_kind(ty) else {
                continue;
            };
            match kind {
                AuthKind::Verifies(_) | AuthKind::Secret if !optional => {
                    extractor_evidence.get_or_insert(Evidence::Helper {
                        name: ty.clone(),
                        file,
                    });
                }
                AuthKind::Verifies(_) | AuthKind::Secret | AuthKind::VerifiesNoReject => {
                    optional_read.get_or_insert(format!("`{ty}`"));
                }
                AuthKind::NeedsLayer => {
                    if *optional {
                        optional_read.get_or_insert(format!("`{ty}`"));
                    } else {
                        needs_layer.get_or_insert(format!("`{ty}`"));
                    }
                }
                AuthKind::DecodeOnly => {
                    decode_only.get_or_insert(ty.clone());
                }
                AuthKind::None => {}
            }
        }
        if let Some((what, optional)) = &facts.claims_param {
            if *optional {
                optional_read.get_or_insert(what.clone());
            } else {
                needs_layer.get_or_insert(what.clone());
            }
        }
        if facts.body.reads_clerk_extension() && needs_layer.is_none() && optional_read.is_none() {
            if facts.body.rejects {
                needs_layer = Some("the `ClerkJwt` request extension".into());
            } else {
                optional_read = Some("the `ClerkJwt` request extension".into());
            }
        }
        if facts.clerk_guard && layer_evidence.is_none() {
            optional_read.get_or_insert("`ClerkGuard`".into());
        }

        // The handler's own code.
        let check = facts.body.token_check();
        let inline = match check {
            TokenCheck::Clerk | TokenCheck::Jwks if facts.body.rejects => {
                Some(Evidence::Inline(match check {
                    TokenCheck::Clerk => "validates the session token with clerk-rs".into(),
                    _ => "verifies the token's signature".into(),
                }))
            }
            TokenCheck::DecodeOnly => {
                decode_only.get_or_insert(facts.name.clone());
                None
            }
            _ => None,
        };
        let signals = facts.body.webhook_signals();
        let webhook = (!signals.is_empty() || facts.body.webhook_verified())
            && facts.body.webhook_verified()
            && facts.body.rejects;
        let secret = facts.own_secret_compare && facts.body.rejects;

        let verdict = if let Some(e) = inline {
            Verdict::Protected(e)
        } else if let Some(e) = extractor_evidence {
            Verdict::Protected(e)
        } else if let Some(e) = layer_evidence {
            Verdict::Protected(e)
        } else if webhook {
            Verdict::Protected(Evidence::Webhook("verifies the webhook signature".into()))
        } else if secret {
            Verdict::Protected(Evidence::Other(
                "compares a request header with a secret".into(),
            ))
        } else if let Some(what) = optional_read {
            if facts.gates_option {
                Verdict::Protected(Evidence::Inline(format!(
                    "returns early when {what} is missing"
                )))
            } else {
                Verdict::Unchecked(what)
            }
        } else if let Some(what) = needs_layer {
            gap = Some(match clerk_miss.clone() {
                Some(miss) => miss,
                None => Gap::ClaimsWithoutGuard { what },
            });
            Verdict::Unprotected
        } else if let Some(what) = decode_only.clone() {
            decoded = Some(what);
            Verdict::Unprotected
        } else {
            gap = clerk_miss.or(if route.after_clerk_layer {
                Some(Gap::AddedAfterGuard)
            } else {
                None
            });
            Verdict::Unprotected
        };
        depends_on.sort();
        depends_on.dedup();
        depends_on.retain(|f| *f != facts.file);
        RustEndpoint {
            framework,
            method: route.method.clone(),
            url: route.path.clone(),
            name: facts.name,
            file: facts.file,
            range: facts.range,
            verdict,
            gap,
            decode_only: decoded,
            webhook_signals: signals,
            app: app.to_owned(),
            depends_on,
        }
    }

    fn handler_facts(&self, h: &HandlerRef<'_>) -> HandlerInfo {
        let k = self.krate;
        let (name, file, _module, range, inputs, body): (
            String,
            usize,
            usize,
            Range<usize>,
            Vec<&syn::Type>,
            BodyFacts,
        ) = match h {
            HandlerRef::Fn { def, .. } => {
                let sig = def.sig;
                let start = sig.asyncness.map(|a| a.span).unwrap_or(sig.fn_token.span);
                let file = &k.files[def.file].parsed;
                let range = file.range(start).start..file.range(sig.ident.span()).end;
                let inputs = sig
                    .inputs
                    .iter()
                    .filter_map(|i| match i {
                        syn::FnArg::Typed(t) => Some(&*t.ty),
                        syn::FnArg::Receiver(_) => None,
                    })
                    .collect();
                (
                    sig.ident.to_string(),
                    def.file,
                    def.module,
                    range,
                    inputs,
                    BodyFacts::of_block(k, def.module, def.block),
                )
            }
            HandlerRef::External { file, range, name } => (
                name.clone(),
                *file,
                0,
                range.clone(),
                Vec::new(),
                BodyFacts::default(),
            ),
            HandlerRef::Closure {
                module,
                file,
                closure,
            } => {
                let f = &k.files[*file].parsed;
                let r = f.range(closure.span());
                let inputs = closure
                    .inputs
                    .iter()
                    .filter_map(|p| match p {
                        syn::Pat::Type(t) => Some(&*t.ty),
                        _ => None,
                    })
                    .collect();
                (
                    "closure".into(),
                    *file,
                    *module,
                    r.start..r.start,
                    inputs,
                    BodyFacts::of_expr(k, *module, &closure.body),
                )
            }
        };
        let own_secret_compare = body.secret_compare();
        let mut facts = HandlerInfo {
            name,
            file: k.files[file].path.clone(),
            range,
            body: body.deep(k, 2),
            own_secret_compare,
            ..HandlerInfo::default()
        };
        for ty in inputs {
            let (ty, optional) = unwrap_option(ty);
            let Some(outer) = type_name(ty) else { continue };
            let args: Vec<String> = type_args(ty).iter().filter_map(|t| type_name(t)).collect();
            let inner_claims = args.iter().any(|a| a == "ClerkJwt")
                || type_args(ty).iter().any(|t| {
                    type_args(t)
                        .iter()
                        .any(|u| type_name(u).as_deref() == Some("ClerkJwt"))
                });
            match outer.as_str() {
                "Extension" | "ReqData" | "Data" if inner_claims => {
                    facts.claims_param = Some((format!("`{outer}<ClerkJwt>`"), optional));
                }
                "ClerkJwt" => facts.claims_param = Some(("`ClerkJwt`".into(), optional)),
                "ClerkGuard" => facts.clerk_guard = true,
                _ => {
                    if self.is_extractor(&outer) {
                        facts.extractors.push((outer, optional));
                    } else {
                        // `Auth(user): Auth<User>`-style wrappers around a project extractor.
                        for a in args {
                            if self.is_extractor(&a) {
                                facts.extractors.push((a, optional));
                            }
                        }
                    }
                }
            }
        }
        let b = &facts.body;
        facts.gates_option = b.rejects
            && (b.calls.contains("is_none")
                || b.calls.contains("ok_or")
                || b.calls.contains("ok_or_else")
                || b.calls.contains("is_some")
                || b.idents.contains("None")
                || b.let_else
                || b.calls.contains("unwrap_or_else"));
        facts
    }

    fn is_extractor(&self, ty: &str) -> bool {
        self.krate.impls.iter().any(|i| {
            i.self_ty == ty
                && matches!(
                    i.trait_name.as_str(),
                    "FromRequestParts" | "FromRequest" | "OptionalFromRequestParts"
                )
        })
    }

    /// How a project extractor type authenticates, and its file.
    fn extractor_kind(&mut self, ty: &str) -> Option<(AuthKind, String)> {
        let imp = self.krate.impls.iter().find(|i| {
            i.self_ty == ty && matches!(i.trait_name.as_str(), "FromRequestParts" | "FromRequest")
        })?;
        let file = self.krate.files[imp.file].path.clone();
        let key = format!("extractor {ty}");
        if let Some(k) = self.cache.get(&key) {
            return Some((k.clone(), file));
        }
        let mut facts = BodyFacts::default();
        let mut infallible = false;
        for item in &imp.item.items {
            match item {
                syn::ImplItem::Fn(f) => {
                    let b =
                        BodyFacts::of_block(self.krate, imp.module, &f.block).deep(self.krate, 2);
                    facts.calls.extend(b.calls);
                    facts.idents.extend(b.idents);
                    facts.strings.extend(b.strings);
                    facts.rejects |= b.rejects;
                    facts.compares |= b.compares;
                }
                syn::ImplItem::Type(t) if t.ident == "Rejection" || t.ident == "Error" => {
                    infallible = type_name(&t.ty).as_deref() == Some("Infallible");
                }
                _ => {}
            }
        }
        let kind = classify(&facts, infallible);
        self.cache.insert(key, kind.clone());
        Some((kind, file))
    }

    /// How a project middleware function authenticates.
    fn fn_kind(&mut self, path: &[String]) -> AuthKind {
        let key = path.join("::");
        if let Some(k) = self.cache.get(&key) {
            return k.clone();
        }
        let kind = match self.krate.fns.get(path) {
            Some(def) => {
                let facts =
                    BodyFacts::of_block(self.krate, def.module, def.block).deep(self.krate, 2);
                // A middleware rejects by returning without calling `next`.
                let mut facts = facts;
                facts.rejects |= facts.calls.contains("run") || facts.calls.contains("call");
                classify(&facts, false)
            }
            None => AuthKind::None,
        };
        self.cache.insert(key, kind.clone());
        kind
    }
}

fn classify(facts: &BodyFacts, infallible: bool) -> AuthKind {
    let rejects = facts.rejects && !infallible;
    match facts.token_check() {
        TokenCheck::DecodeOnly => AuthKind::DecodeOnly,
        c @ (TokenCheck::Clerk | TokenCheck::Jwks) => {
            if rejects {
                AuthKind::Verifies(c)
            } else {
                AuthKind::VerifiesNoReject
            }
        }
        TokenCheck::None => {
            if facts.reads_clerk_extension() && rejects {
                AuthKind::NeedsLayer
            } else if facts.secret_compare() && rejects {
                AuthKind::Secret
            } else {
                AuthKind::None
            }
        }
    }
}

/// A path with a parameter or wildcard (`/users/:id`, `/users/{id}`, `/files/*rest`,
/// `/users/<id>`).
pub fn is_dynamic(path: &str) -> bool {
    path.contains([':', '{', '*', '<'])
}

/// `Option<T>` → (`T`, true).
fn unwrap_option(ty: &syn::Type) -> (&syn::Type, bool) {
    if type_name(ty).as_deref() == Some("Option")
        && let Some(inner) = type_args(ty).first()
    {
        return (inner, true);
    }
    (ty, false)
}

#[cfg(test)]
mod tests;
