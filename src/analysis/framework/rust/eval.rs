//! Route discovery: an abstract evaluation of the functions that build routers, following
//! local variables, project functions (across modules) and builder chains, for axum
//! (`Router`), actix-web (`App`, `web::scope`, `web::resource`, `#[get]` + `.service`,
//! `.configure`), rocket (`rocket::build().mount(.., routes![..])`) and poem (`Route::new().at`).
//!
//! Layers are recorded on the routes they wrap at the moment they are applied: an axum
//! `.layer()` wraps only the routes already on that router, with the path that router sees
//! (after `nest` stripped its prefix); actix `.wrap()` and poem `.with()` wrap everything in
//! their app or scope, and actix compares the full request path.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use syn::spanned::Spanned;
use syn::{Expr, Stmt};

use super::krate::{Crate, FnDef, segments};
use crate::analysis::endpoint::FrameworkId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Framework {
    Axum,
    ActixWeb,
    Rocket,
    Poem,
}

impl Framework {
    pub fn id(self) -> FrameworkId {
        match self {
            Framework::Axum => FrameworkId::Axum,
            Framework::ActixWeb => FrameworkId::ActixWeb,
            Framework::Rocket => FrameworkId::Rocket,
            Framework::Poem => FrameworkId::Poem,
        }
    }
}

/// A handler: a function of the crate, or a closure.
#[derive(Clone)]
pub enum HandlerRef<'a> {
    Fn {
        path: Vec<String>,
        def: FnDef<'a>,
    },
    Closure {
        module: usize,
        file: usize,
        closure: &'a syn::ExprClosure,
    },
    /// A function this crate does not define (another crate of the workspace, a library):
    /// its body is unknown; it is reported where it is named.
    External {
        file: usize,
        range: Range<usize>,
        name: String,
    },
}

/// A clerk-rs route list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteList {
    /// `None`: every route.
    All,
    /// `Some(vec![...])`, compared with the request path by exact string equality.
    Only(Vec<String>),
    /// A list clerk-lint could not read (taken to cover the route).
    Unknown,
}

/// Something wrapped around routes.
#[derive(Clone, Debug)]
pub enum Layer {
    /// clerk-rs `ClerkLayer` (axum), `ClerkMiddleware` (actix), `ClerkPoemMiddleware` (poem;
    /// `exclude`: its list names the routes left out), or rocket's `ClerkGuardConfig`.
    Clerk {
        routes: RouteList,
        exclude: bool,
        file: usize,
        range: Range<usize>,
    },
    /// A project function used as middleware (`from_fn(f)`, `HttpAuthentication::bearer(f)`).
    ProjectFn {
        path: Vec<String>,
        file: usize,
    },
    /// `from_extractor::<T>()`.
    Extractor(String),
    Other,
}

/// A layer over one route, with the path the layer compares (`None`: the full URL).
#[derive(Clone, Debug)]
pub struct Guard {
    pub layer: Layer,
    pub rel_path: Option<String>,
}

#[derive(Clone)]
pub struct Route<'a> {
    pub method: String,
    pub path: String,
    pub handler: HandlerRef<'a>,
    pub guards: Vec<Guard>,
    /// A Clerk layer had already been applied to the router when this route was added.
    pub after_clerk_layer: bool,
}

#[derive(Clone)]
pub struct RouterV<'a> {
    pub id: usize,
    pub framework: Framework,
    /// An actix scope's or resource's path.
    pub prefix: String,
    pub routes: Vec<Route<'a>>,
    /// actix `.wrap()`: applied to every route when the scope is finished.
    pub wraps: Vec<Layer>,
    pub clerk_applied: bool,
    /// rocket `.manage(ClerkGuardConfig::new(..))`.
    pub rocket_config: Option<Layer>,
    /// An actix `web::resource` (its `.route()` takes no path).
    pub resource: bool,
}

#[derive(Clone)]
pub enum Val<'a> {
    Router(RouterV<'a>),
    /// An axum/poem method router or an actix route builder: (method, handler) pairs and
    /// the layers on them.
    Methods(Vec<(String, Option<HandlerRef<'a>>)>, Vec<Layer>),
    Layers(Vec<Layer>),
    Handler(HandlerRef<'a>),
    Handlers(Vec<HandlerRef<'a>>),
    Str(String),
    List(Vec<String>),
    Opt(Option<Box<Val<'a>>>),
    Unknown,
}

const METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "trace", "connect",
];

struct Frame<'a> {
    module: usize,
    file: usize,
    env: HashMap<String, Val<'a>>,
    returned: Option<Val<'a>>,
}

pub struct Eval<'k, 'a> {
    krate: &'k Crate<'a>,
    next_id: usize,
    latest: HashMap<usize, RouterV<'a>>,
    consumed: HashSet<usize>,
    stack: Vec<Vec<String>>,
    budget: usize,
    /// The method call being evaluated is the receiver of another one
    /// (`Router::new().route(..).route(..)`): the outer call records the router's state,
    /// so a chain of n calls clones it once, not n times (n² for 5,000 `.route()` calls).
    in_chain: bool,
}

/// The routes of every router of the crate that is served (not nested into another), each
/// with its full path.
pub fn discover<'a>(krate: &Crate<'a>) -> Vec<(Framework, Route<'a>)> {
    let mut ev = Eval {
        krate,
        next_id: 0,
        latest: HashMap::new(),
        consumed: HashSet::new(),
        stack: Vec::new(),
        budget: 50_000,
        in_chain: false,
    };
    // Entry points: functions no other function of the crate calls or names.
    let mut referenced: HashSet<Vec<String>> = HashSet::new();
    for def in krate.fns.values() {
        let mut v = Refs {
            krate,
            module: def.module,
            out: &mut referenced,
        };
        syn::visit::Visit::visit_block(&mut v, def.block);
    }
    let mut entries: Vec<(&Vec<String>, &FnDef)> = krate
        .fns
        .iter()
        .filter(|(path, _)| !referenced.contains(*path))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    // A router an entry point returns is served by whoever calls it (another crate, a test,
    // a runtime macro): it stays unconsumed, so it is a root like one passed to `serve`.
    for (path, def) in entries {
        ev.call_fn(path, def, Vec::new());
    }
    let mut ids: Vec<usize> = ev
        .latest
        .keys()
        .copied()
        .filter(|id| !ev.consumed.contains(id))
        .collect();
    ids.sort_unstable();
    let mut out = Vec::new();
    for id in ids {
        let r = ev.latest[&id].clone();
        let framework = r.framework;
        for route in finish(r) {
            out.push((framework, route));
        }
    }
    out
}

/// The routes of a finished scope or app, with its wraps and prefix applied.
fn finish(r: RouterV<'_>) -> Vec<Route<'_>> {
    let mut routes = r.routes;
    for route in &mut routes {
        for w in &r.wraps {
            route.guards.push(Guard {
                layer: w.clone(),
                rel_path: None,
            });
        }
        if let Some(cfg) = &r.rocket_config {
            route.guards.push(Guard {
                layer: cfg.clone(),
                rel_path: None,
            });
        }
        route.path = join(&r.prefix, &route.path);
    }
    routes
}

/// `/api` + `/users` → `/api/users`; `/api` + `/` or `` → `/api`.
pub fn join(prefix: &str, path: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    let out = if path.is_empty() || path == "/" {
        if prefix.is_empty() {
            "/".to_owned()
        } else {
            prefix.to_owned()
        }
    } else if path.starts_with('/') {
        format!("{prefix}{path}")
    } else {
        format!("{prefix}/{path}")
    };
    if out.starts_with('/') {
        out
    } else {
        format!("/{out}")
    }
}

impl<'k, 'a> Eval<'k, 'a> {
    fn fresh(&mut self, framework: Framework, prefix: String, resource: bool) -> Val<'a> {
        self.next_id += 1;
        let r = RouterV {
            id: self.next_id,
            framework,
            prefix,
            routes: Vec::new(),
            wraps: Vec::new(),
            clerk_applied: false,
            rocket_config: None,
            resource,
        };
        self.latest.insert(r.id, r.clone());
        Val::Router(r)
    }

    fn touch(&mut self, v: &Val<'a>) {
        if let Val::Router(r) = v {
            self.latest.insert(r.id, r.clone());
        }
    }

    fn consume(&mut self, r: &RouterV<'a>) {
        self.consumed.insert(r.id);
    }

    fn call_fn(&mut self, path: &[String], def: &FnDef<'a>, args: Vec<Val<'a>>) -> Val<'a> {
        if self.stack.iter().any(|p| p == path) || self.stack.len() > 12 || self.budget == 0 {
            return Val::Unknown;
        }
        self.budget -= 1;
        self.stack.push(path.to_vec());
        let mut frame = Frame {
            module: def.module,
            file: def.file,
            env: HashMap::new(),
            returned: None,
        };
        let mut args = args.into_iter();
        for input in &def.sig.inputs {
            let arg = args.next().unwrap_or(Val::Unknown);
            if let syn::FnArg::Typed(pt) = input
                && let syn::Pat::Ident(id) = &*pt.pat
            {
                frame.env.insert(id.ident.to_string(), arg);
            }
        }
        let tail = self.block(def.block, &mut frame);
        self.stack.pop();
        frame.returned.unwrap_or(tail)
    }

    fn block(&mut self, block: &'a syn::Block, frame: &mut Frame<'a>) -> Val<'a> {
        let mut last = Val::Unknown;
        for (i, stmt) in block.stmts.iter().enumerate() {
            let is_last = i + 1 == block.stmts.len();
            match stmt {
                Stmt::Local(local) => {
                    let v = match &local.init {
                        Some(init) => self.expr(&init.expr, frame),
                        None => Val::Unknown,
                    };
                    if let Some(name) = pat_ident(&local.pat) {
                        frame.env.insert(name, v);
                    }
                    last = Val::Unknown;
                }
                Stmt::Expr(e, semi) => {
                    let v = self.expr(e, frame);
                    last = if semi.is_none() && is_last {
                        v
                    } else {
                        Val::Unknown
                    };
                }
                Stmt::Macro(m) => {
                    let v = self.mac(&m.mac, frame);
                    last = if m.semi_token.is_none() && is_last {
                        v
                    } else {
                        Val::Unknown
                    };
                }
                Stmt::Item(_) => {}
            }
        }
        last
    }

    fn expr(&mut self, e: &'a Expr, frame: &mut Frame<'a>) -> Val<'a> {
        match e {
            Expr::Paren(p) => self.expr(&p.expr, frame),
            Expr::Group(g) => self.expr(&g.expr, frame),
            Expr::Reference(r) => self.expr(&r.expr, frame),
            Expr::Try(t) => self.expr(&t.expr, frame),
            Expr::Await(a) => self.expr(&a.base, frame),
            Expr::Block(b) => self.block(&b.block, frame),
            Expr::Unsafe(b) => self.block(&b.block, frame),
            Expr::Async(b) => self.block(&b.block, frame),
            Expr::Return(r) => {
                let v = match &r.expr {
                    Some(e) => self.expr(e, frame),
                    None => Val::Unknown,
                };
                if !matches!(v, Val::Unknown) {
                    frame.returned = Some(v.clone());
                }
                v
            }
            Expr::Assign(a) => {
                let v = self.expr(&a.right, frame);
                if let Expr::Path(p) = &*a.left
                    && let Some(id) = p.path.get_ident()
                {
                    frame.env.insert(id.to_string(), v);
                }
                Val::Unknown
            }
            Expr::Lit(l) => match &l.lit {
                syn::Lit::Str(s) => Val::Str(s.value()),
                _ => Val::Unknown,
            },
            Expr::Array(a) => {
                let items: Vec<String> = a
                    .elems
                    .iter()
                    .filter_map(|e| match self.expr(e, frame) {
                        Val::Str(s) => Some(s),
                        _ => None,
                    })
                    .collect();
                Val::List(items)
            }
            Expr::Tuple(t) => {
                let mut handlers = Vec::new();
                for e in &t.elems {
                    match self.expr(e, frame) {
                        Val::Handler(h) => handlers.push(h),
                        Val::Handlers(hs) => handlers.extend(hs),
                        _ => {}
                    }
                }
                Val::Handlers(handlers)
            }
            Expr::Path(p) => self.path(&p.path, frame),
            Expr::Closure(c) => {
                // A closure that builds an app (`HttpServer::new(move || App::new()...)`)
                // leaves it for the server; otherwise it may be a handler. Its parameters
                // shadow outer names; a `&mut ServiceConfig` one is an actix app being
                // configured (shuttle's `move |cfg: &mut ServiceConfig| { cfg.service(..) }`).
                let mut shadowed = Vec::new();
                for input in &c.inputs {
                    let (pat, ty) = match input {
                        syn::Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
                        other => (other, None),
                    };
                    let Some(name) = pat_ident(pat) else { continue };
                    let value = if ty.and_then(super::krate::type_name).as_deref()
                        == Some("ServiceConfig")
                    {
                        self.fresh(Framework::ActixWeb, String::new(), false)
                    } else {
                        Val::Unknown
                    };
                    shadowed.push((name.clone(), frame.env.insert(name, value)));
                }
                let body = self.expr(&c.body, frame);
                for (name, old) in shadowed {
                    match old {
                        Some(v) => frame.env.insert(name, v),
                        None => frame.env.remove(&name),
                    };
                }
                if let Val::Router(_) = body {
                    return body;
                }
                Val::Handler(HandlerRef::Closure {
                    module: frame.module,
                    file: frame.file,
                    closure: c,
                })
            }
            Expr::Macro(m) => self.mac(&m.mac, frame),
            Expr::If(i) => {
                let _ = self.expr(&i.cond, frame);
                let a = self.block(&i.then_branch, frame);
                let b = match &i.else_branch {
                    Some((_, e)) => self.expr(e, frame),
                    None => Val::Unknown,
                };
                most_guarded(vec![a, b])
            }
            Expr::Match(m) => {
                let _ = self.expr(&m.expr, frame);
                let arms: Vec<Val<'a>> = m
                    .arms
                    .iter()
                    .map(|arm| self.expr(&arm.body, frame))
                    .collect();
                most_guarded(arms)
            }
            Expr::Call(c) => self.call(c, frame),
            Expr::MethodCall(m) => self.method_call(m, frame),
            _ => Val::Unknown,
        }
    }

    fn path(&mut self, p: &'a syn::Path, frame: &mut Frame<'a>) -> Val<'a> {
        if let Some(id) = p.get_ident() {
            let name = id.to_string();
            if let Some(v) = frame.env.get(&name) {
                return v.clone();
            }
            if name == "None" {
                return Val::Opt(None);
            }
        }
        let segs = segments(p);
        if let Some((path, def)) = self.krate.resolve_fn(frame.module, &segs) {
            return Val::Handler(HandlerRef::Fn { path, def });
        }
        if let Some(v) = self.constant(frame.module, &segs) {
            return v;
        }
        // A function of another crate (`handlers::list` from a workspace member, or a name
        // imported from one). A lone name that is neither defined nor imported is a local
        // binding the evaluation does not track.
        let last = segs.last().map(String::as_str).unwrap_or_default();
        let imported = segs.len() > 1 || self.krate.modules[frame.module].uses.contains_key(last);
        if imported
            && last.starts_with(|c: char| c.is_ascii_lowercase())
            && last != "self"
            && last != "super"
        {
            return Val::Handler(HandlerRef::External {
                file: frame.file,
                range: self.krate.files[frame.file].parsed.range(p.span()),
                name: last.to_owned(),
            });
        }
        Val::Unknown
    }

    /// A `const` or `static` of string literals (`const PROTECTED: [&str; 2] = [...]`).
    fn constant(&mut self, module: usize, segs: &[String]) -> Option<Val<'a>> {
        let full = self.krate.resolve(module, segs)?;
        let (name, parent) = full.split_last()?;
        let m = self.krate.module_index(parent)?;
        for item in self.krate.modules[m].items {
            let (ident, expr) = match item {
                syn::Item::Const(c) => (&c.ident, &*c.expr),
                syn::Item::Static(s) => (&s.ident, &*s.expr),
                _ => continue,
            };
            if ident == name {
                let mut frame = Frame {
                    module: m,
                    file: self.krate.modules[m].file,
                    env: HashMap::new(),
                    returned: None,
                };
                return Some(self.expr(expr, &mut frame));
            }
        }
        None
    }

    fn mac(&mut self, m: &'a syn::Macro, frame: &mut Frame<'a>) -> Val<'a> {
        let name = m
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        match name.as_str() {
            "routes" => {
                let Ok(paths) = m.parse_body_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                ) else {
                    return Val::Unknown;
                };
                let mut out = Vec::new();
                for p in &paths {
                    if let Some((path, def)) = self.krate.resolve_fn(frame.module, &segments(p)) {
                        out.push(HandlerRef::Fn { path, def });
                    }
                }
                Val::Handlers(out)
            }
            "vec" => {
                let Ok(items) = m.parse_body_with(
                    syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
                ) else {
                    return Val::Unknown;
                };
                let strings: Vec<String> = items
                    .iter()
                    .filter_map(|e| match self.expr_owned(e, frame) {
                        Val::Str(s) => Some(s),
                        _ => None,
                    })
                    .collect();
                if strings.len() == items.len() {
                    Val::List(strings)
                } else {
                    Val::Unknown
                }
            }
            _ => Val::Unknown,
        }
    }

    /// Evaluates an expression parsed out of a macro body (owned, not borrowed from the
    /// file): only literals and string conversions are needed there.
    fn expr_owned(&mut self, e: &Expr, frame: &Frame<'a>) -> Val<'a> {
        match e {
            Expr::Lit(l) => match &l.lit {
                syn::Lit::Str(s) => Val::Str(s.value()),
                _ => Val::Unknown,
            },
            Expr::MethodCall(m) if is_conversion(&m.method.to_string()) => {
                self.expr_owned(&m.receiver, frame)
            }
            Expr::Call(c) => match &*c.func {
                Expr::Path(p)
                    if segments(&p.path).last().is_some_and(|l| l == "from")
                        && c.args.len() == 1 =>
                {
                    self.expr_owned(&c.args[0], frame)
                }
                _ => Val::Unknown,
            },
            Expr::Reference(r) => self.expr_owned(&r.expr, frame),
            Expr::Path(p) => match p.path.get_ident() {
                Some(id) => frame
                    .env
                    .get(&id.to_string())
                    .cloned()
                    .unwrap_or(Val::Unknown),
                None => Val::Unknown,
            },
            _ => Val::Unknown,
        }
    }

    fn call(&mut self, c: &'a syn::ExprCall, frame: &mut Frame<'a>) -> Val<'a> {
        let Expr::Path(func) = &*c.func else {
            for a in &c.args {
                let _ = self.expr(a, frame);
            }
            return Val::Unknown;
        };
        let segs = segments(&func.path);
        let last = segs.last().cloned().unwrap_or_default();
        let owner = if segs.len() >= 2 {
            segs[segs.len() - 2].as_str()
        } else {
            ""
        };
        // A project function: evaluate it with its arguments.
        if let Some((path, def)) = self.krate.resolve_fn(frame.module, &segs) {
            let args: Vec<Val<'a>> = c.args.iter().map(|a| self.expr(a, frame)).collect();
            return self.call_fn(&path, &def, args);
        }
        let args: Vec<Val<'a>> = c.args.iter().map(|a| self.expr(a, frame)).collect();
        let file = frame.file;
        let range = self.krate.files[file].parsed.range(c.span());
        match (owner, last.as_str()) {
            ("Router", "new") => self.fresh(Framework::Axum, String::new(), false),
            ("Route", "new") => self.fresh(Framework::Poem, String::new(), false),
            ("App", "new") => self.fresh(Framework::ActixWeb, String::new(), false),
            ("web" | "Scope", "scope" | "new") if owner == "web" || owner == "Scope" => {
                let prefix = str_arg(&args, 0);
                if owner == "Scope" || last == "scope" {
                    self.fresh(Framework::ActixWeb, prefix, false)
                } else {
                    Val::Unknown
                }
            }
            ("web" | "Resource", "resource" | "new") => {
                let prefix = str_arg(&args, 0);
                self.fresh(Framework::ActixWeb, prefix, true)
            }
            ("rocket", "build" | "custom") => self.fresh(Framework::Rocket, String::new(), false),
            ("ClerkLayer", "new") => Val::Layers(vec![Layer::Clerk {
                routes: route_list(args.get(1)),
                exclude: false,
                file,
                range,
            }]),
            ("ClerkMiddleware" | "ClerkGuardConfig", "new") => Val::Layers(vec![Layer::Clerk {
                routes: route_list(args.get(1)),
                exclude: false,
                file,
                range,
            }]),
            ("ClerkPoemMiddleware", "new") => Val::Layers(vec![Layer::Clerk {
                routes: match args.get(2) {
                    Some(Val::Opt(Some(list))) => match &**list {
                        Val::List(l) => RouteList::Only(l.clone()),
                        _ => RouteList::Unknown,
                    },
                    Some(Val::Opt(None)) => RouteList::Only(Vec::new()),
                    _ => RouteList::Unknown,
                },
                exclude: true,
                file,
                range,
            }]),
            ("ServiceBuilder", "new") => Val::Layers(Vec::new()),
            ("HttpAuthentication", _) | (_, "from_fn" | "from_fn_with_state" | "wrap_fn") => {
                match args.iter().rev().find(|a| matches!(a, Val::Handler(_))) {
                    Some(Val::Handler(HandlerRef::Fn { path, def })) => {
                        Val::Layers(vec![Layer::ProjectFn {
                            path: path.clone(),
                            file: def.file,
                        }])
                    }
                    _ => Val::Layers(vec![Layer::Other]),
                }
            }
            (_, "from_extractor" | "from_extractor_with_state") => {
                let ty = func
                    .path
                    .segments
                    .last()
                    .and_then(|s| match &s.arguments {
                        syn::PathArguments::AngleBracketed(a) => a.args.first(),
                        _ => None,
                    })
                    .and_then(|a| match a {
                        syn::GenericArgument::Type(t) => super::krate::type_name(t),
                        _ => None,
                    });
                match ty {
                    Some(t) => Val::Layers(vec![Layer::Extractor(t)]),
                    None => Val::Layers(vec![Layer::Other]),
                }
            }
            ("Condition", "new") => args.into_iter().nth(1).unwrap_or(Val::Unknown),
            (_, "Some") => match args.into_iter().next() {
                Some(v) => Val::Opt(Some(Box::new(v))),
                None => Val::Unknown,
            },
            (_, "from") if args.len() == 1 => match &args[0] {
                Val::Str(_) => args[0].clone(),
                _ => Val::Unknown,
            },
            ("web", "route") if args.is_empty() => Val::Methods(vec![("*".into(), None)], vec![]),
            ("web" | "routing" | "", m) if METHODS.contains(&m) && args.is_empty() => {
                Val::Methods(vec![(m.to_ascii_uppercase(), None)], vec![])
            }
            (_, m) if METHODS.contains(&m) && args.len() == 1 => match &args[0] {
                Val::Handler(h) => {
                    Val::Methods(vec![(m.to_ascii_uppercase(), Some(h.clone()))], vec![])
                }
                _ => Val::Unknown,
            },
            (_, "any") if args.len() == 1 => match &args[0] {
                Val::Handler(h) => Val::Methods(vec![("*".into(), Some(h.clone()))], vec![]),
                _ => Val::Unknown,
            },
            (_, "on") if args.len() == 2 => match &args[1] {
                Val::Handler(h) => {
                    Val::Methods(vec![(method_filter(&c.args[0]), Some(h.clone()))], vec![])
                }
                _ => Val::Unknown,
            },
            _ => {
                // `Ok(router)`, `axum::serve(listener, app)`, `HttpServer::new(|| App::new())`:
                // pass a lone router through so a function's result keeps it.
                args.into_iter()
                    .find(|a| matches!(a, Val::Router(_)))
                    .unwrap_or(Val::Unknown)
            }
        }
    }

    fn method_call(&mut self, m: &'a syn::ExprMethodCall, frame: &mut Frame<'a>) -> Val<'a> {
        let is_receiver = std::mem::replace(
            &mut self.in_chain,
            matches!(&*m.receiver, Expr::MethodCall(_)),
        );
        let recv = self.expr(&m.receiver, frame);
        self.in_chain = false;
        let name = m.method.to_string();
        let args: Vec<Val<'a>> = m.args.iter().map(|a| self.expr(a, frame)).collect();
        let out = match recv {
            Val::Router(r) => {
                let out = self.router_method(r, &name, args);
                // A router method always returns the router: the outermost call of the
                // chain records it.
                if !is_receiver {
                    self.touch(&out);
                }
                out
            }
            Val::Methods(mut entries, mut layers) => match name.as_str() {
                "to" => {
                    if let Some(Val::Handler(h)) = args.first() {
                        for e in &mut entries {
                            if e.1.is_none() {
                                e.1 = Some(h.clone());
                            }
                        }
                    }
                    Val::Methods(entries, layers)
                }
                "layer" | "route_layer" | "with" | "wrap" => {
                    if let Some(Val::Layers(ls)) = args.first() {
                        layers.extend(ls.iter().cloned());
                    }
                    Val::Methods(entries, layers)
                }
                "on" => {
                    if let Some(Val::Handler(h)) = args.get(1) {
                        entries.push((method_filter(&m.args[0]), Some(h.clone())));
                    }
                    Val::Methods(entries, layers)
                }
                n if METHODS.contains(&n) => {
                    if let Some(Val::Handler(h)) = args.first() {
                        entries.push((n.to_ascii_uppercase(), Some(h.clone())));
                    }
                    Val::Methods(entries, layers)
                }
                _ => Val::Methods(entries, layers),
            },
            Val::Layers(mut ls) => match name.as_str() {
                "layer" | "wrap" => {
                    if let Some(Val::Layers(more)) = args.first() {
                        ls.extend(more.iter().cloned());
                    } else {
                        ls.push(Layer::Other);
                    }
                    Val::Layers(ls)
                }
                _ => Val::Layers(ls),
            },
            v @ (Val::Str(_) | Val::List(_)) if is_conversion(&name) => v,
            Val::Opt(o) if is_conversion(&name) => Val::Opt(o),
            _ => Val::Unknown,
        };
        // `cfg.service(..)`, `router = router.route(..)`: a builder call on a local variable
        // updates it.
        if let Expr::Path(p) = &*m.receiver
            && let Some(id) = p.path.get_ident()
            && matches!(out, Val::Router(_))
        {
            frame.env.insert(id.to_string(), out.clone());
        }
        out
    }

    fn router_method(&mut self, mut r: RouterV<'a>, name: &str, args: Vec<Val<'a>>) -> Val<'a> {
        match (r.framework, name) {
            (Framework::Axum | Framework::ActixWeb, "route") | (Framework::Poem, "at") => {
                let (path, methods) = if r.resource {
                    (String::new(), args.into_iter().next())
                } else {
                    let mut it = args.into_iter();
                    let path = match it.next() {
                        Some(Val::Str(s)) => s,
                        _ => return Val::Router(r),
                    };
                    (path, it.next())
                };
                match methods {
                    Some(Val::Methods(entries, layers)) => {
                        for (method, handler) in entries {
                            let Some(handler) = handler else { continue };
                            r.routes.push(Route {
                                method,
                                path: path.clone(),
                                handler,
                                guards: layers
                                    .iter()
                                    .map(|l| Guard {
                                        layer: l.clone(),
                                        rel_path: Some(path.clone()),
                                    })
                                    .collect(),
                                after_clerk_layer: r.clerk_applied,
                            });
                        }
                    }
                    Some(Val::Handler(handler)) => r.routes.push(Route {
                        method: "*".into(),
                        path,
                        handler,
                        guards: Vec::new(),
                        after_clerk_layer: r.clerk_applied,
                    }),
                    _ => {}
                }
            }
            (Framework::ActixWeb, "to") => {
                if let Some(Val::Handler(h)) = args.into_iter().next() {
                    r.routes.push(Route {
                        method: "*".into(),
                        path: String::new(),
                        handler: h,
                        guards: Vec::new(),
                        after_clerk_layer: false,
                    });
                }
            }
            (Framework::Axum | Framework::Poem, "nest") => {
                let mut it = args.into_iter();
                if let (Some(Val::Str(prefix)), Some(Val::Router(child))) = (it.next(), it.next()) {
                    self.consume(&child);
                    for mut route in finish(child) {
                        route.path = join(&prefix, &route.path);
                        r.routes.push(route);
                    }
                }
            }
            (Framework::Axum, "merge") => {
                if let Some(Val::Router(child)) = args.into_iter().next() {
                    self.consume(&child);
                    r.routes.extend(finish(child));
                }
            }
            (Framework::Axum, "layer" | "route_layer") | (Framework::Poem, "with" | "around") => {
                let layers = match args.into_iter().next() {
                    Some(Val::Layers(ls)) => ls,
                    _ => vec![Layer::Other],
                };
                if layers.iter().any(|l| matches!(l, Layer::Clerk { .. })) {
                    r.clerk_applied = true;
                }
                for route in &mut r.routes {
                    for l in &layers {
                        route.guards.push(Guard {
                            layer: l.clone(),
                            rel_path: Some(route.path.clone()),
                        });
                    }
                }
            }
            (Framework::ActixWeb, "wrap" | "wrap_fn") => {
                if let Some(Val::Layers(ls)) = args.into_iter().next() {
                    r.wraps.extend(ls);
                } else {
                    r.wraps.push(Layer::Other);
                }
            }
            (Framework::ActixWeb, "service") => {
                for arg in args {
                    match arg {
                        Val::Router(child) => {
                            self.consume(&child);
                            r.routes.extend(finish(child));
                        }
                        Val::Handler(h) => r.routes.extend(attribute_routes(&h, "")),
                        Val::Handlers(hs) => {
                            for h in hs {
                                r.routes.extend(attribute_routes(&h, ""));
                            }
                        }
                        _ => {}
                    }
                }
            }
            (Framework::ActixWeb, "configure") => {
                if let Some(Val::Handler(HandlerRef::Fn { path, def })) = args.into_iter().next() {
                    let cfg = self.fresh(Framework::ActixWeb, String::new(), false);
                    let Val::Router(cfg_router) = &cfg else {
                        return Val::Router(r);
                    };
                    let id = cfg_router.id;
                    self.consumed.insert(id);
                    let _ = self.call_fn(&path, &def, vec![cfg]);
                    if let Some(done) = self.latest.get(&id).cloned() {
                        r.routes.extend(finish(done));
                    }
                }
            }
            (Framework::Rocket, "mount") => {
                let mut it = args.into_iter();
                if let (Some(Val::Str(base)), Some(hs)) = (it.next(), it.next()) {
                    let hs = match hs {
                        Val::Handlers(hs) => hs,
                        Val::Handler(h) => vec![h],
                        _ => Vec::new(),
                    };
                    for h in hs {
                        r.routes.extend(attribute_routes(&h, &base));
                    }
                }
            }
            (Framework::Rocket, "manage") => {
                if let Some(Val::Layers(ls)) = args.into_iter().next()
                    && let Some(cfg) = ls.into_iter().find(|l| matches!(l, Layer::Clerk { .. }))
                {
                    r.rocket_config = Some(cfg);
                }
            }
            _ => {}
        }
        Val::Router(r)
    }
}

/// Of the values of the branches of an `if` or `match`, the router with the most layers over
/// its routes (a branch that skips auth behind a flag, `if testing { router } else {
/// router.layer(auth) }`, is the development path; the bypass is a separate concern), else
/// the first known value.
fn most_guarded(vals: Vec<Val<'_>>) -> Val<'_> {
    let guards = |v: &Val<'_>| match v {
        Val::Router(r) => {
            r.routes.iter().map(|x| x.guards.len()).sum::<usize>() + r.wraps.len() + 1
        }
        _ => 0,
    };
    let best = vals.iter().map(guards).max().unwrap_or(0);
    if best > 0 {
        return vals
            .into_iter()
            .find(|v| guards(v) == best)
            .unwrap_or(Val::Unknown);
    }
    vals.into_iter()
        .find(|v| !matches!(v, Val::Unknown))
        .unwrap_or(Val::Unknown)
}

fn is_conversion(name: &str) -> bool {
    matches!(
        name,
        "to_string"
            | "to_owned"
            | "into"
            | "clone"
            | "iter"
            | "into_iter"
            | "map"
            | "collect"
            | "to_vec"
            | "cloned"
            | "as_str"
    )
}

fn str_arg(args: &[Val<'_>], i: usize) -> String {
    match args.get(i) {
        Some(Val::Str(s)) => s.clone(),
        _ => String::new(),
    }
}

fn route_list(v: Option<&Val<'_>>) -> RouteList {
    match v {
        Some(Val::Opt(None)) => RouteList::All,
        Some(Val::Opt(Some(inner))) => match &**inner {
            Val::List(l) => RouteList::Only(l.clone()),
            Val::Str(s) => RouteList::Only(vec![s.clone()]),
            _ => RouteList::Unknown,
        },
        _ => RouteList::Unknown,
    }
}

/// `MethodFilter::GET` → `GET`.
fn method_filter(e: &Expr) -> String {
    match e {
        Expr::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string().to_ascii_uppercase())
            .unwrap_or_else(|| "*".into()),
        _ => "*".into(),
    }
}

fn pat_ident(p: &syn::Pat) -> Option<String> {
    match p {
        syn::Pat::Ident(i) => Some(i.ident.to_string()),
        syn::Pat::Type(t) => pat_ident(&t.pat),
        _ => None,
    }
}

/// The routes a handler's attribute macros declare (`#[get("/x")]`, `#[route("/x", method =
/// "GET", method = "POST")]`), under `base`.
pub fn attribute_routes<'a>(h: &HandlerRef<'a>, base: &str) -> Vec<Route<'a>> {
    let HandlerRef::Fn { def, .. } = h else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for attr in def.attrs {
        let Some(last) = attr.path().segments.last() else {
            continue;
        };
        let name = last.ident.to_string();
        let is_method = METHODS.contains(&name.as_str());
        if !is_method && name != "route" {
            continue;
        }
        let syn::Meta::List(list) = &attr.meta else {
            continue;
        };
        let Ok(items) = list.parse_args_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        ) else {
            continue;
        };
        let mut path = None;
        let mut methods = Vec::new();
        for item in &items {
            match item {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) if path.is_none() => path = Some(s.value()),
                Expr::Assign(a) => {
                    if let (Expr::Path(k), Expr::Lit(v)) = (&*a.left, &*a.right)
                        && k.path.is_ident("method")
                        && let syn::Lit::Str(s) = &v.lit
                    {
                        methods.push(s.value().to_ascii_uppercase());
                    }
                }
                _ => {}
            }
        }
        let Some(path) = path else { continue };
        if is_method {
            methods = vec![name.to_ascii_uppercase()];
        } else if methods.is_empty() {
            methods.push("*".into());
        }
        for method in methods {
            out.push(Route {
                method,
                path: join(base, &path),
                handler: h.clone(),
                guards: Vec::new(),
                after_clerk_layer: false,
            });
        }
    }
    out
}

/// Collects every project function a body names (calls and bare references).
struct Refs<'k, 'a, 'o> {
    krate: &'k Crate<'a>,
    module: usize,
    out: &'o mut HashSet<Vec<String>>,
}

impl<'ast> syn::visit::Visit<'ast> for Refs<'_, '_, '_> {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        if let Some((path, _)) = self.krate.resolve_fn(self.module, &segments(p)) {
            self.out.insert(path);
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if let Ok(exprs) =
            m.parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated)
        {
            for e in &exprs {
                self.visit_expr(e);
            }
        }
    }
}
