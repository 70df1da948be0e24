//! One Rust crate as a module tree: which files are modules (from `src/main.rs`, `src/lib.rs`
//! and `src/bin/*.rs`, following `mod x;`), the functions and `impl` blocks in each module,
//! and name resolution through `use` declarations, `crate::`, `self::`, `super::` and the
//! crate's own library name. Test code (`#[cfg(test)]`, `#[test]`) is left out.

use std::collections::{HashMap, HashSet};

use syn::{Attribute, Item, ItemFn, ItemImpl, UseTree};

use crate::source::rust::RustFile;

/// Modules nested deeper than this (inline or in files) are not read.
const MAX_MODULE_DEPTH: usize = 64;

/// A parsed file of the crate.
pub struct CrateFile {
    /// Display path.
    pub path: String,
    pub parsed: RustFile,
}

/// A module: its path (`["crate", "routes"]`), its file, and its items.
pub struct Module<'a> {
    pub path: Vec<String>,
    pub file: usize,
    pub items: &'a [Item],
    /// `use` names: the local name to the full path it stands for.
    pub uses: HashMap<String, Vec<String>>,
    /// `use x::*` prefixes.
    pub globs: Vec<Vec<String>>,
}

/// A function or method of the crate.
#[derive(Clone, Copy)]
pub struct FnDef<'a> {
    pub module: usize,
    pub file: usize,
    pub attrs: &'a [Attribute],
    pub sig: &'a syn::Signature,
    pub block: &'a syn::Block,
}

/// An `impl Trait for Type` block.
pub struct ImplDef<'a> {
    pub module: usize,
    pub file: usize,
    /// The trait's last path segment (`FromRequestParts`).
    pub trait_name: String,
    /// The type's last path segment (`AuthUser`).
    pub self_ty: String,
    pub item: &'a ItemImpl,
}

pub struct Crate<'a> {
    pub files: &'a [CrateFile],
    pub modules: Vec<Module<'a>>,
    /// Functions by full path (`crate::routes::api`, `crate::State::router`).
    pub fns: HashMap<Vec<String>, FnDef<'a>>,
    pub impls: Vec<ImplDef<'a>>,
    /// Methods of project types by name (`get_or_refresh` → its paths).
    pub methods: HashMap<String, Vec<Vec<String>>>,
    /// `const` and `static` items by full path.
    pub consts: HashSet<Vec<String>>,
    /// The library's name in paths (`my_api`), for a binary that uses its own library.
    pub lib_name: Option<String>,
    /// Some module imports clerk-rs's `ClerkAuthorizer`: an `.authorize(..)` call on a value
    /// whose type is not written in the body (a field of the app state) is its check.
    pub uses_clerk_authorizer: bool,
}

impl<'a> Crate<'a> {
    /// Builds the module tree. `roots` are indices into `files` of crate roots (`main.rs`,
    /// `lib.rs`, `bin/*.rs`); `lib` is the index of `lib.rs`, if any. `file_at` finds a file
    /// by display path (for `mod x;`).
    pub fn build(
        files: &'a [CrateFile],
        roots: &[usize],
        lib_name: Option<String>,
        file_at: &dyn Fn(&str) -> Option<usize>,
    ) -> Crate<'a> {
        let mut krate = Crate {
            files,
            modules: Vec::new(),
            fns: HashMap::new(),
            impls: Vec::new(),
            consts: HashSet::new(),
            methods: HashMap::new(),
            lib_name,
            uses_clerk_authorizer: false,
        };
        let mut seen = HashSet::new();
        for f in files {
            if let Some(ast) = &f.parsed.ast {
                krate.uses_clerk_authorizer |= ast
                    .items
                    .iter()
                    .any(|i| matches!(i, Item::Use(u) if imports(&u.tree, "ClerkAuthorizer")));
            }
        }
        for &root in roots {
            let Some(ast) = &files[root].parsed.ast else {
                continue;
            };
            let dir = files[root]
                .path
                .rsplit_once('/')
                .map_or(String::new(), |(d, _)| d.to_owned());
            krate.add_module(
                vec!["crate".to_owned()],
                root,
                &ast.items,
                &dir,
                file_at,
                &mut seen,
            );
        }
        krate
    }

    fn add_module(
        &mut self,
        path: Vec<String>,
        file: usize,
        items: &'a [Item],
        // The directory that `mod x;` declarations in this module look in.
        dir: &str,
        file_at: &dyn Fn(&str) -> Option<usize>,
        seen: &mut HashSet<usize>,
    ) {
        // Each module keeps its full path: thousands of nested `mod m { mod m { … } }` would
        // cost depth² (hostile input); no real crate nests modules this deep.
        if path.len() > MAX_MODULE_DEPTH {
            return;
        }
        let index = self.modules.len();
        let mut module = Module {
            path: path.clone(),
            file,
            items,
            uses: HashMap::new(),
            globs: Vec::new(),
        };
        for item in items {
            if let Item::Use(u) = item {
                let mut prefix = Vec::new();
                collect_use(&u.tree, &mut prefix, &mut module.uses, &mut module.globs);
            }
        }
        self.modules.push(module);
        for item in items {
            match item {
                Item::Fn(f) if !is_test(&f.attrs) => {
                    let mut p = path.clone();
                    p.push(f.sig.ident.to_string());
                    self.fns.insert(p, fn_def(index, file, f));
                }
                Item::Const(c) => {
                    let mut p = path.clone();
                    p.push(c.ident.to_string());
                    self.consts.insert(p);
                }
                Item::Static(s) => {
                    let mut p = path.clone();
                    p.push(s.ident.to_string());
                    self.consts.insert(p);
                }
                Item::Impl(imp) if !is_test(&imp.attrs) => {
                    let self_ty = type_name(&imp.self_ty).unwrap_or_default();
                    for it in &imp.items {
                        if let syn::ImplItem::Fn(m) = it {
                            let mut p = path.clone();
                            p.push(self_ty.clone());
                            p.push(m.sig.ident.to_string());
                            if m.sig.receiver().is_some() {
                                self.methods
                                    .entry(m.sig.ident.to_string())
                                    .or_default()
                                    .push(p.clone());
                            }
                            self.fns.insert(
                                p,
                                FnDef {
                                    module: index,
                                    file,
                                    attrs: &m.attrs,
                                    sig: &m.sig,
                                    block: &m.block,
                                },
                            );
                        }
                    }
                    if let Some((trait_path, _)) = &imp.trait_ {
                        self.impls.push(ImplDef {
                            module: index,
                            file,
                            trait_name: trait_path
                                .segments
                                .last()
                                .map(|s| s.ident.to_string())
                                .unwrap_or_default(),
                            self_ty,
                            item: imp,
                        });
                    }
                }
                Item::Mod(m) if !is_test(&m.attrs) => {
                    let name = m.ident.to_string();
                    let mut p = path.clone();
                    p.push(name.clone());
                    let sub_dir = format!("{dir}/{name}");
                    if let Some((_, inline)) = &m.content {
                        self.add_module(p, file, inline, &sub_dir, file_at, seen);
                        continue;
                    }
                    let explicit = path_attr(&m.attrs).map(|rel| format!("{dir}/{rel}"));
                    let candidates = match explicit {
                        Some(e) => vec![e],
                        None => vec![format!("{dir}/{name}.rs"), format!("{dir}/{name}/mod.rs")],
                    };
                    for c in candidates {
                        if let Some(i) = file_at(&c) {
                            if !seen.insert(i) {
                                break;
                            }
                            if let Some(ast) = &self.files[i].parsed.ast {
                                let child_dir = if c.ends_with("/mod.rs") {
                                    c.trim_end_matches("/mod.rs").to_owned()
                                } else {
                                    sub_dir.clone()
                                };
                                self.add_module(p, i, &ast.items, &child_dir, file_at, seen);
                            }
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The full path `segments` stand for in module `m`, when it names something of this
    /// crate or an import; `None` when it cannot be resolved.
    pub fn resolve(&self, m: usize, segments: &[String]) -> Option<Vec<String>> {
        self.resolve_depth(m, segments, 0)
    }

    fn resolve_depth(&self, m: usize, segments: &[String], depth: usize) -> Option<Vec<String>> {
        let (first, rest) = segments.split_first()?;
        if depth > 8 {
            return None;
        }
        let module = &self.modules[m];
        let mut base: Vec<String> = match first.as_str() {
            "crate" => vec!["crate".to_owned()],
            "self" => module.path.clone(),
            "super" => {
                let mut p = module.path.clone();
                p.pop();
                let mut rest = rest;
                while rest.first().is_some_and(|s| s == "super") {
                    p.pop();
                    rest = &rest[1..];
                }
                let mut full = p;
                full.extend(rest.iter().cloned());
                return Some(full);
            }
            name if Some(name) == self.lib_name.as_deref() => vec!["crate".to_owned()],
            name => {
                if let Some(target) = module.uses.get(name) {
                    let mut full = target.clone();
                    full.extend(rest.iter().cloned());
                    let head = full.first().cloned().unwrap_or_default();
                    let mut local_head = module.path.clone();
                    local_head.push(head.clone());
                    if Some(head.as_str()) == self.lib_name.as_deref()
                        || head == "crate"
                        || head == "super"
                        || head == "self"
                        // 2018 paths: `use handlers::orders` names a child module.
                        || (head != *name && self.module_index(&local_head).is_some())
                    {
                        // A `use` inside the module is relative to the module.
                        return self.resolve_depth(m, &full, depth + 1);
                    }
                    return Some(full);
                }
                let mut local = module.path.clone();
                local.push(name.to_owned());
                if self.fns.contains_key(&local)
                    || self.consts.contains(&local)
                    || self.module_index(&local).is_some()
                {
                    local.extend(rest.iter().cloned());
                    return Some(local);
                }
                // A type's associated function (`State::router`).
                if !rest.is_empty() {
                    let mut candidate = module.path.clone();
                    candidate.extend(segments.iter().cloned());
                    if self.fns.contains_key(&candidate) {
                        return Some(candidate);
                    }
                }
                for glob in &module.globs {
                    let mut candidate = glob.clone();
                    candidate.extend(segments.iter().cloned());
                    if let Some(resolved) = self.resolve_depth(m, &candidate, depth + 1)
                        && (self.fns.contains_key(&resolved)
                            || self.module_index(&resolved).is_some())
                    {
                        return Some(resolved);
                    }
                }
                return None;
            }
        };
        base.extend(rest.iter().cloned());
        // Re-exports: `crate::routes::api` where `routes` has `pub use self::api::api`.
        if !self.fns.contains_key(&base)
            && base.len() >= 2
            && let Some(parent) = self.module_index(&base[..base.len() - 1])
            && let Some(last) = base.last()
            && self.modules[parent].uses.contains_key(last)
            && parent != m
        {
            return self.resolve_depth(parent, std::slice::from_ref(last), depth + 1);
        }
        Some(base)
    }

    pub fn module_index(&self, path: &[String]) -> Option<usize> {
        self.modules.iter().position(|m| m.path == path)
    }

    /// The function a path names in module `m`.
    pub fn resolve_fn(&self, m: usize, segments: &[String]) -> Option<(Vec<String>, FnDef<'a>)> {
        let full = self.resolve(m, segments)?;
        self.fns.get(&full).map(|f| (full.clone(), *f))
    }
}

fn fn_def(module: usize, file: usize, f: &ItemFn) -> FnDef<'_> {
    FnDef {
        module,
        file,
        attrs: &f.attrs,
        sig: &f.sig,
        block: &f.block,
    }
}

/// Whether a `use` tree imports `name`.
fn imports(tree: &UseTree, name: &str) -> bool {
    match tree {
        UseTree::Path(p) => imports(&p.tree, name),
        UseTree::Name(n) => n.ident == name,
        UseTree::Rename(r) => r.ident == name,
        UseTree::Glob(_) => false,
        UseTree::Group(g) => g.items.iter().any(|t| imports(t, name)),
    }
}

fn collect_use(
    tree: &UseTree,
    prefix: &mut Vec<String>,
    uses: &mut HashMap<String, Vec<String>>,
    globs: &mut Vec<Vec<String>>,
) {
    match tree {
        UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            collect_use(&p.tree, prefix, uses, globs);
            prefix.pop();
        }
        UseTree::Name(n) => {
            let name = n.ident.to_string();
            if name == "self" {
                if let Some(last) = prefix.last() {
                    uses.insert(last.clone(), prefix.clone());
                }
            } else {
                let mut full = prefix.clone();
                full.push(name.clone());
                uses.insert(name, full);
            }
        }
        UseTree::Rename(r) => {
            let mut full = prefix.clone();
            full.push(r.ident.to_string());
            uses.insert(r.rename.to_string(), full);
        }
        UseTree::Glob(_) => globs.push(prefix.clone()),
        UseTree::Group(g) => {
            for t in &g.items {
                collect_use(t, prefix, uses, globs);
            }
        }
    }
}

/// `#[cfg(test)]`, `#[test]`, `#[tokio::test]`, `#[actix_web::test]`, `#[rstest]`...
pub fn is_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        let path = a.path();
        let last = path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        if last == "cfg" {
            let mut test = false;
            let _ = a.parse_nested_meta(|meta| {
                if meta.path.is_ident("test") {
                    test = true;
                }
                Ok(())
            });
            return test;
        }
        matches!(last.as_str(), "test" | "rstest" | "bench")
    })
}

fn path_attr(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| {
        if !a.path().is_ident("path") {
            return None;
        }
        let syn::Meta::NameValue(nv) = &a.meta else {
            return None;
        };
        match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        }
    })
}

/// The last path segment of a type (`axum::Extension<ClerkJwt>` → `Extension`), through
/// references and parentheses.
pub fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => type_name(&r.elem),
        syn::Type::Paren(p) => type_name(&p.elem),
        syn::Type::Group(g) => type_name(&g.elem),
        _ => None,
    }
}

/// The generic type arguments of a type's last segment (`Extension<ClerkJwt>` → `[ClerkJwt]`).
pub fn type_args(ty: &syn::Type) -> Vec<&syn::Type> {
    let ty = match ty {
        syn::Type::Reference(r) => &*r.elem,
        other => other,
    };
    let syn::Type::Path(p) = ty else {
        return Vec::new();
    };
    let Some(last) = p.path.segments.last() else {
        return Vec::new();
    };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return Vec::new();
    };
    args.args
        .iter()
        .filter_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// A path's segments as strings (`axum::routing::get` → `["axum", "routing", "get"]`).
pub fn segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}
