//! Resolving import specifiers to the project's own files with `oxc_resolver`: relative
//! paths, tsconfig/jsconfig `paths` and `baseUrl` (`@/lib/auth`), `.js` specifiers that name
//! `.ts` sources, directory `index` files, and workspace packages. Packages installed under
//! `node_modules` are not followed: their names tell what they are (`@clerk/nextjs/server`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use oxc_resolver::{ResolveOptions, Resolver, TsconfigDiscovery};

pub struct ModuleResolver {
    resolver: Resolver,
    /// The same without tsconfig: used when a tsconfig cannot be loaded (an `extends` of a
    /// shared config that is not installed), so relative imports still resolve.
    plain: Resolver,
    /// `compilerOptions.paths` read by hand from the nearest tsconfig/jsconfig, per directory.
    paths: Mutex<HashMap<PathBuf, Option<Arc<TsPaths>>>>,
    /// Workspace packages of the project by name (`@acme/rpc` → its directory), so imports of
    /// them resolve without an installed `node_modules`.
    workspace: HashMap<String, PathBuf>,
    /// A project that exists only in memory (path → text): resolution never touches the disk.
    memory: Option<HashMap<PathBuf, Arc<str>>>,
}

/// `baseUrl` and `paths` of one tsconfig, read without following `extends`.
#[derive(Debug)]
struct TsPaths {
    base: PathBuf,
    paths: Vec<(String, Vec<String>)>,
}

const EXTENSIONS: &[&str] = &[".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

impl Default for ModuleResolver {
    fn default() -> Self {
        Self::new()
    }
}

impl ModuleResolver {
    pub fn new() -> Self {
        let options = ResolveOptions {
            tsconfig: Some(TsconfigDiscovery::Auto),
            extensions: EXTENSIONS.iter().map(|e| e.to_string()).collect(),
            extension_alias: vec![
                (
                    ".js".into(),
                    vec![".ts".into(), ".tsx".into(), ".js".into(), ".jsx".into()],
                ),
                (".mjs".into(), vec![".mts".into(), ".mjs".into()]),
                (".cjs".into(), vec![".cts".into(), ".cjs".into()]),
            ],
            condition_names: vec![
                "types".into(),
                "import".into(),
                "require".into(),
                "node".into(),
                "default".into(),
            ],
            main_fields: vec!["module".into(), "main".into()],
            ..ResolveOptions::default()
        };
        let plain = ResolveOptions {
            tsconfig: None,
            ..options.clone()
        };
        Self {
            resolver: Resolver::new(options),
            plain: Resolver::new(plain),
            paths: Mutex::new(HashMap::new()),
            workspace: HashMap::new(),
            memory: None,
        }
    }

    /// A resolver over a project held in memory (absolute path → text), for evidence tests
    /// that need no disk: relative specifiers, the nearest `tsconfig.json`/`jsconfig.json`
    /// `paths` and `baseUrl` (read from the map), extensions, `.js` naming `.ts`, and
    /// directory `index` files. Packages never resolve.
    pub fn in_memory(files: HashMap<PathBuf, Arc<str>>) -> Self {
        Self {
            memory: Some(files),
            ..Self::new()
        }
    }

    pub fn set_workspace(&mut self, packages: HashMap<String, PathBuf>) {
        self.workspace = packages;
    }

    /// `@acme/rpc/guard` → the file its `package.json` exports for `./guard` (or `main`,
    /// `module`, `types`, `src/index`).
    fn resolve_workspace(&self, specifier: &str) -> Option<PathBuf> {
        let name = package_name(specifier);
        let dir = self.workspace.get(name)?;
        let sub = specifier[name.len()..].trim_start_matches('/');
        let key = if sub.is_empty() {
            ".".to_string()
        } else {
            format!("./{sub}")
        };
        let manifest: serde_json::Value =
            crate::fsio::read_text(&dir.join("package.json"), 16 * 1024 * 1024)
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok())?;
        let mut targets: Vec<String> = Vec::new();
        match manifest.get("exports") {
            Some(serde_json::Value::String(t)) if key == "." => targets.push(t.clone()),
            Some(serde_json::Value::Object(map)) => {
                let entry = map.get(&key).or_else(|| {
                    // `"./*": "./src/*.ts"` patterns.
                    map.iter().find_map(|(k, v)| {
                        let (pre, post) = k.split_once('*')?;
                        let mid = key.strip_prefix(pre)?.strip_suffix(post)?;
                        let _ = mid;
                        Some(v)
                    })
                });
                if let Some(v) = entry {
                    collect_export_targets(v, &mut targets);
                    if let Some((k, _)) = map.iter().find(|(k, _)| k.contains('*'))
                        && let Some((pre, post)) = k.split_once('*')
                        && let Some(mid) = key.strip_prefix(pre).and_then(|r| r.strip_suffix(post))
                    {
                        for t in targets.iter_mut() {
                            *t = t.replacen('*', mid, 1);
                        }
                    }
                }
            }
            _ => {}
        }
        if key == "." {
            for f in ["types", "module", "main"] {
                if let Some(t) = manifest.get(f).and_then(|v| v.as_str()) {
                    targets.push(t.to_string());
                }
            }
            targets.push("./src/index".to_string());
            targets.push("./index".to_string());
        } else {
            targets.push(format!("./src/{sub}"));
            targets.push(format!("./{sub}"));
        }
        for t in targets {
            let t = if t.starts_with('.') {
                t
            } else {
                format!("./{t}")
            };
            if let Ok(r) = self.plain.resolve(dir, &t) {
                let p = r.into_path_buf();
                if !p.components().any(|c| c.as_os_str() == "node_modules") {
                    return Some(p);
                }
            }
        }
        None
    }

    /// The project file that `specifier`, imported from `from` (an absolute path), names;
    /// `None` for packages under `node_modules`, Node built-ins and anything unresolvable.
    pub fn resolve(&self, from: &Path, specifier: &str) -> Option<PathBuf> {
        if specifier.starts_with("node:") || specifier.is_empty() {
            return None;
        }
        if let Some(files) = &self.memory {
            return resolve_in_memory(files, from, specifier);
        }
        let path = match self.resolver.resolve_file(from, specifier) {
            Ok(r) => r.into_path_buf(),
            Err(_) => match self.fallback(from, specifier) {
                Some(p) => p,
                None => return self.resolve_workspace(specifier),
            },
        };
        if path.components().any(|c| c.as_os_str() == "node_modules") {
            // Installed workspace packages are symlinks into node_modules on some managers.
            return self.resolve_workspace(specifier);
        }
        if path.components().any(|c| c.as_os_str() == "node_modules") {
            return None;
        }
        Some(path)
    }

    /// Resolution when the tsconfig-aware resolver fails: relative specifiers directly,
    /// aliases through the nearest tsconfig's own `paths` and `baseUrl`.
    fn fallback(&self, from: &Path, specifier: &str) -> Option<PathBuf> {
        let dir = from.parent()?;
        // SvelteKit's `$lib` alias lives in the generated `.svelte-kit/tsconfig.json`, which is
        // not committed: it names `src/lib` of the nearest app.
        if let Some(rest) = specifier
            .strip_prefix("$lib")
            .filter(|r| r.is_empty() || r.starts_with('/'))
        {
            let mut cur = Some(dir);
            while let Some(d) = cur {
                if d.join("package.json").is_file() {
                    let target = format!("./src/lib{rest}");
                    return self
                        .plain
                        .resolve(d, &target)
                        .ok()
                        .map(|r| r.into_path_buf());
                }
                cur = d.parent();
            }
            return None;
        }
        if specifier.starts_with('.') || specifier.starts_with('/') {
            return self
                .plain
                .resolve(dir, specifier)
                .ok()
                .map(|r| r.into_path_buf());
        }
        let ts = self.ts_paths(dir)?;
        for (pattern, targets) in &ts.paths {
            let rest = match pattern.strip_suffix('*') {
                Some(prefix) => match specifier.strip_prefix(prefix) {
                    Some(rest) => rest,
                    None => continue,
                },
                None if pattern == specifier => "",
                None => continue,
            };
            for t in targets {
                let candidate = ts.base.join(t.replacen('*', rest, 1));
                if let Ok(r) = self.plain.resolve(&ts.base, &candidate.to_string_lossy()) {
                    return Some(r.into_path_buf());
                }
            }
        }
        self.plain
            .resolve(&ts.base, &format!("./{specifier}"))
            .ok()
            .map(|r| r.into_path_buf())
    }

    fn ts_paths(&self, dir: &Path) -> Option<Arc<TsPaths>> {
        if let Some(hit) = self.paths.lock().ok()?.get(dir) {
            return hit.clone();
        }
        let mut found = None;
        let mut cur = Some(dir);
        while let Some(d) = cur {
            for name in ["tsconfig.json", "jsconfig.json"] {
                if let Ok(text) = crate::fsio::read_text(&d.join(name), 16 * 1024 * 1024) {
                    found = parse_ts_paths(d, &text);
                    break;
                }
            }
            if found.is_some() || d.join("package.json").is_file() || d.join(".git").exists() {
                break;
            }
            cur = d.parent();
        }
        let found = found.map(Arc::new);
        if let Ok(mut m) = self.paths.lock() {
            m.insert(dir.to_path_buf(), found.clone());
        }
        found
    }
}

/// [`ModuleResolver::resolve`] over an in-memory project.
fn resolve_in_memory(
    files: &HashMap<PathBuf, Arc<str>>,
    from: &Path,
    specifier: &str,
) -> Option<PathBuf> {
    let dir = from.parent()?;
    if specifier.starts_with('.') || specifier.starts_with('/') {
        return probe_in_memory(files, &dir.join(specifier));
    }
    let mut cur = Some(dir);
    while let Some(d) = cur {
        for name in ["tsconfig.json", "jsconfig.json"] {
            if let Some(text) = files.get(&d.join(name)) {
                let ts = parse_ts_paths(d, text)?;
                for (pattern, targets) in &ts.paths {
                    let rest = match pattern.strip_suffix('*') {
                        Some(prefix) => match specifier.strip_prefix(prefix) {
                            Some(rest) => rest,
                            None => continue,
                        },
                        None if pattern == specifier => "",
                        None => continue,
                    };
                    for t in targets {
                        let candidate = ts.base.join(t.replacen('*', rest, 1));
                        if let Some(p) = probe_in_memory(files, &candidate) {
                            return Some(p);
                        }
                    }
                }
                return probe_in_memory(files, &ts.base.join(specifier));
            }
        }
        cur = d.parent();
    }
    None
}

/// The file of the map that `path` names: itself, with an extension (`.js` may name `.ts`),
/// or its directory's `index`.
fn probe_in_memory(files: &HashMap<PathBuf, Arc<str>>, path: &Path) -> Option<PathBuf> {
    let mut clean = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    let text = clean.to_string_lossy().into_owned();
    let mut candidates = vec![clean.clone()];
    for (js, ts) in [
        (".js", &[".ts", ".tsx"][..]),
        (".mjs", &[".mts"][..]),
        (".cjs", &[".cts"][..]),
    ] {
        if let Some(stem) = text.strip_suffix(js) {
            candidates.extend(ts.iter().map(|e| PathBuf::from(format!("{stem}{e}"))));
        }
    }
    for e in EXTENSIONS {
        candidates.push(PathBuf::from(format!("{text}{e}")));
    }
    for e in EXTENSIONS {
        candidates.push(clean.join(format!("index{e}")));
    }
    candidates.into_iter().find(|c| files.contains_key(c))
}

/// The file targets of an `exports` entry, preferring source-ish conditions.
fn collect_export_targets(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Object(m) => {
            for cond in ["types", "import", "default", "require", "node"] {
                if let Some(x) = m.get(cond) {
                    collect_export_targets(x, out);
                }
            }
        }
        serde_json::Value::Array(a) => {
            for x in a {
                collect_export_targets(x, out);
            }
        }
        _ => {}
    }
}

fn parse_ts_paths(dir: &Path, text: &str) -> Option<TsPaths> {
    let json: serde_json::Value =
        serde_json::from_str(&crate::project::lockfile::strip_jsonc(text)).ok()?;
    let opts = json.get("compilerOptions")?;
    let base = dir.join(opts.get("baseUrl").and_then(|b| b.as_str()).unwrap_or("."));
    let paths = opts
        .get("paths")
        .and_then(|p| p.as_object())
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let targets = v
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|t| t.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default();
                    (k.clone(), targets)
                })
                .collect()
        })
        .unwrap_or_default();
    Some(TsPaths { base, paths })
}

/// True when `specifier` names a package (not a relative path or an alias of the project):
/// `@clerk/nextjs/server`, `next/server`, `svix`. Aliases such as `@/lib/auth` or `~/x` are
/// not packages.
pub fn is_package(specifier: &str) -> bool {
    !(specifier.starts_with('.')
        || specifier.starts_with('/')
        || specifier.starts_with("@/")
        || specifier.starts_with("~/")
        || specifier.starts_with('#')
        || specifier.starts_with('$'))
}

/// The package name of a bare specifier: `@clerk/nextjs/server` → `@clerk/nextjs`.
pub fn package_name(specifier: &str) -> &str {
    let mut parts = specifier.splitn(3, '/');
    match (parts.next(), parts.next()) {
        (Some(scope), Some(name)) if scope.starts_with('@') => {
            &specifier[..scope.len() + 1 + name.len()]
        }
        (Some(name), _) => name,
        _ => specifier,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_tsconfig_paths_barrels_and_js_specifiers() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let w = |p: &str, s: &str| {
            let f = root.join(p);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, s).unwrap();
        };
        w(
            "tsconfig.json",
            "{ // comments are fine\n \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@/*\": [\"./src/*\"] } }, }",
        );
        w("src/lib/auth.ts", "export const x = 1;");
        w("src/lib/index.ts", "export * from './auth';");
        w("src/app/api/route.ts", "");
        w("src/util.ts", "");
        let from = root.join("src/app/api/route.ts");
        let r = ModuleResolver::new();
        assert_eq!(
            r.resolve(&from, "@/lib/auth"),
            Some(root.join("src/lib/auth.ts"))
        );
        assert_eq!(
            r.resolve(&from, "@/lib"),
            Some(root.join("src/lib/index.ts"))
        );
        assert_eq!(
            r.resolve(&from, "../../util.js"),
            Some(root.join("src/util.ts"))
        );
        assert_eq!(r.resolve(&from, "@clerk/nextjs/server"), None);
        assert_eq!(r.resolve(&from, "node:crypto"), None);
    }

    #[test]
    fn a_tsconfig_that_extends_a_missing_config_still_resolves() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let w = |p: &str, s: &str| {
            let f = root.join(p);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, s).unwrap();
        };
        w("package.json", "{}");
        w(
            "tsconfig.json",
            "{ \"extends\": \"@acme/tsconfig/nextjs.json\", \"compilerOptions\": { \"paths\": { \"~/*\": [\"./*\"] } } }",
        );
        w("lib/session.ts", "export const x = 1;");
        w("actions/a.ts", "");
        let from = root.join("actions/a.ts");
        let r = ModuleResolver::new();
        assert_eq!(
            r.resolve(&from, "../lib/session"),
            Some(root.join("lib/session.ts"))
        );
        assert_eq!(
            r.resolve(&from, "~/lib/session"),
            Some(root.join("lib/session.ts"))
        );
    }

    #[test]
    fn sveltekit_lib_alias() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("package.json"), "{}").unwrap();
        std::fs::create_dir_all(root.join("src/lib/server")).unwrap();
        std::fs::create_dir_all(root.join("src/routes/api")).unwrap();
        std::fs::write(root.join("src/lib/server/auth.ts"), "export const x = 1").unwrap();
        std::fs::write(root.join("src/lib/index.ts"), "export const y = 1").unwrap();
        let from = root.join("src/routes/api/+server.ts");
        std::fs::write(&from, "").unwrap();
        let r = ModuleResolver::new();
        let canon = |p: PathBuf| std::fs::canonicalize(p).unwrap();
        assert_eq!(
            r.resolve(&from, "$lib/server/auth").map(canon),
            Some(canon(root.join("src/lib/server/auth.ts")))
        );
        assert_eq!(
            r.resolve(&from, "$lib").map(canon),
            Some(canon(root.join("src/lib/index.ts")))
        );
        assert_eq!(r.resolve(&from, "$library/x"), None);
    }

    #[test]
    fn package_names() {
        assert_eq!(package_name("@clerk/nextjs/server"), "@clerk/nextjs");
        assert_eq!(package_name("svix"), "svix");
        assert_eq!(package_name("next/server"), "next");
        assert!(is_package("@clerk/nextjs"));
        assert!(!is_package("@/lib/auth"));
        assert!(!is_package("./x"));
    }
}
