//! Rust crates: a `Cargo.toml` with a `[package]` that depends on `clerk-rs` is an app root,
//! like a `package.json`. The version of `clerk-rs` comes from the nearest `Cargo.lock` (the
//! crate's own or its workspace's), else from the requirement written in the manifest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::Value;

use super::{ClerkInfo, ClerkPackage, Version, VersionSource};

/// The crate name of Clerk's community Rust SDK.
pub const CLERK_RS: &str = "clerk-rs";

/// What a `Cargo.toml` says that the project model keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CargoManifest {
    /// `[package] name`; `None` for a virtual workspace manifest.
    pub package: Option<String>,
    /// Every dependency (normal, dev, build, target-specific) name to its requirement
    /// (`"0.4"`, `"workspace"`, `"path"`, `"git"` when there is none).
    pub deps: BTreeMap<String, String>,
    /// The `clerk-rs` dependency, when there is one.
    pub clerk: Option<ClerkRsDep>,
    /// `[workspace.dependencies]` entries (for members that say `workspace = true`).
    pub workspace_deps: BTreeMap<String, ClerkRsDep>,
}

/// A `clerk-rs` dependency as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClerkRsDep {
    /// The name the crate's code uses for it (`clerk_rs`, or the key of a renamed dependency).
    pub extern_name: String,
    /// The version requirement (`"0.4.1"`), `""` when there is none (git, path).
    pub spec: String,
    pub features: Vec<String>,
    pub default_features: bool,
    /// `clerk-rs = { workspace = true }`: the requirement is the workspace's.
    pub from_workspace: bool,
}

impl CargoManifest {
    /// `None` when the text is not TOML.
    pub fn parse(text: &str) -> Option<CargoManifest> {
        let root: toml::Table = text.parse().ok()?;
        let mut out = CargoManifest {
            package: root
                .get("package")
                .and_then(|p| p.get("name"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            ..CargoManifest::default()
        };
        let mut tables: Vec<&toml::Table> = Vec::new();
        for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
            if let Some(Value::Table(t)) = root.get(key) {
                tables.push(t);
            }
        }
        if let Some(Value::Table(targets)) = root.get("target") {
            for target in targets.values() {
                for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
                    if let Some(Value::Table(t)) = target.get(key) {
                        tables.push(t);
                    }
                }
            }
        }
        for table in tables {
            for (key, spec) in table {
                let dep = read_dep(key, spec);
                out.deps
                    .entry(dep.0.clone())
                    .or_insert_with(|| dep.1.spec_or_source(spec));
                if dep.0 == CLERK_RS && out.clerk.is_none() {
                    out.clerk = Some(dep.1);
                }
            }
        }
        if let Some(Value::Table(deps)) = root.get("workspace").and_then(|w| w.get("dependencies"))
        {
            for (key, spec) in deps {
                let (name, dep) = read_dep(key, spec);
                out.workspace_deps.insert(name, dep);
            }
        }
        Some(out)
    }
}

impl ClerkRsDep {
    fn spec_or_source(&self, spec: &Value) -> String {
        if !self.spec.is_empty() {
            return self.spec.clone();
        }
        if self.from_workspace {
            return "workspace".to_owned();
        }
        match spec.get("git").or_else(|| spec.get("path")) {
            Some(_) if spec.get("git").is_some() => "git".to_owned(),
            Some(_) => "path".to_owned(),
            None => String::new(),
        }
    }
}

/// `(package name, dependency)` of one `[dependencies]` entry.
fn read_dep(key: &str, spec: &Value) -> (String, ClerkRsDep) {
    let mut dep = ClerkRsDep {
        extern_name: key.replace('-', "_"),
        default_features: true,
        ..ClerkRsDep::default()
    };
    let mut name = key.to_owned();
    match spec {
        Value::String(s) => dep.spec = s.clone(),
        Value::Table(t) => {
            if let Some(package) = t.get("package").and_then(Value::as_str) {
                name = package.to_owned();
            }
            if let Some(v) = t.get("version").and_then(Value::as_str) {
                dep.spec = v.to_owned();
            }
            dep.from_workspace = t.get("workspace").and_then(Value::as_bool) == Some(true);
            dep.default_features = t
                .get("default-features")
                .or_else(|| t.get("default_features"))
                .and_then(Value::as_bool)
                .unwrap_or(true);
            if let Some(Value::Array(features)) = t.get("features") {
                dep.features = features
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect();
            }
        }
        _ => {}
    }
    (name, dep)
}

/// A crate that depends on `clerk-rs`, ready to become an app.
#[derive(Clone, Debug)]
pub struct ClerkCrate {
    pub root: PathBuf,
    pub rel_root: String,
    pub name: Option<String>,
    pub clerk: ClerkInfo,
    pub dep: ClerkRsDep,
    pub deps: BTreeMap<String, String>,
}

/// Web frameworks whose endpoints clerk-lint finds in Rust.
pub const WEB_FRAMEWORKS: &[&str] = &["axum", "actix-web", "rocket", "poem"];

/// The crates among `manifests` (`(path to read, display path, text)` of every `Cargo.toml`)
/// that depend on `clerk-rs`, or on a web framework when `uses_clerk(rel_root)` says their
/// code talks to Clerk without the SDK (a hand-written JWKS check). A member that inherits
/// `clerk-rs` from its workspace gets the workspace's requirement and features (plus its own).
pub fn clerk_crates(
    manifests: &[(PathBuf, String, &str)],
    uses_clerk: &dyn Fn(&str) -> bool,
) -> Vec<ClerkCrate> {
    let parsed: Vec<(&PathBuf, String, CargoManifest)> = manifests
        .iter()
        .filter_map(|(path, rel, text)| {
            let m = CargoManifest::parse(text)?;
            Some((path, super::normalize_rel(rel), m))
        })
        .collect();
    let mut out = Vec::new();
    for (path, rel, manifest) in &parsed {
        if manifest.package.is_none() {
            continue;
        }
        let rel_root = rel.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        let Some(mut dep) = manifest.clerk.clone() else {
            let web = WEB_FRAMEWORKS
                .iter()
                .any(|f| manifest.deps.contains_key(*f));
            if web && uses_clerk(&rel_root) {
                out.push(ClerkCrate {
                    root: crate_root(path),
                    rel_root,
                    name: manifest.package.clone(),
                    clerk: ClerkInfo::default(),
                    dep: ClerkRsDep::default(),
                    deps: manifest.deps.clone(),
                });
            }
            continue;
        };
        if dep.from_workspace {
            // The nearest manifest above with a `[workspace.dependencies]` entry.
            let inherited = parsed
                .iter()
                .filter(|(_, other, m)| {
                    let dir = other.rsplit_once('/').map_or("", |(d, _)| d);
                    m.workspace_deps.contains_key(CLERK_RS) && super::is_within(&rel_root, dir)
                })
                .max_by_key(|(_, other, _)| other.len())
                .and_then(|(_, _, m)| m.workspace_deps.get(CLERK_RS));
            if let Some(ws) = inherited {
                dep.spec = ws.spec.clone();
                dep.default_features = ws.default_features;
                let own = std::mem::take(&mut dep.features);
                dep.features = ws.features.clone();
                dep.features.extend(own);
            }
        }
        let root = crate_root(path);
        let locked = find_lock_version(&root);
        let (version, source) = match locked {
            Some((v, shown)) => (Some(v), VersionSource::Lockfile(shown)),
            None => match Version::lower_bound(dep.spec.trim_start_matches('=')) {
                Some(v) => (Some(v), VersionSource::PackageJson),
                None => (None, VersionSource::Unknown),
            },
        };
        out.push(ClerkCrate {
            root,
            rel_root,
            name: manifest.package.clone(),
            clerk: ClerkInfo {
                packages: vec![ClerkPackage {
                    name: CLERK_RS.to_owned(),
                    spec: dep.spec.clone(),
                    version,
                    source,
                }],
            },
            dep,
            deps: manifest.deps.clone(),
        });
    }
    out
}

fn crate_root(manifest: &Path) -> PathBuf {
    match manifest.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The `clerk-rs` version in the nearest `Cargo.lock` at or above `root` (up to the
/// repository root: a directory with `.git`), with the lockfile's path as found.
fn find_lock_version(root: &Path) -> Option<(Version, String)> {
    let mut dir = std::fs::canonicalize(root).ok();
    let mut levels = 0usize;
    while let Some(d) = dir {
        let lock = d.join("Cargo.lock");
        if let Ok(text) = std::fs::read_to_string(&lock) {
            let shown = if levels == 0 {
                "Cargo.lock".to_owned()
            } else {
                format!("{}Cargo.lock", "../".repeat(levels))
            };
            return lock_version(&text).map(|v| (v, shown));
        }
        if d.join(".git").exists() {
            return None;
        }
        dir = d.parent().map(Path::to_path_buf);
        levels += 1;
    }
    None
}

/// The version of `clerk-rs` recorded in a `Cargo.lock` (the highest, if several).
pub fn lock_version(text: &str) -> Option<Version> {
    let root: toml::Table = text.parse().ok()?;
    let Some(Value::Array(packages)) = root.get("package") else {
        return None;
    };
    packages
        .iter()
        .filter(|p| p.get("name").and_then(Value::as_str) == Some(CLERK_RS))
        .filter_map(|p| p.get("version").and_then(Value::as_str))
        .filter_map(Version::parse)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::type_complexity)]
    fn manifest_cases() {
        // (manifest, expected (extern name, spec, features, from workspace))
        let cases: &[(&str, Option<(&str, &str, &[&str], bool)>)] = &[
            (
                "[package]\nname = \"api\"\n[dependencies]\nclerk-rs = \"0.4.1\"\n",
                Some(("clerk_rs", "0.4.1", &[], false)),
            ),
            (
                "[package]\nname = \"api\"\n[dependencies]\nclerk-rs = { version = \"0.4\", features = [\"axum\"], default-features = false }\n",
                Some(("clerk_rs", "0.4", &["axum"], false)),
            ),
            (
                "[package]\nname = \"api\"\n[dependencies]\nclerk = { package = \"clerk-rs\", version = \"0.3\" }\n",
                Some(("clerk", "0.3", &[], false)),
            ),
            (
                "[package]\nname = \"api\"\n[dependencies]\nclerk-rs = { workspace = true, features = [\"actix\"] }\n",
                Some(("clerk_rs", "", &["actix"], true)),
            ),
            (
                "[package]\nname = \"api\"\n[target.'cfg(unix)'.dependencies]\nclerk-rs = \"0.4\"\n",
                Some(("clerk_rs", "0.4", &[], false)),
            ),
            (
                "[package]\nname = \"api\"\n[dependencies]\naxum = \"0.8\"\n",
                None,
            ),
            ("not toml [", None),
        ];
        for (text, expected) in cases {
            let got = CargoManifest::parse(text).and_then(|m| m.clerk);
            let got = got.as_ref().map(|d| {
                (
                    d.extern_name.as_str(),
                    d.spec.as_str(),
                    d.features.iter().map(String::as_str).collect::<Vec<_>>(),
                    d.from_workspace,
                )
            });
            let expected = expected.map(|(n, s, f, w)| (n, s, f.to_vec(), w));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn workspace_members_inherit_the_requirement() {
        let ws = "[workspace]\nmembers = [\"api\"]\n[workspace.dependencies]\nclerk-rs = { version = \"0.4.2\", features = [\"axum\"] }\n";
        let member = "[package]\nname = \"api\"\n[dependencies]\nclerk-rs = { workspace = true, features = [\"rustls-tls\"] }\n";
        let crates = clerk_crates(
            &[
                (
                    PathBuf::from("/nonexistent/Cargo.toml"),
                    "Cargo.toml".into(),
                    ws,
                ),
                (
                    PathBuf::from("/nonexistent/api/Cargo.toml"),
                    "api/Cargo.toml".into(),
                    member,
                ),
            ],
            &|_| false,
        );
        assert_eq!(crates.len(), 1);
        assert_eq!(crates[0].rel_root, "api");
        assert_eq!(crates[0].dep.spec, "0.4.2");
        assert_eq!(crates[0].dep.features, vec!["axum", "rustls-tls"]);
        assert_eq!(
            crates[0].clerk.packages[0].version,
            Some(Version::new(0, 4, 2))
        );
    }

    #[test]
    fn web_crates_that_talk_to_clerk_without_the_sdk() {
        let axum =
            "[package]\nname = \"api\"\n[dependencies]\naxum = \"0.8\"\njsonwebtoken = \"9\"\n";
        let cli = "[package]\nname = \"tool\"\n[dependencies]\nclap = \"4\"\n";
        let manifests = [
            (
                PathBuf::from("/n/api/Cargo.toml"),
                "api/Cargo.toml".to_owned(),
                axum,
            ),
            (
                PathBuf::from("/n/tool/Cargo.toml"),
                "tool/Cargo.toml".to_owned(),
                cli,
            ),
        ];
        let found = |f: &dyn Fn(&str) -> bool| -> Vec<String> {
            clerk_crates(&manifests, f)
                .into_iter()
                .map(|c| c.rel_root)
                .collect()
        };
        assert_eq!(found(&|_| true), ["api"]);
        assert!(found(&|_| false).is_empty());
        assert!(clerk_crates(&manifests, &|_| true)[0].clerk.is_empty());
    }

    #[test]
    fn lockfile_versions() {
        let lock = "version = 4\n[[package]]\nname = \"axum\"\nversion = \"0.8.1\"\n[[package]]\nname = \"clerk-rs\"\nversion = \"0.4.2\"\n";
        assert_eq!(lock_version(lock), Some(Version::new(0, 4, 2)));
        assert_eq!(lock_version("version = 4\n"), None);
        assert_eq!(lock_version("[[[ nope"), None);
    }
}
