//! tRPC procedures and the paths clients call them by.
//!
//! Each file's routers are read on their own ([`discover`]): `router({ … })`,
//! `createTRPCRouter({ … })`, `t.mergeRouters(a, b)` and plain records of procedures
//! (`{ … } satisfies TRPCRouterRecord`), each entry a procedure, a nested record or router, or
//! another router by name (local, imported, through barrels and namespace imports). Then
//! [`client_paths`] composes them across files from the root router down
//! (`appRouter = createTRPCRouter({ post: postRouter })` → `post.getAll`), which is what a
//! client calls (`trpc.post.getAll.useQuery()`) and what `[routes] public` names. A procedure
//! whose router is never found mounted keeps its definition name (`postRouter.getAll`), which
//! `[routes] public` accepts for every procedure.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    Argument, BindingPattern, Declaration, ExportDefaultDeclarationKind, Expression,
    ObjectExpression, ObjectPropertyKind, Statement,
};
use oxc_span::GetSpan;

use crate::analysis::endpoint::{Endpoint, EndpointKind, RpcOp};
use crate::analysis::engine::{
    Engine, Evidence, FileCx, FnFacts, ImportName, Summary, Top, callee_text, export_name, parse,
    property_key_name, range_of,
};
use crate::source::SourceFile;

/// Nested records deeper than this are not read (hostile input).
const MAX_NESTING: usize = 32;
/// Import and re-export hops followed to find a router's definition.
const MAX_HOPS: usize = 16;
/// How many times one router is expanded while composing paths: a router mounted at a few
/// places gets those paths, a diamond of routers mounting each other twice per level does not
/// explode.
const MAX_EXPANSIONS: usize = 4;

/// Whether a file may define tRPC procedures (cheap text probe before parsing).
pub(super) fn is_candidate(text: &str) -> bool {
    let has_procedure_call =
        text.contains(".query(") || text.contains(".mutation(") || text.contains(".subscription(");
    has_procedure_call
        && (text.contains("outer") || text.contains("rocedure") || text.contains("Proc"))
}

/// Whether a file may compose routers without defining procedures (`appRouter =
/// createTRPCRouter({ post: postRouter })`, `mergeRouters(a, b)`).
pub(super) fn is_composer(text: &str) -> bool {
    text.contains("outer({") || text.contains("outers(")
}

/// A reference to a router from the file that names it.
#[derive(Clone, Debug)]
enum Ref {
    /// A top-level binding of the same file.
    Local(String),
    /// An export of another file (`default` for a default import).
    Import { file: PathBuf, export: String },
}

#[derive(Clone, Debug)]
enum Entry {
    /// A procedure: the endpoint's index in the list [`discover`] pushed it to.
    Procedure { key: String, endpoint: usize },
    /// A router or record mounted under a key.
    Child { key: String, child: Child },
    /// A router whose procedures join this one's (`mergeRouters(a, b)`, `{ ...a }`).
    Merge(Child),
}

#[derive(Clone, Debug)]
enum Child {
    Ref(Ref),
    Inline(Node),
}

#[derive(Clone, Debug, Default)]
struct Node {
    entries: Vec<Entry>,
}

/// What one file says about tRPC routers, owned, for the composition across files.
#[derive(Debug, Default)]
pub(super) struct TrpcFile {
    path: PathBuf,
    display: String,
    /// Top-level routers (and records) by binding name, in source order.
    routers: Vec<(String, Node)>,
    /// Exported name → what it refers to.
    exports: HashMap<String, Ref>,
    /// `export * from './x'`.
    stars: Vec<PathBuf>,
}

impl TrpcFile {
    /// Shifts the endpoint indices by `by` (the file's endpoints were appended to a longer
    /// list).
    pub(super) fn shift(&mut self, by: usize) {
        fn node(n: &mut Node, by: usize) {
            for e in &mut n.entries {
                match e {
                    Entry::Procedure { endpoint, .. } => *endpoint += by,
                    Entry::Child {
                        child: Child::Inline(c),
                        ..
                    }
                    | Entry::Merge(Child::Inline(c)) => node(c, by),
                    _ => {}
                }
            }
        }
        for (_, n) in &mut self.routers {
            node(n, by);
        }
    }
}

/// The procedures of every tRPC router defined in a file, pushed to `out`; the file's routers
/// and exports for [`client_paths`].
pub(super) fn discover(
    engine: &Engine,
    path: &Path,
    file: &SourceFile,
    app_root: &str,
    out: &mut Vec<Endpoint>,
) -> TrpcFile {
    let mut tf = TrpcFile {
        path: path.to_path_buf(),
        display: file.rel_path.clone(),
        ..TrpcFile::default()
    };
    let allocator = Allocator::default();
    let parsed = parse(&allocator, &file.rel_path, &file.text);
    if !parsed.ok {
        return tf;
    }
    let program = &parsed.program;
    let cx = FileCx::new(engine, path, &file.rel_path, program, Vec::new());
    let reader = Reader {
        cx: &cx,
        file,
        app_root,
    };
    for stmt in &program.body {
        let (decl, exported) = match stmt {
            Statement::VariableDeclaration(v) => (Some(&**v), false),
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::VariableDeclaration(v) => (Some(&**v), true),
                _ => (None, false),
            },
            Statement::ExportDefaultDeclaration(d) => {
                if let ExportDefaultDeclarationKind::Identifier(id) = &d.declaration {
                    tf.exports
                        .insert("default".into(), reader.reference(id.name.as_str()));
                }
                continue;
            }
            Statement::ExportNamedDeclaration(d) => {
                for s in &d.specifiers {
                    let r = reader.reference(&export_name(&s.local));
                    tf.exports.insert(export_name(&s.exported), r);
                }
                continue;
            }
            Statement::ExportFromDeclaration(d) => {
                if let Some(file) = cx.resolve(d.source.value.as_str()) {
                    for s in &d.specifiers {
                        let r = Ref::Import {
                            file: file.clone(),
                            export: export_name(&s.local),
                        };
                        tf.exports.insert(export_name(&s.exported), r);
                    }
                }
                continue;
            }
            Statement::ExportAllDeclaration(d) => {
                if d.exported.is_none()
                    && let Some(p) = cx.resolve(d.source.value.as_str())
                {
                    tf.stars.push(p);
                }
                continue;
            }
            _ => (None, false),
        };
        let Some(decl) = decl else { continue };
        for d in &decl.declarations {
            let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) else {
                continue;
            };
            let name = id.name.as_str();
            if exported {
                tf.exports.insert(name.into(), Ref::Local(name.into()));
            }
            let Some(body) = router_body(init) else {
                continue;
            };
            let node = reader.node(body, name, out, 0);
            tf.routers.push((name.to_string(), node));
        }
    }
    tf
}

/// What a router expression is made of.
enum Body<'a> {
    /// `router({ … })` or a plain record `{ … }`.
    Record(&'a ObjectExpression<'a>),
    /// `mergeRouters(a, b, …)`.
    Merge(&'a oxc_allocator::Vec<'a, Argument<'a>>),
}

fn router_body<'a>(e: &'a Expression<'a>) -> Option<Body<'a>> {
    match e.get_inner_expression() {
        Expression::CallExpression(call) => {
            let callee = callee_text(&call.callee);
            let last = callee.rsplit('.').next().unwrap_or_default();
            if last == "mergeRouters" {
                return Some(Body::Merge(&call.arguments));
            }
            let is_router = last == "router" || last.ends_with("Router");
            if !is_router {
                return None;
            }
            match call
                .arguments
                .first()
                .and_then(Argument::as_expression)
                .map(|e| e.get_inner_expression())
            {
                Some(Expression::ObjectExpression(obj)) => Some(Body::Record(obj)),
                _ => None,
            }
        }
        Expression::ObjectExpression(obj) => Some(Body::Record(obj)),
        _ => None,
    }
}

struct Reader<'r, 'a, 'e> {
    cx: &'r FileCx<'a, 'e>,
    file: &'r SourceFile,
    app_root: &'r str,
}

impl<'a> Reader<'_, 'a, '_> {
    /// What a name in this file refers to: an import's export, else a local binding.
    fn reference(&self, name: &str) -> Ref {
        if let Some(imp) = self.cx.imports.get(name).copied()
            && let Some(file) = self.cx.resolve(imp.source)
        {
            let export = match imp.name {
                ImportName::Named(n) => n.to_string(),
                ImportName::Default => "default".to_string(),
                // `import * as routers from './routers'` used whole: not a router.
                ImportName::Namespace => String::new(),
            };
            return Ref::Import { file, export };
        }
        Ref::Local(name.to_string())
    }

    /// A router named by an expression: `postRouter`, `routers.postRouter` (a namespace
    /// import).
    fn reference_of(&self, e: &Expression) -> Option<Ref> {
        match e.get_inner_expression() {
            Expression::Identifier(id) => Some(self.reference(id.name.as_str())),
            Expression::StaticMemberExpression(m) => {
                let Expression::Identifier(ns) = m.object.get_inner_expression() else {
                    return None;
                };
                let imp = self.cx.imports.get(ns.name.as_str()).copied()?;
                if imp.name != ImportName::Namespace {
                    return None;
                }
                Some(Ref::Import {
                    file: self.cx.resolve(imp.source)?,
                    export: m.property.name.to_string(),
                })
            }
            _ => None,
        }
    }

    fn child(
        &self,
        e: &'a Expression<'a>,
        prefix: &str,
        out: &mut Vec<Endpoint>,
        depth: usize,
    ) -> Option<Child> {
        if let Some(body) = router_body(e) {
            return Some(Child::Inline(self.node(body, prefix, out, depth + 1)));
        }
        self.reference_of(e).map(Child::Ref)
    }

    /// The entries of a router; `prefix` is its definition name (`postRouter`,
    /// `appRouter.admin` for a nested record).
    fn node(&self, body: Body<'a>, prefix: &str, out: &mut Vec<Endpoint>, depth: usize) -> Node {
        let mut node = Node::default();
        if depth > MAX_NESTING {
            return node;
        }
        match body {
            Body::Merge(args) => {
                for arg in args {
                    if let Some(e) = arg.as_expression()
                        && let Some(c) = self.child(e, prefix, out, depth)
                    {
                        node.entries.push(Entry::Merge(c));
                    }
                }
            }
            Body::Record(obj) => {
                for prop in &obj.properties {
                    let p = match prop {
                        ObjectPropertyKind::ObjectProperty(p) => p,
                        ObjectPropertyKind::SpreadProperty(s) => {
                            if let Some(c) = self.child(&s.argument, prefix, out, depth) {
                                node.entries.push(Entry::Merge(c));
                            }
                            continue;
                        }
                    };
                    let Some(key) = property_key_name(&p.key) else {
                        continue;
                    };
                    if let Some((method, facts)) = procedure(self.cx, &p.value, 0) {
                        node.entries.push(Entry::Procedure {
                            key: key.to_string(),
                            endpoint: out.len(),
                        });
                        out.push(super::make_endpoint(
                            EndpointKind::TrpcProcedure,
                            None,
                            Some(method),
                            None,
                            format!("{prefix}.{key}"),
                            self.file,
                            range_of(p.key.span()),
                            facts,
                            self.app_root,
                        ));
                        continue;
                    }
                    let nested = format!("{prefix}.{key}");
                    if let Some(c) = self.child(&p.value, &nested, out, depth) {
                        node.entries.push(Entry::Child {
                            key: key.to_string(),
                            child: c,
                        });
                    }
                }
            }
        }
        node
    }
}

/// `base.input(s).query(fn)`: guarded when the base procedure's `.use()` chain guards,
/// else the resolver's own checks decide.
fn procedure<'a>(
    cx: &FileCx<'a, '_>,
    value: &'a Expression<'a>,
    depth: usize,
) -> Option<(RpcOp, FnFacts)> {
    let call = match value.get_inner_expression() {
        Expression::CallExpression(call) => call,
        // `router({ create })` with `const create = protectedProcedure.mutation(...)`.
        Expression::Identifier(id) if depth < MAX_HOPS => {
            return match cx.top.get(id.name.as_str()) {
                Some(Top::Init(init, _)) => procedure(cx, init, depth + 1),
                _ => None,
            };
        }
        _ => return None,
    };
    let member = call.callee.get_inner_expression().as_member_expression()?;
    let method = match member.static_property_name()? {
        "query" => RpcOp::Query,
        "mutation" => RpcOp::Mutation,
        "subscription" => RpcOp::Subscription,
        _ => return None,
    };
    let base = member.object();
    let base_name = callee_text(base)
        .split(['.', '('])
        .next()
        .unwrap_or_default()
        .to_string();
    match cx.chain_summary(base, 0) {
        Summary::Guards(_) => {
            return Some((
                method,
                FnFacts {
                    gate: Some(Evidence::Helper {
                        file: cx.definition_file(&base_name),
                        name: base_name,
                    }),
                    ..FnFacts::default()
                },
            ));
        }
        Summary::Reads => {
            let mut facts = call
                .arguments
                .first()
                .and_then(Argument::as_expression)
                .map(|r| cx.value_facts(r))
                .unwrap_or_default();
            if facts.gate.is_none() && facts.reads.is_none() {
                facts.reads = Some(format!("the session in `{base_name}`'s context"));
            }
            return Some((method, facts));
        }
        _ => {}
    }
    let facts = call
        .arguments
        .first()
        .and_then(Argument::as_expression)
        .map(|r| cx.value_facts(r))
        .unwrap_or_default();
    Some((method, facts))
}

/// A router: (file index, router index in that file).
type NodeId = (usize, usize);

struct Composer<'c> {
    engine: &'c Engine<'c>,
    files: &'c [TrpcFile],
    by_path: HashMap<&'c Path, usize>,
}

impl Composer<'_> {
    /// The router a reference from file `from` names, following imports, re-exports
    /// (`export { postRouter } from './post'`, `export *`) and barrels.
    fn resolve(&self, from: usize, r: &Ref, hops: usize) -> Option<NodeId> {
        if hops > MAX_HOPS {
            return None;
        }
        match r {
            Ref::Local(name) => self.files[from]
                .routers
                .iter()
                .position(|(n, _)| n == name)
                .map(|i| (from, i)),
            Ref::Import { file, export } => {
                if export.is_empty() {
                    return None;
                }
                if let Some(&fi) = self.by_path.get(file.as_path()) {
                    let f = &self.files[fi];
                    if let Some(r) = f.exports.get(export) {
                        return self.resolve(fi, r, hops + 1);
                    }
                    if export == "default" {
                        return None;
                    }
                    return f.stars.iter().find_map(|s| {
                        self.resolve(
                            fi,
                            &Ref::Import {
                                file: s.clone(),
                                export: export.clone(),
                            },
                            hops + 1,
                        )
                    });
                }
                // A file without routers of its own: a barrel.
                let facts = self.engine.file_facts(file);
                if let Some((p, inner)) = facts.reexports.get(export) {
                    let r = Ref::Import {
                        file: p.clone(),
                        export: inner.clone(),
                    };
                    return self.resolve(from, &r, hops + 1);
                }
                if export == "default" {
                    return None;
                }
                facts.star.iter().find_map(|s| {
                    let r = Ref::Import {
                        file: s.clone(),
                        export: export.clone(),
                    };
                    self.resolve(from, &r, hops + 1)
                })
            }
        }
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.files[id.0].routers[id.1].1
    }

    /// The routers a node mounts or merges, with whether any is mounted under a key.
    fn children(&self, file: usize, node: &Node, out: &mut Vec<NodeId>) {
        for e in &node.entries {
            match e {
                Entry::Procedure { .. } => {}
                Entry::Child { child, .. } | Entry::Merge(child) => match child {
                    Child::Ref(r) => out.extend(self.resolve(file, r, 0)),
                    Child::Inline(n) => self.children(file, n, out),
                },
            }
        }
    }
}

/// Walks a router from a root, giving each procedure the path a client calls it by.
struct Paths<'p, 'c> {
    c: &'p Composer<'c>,
    expansions: HashMap<NodeId, usize>,
    stack: Vec<NodeId>,
    /// Endpoint index → client paths, first found first.
    found: HashMap<usize, Vec<String>>,
}

impl Paths<'_, '_> {
    fn walk(&mut self, id: NodeId, prefix: &mut Vec<String>) {
        if self.stack.contains(&id) {
            return;
        }
        let n = self.expansions.entry(id).or_default();
        if *n >= MAX_EXPANSIONS {
            return;
        }
        *n += 1;
        self.stack.push(id);
        let node = self.c.node(id);
        self.entries(id.0, node, prefix);
        self.stack.pop();
    }

    fn entries(&mut self, file: usize, node: &Node, prefix: &mut Vec<String>) {
        for e in &node.entries {
            match e {
                Entry::Procedure { key, endpoint } => {
                    let mut path = prefix.join(".");
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    let paths = self.found.entry(*endpoint).or_default();
                    if !paths.contains(&path) {
                        paths.push(path);
                    }
                }
                Entry::Child { key, child } => {
                    prefix.push(key.clone());
                    self.child(file, child, prefix);
                    prefix.pop();
                }
                Entry::Merge(child) => self.child(file, child, prefix),
            }
        }
    }

    fn child(&mut self, file: usize, child: &Child, prefix: &mut Vec<String>) {
        match child {
            Child::Ref(r) => {
                if let Some(id) = self.c.resolve(file, r, 0) {
                    self.walk(id, prefix);
                }
            }
            Child::Inline(n) => {
                if prefix.len() <= MAX_NESTING {
                    self.entries(file, n, prefix);
                }
            }
        }
    }
}

/// Renames every procedure reachable from a root router to the path clients call it by
/// (`post.getAll`); its definition name (`postRouter.getAll`) stays an alias. A root is a
/// router no other router mounts that is the app's router: named `appRouter`, mounting other
/// routers, or the only one. Procedures of routers found nowhere keep their definition name.
pub(super) fn client_paths(engine: &Engine, files: &[TrpcFile], endpoints: &mut [Endpoint]) {
    let c = Composer {
        engine,
        files,
        by_path: files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_path(), i))
            .collect(),
    };
    let mut mounted: std::collections::HashSet<NodeId> = std::collections::HashSet::new();
    let mut composes: std::collections::HashSet<NodeId> = std::collections::HashSet::new();
    for (fi, f) in files.iter().enumerate() {
        for (ri, (_, node)) in f.routers.iter().enumerate() {
            let mut kids = Vec::new();
            c.children(fi, node, &mut kids);
            kids.retain(|k| *k != (fi, ri));
            if !kids.is_empty() {
                composes.insert((fi, ri));
            }
            mounted.extend(kids);
        }
    }
    let has_entries = |id: &NodeId| !c.node(*id).entries.is_empty();
    let mut roots: Vec<NodeId> = files
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| (0..f.routers.len()).map(move |ri| (fi, ri)))
        .filter(|id| !mounted.contains(id) && has_entries(id))
        .collect();
    roots.sort_by(|a, b| (&files[a.0].display, a.1).cmp(&(&files[b.0].display, b.1)));
    let sole = roots.len() == 1;
    roots.retain(|id| sole || composes.contains(id) || files[id.0].routers[id.1].0 == "appRouter");
    let mut paths = Paths {
        c: &c,
        expansions: HashMap::new(),
        stack: Vec::new(),
        found: HashMap::new(),
    };
    for root in roots {
        paths.walk(root, &mut Vec::new());
    }
    for (i, found) in paths.found {
        let Some(e) = endpoints.get_mut(i) else {
            continue;
        };
        let mut found = found.into_iter();
        let Some(first) = found.next() else { continue };
        let definition = std::mem::replace(&mut e.name, first);
        e.aliases.extend(found);
        if definition != e.name {
            e.aliases.push(definition);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::analysis::engine::FileEntry;
    use crate::source::FileKind;

    /// (files, expected `name [aliases]` of every procedure, sorted)
    type Case = (
        &'static [(&'static str, &'static str)],
        &'static [&'static str],
    );

    const TRPC: (&str, &str) = (
        "src/server/trpc.ts",
        "import { initTRPC } from '@trpc/server';\nconst t = initTRPC.create();\nexport const router = t.router;\nexport const createTRPCRouter = t.router;\nexport const mergeRouters = t.mergeRouters;\nexport const publicProcedure = t.procedure;\n",
    );

    const CASES: &[Case] = &[
        // One router: its keys are the paths.
        (
            &[
                TRPC,
                (
                    "src/server/root.ts",
                    "import { router, publicProcedure } from './trpc';\nexport const appRouter = router({ hello: publicProcedure.query(() => 1) });\n",
                ),
            ],
            &["hello [appRouter.hello]"],
        ),
        // Composed in the same file.
        (
            &[
                TRPC,
                (
                    "src/server/root.ts",
                    "import { router, publicProcedure } from './trpc';\nconst postRouter = router({ getAll: publicProcedure.query(() => 1) });\nexport const appRouter = router({ post: postRouter });\n",
                ),
            ],
            &["post.getAll [postRouter.getAll]"],
        ),
        // Across files: a barrel, a default export, a namespace import; mounted twice.
        (
            &[
                TRPC,
                (
                    "src/server/routers/post.ts",
                    "import { createTRPCRouter, publicProcedure } from '../trpc';\nexport const postRouter = createTRPCRouter({ getAll: publicProcedure.query(() => 1), byId: publicProcedure.query(() => 2) });\n",
                ),
                (
                    "src/server/routers/user.ts",
                    "import { createTRPCRouter, publicProcedure } from '../trpc';\nconst userRouter = createTRPCRouter({ me: publicProcedure.query(() => 1) });\nexport default userRouter;\n",
                ),
                (
                    "src/server/routers/index.ts",
                    "export { postRouter } from './post';\nexport { default as userRouter } from './user';\n",
                ),
                (
                    "src/server/root.ts",
                    "import { createTRPCRouter } from './trpc';\nimport { postRouter, userRouter } from './routers';\nimport * as all from './routers/post';\nexport const appRouter = createTRPCRouter({ post: postRouter, user: userRouter, again: all.postRouter });\n",
                ),
            ],
            &[
                "post.byId [again.byId, postRouter.byId]",
                "post.getAll [again.getAll, postRouter.getAll]",
                "user.me [userRouter.me]",
            ],
        ),
        // Nested routers and records, mergeRouters, spreads.
        (
            &[
                TRPC,
                (
                    "src/server/a.ts",
                    "import { router, publicProcedure } from './trpc';\nexport const a = router({ x: publicProcedure.query(() => 1) });\nexport const b = { y: publicProcedure.mutation(() => 1) };\n",
                ),
                (
                    "src/server/root.ts",
                    "import { router, mergeRouters, publicProcedure } from './trpc';\nimport { a, b } from './a';\nconst admin = router({ users: router({ list: publicProcedure.query(() => 1) }), deep: { a } });\nexport const appRouter = mergeRouters(router({ admin, ...b }), a);\n",
                ),
            ],
            &["admin.deep.a.x [x, a.x]", "admin.users.list []", "y [b.y]"],
        ),
        // A router mounted nowhere beside the root keeps its definition name; cycles end.
        (
            &[
                TRPC,
                (
                    "src/server/a.ts",
                    "import { router, publicProcedure } from './trpc';\nimport { b } from './b';\nexport const a = router({ b, self: a, list: publicProcedure.query(() => 1) });\n",
                ),
                (
                    "src/server/b.ts",
                    "import { router, publicProcedure } from './trpc';\nimport { a } from './a';\nexport const b = router({ a, x: publicProcedure.mutation(() => 1) });\n",
                ),
                (
                    "src/server/root.ts",
                    "import { router, publicProcedure } from './trpc';\nimport { a } from './a';\nconst orphan = router({ o: publicProcedure.query(() => 1) });\nexport const appRouter = router({ a, ping: publicProcedure.query(() => 1) });\n",
                ),
            ],
            &[
                "a.b.x [b.x]",
                "a.list []",
                "orphan.o []",
                "ping [appRouter.ping]",
            ],
        ),
    ];

    fn names(files: &[(&str, &str)]) -> Vec<String> {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("canonical");
        let mut entries: HashMap<PathBuf, FileEntry> = HashMap::new();
        let mut sources = Vec::new();
        for (display, text) in files {
            let p = root.join(display);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(&p, text).expect("write");
            entries.insert(
                p.clone(),
                FileEntry {
                    display: display.to_string(),
                    text: Arc::from(*text),
                },
            );
            sources.push((
                p.clone(),
                SourceFile::new(
                    p,
                    display.to_string(),
                    FileKind::Script,
                    Arc::from(*text),
                    false,
                ),
            ));
        }
        let sync = |_: &str| false;
        let engine = Engine::new(&entries, &sync);
        let mut endpoints = Vec::new();
        let mut trpc = Vec::new();
        for (path, f) in &sources {
            if is_candidate(&f.text) || is_composer(&f.text) {
                trpc.push(discover(&engine, path, f, "", &mut endpoints));
            }
        }
        client_paths(&engine, &trpc, &mut endpoints);
        let mut got: Vec<String> = endpoints
            .iter()
            .map(|e| format!("{} [{}]", e.name, e.aliases.join(", ")))
            .collect();
        got.sort();
        got
    }

    #[test]
    fn client_paths_follow_how_routers_are_composed() {
        for (files, expected) in CASES {
            assert_eq!(&names(files), expected, "files: {files:#?}");
        }
    }

    #[test]
    fn a_diamond_of_routers_stays_linear() {
        // Each router mounts the next one twice: 2^40 paths if every one were walked.
        let mut text = String::from("import { router, publicProcedure } from './trpc';\n");
        text.push_str("const r40 = router({ leaf: publicProcedure.query(() => 1) });\n");
        for i in (0..40).rev() {
            text.push_str(&format!(
                "const r{i} = router({{ a: r{}, b: r{} }});\n",
                i + 1,
                i + 1
            ));
        }
        text.push_str("export const appRouter = router({ r0 });\n");
        let start = std::time::Instant::now();
        let got = names(&[TRPC, ("src/server/root.ts", text.as_str())]);
        assert_eq!(got.len(), 1);
        assert!(got[0].starts_with("r0.a.a.a."), "{got:?}");
        assert!(start.elapsed().as_secs() < 10);
    }
}
