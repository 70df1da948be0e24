//! The project model: every app root (each `package.json`), the Clerk SDKs it installs and
//! their versions (resolved from the lockfile when there is one), so that severities follow
//! the version the app actually runs.
//!
//! INTERFACE FIXED (other modules use it); the implementation is being written.

pub mod lockfile;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

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
    let _ = (package, version);
    None
}

/// One app root: a directory with a `package.json`.
#[derive(Clone, Debug)]
pub struct App {
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
        let _ = package_jsons;
        Project::default()
    }

    /// The app that owns `rel_path` (the nearest ancestor app root).
    pub fn app_for(&self, rel_path: &str) -> Option<&App> {
        let _ = rel_path;
        None
    }

    /// The Clerk SDKs governing `rel_path`: those of the nearest ancestor app that has any;
    /// for a file above every app (a monorepo root `.env`), those of the apps below it when
    /// they agree; otherwise empty.
    pub fn clerk_for(&self, rel_path: &str) -> ClerkInfo {
        let _ = rel_path;
        ClerkInfo::default()
    }
}

#[allow(dead_code)]
fn _uses(_: &Path) {}
