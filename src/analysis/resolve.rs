//! Resolving import specifiers to the project's own files with `oxc_resolver`: relative
//! paths, tsconfig/jsconfig `paths` and `baseUrl` (`@/lib/auth`), `.js` specifiers that name
//! `.ts` sources, directory `index` files, and workspace packages. Packages installed under
//! `node_modules` are not followed: their names tell what they are (`@clerk/nextjs/server`).

use std::path::{Path, PathBuf};

use oxc_resolver::{ResolveOptions, Resolver, TsconfigDiscovery};

pub struct ModuleResolver {
    resolver: Resolver,
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
        Self {
            resolver: Resolver::new(options),
        }
    }

    /// The project file that `specifier`, imported from `from` (an absolute path), names;
    /// `None` for packages under `node_modules`, Node built-ins and anything unresolvable.
    pub fn resolve(&self, from: &Path, specifier: &str) -> Option<PathBuf> {
        if specifier.starts_with("node:") || specifier.is_empty() {
            return None;
        }
        let resolved = self.resolver.resolve_file(from, specifier).ok()?;
        let path = resolved.into_path_buf();
        if path.components().any(|c| c.as_os_str() == "node_modules") {
            return None;
        }
        Some(path)
    }
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
    fn package_names() {
        assert_eq!(package_name("@clerk/nextjs/server"), "@clerk/nextjs");
        assert_eq!(package_name("svix"), "svix");
        assert_eq!(package_name("next/server"), "next");
        assert!(is_package("@clerk/nextjs"));
        assert!(!is_package("@/lib/auth"));
        assert!(!is_package("./x"));
    }
}
