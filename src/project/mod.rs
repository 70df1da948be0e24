//! The project model: every app root (each `package.json`), the Clerk SDKs it installs and
//! their versions (resolved from the lockfile when there is one), so that severities follow
//! the version the app actually runs.
//!
//! [`Project::load`] reads every `package.json` the walk found, picks out the Clerk SDKs and
//! resolves their versions from the nearest lockfile ([`lockfile`]), falling back to the
//! lower bound of the `package.json` range. Nothing here panics on malformed input: what
//! cannot be read or parsed degrades to "unknown".

pub mod cargo;
pub mod lockfile;
mod pnpm;
mod version;
mod yarn;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use crate::source::clerk_api::is_clerk_package;

/// A semver version; pre-release and build tags are dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Where a package's version came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionSource {
    /// Resolved by the lockfile at this path (relative to the scan root, or as found above it).
    Lockfile(String),
    /// The lower bound of the range written in `package.json` (no lockfile entry found).
    PackageJson,
    /// Neither: `latest`, `workspace:*`, a git URL, ...
    Unknown,
    /// `clerk-lint upgrade`: the version is the target's, the installed one is in here.
    Target(Box<crate::migration::target::Upgrade>),
}

/// One Clerk package an app depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClerkPackage {
    pub name: String,
    /// The specifier as written in package.json (`^6.9.0`, `latest`, `catalog:`).
    pub spec: String,
    pub version: Option<Version>,
    pub source: VersionSource,
}

/// The Clerk SDKs that govern one file: those of the app that owns it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClerkInfo {
    pub packages: Vec<ClerkPackage>,
}

impl ClerkInfo {
    pub fn package(&self, name: &str) -> Option<&ClerkPackage> {
        self.packages.iter().find(|p| p.name == name)
    }

    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }

    /// The newest Clerk "Core" among the installed SDKs whose version is known.
    pub fn core(&self) -> Option<u8> {
        self.packages
            .iter()
            .filter_map(|p| p.version.as_ref().and_then(|v| core_of(&p.name, v)))
            .max()
    }
}

/// Which Clerk "Core" release line a package version belongs to (clerk-facts §0), or `None`
/// for packages that are not Clerk SDKs with a known timeline.
pub fn core_of(package: &str, version: &Version) -> Option<u8> {
    let major = version.major;
    let core = match package {
        "@clerk/nextjs" => match major {
            0..=4 => 1,
            5..=6 => 2,
            _ => 3,
        },
        "gatsby-plugin-clerk" => {
            if major <= 4 {
                1
            } else {
                2
            }
        }
        // Renamed or replaced before Core 3: a major after the last one stands for the
        // successor on Core 3 (`clerk-lint upgrade` evaluates the old name there).
        "@clerk/clerk-react" | "@clerk/clerk-sdk-node" => match major {
            0..=4 => 1,
            5 => 2,
            _ => 3,
        },
        "@clerk/react" => {
            if major >= 6 {
                3
            } else {
                2
            }
        }
        "@clerk/expo" => {
            if major >= 3 {
                3
            } else {
                2
            }
        }
        "@clerk/clerk-expo" | "@clerk/backend" | "@clerk/fastify" => match major {
            0 => 1,
            1..=2 => 2,
            _ => 3,
        },
        "@clerk/remix" => match major {
            0..=3 => 1,
            4 => 2,
            _ => 3,
        },
        "@clerk/express" | "@clerk/nuxt" | "@clerk/vue" => {
            if major <= 1 {
                2
            } else {
                3
            }
        }
        "@clerk/astro" | "@clerk/react-router" => {
            if major <= 2 {
                2
            } else {
                3
            }
        }
        "@clerk/tanstack-react-start" => {
            if major == 0 {
                2
            } else {
                3
            }
        }
        "@clerk/tanstack-start" => {
            if major == 0 {
                2
            } else {
                3
            }
        }
        "@clerk/hono" => 3,
        "@clerk/clerk-js" => match major {
            0..=4 => 1,
            5 => 2,
            _ => 3,
        },
        "@clerk/shared" => match major {
            0..=1 => 1,
            2..=3 => 2,
            _ => 3,
        },
        _ => return None,
    };
    Some(core)
}

impl ClerkPackage {
    /// `@clerk/nextjs 6.1.0 (pnpm-lock.yaml)`, `@clerk/nextjs ^6.9.0 (package.json)`,
    /// `@clerk/nextjs latest (version unknown)`.
    pub fn describe(&self) -> String {
        match (&self.version, &self.source) {
            (Some(version), VersionSource::Lockfile(path)) => {
                format!("{} {version} ({path})", self.name)
            }
            (Some(_), VersionSource::PackageJson) => {
                format!("{} {} (package.json)", self.name, self.spec)
            }
            _ => format!("{} {} (version unknown)", self.name, self.spec),
        }
    }
}

impl ClerkInfo {
    /// Every package's [`ClerkPackage::describe`], comma-separated; `no Clerk SDK` when empty.
    pub fn describe(&self) -> String {
        if self.packages.is_empty() {
            return "no Clerk SDK".to_owned();
        }
        let described: Vec<String> = self.packages.iter().map(ClerkPackage::describe).collect();
        described.join(", ")
    }
}

/// What kind of manifest makes a directory an app root.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AppKind {
    /// A `package.json`.
    #[default]
    Node,
    /// A `Cargo.toml` with a `[package]` that depends on `clerk-rs`.
    Cargo,
}

/// One app root: a directory with a `package.json`, or a Rust crate that uses `clerk-rs`.
#[derive(Clone, Debug)]
pub struct App {
    pub kind: AppKind,
    /// The directory, as a path that can be read.
    pub root: PathBuf,
    /// The directory relative to the scan root, `/`-separated; `""` for the scan root itself.
    pub rel_root: String,
    pub name: Option<String>,
    pub clerk: ClerkInfo,
    /// Every dependency (dependencies, devDependencies, peerDependencies, optionalDependencies)
    /// name to its specifier, for framework detection.
    pub deps: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default)]
pub struct Project {
    /// Sorted by `rel_root`.
    pub apps: Vec<App>,
}

impl Project {
    /// Builds the model from the `package.json` files the walk found: `(path to read,
    /// path relative to the scan root, text)`. Lockfiles are looked up from each app root
    /// upwards on disk (a monorepo keeps one at its top, possibly above the scan root).
    pub fn load(package_jsons: &[(PathBuf, String, &str)]) -> Project {
        let mut cache = lockfile::Cache::default();
        let mut apps: Vec<App> = Vec::with_capacity(package_jsons.len());
        for (path, rel_path, text) in package_jsons {
            let Some(manifest) = Manifest::parse(text) else {
                continue;
            };
            let root = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let rel_path = normalize_rel(rel_path);
            let rel_root = rel_path
                .rsplit_once('/')
                .map_or("", |(dir, _)| dir)
                .to_owned();
            let clerk_deps: Vec<(&String, &String)> = manifest
                .deps
                .iter()
                .filter(|(name, _)| is_clerk_package(name))
                .collect();
            // Only apps with Clerk SDKs need a lockfile.
            let found = if clerk_deps.is_empty() {
                None
            } else {
                lockfile::find(&root, manifest.package_manager.as_deref())
            };
            let packages = clerk_deps
                .into_iter()
                .map(|(name, spec)| {
                    let app = AppContext {
                        name: manifest.name.as_deref(),
                        rel_root: &rel_root,
                        found: found.as_ref(),
                    };
                    resolve_package(name, spec, &app, &mut cache)
                })
                .collect();
            apps.push(App {
                kind: AppKind::Node,
                root,
                rel_root,
                name: manifest.name,
                clerk: ClerkInfo { packages },
                deps: manifest.deps,
            });
        }
        // A stable sort: of two `package.json` with the same directory, the first is kept.
        apps.sort_by(|a, b| a.rel_root.cmp(&b.rel_root));
        apps.dedup_by(|later, earlier| later.rel_root == earlier.rel_root);
        Project { apps }
    }

    /// Adds the Rust crates that use Clerk among `cargo_tomls` (every `Cargo.toml` the walk
    /// found, as for [`Project::load`]): those that depend on `clerk-rs`, and web crates for
    /// which `uses_clerk(rel_root)` holds. A crate beside a `package.json` in the same
    /// directory is a second app there.
    pub fn add_cargo(
        &mut self,
        cargo_tomls: &[(PathBuf, String, &str)],
        uses_clerk: &dyn Fn(&str) -> bool,
    ) {
        for krate in cargo::clerk_crates(cargo_tomls, uses_clerk) {
            if self
                .apps
                .iter()
                .any(|a| a.kind == AppKind::Cargo && a.rel_root == krate.rel_root)
            {
                continue;
            }
            self.apps.push(App {
                kind: AppKind::Cargo,
                root: krate.root,
                rel_root: krate.rel_root,
                name: krate.name,
                clerk: krate.clerk,
                deps: krate.deps,
            });
        }
        self.apps
            .sort_by(|a, b| a.rel_root.cmp(&b.rel_root).then(a.kind.cmp(&b.kind)));
    }

    /// The Rust crate that owns `rel_path` (the nearest ancestor crate root).
    pub fn crate_for(&self, rel_path: &str) -> Option<&App> {
        let path = normalize_rel(rel_path);
        self.apps
            .iter()
            .filter(|app| app.kind == AppKind::Cargo && is_within(&path, &app.rel_root))
            .max_by_key(|app| app.rel_root.len())
    }

    /// The app that owns `rel_path`: for a `.rs` file the nearest ancestor crate root, else
    /// the nearest ancestor `package.json` root.
    pub fn app_for(&self, rel_path: &str) -> Option<&App> {
        let path = normalize_rel(rel_path);
        if path.ends_with(".rs") {
            return self.crate_for(&path);
        }
        self.apps
            .iter()
            .filter(|app| app.kind == AppKind::Node && is_within(&path, &app.rel_root))
            .max_by_key(|app| app.rel_root.len())
    }

    /// The Clerk SDKs governing `rel_path`: those of the nearest ancestor app that has any;
    /// for a file above every app (a monorepo root `.env`), those of the apps below it when
    /// they agree; otherwise empty.
    pub fn clerk_for(&self, rel_path: &str) -> ClerkInfo {
        self.clerk_ref(rel_path).into_owned()
    }

    /// [`Project::clerk_for`] without a copy when one app governs the path: what the per-file
    /// and per-endpoint hot paths ask, once per file or endpoint.
    pub fn clerk_ref(&self, rel_path: &str) -> std::borrow::Cow<'_, ClerkInfo> {
        let path = normalize_rel(rel_path);
        let mut ancestors: Vec<&App> = self
            .apps
            .iter()
            .filter(|app| is_within(&path, &app.rel_root))
            .collect();
        ancestors.sort_by_key(|app| std::cmp::Reverse(app.rel_root.len()));
        if let Some(app) = ancestors.into_iter().find(|app| !app.clerk.is_empty()) {
            return std::borrow::Cow::Borrowed(&app.clerk);
        }
        // Above every app with Clerk: the apps below the file's directory, if they agree on
        // the version of every package they share.
        let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut union: BTreeMap<&str, &ClerkPackage> = BTreeMap::new();
        let below = self
            .apps
            .iter()
            .filter(|app| app.rel_root != dir && is_within(&app.rel_root, dir));
        for package in below.flat_map(|app| &app.clerk.packages) {
            match union.get(package.name.as_str()) {
                Some(seen) if seen.version != package.version => {
                    return std::borrow::Cow::Owned(ClerkInfo::default());
                }
                Some(_) => {}
                None => {
                    union.insert(&package.name, package);
                }
            }
        }
        std::borrow::Cow::Owned(ClerkInfo {
            packages: union.into_values().cloned().collect(),
        })
    }
}

/// The `package.json` fields the model keeps.
struct Manifest {
    name: Option<String>,
    package_manager: Option<String>,
    deps: BTreeMap<String, String>,
}

/// The dependency fields, the first one winning when a name is in several.
const DEP_FIELDS: [&str; 4] = [
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
];

impl Manifest {
    /// `None` when the text is not a JSON object; fields of the wrong type are ignored. Text
    /// that is not valid JSON (a trailing comma, a comment, a missing brace) is read
    /// forgivingly: the fields that can be made out are kept.
    fn parse(text: &str) -> Option<Manifest> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let root = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(root)) => root,
            Ok(_) => return None,
            Err(_) => return Self::parse_forgiving(text),
        };
        let string = |field: &str| root.get(field).and_then(Value::as_str).map(str::to_owned);
        let mut deps = BTreeMap::new();
        for field in DEP_FIELDS {
            let Some(Value::Object(map)) = root.get(field) else {
                continue;
            };
            for (name, spec) in map {
                if let Value::String(spec) = spec {
                    deps.entry(name.clone()).or_insert_with(|| spec.clone());
                }
            }
        }
        Some(Manifest {
            name: string("name"),
            package_manager: string("packageManager"),
            deps,
        })
    }
}

impl Manifest {
    /// The fields of a `package.json` that is not valid JSON, through the forgiving tokenizer;
    /// `None` when it does not even start like an object.
    fn parse_forgiving(text: &str) -> Option<Manifest> {
        if !text.trim_start().starts_with('{') {
            return None;
        }
        let mut m = Manifest {
            name: None,
            package_manager: None,
            deps: BTreeMap::new(),
        };
        crate::source::json_tokens::walk(text, |e| {
            let (Some(key), Some(value)) = (e.key(), e.string_value()) else {
                return;
            };
            if e.path.is_empty() {
                match key.value.as_str() {
                    "name" if m.name.is_none() => m.name = Some(value.value.clone()),
                    "packageManager" if m.package_manager.is_none() => {
                        m.package_manager = Some(value.value.clone())
                    }
                    _ => {}
                }
            } else if DEP_FIELDS.iter().any(|f| e.container_is(&[f])) {
                m.deps
                    .entry(key.value.clone())
                    .or_insert_with(|| value.value.clone());
            }
        });
        Some(m)
    }
}

/// True when `text` is a `package.json` that is not valid JSON (read forgivingly).
pub fn manifest_is_malformed(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_err()
}

/// What resolving a package needs to know of its app.
struct AppContext<'a> {
    name: Option<&'a str>,
    rel_root: &'a str,
    found: Option<&'a lockfile::Found>,
}

/// The package's version from the first lockfile that records it, else the lower bound of
/// its `package.json` range, else unknown.
fn resolve_package(
    name: &str,
    spec: &str,
    app: &AppContext<'_>,
    cache: &mut lockfile::Cache,
) -> ClerkPackage {
    let package = |version, source| ClerkPackage {
        name: name.to_owned(),
        spec: spec.to_owned(),
        version,
        source,
    };
    if let Some(found) = app.found {
        let query = lockfile::Query {
            importer: &found.importer,
            app_name: app.name,
            name,
            spec,
        };
        for file_name in &found.names {
            let path = found.dir.join(file_name);
            if let Some(version) = cache.get(&path).and_then(|lock| lock.resolve(&query)) {
                let shown = lockfile_display(app.rel_root, found.levels_up, file_name, &path);
                return package(Some(version), VersionSource::Lockfile(shown));
            }
        }
    }
    match Version::lower_bound(spec) {
        Some(version) => package(Some(version), VersionSource::PackageJson),
        None => package(None, VersionSource::Unknown),
    }
}

/// The lockfile path relative to the scan root when it lies inside it (`levels_up` is no more
/// than the depth of the app's `rel_root`), else the path as found.
fn lockfile_display(rel_root: &str, levels_up: usize, file_name: &str, path: &Path) -> String {
    let components: Vec<&str> = rel_root.split('/').filter(|c| !c.is_empty()).collect();
    match components.len().checked_sub(levels_up) {
        Some(keep) => {
            let mut shown = components[..keep].join("/");
            if !shown.is_empty() {
                shown.push('/');
            }
            shown.push_str(file_name);
            shown
        }
        None => path.display().to_string(),
    }
}

/// A scan-relative path with `/` separators and no leading `./`, `/` or trailing `/`.
pub(crate) fn normalize_rel(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    loop {
        if let Some(after) = rest.strip_prefix("./") {
            rest = after;
        } else if let Some(after) = rest.strip_prefix('/') {
            rest = after;
        } else {
            break;
        }
    }
    let rest = rest.trim_end_matches('/');
    if rest == "." {
        String::new()
    } else {
        rest.to_owned()
    }
}

/// Whether `path` is `root` or below it (`""` contains everything).
fn is_within(path: &str, root: &str) -> bool {
    root.is_empty()
        || path
            .strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn v(major: u64, minor: u64, patch: u64) -> Option<Version> {
        Some(Version::new(major, minor, patch))
    }

    /// A repository in a temporary directory (with `.git`, so the lockfile walk stays inside).
    struct Repo {
        dir: tempfile::TempDir,
    }

    impl Repo {
        fn new(files: &[(&str, &str)]) -> Repo {
            let dir = tempfile::tempdir().unwrap();
            fs::create_dir_all(dir.path().join(".git")).unwrap();
            let repo = Repo { dir };
            for (path, text) in files {
                repo.write(path, text);
            }
            repo
        }

        fn write(&self, rel: &str, text: &str) {
            let path = self.dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }

        /// Loads the given `package.json` files, scanning from `scan_root` (relative to the
        /// repository).
        fn load_from(&self, scan_root: &str, manifests: &[&str]) -> Project {
            let base = self.dir.path().join(scan_root);
            let read: Vec<(PathBuf, String, String)> = manifests
                .iter()
                .map(|rel| {
                    let path = base.join(rel);
                    let text = fs::read_to_string(&path).unwrap();
                    (path, rel.to_string(), text)
                })
                .collect();
            let inputs: Vec<(PathBuf, String, &str)> = read
                .iter()
                .map(|(path, rel, text)| (path.clone(), rel.clone(), text.as_str()))
                .collect();
            Project::load(&inputs)
        }

        fn load(&self, manifests: &[&str]) -> Project {
            self.load_from("", manifests)
        }
    }

    fn package<'a>(project: &'a Project, rel_root: &str, name: &str) -> &'a ClerkPackage {
        let app = project
            .apps
            .iter()
            .find(|app| app.rel_root == rel_root)
            .unwrap_or_else(|| panic!("no app at {rel_root:?}"));
        app.clerk
            .package(name)
            .unwrap_or_else(|| panic!("{name} not in {rel_root:?}"))
    }

    fn resolved(project: &Project, rel_root: &str, name: &str) -> (Option<Version>, VersionSource) {
        let p = package(project, rel_root, name);
        (p.version, p.source.clone())
    }

    fn lockfile(path: &str) -> VersionSource {
        VersionSource::Lockfile(path.to_owned())
    }

    #[test]
    fn core_of_each_package() {
        let cases: &[(&str, u64, Option<u8>)] = &[
            ("@clerk/nextjs", 0, Some(1)),
            ("@clerk/nextjs", 4, Some(1)),
            ("@clerk/nextjs", 5, Some(2)),
            ("@clerk/nextjs", 6, Some(2)),
            ("@clerk/nextjs", 7, Some(3)),
            ("@clerk/nextjs", 12, Some(3)),
            ("@clerk/clerk-react", 4, Some(1)),
            ("@clerk/clerk-react", 5, Some(2)),
            ("@clerk/clerk-react", 9, Some(3)),
            ("@clerk/react", 5, Some(2)),
            ("@clerk/react", 6, Some(3)),
            ("@clerk/clerk-expo", 0, Some(1)),
            ("@clerk/clerk-expo", 1, Some(2)),
            ("@clerk/clerk-expo", 2, Some(2)),
            ("@clerk/clerk-expo", 3, Some(3)),
            ("@clerk/expo", 2, Some(2)),
            ("@clerk/expo", 3, Some(3)),
            ("@clerk/backend", 0, Some(1)),
            ("@clerk/backend", 1, Some(2)),
            ("@clerk/backend", 2, Some(2)),
            ("@clerk/backend", 3, Some(3)),
            ("@clerk/clerk-sdk-node", 4, Some(1)),
            ("@clerk/clerk-sdk-node", 5, Some(2)),
            ("@clerk/fastify", 0, Some(1)),
            ("@clerk/fastify", 2, Some(2)),
            ("@clerk/fastify", 3, Some(3)),
            ("@clerk/remix", 3, Some(1)),
            ("@clerk/remix", 4, Some(2)),
            ("@clerk/remix", 5, Some(3)),
            ("gatsby-plugin-clerk", 4, Some(1)),
            ("gatsby-plugin-clerk", 5, Some(2)),
            ("@clerk/express", 0, Some(2)),
            ("@clerk/express", 1, Some(2)),
            ("@clerk/express", 2, Some(3)),
            ("@clerk/astro", 2, Some(2)),
            ("@clerk/astro", 3, Some(3)),
            ("@clerk/nuxt", 1, Some(2)),
            ("@clerk/nuxt", 2, Some(3)),
            ("@clerk/vue", 1, Some(2)),
            ("@clerk/vue", 2, Some(3)),
            ("@clerk/react-router", 2, Some(2)),
            ("@clerk/react-router", 3, Some(3)),
            ("@clerk/tanstack-react-start", 0, Some(2)),
            ("@clerk/tanstack-react-start", 1, Some(3)),
            ("@clerk/tanstack-start", 0, Some(2)),
            ("@clerk/tanstack-start", 9, Some(3)),
            ("@clerk/hono", 0, Some(3)),
            ("@clerk/clerk-js", 4, Some(1)),
            ("@clerk/clerk-js", 5, Some(2)),
            ("@clerk/clerk-js", 6, Some(3)),
            ("@clerk/shared", 1, Some(1)),
            ("@clerk/shared", 2, Some(2)),
            ("@clerk/shared", 3, Some(2)),
            ("@clerk/shared", 4, Some(3)),
            ("@clerk/types", 4, None),
            ("@clerk/themes", 2, None),
            ("@hono/clerk-auth", 2, None),
            ("next", 15, None),
            ("", 1, None),
        ];
        for (package, major, expected) in cases {
            let version = Version::new(*major, 3, 1);
            assert_eq!(core_of(package, &version), *expected, "{package} {major}");
        }
    }

    #[test]
    fn clerk_packages() {
        for name in [
            "@clerk/nextjs",
            "@clerk/types",
            "gatsby-plugin-clerk",
            "@hono/clerk-auth",
            "svelte-clerk",
            "vue-clerk",
        ] {
            assert!(is_clerk_package(name), "{name}");
        }
        for name in [
            "@clerk/",
            "clerk-rs",
            "clerk",
            "@clerkx/nextjs",
            "next",
            "@hono/node-server",
        ] {
            assert!(!is_clerk_package(name), "{name}");
        }
    }

    const PNPM_MONOREPO: &str = "lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

catalogs:
  default:
    '@clerk/backend':
      specifier: ^1.21.0
      version: 1.21.4

importers:

  .:
    devDependencies:
      turbo:
        specifier: ^2.3.3
        version: 2.3.3

  apps/admin:
    dependencies:
      '@clerk/backend':
        specifier: 'catalog:'
        version: 1.21.4(react-dom@19.0.0(react@19.0.0))(react@19.0.0)
      '@clerk/nextjs':
        specifier: ^6.9.0
        version: 6.9.6(next@15.1.3(react-dom@19.0.0(react@19.0.0))(react@19.0.0))(react-dom@19.0.0(react@19.0.0))(react@19.0.0)
      ui:
        specifier: workspace:*
        version: link:../../packages/ui

  apps/web:
    dependencies:
      '@clerk/nextjs':
        specifier: ^5.7.0
        version: 5.7.5(next@14.2.18(react-dom@18.3.1(react@18.3.1))(react@18.3.1))(react-dom@18.3.1(react@18.3.1))(react@18.3.1)
      next:
        specifier: 14.2.18
        version: 14.2.18(react-dom@18.3.1(react@18.3.1))(react@18.3.1)

  packages/ui:
    dependencies:
      react:
        specifier: ^19.0.0
        version: 19.0.0

packages:

  '@clerk/backend@1.21.4':
    resolution: {integrity: sha512-AAAA}
    engines: {node: '>=18.17.0'}

  '@clerk/nextjs@5.7.5':
    resolution: {integrity: sha512-BBBB}
    engines: {node: '>=18.17.0'}
    peerDependencies:
      next: ^13.5.4 || ^14.0.3 || ^15.0.0

  '@clerk/nextjs@6.9.6':
    resolution: {integrity: sha512-CCCC}
    engines: {node: '>=18.17.0'}

  turbo@2.3.3:
    resolution: {integrity: sha512-DDDD}
    hasBin: true

snapshots:

  '@clerk/nextjs@5.7.5(next@14.2.18(react-dom@18.3.1(react@18.3.1))(react@18.3.1))(react-dom@18.3.1(react@18.3.1))(react@18.3.1)':
    dependencies:
      '@clerk/backend': 1.15.1(react-dom@18.3.1(react@18.3.1))(react@18.3.1)
";

    fn pnpm_monorepo() -> Repo {
        Repo::new(&[
            (
                "package.json",
                r#"{"name": "acme", "private": true, "packageManager": "pnpm@9.15.0",
                    "devDependencies": {"turbo": "^2.3.3"}}"#,
            ),
            (
                "apps/web/package.json",
                r#"{"name": "web", "dependencies": {"@clerk/nextjs": "^5.7.0", "@clerk/themes": "^2.1.0",
                    "next": "14.2.18"}}"#,
            ),
            (
                "apps/admin/package.json",
                r#"{"name": "admin", "dependencies": {"@clerk/nextjs": "^6.9.0", "@clerk/backend": "catalog:",
                    "ui": "workspace:*"}}"#,
            ),
            (
                "packages/ui/package.json",
                r#"{"name": "ui", "dependencies": {"react": "^19.0.0"}}"#,
            ),
            ("pnpm-lock.yaml", PNPM_MONOREPO),
        ])
    }

    const MONOREPO_MANIFESTS: [&str; 4] = [
        "packages/ui/package.json",
        "apps/web/package.json",
        "package.json",
        "apps/admin/package.json",
    ];

    #[test]
    fn pnpm_monorepo_importers() {
        let repo = pnpm_monorepo();
        let project = repo.load(&MONOREPO_MANIFESTS);
        let roots: Vec<&str> = project.apps.iter().map(|a| a.rel_root.as_str()).collect();
        assert_eq!(roots, ["", "apps/admin", "apps/web", "packages/ui"]);
        assert_eq!(
            resolved(&project, "apps/web", "@clerk/nextjs"),
            (v(5, 7, 5), lockfile("pnpm-lock.yaml"))
        );
        assert_eq!(
            resolved(&project, "apps/admin", "@clerk/nextjs"),
            (v(6, 9, 6), lockfile("pnpm-lock.yaml"))
        );
        // `catalog:` names no version, the lockfile does.
        assert_eq!(
            resolved(&project, "apps/admin", "@clerk/backend"),
            (v(1, 21, 4), lockfile("pnpm-lock.yaml"))
        );
        // Not in the lockfile: the package.json range.
        assert_eq!(
            resolved(&project, "apps/web", "@clerk/themes"),
            (v(2, 1, 0), VersionSource::PackageJson)
        );

        let web = project.app_for("apps/web/src/middleware.ts").unwrap();
        assert_eq!(web.name.as_deref(), Some("web"));
        assert_eq!(web.root, repo.dir.path().join("apps/web"));
        assert_eq!(web.deps.get("next").map(String::as_str), Some("14.2.18"));
        assert_eq!(web.clerk.core(), Some(2));
        let names: Vec<&str> = web.clerk.packages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["@clerk/nextjs", "@clerk/themes"]);
        assert!(project.apps[0].clerk.is_empty());
        assert_eq!(project.apps[0].deps.len(), 1);
    }

    #[test]
    fn pnpm_single_project_v5_and_v6() {
        let v5 = Repo::new(&[
            (
                "package.json",
                r#"{"dependencies": {"@clerk/nextjs": "^4.23.0"}}"#,
            ),
            (
                "pnpm-lock.yaml",
                "lockfileVersion: 5.4

specifiers:
  '@clerk/nextjs': ^4.23.0

dependencies:
  '@clerk/nextjs': 4.29.1_biqbaboplfbrettd7655fr4n2y

packages:

  /@clerk/nextjs/4.29.1_biqbaboplfbrettd7655fr4n2y:
    resolution: {integrity: sha512-AAAA}
    engines: {node: '>=14'}
    dev: false
",
            ),
        ]);
        let project = v5.load(&["package.json"]);
        assert_eq!(
            resolved(&project, "", "@clerk/nextjs"),
            (v(4, 29, 1), lockfile("pnpm-lock.yaml"))
        );
        assert_eq!(project.apps[0].clerk.core(), Some(1));

        let v6 = Repo::new(&[
            (
                "package.json",
                r#"{"dependencies": {"@clerk/clerk-react": "^4.30.0"}}"#,
            ),
            (
                "pnpm-lock.yaml",
                "lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

dependencies:
  '@clerk/clerk-react':
    specifier: ^4.30.0
    version: 4.30.3(react@18.2.0)

packages:

  /@clerk/clerk-react@4.30.3(react@18.2.0):
    resolution: {integrity: sha512-AAAA}
    engines: {node: '>=14'}
    peerDependencies:
      react: '>=16'
    dev: false
",
            ),
        ]);
        let project = v6.load(&["package.json"]);
        assert_eq!(
            resolved(&project, "", "@clerk/clerk-react"),
            (v(4, 30, 3), lockfile("pnpm-lock.yaml"))
        );
    }

    const NPM_V3_WORKSPACE: &str = r#"{
  "name": "acme",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": { "name": "acme", "workspaces": ["apps/*"] },
    "apps/admin": { "name": "admin", "dependencies": { "@clerk/nextjs": "^6.9.0" } },
    "apps/web": { "name": "web", "dependencies": { "@clerk/nextjs": "^5.7.0" } },
    "apps/web/node_modules/@clerk/nextjs": {
      "version": "5.7.5",
      "resolved": "https://registry.npmjs.org/@clerk/nextjs/-/nextjs-5.7.5.tgz",
      "integrity": "sha512-AAAA",
      "license": "MIT",
      "dependencies": { "@clerk/backend": "1.15.1" }
    },
    "node_modules/@clerk/nextjs": {
      "version": "6.9.6",
      "resolved": "https://registry.npmjs.org/@clerk/nextjs/-/nextjs-6.9.6.tgz",
      "integrity": "sha512-BBBB",
      "license": "MIT"
    },
    "node_modules/admin": { "resolved": "apps/admin", "link": true },
    "node_modules/web": { "resolved": "apps/web", "link": true }
  }
}"#;

    #[test]
    fn npm_v3_workspace_nested_copy() {
        let repo = Repo::new(&[
            (
                "package.json",
                r#"{"name": "acme", "workspaces": ["apps/*"]}"#,
            ),
            (
                "apps/web/package.json",
                r#"{"name": "web", "dependencies": {"@clerk/nextjs": "^5.7.0"}}"#,
            ),
            (
                "apps/admin/package.json",
                r#"{"name": "admin", "dependencies": {"@clerk/nextjs": "^6.9.0"}}"#,
            ),
            ("package-lock.json", NPM_V3_WORKSPACE),
        ]);
        let project = repo.load(&[
            "package.json",
            "apps/web/package.json",
            "apps/admin/package.json",
        ]);
        assert_eq!(
            resolved(&project, "apps/web", "@clerk/nextjs"),
            (v(5, 7, 5), lockfile("package-lock.json"))
        );
        assert_eq!(
            resolved(&project, "apps/admin", "@clerk/nextjs"),
            (v(6, 9, 6), lockfile("package-lock.json"))
        );
    }

    #[test]
    fn npm_v1_and_v2() {
        let v1 = Repo::new(&[
            (
                "package.json",
                r#"{"dependencies": {"@clerk/clerk-sdk-node": "^4.12.0"}}"#,
            ),
            (
                "package-lock.json",
                r#"{
  "name": "api",
  "version": "1.0.0",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "@clerk/clerk-sdk-node": {
      "version": "4.13.23",
      "resolved": "https://registry.npmjs.org/@clerk/clerk-sdk-node/-/clerk-sdk-node-4.13.23.tgz",
      "integrity": "sha512-AAAA",
      "requires": { "@clerk/backend": "0.38.15" }
    }
  }
}"#,
            ),
        ]);
        let project = v1.load(&["package.json"]);
        assert_eq!(
            resolved(&project, "", "@clerk/clerk-sdk-node"),
            (v(4, 13, 23), lockfile("package-lock.json"))
        );
        assert_eq!(project.apps[0].clerk.core(), Some(1));

        let v2 = Repo::new(&[
            (
                "package.json",
                r#"{"dependencies": {"@clerk/express": "^1.3.0"}}"#,
            ),
            (
                "npm-shrinkwrap.json",
                r#"{
  "name": "api",
  "lockfileVersion": 2,
  "requires": true,
  "packages": {
    "": { "name": "api", "dependencies": { "@clerk/express": "^1.3.0" } },
    "node_modules/@clerk/express": { "version": "1.3.31", "resolved": "https://registry.npmjs.org/@clerk/express/-/express-1.3.31.tgz" }
  },
  "dependencies": {
    "@clerk/express": { "version": "1.3.31", "resolved": "https://registry.npmjs.org/@clerk/express/-/express-1.3.31.tgz" }
  }
}"#,
            ),
        ]);
        let project = v2.load(&["package.json"]);
        assert_eq!(
            resolved(&project, "", "@clerk/express"),
            (v(1, 3, 31), lockfile("npm-shrinkwrap.json"))
        );
    }

    #[test]
    fn yarn_classic_and_berry() {
        let classic = Repo::new(&[
            (
                "package.json",
                r#"{"dependencies": {"@clerk/nextjs": "^5.1.0"}}"#,
            ),
            (
                "yarn.lock",
                r#"# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@clerk/nextjs@^5.0.0", "@clerk/nextjs@^5.1.0":
  version "5.7.5"
  resolved "https://registry.yarnpkg.com/@clerk/nextjs/-/nextjs-5.7.5.tgz#1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e"
  integrity sha512-AAAA
  dependencies:
    "@clerk/backend" "1.15.1"

"@clerk/nextjs@^6.0.0":
  version "6.9.6"
  resolved "https://registry.yarnpkg.com/@clerk/nextjs/-/nextjs-6.9.6.tgz#2b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e"
  integrity sha512-BBBB
"#,
            ),
        ]);
        let project = classic.load(&["package.json"]);
        assert_eq!(
            resolved(&project, "", "@clerk/nextjs"),
            (v(5, 7, 5), lockfile("yarn.lock"))
        );

        let berry = Repo::new(&[
            (
                "package.json",
                r#"{"name": "shop", "packageManager": "yarn@4.5.3", "workspaces": ["apps/*"]}"#,
            ),
            (
                "apps/store/package.json",
                r#"{"name": "store", "dependencies": {"@clerk/remix": "^4.2.0"}}"#,
            ),
            (
                "yarn.lock",
                r#"# This file is generated by running "yarn install" inside your project.
# Manual changes might be lost - proceed with caution!

__metadata:
  version: 8
  cacheKey: 10c0

"@clerk/remix@npm:^4.2.0":
  version: 4.4.2
  resolution: "@clerk/remix@npm:4.4.2"
  dependencies:
    "@clerk/backend": "npm:1.21.4"
  checksum: 10c0/0f2c1d0e9b8a7f6e5d4c3b2a19080706050403020100f0e0d0c0b0a090807060504030201
  languageName: node
  linkType: hard

"store@workspace:apps/store":
  version: 0.0.0-use.local
  resolution: "store@workspace:apps/store"
  dependencies:
    "@clerk/remix": "npm:^4.2.0"
  languageName: unknown
  linkType: soft
"#,
            ),
            // A stray npm lockfile: `packageManager` says yarn.
            (
                "package-lock.json",
                r#"{"lockfileVersion": 3, "packages": {"node_modules/@clerk/remix": {"version": "3.1.0"}}}"#,
            ),
        ]);
        let project = berry.load(&["package.json", "apps/store/package.json"]);
        assert_eq!(
            resolved(&project, "apps/store", "@clerk/remix"),
            (v(4, 4, 2), lockfile("yarn.lock"))
        );
        assert_eq!(project.clerk_for("apps/store/app/root.tsx").core(), Some(2));
    }

    #[test]
    fn bun_workspace() {
        let repo = Repo::new(&[
            (
                "package.json",
                r#"{"name": "acme", "workspaces": ["apps/*"]}"#,
            ),
            (
                "apps/web/package.json",
                r#"{"name": "web", "dependencies": {"@clerk/nextjs": "^5.7.0"}}"#,
            ),
            (
                "apps/api/package.json",
                r#"{"name": "api", "dependencies": {"@clerk/backend": "^1.21.0"}}"#,
            ),
            (
                "bun.lock",
                r#"{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "acme",
    },
    "apps/api": {
      "name": "api",
      "dependencies": {
        "@clerk/backend": "^1.21.0",
      },
    },
    "apps/web": {
      "name": "web",
      "dependencies": {
        "@clerk/nextjs": "^5.7.0",
      },
    },
  },
  "packages": {
    "@clerk/backend": ["@clerk/backend@1.21.4", "", { "dependencies": { "@clerk/shared": "2.20.1" } }, "sha512-AAAA"],

    "@clerk/nextjs": ["@clerk/nextjs@5.7.5", "", { "dependencies": { "@clerk/backend": "1.15.1" } }, "sha512-BBBB"],

    "api": ["api@workspace:apps/api"],

    "web": ["web@workspace:apps/web"],

    "@clerk/nextjs/@clerk/backend": ["@clerk/backend@1.15.1", "", {}, "sha512-CCCC"],
  }
}
"#,
            ),
        ]);
        let project = repo.load(&[
            "package.json",
            "apps/web/package.json",
            "apps/api/package.json",
        ]);
        assert_eq!(
            resolved(&project, "apps/web", "@clerk/nextjs"),
            (v(5, 7, 5), lockfile("bun.lock"))
        );
        assert_eq!(
            resolved(&project, "apps/api", "@clerk/backend"),
            (v(1, 21, 4), lockfile("bun.lock"))
        );
    }

    #[test]
    fn no_lockfile_falls_back_to_the_range() {
        let repo = Repo::new(&[(
            "package.json",
            r#"{
  "name": "app",
  "dependencies": {
    "@clerk/nextjs": "^6.9.0",
    "@clerk/backend": "latest",
    "@clerk/clerk-react": "npm:@clerk/clerk-react@~5.2",
    "@hono/clerk-auth": "2.0.0",
    "svelte-clerk": "github:wobsoriano/svelte-clerk",
    "vue-clerk": "*",
    "clerk-rs": "^0.4.0",
    "react": "^19.0.0"
  },
  "devDependencies": {
    "@clerk/testing": "^1.3.0",
    "@clerk/nextjs": "^5.0.0"
  },
  "peerDependencies": { "gatsby-plugin-clerk": ">=5 <7" },
  "optionalDependencies": { "@clerk/types": "workspace:*" }
}"#,
        )]);
        let project = repo.load(&["package.json"]);
        let app = &project.apps[0];
        let got: Vec<(&str, &str, Option<Version>, &VersionSource)> = app
            .clerk
            .packages
            .iter()
            .map(|p| (p.name.as_str(), p.spec.as_str(), p.version, &p.source))
            .collect();
        let known = &VersionSource::PackageJson;
        let unknown = &VersionSource::Unknown;
        assert_eq!(
            got,
            [
                ("@clerk/backend", "latest", None, unknown),
                (
                    "@clerk/clerk-react",
                    "npm:@clerk/clerk-react@~5.2",
                    v(5, 2, 0),
                    known
                ),
                // `dependencies` wins over `devDependencies`.
                ("@clerk/nextjs", "^6.9.0", v(6, 9, 0), known),
                ("@clerk/testing", "^1.3.0", v(1, 3, 0), known),
                ("@clerk/types", "workspace:*", None, unknown),
                ("@hono/clerk-auth", "2.0.0", v(2, 0, 0), known),
                ("gatsby-plugin-clerk", ">=5 <7", v(5, 0, 0), known),
                (
                    "svelte-clerk",
                    "github:wobsoriano/svelte-clerk",
                    None,
                    unknown
                ),
                ("vue-clerk", "*", None, unknown),
            ]
        );
        assert_eq!(app.deps.len(), 11);
        assert_eq!(app.deps["clerk-rs"], "^0.4.0");
        assert_eq!(app.clerk.core(), Some(2));
        assert_eq!(
            app.clerk.describe(),
            "@clerk/backend latest (version unknown), \
             @clerk/clerk-react npm:@clerk/clerk-react@~5.2 (package.json), \
             @clerk/nextjs ^6.9.0 (package.json), @clerk/testing ^1.3.0 (package.json), \
             @clerk/types workspace:* (version unknown), @hono/clerk-auth 2.0.0 (package.json), \
             gatsby-plugin-clerk >=5 <7 (package.json), \
             svelte-clerk github:wobsoriano/svelte-clerk (version unknown), vue-clerk * (version unknown)"
        );
    }

    #[test]
    fn lockfile_paths_relative_to_the_scan_root_or_as_found() {
        let repo = Repo::new(&[
            (
                "apps/web/package.json",
                r#"{"dependencies": {"@clerk/nextjs": "^6.0.0"}}"#,
            ),
            (
                "apps/web/package-lock.json",
                r#"{"lockfileVersion": 3, "packages": {"node_modules/@clerk/nextjs": {"version": "6.9.6"}}}"#,
            ),
            (
                "apps/docs/package.json",
                r#"{"dependencies": {"@clerk/clerk-react": "^5.0.0"}}"#,
            ),
            (
                "pnpm-lock.yaml",
                "lockfileVersion: '9.0'\n\npackages:\n\n  '@clerk/clerk-react@5.20.0':\n    resolution: {integrity: sha512-AAAA}\n",
            ),
            ("package.json", r#"{"private": true}"#),
        ]);
        let project = repo.load(&["apps/web/package.json", "apps/docs/package.json"]);
        assert_eq!(
            resolved(&project, "apps/web", "@clerk/nextjs"),
            (v(6, 9, 6), lockfile("apps/web/package-lock.json"))
        );
        assert_eq!(
            resolved(&project, "apps/docs", "@clerk/clerk-react"),
            (v(5, 20, 0), lockfile("pnpm-lock.yaml"))
        );

        // Scanning `apps/docs` only: the monorepo lockfile lies above the scan root.
        let project = repo.load_from("apps/docs", &["package.json"]);
        let above = fs::canonicalize(repo.dir.path())
            .unwrap()
            .join("pnpm-lock.yaml");
        assert_eq!(
            resolved(&project, "", "@clerk/clerk-react"),
            (v(5, 20, 0), lockfile(&above.display().to_string()))
        );
        assert_eq!(
            lockfile_display("apps/web/src", 2, "yarn.lock", Path::new("/x/yarn.lock")),
            "apps/yarn.lock"
        );
        assert_eq!(
            lockfile_display("", 1, "yarn.lock", Path::new("/x/yarn.lock")),
            "/x/yarn.lock"
        );
    }

    #[test]
    fn broken_or_missing_lockfiles_fall_back() {
        let repo = Repo::new(&[
            (
                "package.json",
                r#"{"dependencies": {"@clerk/nextjs": "^6.1.0", "@clerk/backend": "^1.2.0"}}"#,
            ),
            (
                "package-lock.json",
                r#"{"lockfileVersion": 3, "packages": {"node_modules/@clerk/nextjs": "#,
            ),
            (
                "apps/web/package.json",
                r#"{"dependencies": {"@clerk/nextjs": "^5.2.0"}}"#,
            ),
            (
                "apps/web/pnpm-lock.yaml",
                "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      '@clerk/backend':\n        specifier: ^1\n        version: 1.21.4\n",
            ),
        ]);
        let project = repo.load(&["package.json", "apps/web/package.json"]);
        assert_eq!(
            resolved(&project, "", "@clerk/nextjs"),
            (v(6, 1, 0), VersionSource::PackageJson)
        );
        assert_eq!(
            resolved(&project, "apps/web", "@clerk/nextjs"),
            (v(5, 2, 0), VersionSource::PackageJson)
        );

        // Paths that do not exist at all.
        let text = r#"{"dependencies": {"@clerk/nextjs": "^6.1.0"}}"#;
        let project = Project::load(&[
            (
                PathBuf::from("/nonexistent/clerk-lint/package.json"),
                "package.json".into(),
                text,
            ),
            (
                PathBuf::from("package.json"),
                "sub/package.json".into(),
                text,
            ),
        ]);
        assert_eq!(project.apps.len(), 2);
        assert_eq!(project.apps[1].root, PathBuf::from("."));
        for app in &project.apps {
            assert_eq!(app.clerk.packages[0].version, v(6, 1, 0));
        }
    }

    #[test]
    fn malformed_package_json_is_read_forgivingly() {
        let texts = [
            "",
            "{",
            "[]",
            "null",
            "\"name\"",
            "{\"dependencies\": {\"@clerk/nextjs\": ",
            "\u{feff}{\"name\": \"bom\", \"dependencies\": {\"@clerk/nextjs\": \"^6.0.0\"}}",
            r#"{"name": 3, "dependencies": {"@clerk/nextjs": 6, "@clerk/backend": "^1.0.0"}, "devDependencies": []}"#,
            // Not JSON, but what can be made out is kept (a trailing comma, a comment).
            "{\"name\": \"tc\", // app\n\"dependencies\": {\"@clerk/nextjs\": \"^6.0.0\",},}",
        ];
        let inputs: Vec<(PathBuf, String, &str)> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let rel = format!("p{i}/package.json");
                (PathBuf::from("/nonexistent").join(&rel), rel, *text)
            })
            .collect();
        let project = Project::load(&inputs);
        let roots: Vec<&str> = project.apps.iter().map(|a| a.rel_root.as_str()).collect();
        // Empty, not an object, or an array: no app. An object cut short: an app with what
        // could be read.
        assert_eq!(roots, ["p1", "p5", "p6", "p7", "p8"]);
        assert!(project.apps[0].clerk.packages.is_empty());
        assert!(project.apps[1].clerk.packages.is_empty());
        assert_eq!(project.apps[2].name.as_deref(), Some("bom"));
        assert_eq!(project.apps[3].name, None);
        assert_eq!(project.apps[4].name.as_deref(), Some("tc"));
        assert_eq!(project.apps[4].clerk.packages[0].name, "@clerk/nextjs");
        assert!(super::manifest_is_malformed(texts[8]));
        assert!(!super::manifest_is_malformed(texts[6]));
        let names: Vec<&str> = project.apps[3]
            .clerk
            .packages
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["@clerk/backend"]);
        assert!(Project::load(&[]).apps.is_empty());
    }

    #[test]
    fn rel_roots_are_normalized_and_deduplicated() {
        let first = r#"{"name": "first"}"#;
        let project = Project::load(&[
            (
                PathBuf::from("/n/b/package.json"),
                "./b/package.json".into(),
                first,
            ),
            (
                PathBuf::from("/n/b/package.json"),
                "b/package.json".into(),
                r#"{"name": "second"}"#,
            ),
            (
                PathBuf::from("/n/a/package.json"),
                "a\\package.json".into(),
                "{}",
            ),
            (
                PathBuf::from("/n/package.json"),
                "./package.json".into(),
                "{}",
            ),
        ]);
        let roots: Vec<&str> = project.apps.iter().map(|a| a.rel_root.as_str()).collect();
        assert_eq!(roots, ["", "a", "b"]);
        assert_eq!(project.apps[2].name.as_deref(), Some("first"));
    }

    fn app(rel_root: &str, packages: &[(&str, u64)]) -> App {
        App {
            kind: AppKind::Node,
            root: PathBuf::from("/repo").join(rel_root),
            rel_root: rel_root.to_owned(),
            name: None,
            clerk: ClerkInfo {
                packages: packages
                    .iter()
                    .map(|(name, major)| ClerkPackage {
                        name: (*name).to_owned(),
                        spec: format!("^{major}.0.0"),
                        version: Some(Version::new(*major, 0, 0)),
                        source: VersionSource::Lockfile("pnpm-lock.yaml".into()),
                    })
                    .collect(),
            },
            deps: BTreeMap::new(),
        }
    }

    fn names_and_majors(info: &ClerkInfo) -> Vec<(String, u64)> {
        info.packages
            .iter()
            .map(|p| (p.name.clone(), p.version.map_or(0, |v| v.major)))
            .collect()
    }

    fn expect(packages: &[(&str, u64)]) -> Vec<(String, u64)> {
        packages
            .iter()
            .map(|(n, m)| ((*n).to_owned(), *m))
            .collect()
    }

    #[test]
    fn a_crate_beside_a_package_json_is_a_second_app() {
        let mut project = Project::load(&[(
            PathBuf::from("/n/package.json"),
            "package.json".into(),
            r#"{"name": "web", "dependencies": {"@clerk/nextjs": "6.0.0"}}"#,
        )]);
        project.add_cargo(
            &[(
                PathBuf::from("/n/Cargo.toml"),
                "Cargo.toml".into(),
                "[package]\nname = \"api\"\n[dependencies]\nclerk-rs = \"0.4.2\"\naxum = \"0.8\"\n",
            )],
            &|_| false,
        );
        assert_eq!(project.apps.len(), 2);
        assert_eq!(
            project.app_for("app/api/x/route.ts").map(|a| a.kind),
            Some(AppKind::Node)
        );
        assert_eq!(
            project.app_for("src/main.rs").map(|a| a.kind),
            Some(AppKind::Cargo)
        );
        assert_eq!(
            project
                .crate_for("src/routes/mod.rs")
                .and_then(|a| a.name.as_deref()),
            Some("api")
        );
        assert!(
            project
                .clerk_for("app/page.tsx")
                .package("@clerk/nextjs")
                .is_some()
        );
    }

    #[test]
    fn app_for_picks_the_nearest_ancestor() {
        let project = Project {
            apps: vec![
                app("", &[]),
                app("apps/web", &[("@clerk/nextjs", 6)]),
                app("apps/web/e2e", &[]),
            ],
        };
        let cases = [
            ("apps/web/src/middleware.ts", Some("apps/web")),
            ("apps/web/e2e/auth.spec.ts", Some("apps/web/e2e")),
            ("apps/web", Some("apps/web")),
            ("./apps/web/.env", Some("apps/web")),
            ("apps\\web\\.env", Some("apps/web")),
            ("apps/webby/.env", Some("")),
            ("apps/we", Some("")),
            (".env", Some("")),
            ("", Some("")),
        ];
        for (path, expected) in cases {
            assert_eq!(
                project.app_for(path).map(|a| a.rel_root.as_str()),
                expected,
                "{path:?}"
            );
        }
        let without_root = Project {
            apps: vec![app("apps/web", &[])],
        };
        assert!(without_root.app_for("README.md").is_none());
        assert!(without_root.app_for("apps/website/x").is_none());
        assert!(Project::default().app_for("x").is_none());
    }

    #[test]
    fn clerk_for_walks_out_then_looks_below() {
        let project = Project {
            apps: vec![
                app("", &[]),
                app("apps/admin", &[("@clerk/nextjs", 6), ("@clerk/backend", 1)]),
                app("apps/docs", &[]),
                app("apps/web", &[("@clerk/nextjs", 6)]),
                app("apps/web/e2e", &[]),
                app("tools/seed", &[("@clerk/backend", 1)]),
            ],
        };
        let both = expect(&[("@clerk/backend", 1), ("@clerk/nextjs", 6)]);
        let cases: Vec<(&str, Vec<(String, u64)>)> = vec![
            (
                "apps/web/src/middleware.ts",
                expect(&[("@clerk/nextjs", 6)]),
            ),
            // An app without Clerk inherits its nearest ancestor's.
            ("apps/web/e2e/auth.spec.ts", expect(&[("@clerk/nextjs", 6)])),
            // The monorepo root: the apps below agree.
            (".env", both.clone()),
            ("turbo.json", both.clone()),
            ("apps/.env", both.clone()),
            ("tools/.env.example", expect(&[("@clerk/backend", 1)])),
            // Nothing with Clerk above or below.
            ("apps/docs/next.config.mjs", vec![]),
            ("packages/ui/button.tsx", vec![]),
        ];
        for (path, expected) in cases {
            assert_eq!(
                names_and_majors(&project.clerk_for(path)),
                expected,
                "{path:?}"
            );
        }

        // Apps below that disagree on a version: nothing is assumed at the root.
        let mut disagreeing = project.clone();
        disagreeing
            .apps
            .push(app("legacy", &[("@clerk/nextjs", 4)]));
        assert!(disagreeing.clerk_for(".env").is_empty());
        assert_eq!(names_and_majors(&disagreeing.clerk_for("apps/.env")), both);

        // A root app with Clerk governs everything without its own.
        let mut with_root = project.clone();
        with_root.apps[0] = app("", &[("@clerk/nextjs", 5)]);
        assert_eq!(
            names_and_majors(&with_root.clerk_for("apps/docs/x.ts")),
            expect(&[("@clerk/nextjs", 5)])
        );
        assert_eq!(
            names_and_majors(&with_root.clerk_for(".env")),
            expect(&[("@clerk/nextjs", 5)])
        );

        // No root package.json at all.
        let no_root = Project {
            apps: project.apps[1..].to_vec(),
        };
        assert_eq!(names_and_majors(&no_root.clerk_for(".env")), both);
        assert!(Project::default().clerk_for(".env").is_empty());
    }

    #[test]
    fn clerk_for_a_loaded_monorepo_root() {
        let repo = pnpm_monorepo();
        let project = repo.load(&MONOREPO_MANIFESTS);
        // web runs @clerk/nextjs 5.7.5, admin 6.9.6: the root cannot tell.
        assert!(project.clerk_for(".env").is_empty());
        assert_eq!(project.clerk_for("apps/admin/.env").core(), Some(2));
        assert_eq!(
            project.clerk_for("apps/admin/.env").describe(),
            "@clerk/backend 1.21.4 (pnpm-lock.yaml), @clerk/nextjs 6.9.6 (pnpm-lock.yaml)"
        );
        assert!(project.clerk_for("packages/ui/index.ts").is_empty());
        assert_eq!(ClerkInfo::default().describe(), "no Clerk SDK");
    }
}
