//! Resolved package versions from `package-lock.json`, `pnpm-lock.yaml`, `yarn.lock` and `bun.lock`.
//!
//! [`find`] walks up from an app root to the directory holding its lockfile(s); [`Cache`]
//! parses each lockfile once (several apps of a monorepo share one) into a compact index of
//! versions; [`Lockfile::resolve`] answers "which version of this package does this app get".
//! Every parser is linear in the file size and degrades to "not found" on malformed input.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::Version;
use super::pnpm::PnpmLock;
use super::yarn::YarnLock;

/// The lockfile names looked for in each directory, in the default order of preference when
/// a directory holds several (a stray `package-lock.json` next to the lockfile of the package
/// manager actually in use is the common case, so npm's come last).
pub const LOCKFILE_NAMES: [&str; 5] = [
    "pnpm-lock.yaml",
    "bun.lock",
    "yarn.lock",
    "npm-shrinkwrap.json",
    "package-lock.json",
];

/// Lockfiles larger than this are not read (the version falls back to `package.json`).
const MAX_LOCKFILE_BYTES: u64 = 512 * 1024 * 1024;
/// A `package.json` read from disk only to learn its `packageManager`.
const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

/// What one app asks of a lockfile.
#[derive(Clone, Copy, Debug)]
pub struct Query<'a> {
    /// The app directory relative to the lockfile directory, `/`-separated, `""` for the same
    /// directory.
    pub importer: &'a str,
    /// The app's `package.json` `name` (bun keys workspace-specific versions by it).
    pub app_name: Option<&'a str>,
    /// The dependency name as the app's `package.json` spells it (an alias for `npm:` specs).
    pub name: &'a str,
    /// The specifier in the app's `package.json`.
    pub spec: &'a str,
}

/// A parsed lockfile: only the versions, indexed for lookups.
#[derive(Debug)]
pub enum Lockfile {
    Npm(NpmLock),
    Pnpm(PnpmLock),
    Yarn(YarnLock),
    Bun(BunLock),
}

impl Lockfile {
    /// Parses `text` according to the lockfile's file name; `None` for an unknown name or
    /// (JSON formats) text that does not parse.
    pub fn parse(file_name: &str, text: &str) -> Option<Lockfile> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match file_name {
            "package-lock.json" | "npm-shrinkwrap.json" => NpmLock::parse(text).map(Lockfile::Npm),
            "pnpm-lock.yaml" => Some(Lockfile::Pnpm(PnpmLock::parse(text))),
            "yarn.lock" => Some(Lockfile::Yarn(YarnLock::parse(text))),
            "bun.lock" => BunLock::parse(text).map(Lockfile::Bun),
            _ => None,
        }
    }

    /// The version of `query.name` installed for the app, if the lockfile records it.
    pub fn resolve(&self, query: &Query<'_>) -> Option<Version> {
        match self {
            Lockfile::Npm(lock) => lock.resolve(query),
            Lockfile::Pnpm(lock) => lock.resolve(query),
            Lockfile::Yarn(lock) => lock.resolve(query),
            Lockfile::Bun(lock) => lock.resolve(query),
        }
    }
}

/// The directory an app's lockfiles were found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub dir: PathBuf,
    /// How many directories up from the app root (`0`: the app root itself).
    pub levels_up: usize,
    /// The app root relative to `dir`, `/`-separated, `""` when they are the same.
    pub importer: String,
    /// The lockfile names present in `dir`, most preferred first.
    pub names: Vec<&'static str>,
}

/// Walks up from `app_root` to the first directory holding a lockfile, stopping (without a
/// result) after a directory that holds `.git`, or at the filesystem root.
/// `package_manager` is the app's `packageManager` field, used to order the names when the
/// directory holds several lockfiles.
pub fn find(app_root: &Path, package_manager: Option<&str>) -> Option<Found> {
    let start = fs::canonicalize(app_root)
        .or_else(|_| std::path::absolute(app_root))
        .ok()?;
    let mut below: Vec<String> = Vec::new();
    let mut dir = start.as_path();
    loop {
        let names: Vec<&'static str> = LOCKFILE_NAMES
            .iter()
            .copied()
            .filter(|name| dir.join(name).is_file())
            .collect();
        // A lockfile belongs to a project root, which always has a package.json; a stray
        // lockfile elsewhere (a home or temp directory above an unversioned app) is skipped.
        let project_root = dir == start || dir.join("package.json").is_file();
        if !names.is_empty() && project_root {
            let mut importer = String::new();
            for component in below.iter().rev() {
                if !importer.is_empty() {
                    importer.push('/');
                }
                importer.push_str(component);
            }
            let names = order_names(names, dir, package_manager);
            return Some(Found {
                dir: dir.to_path_buf(),
                levels_up: below.len(),
                importer,
                names,
            });
        }
        if dir.join(".git").exists() {
            return None;
        }
        let name = dir.file_name()?.to_string_lossy().into_owned();
        below.push(name);
        dir = dir.parent()?;
    }
}

/// Puts the lockfile of the declared package manager (the app's `packageManager`, else that
/// of the `package.json` next to the lockfiles) first when a directory holds several.
fn order_names(
    mut names: Vec<&'static str>,
    dir: &Path,
    package_manager: Option<&str>,
) -> Vec<&'static str> {
    if names.len() < 2 {
        return names;
    }
    let declared = package_manager
        .map(str::to_owned)
        .or_else(|| package_manager_of(&dir.join("package.json")));
    let Some(declared) = declared else {
        return names;
    };
    let manager = declared.split('@').next().unwrap_or("").trim();
    let preferred: &[&str] = match manager {
        "pnpm" => &["pnpm-lock.yaml"],
        "yarn" => &["yarn.lock"],
        "bun" => &["bun.lock"],
        "npm" => &["npm-shrinkwrap.json", "package-lock.json"],
        _ => &[],
    };
    // A stable sort keeps the default order within each group.
    names.sort_by_key(|name| !preferred.contains(name));
    names
}

fn package_manager_of(path: &Path) -> Option<String> {
    let text = read_capped(path, MAX_MANIFEST_BYTES)?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("packageManager")?.as_str().map(str::to_owned)
}

fn read_capped(path: &Path, max: u64) -> Option<String> {
    crate::fsio::read_text(path, max).ok()
}

/// Parsed lockfiles by path; a lockfile that cannot be read or parsed is remembered as such.
#[derive(Debug, Default)]
pub struct Cache {
    parsed: HashMap<PathBuf, Option<Lockfile>>,
}

impl Cache {
    pub fn get(&mut self, path: &Path) -> Option<&Lockfile> {
        self.parsed
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let name = path.file_name()?.to_str()?;
                let text = read_capped(path, MAX_LOCKFILE_BYTES)?;
                Lockfile::parse(name, &text)
            })
            .as_ref()
    }

    /// How many lockfiles were read (or attempted).
    pub fn len(&self) -> usize {
        self.parsed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parsed.is_empty()
    }
}

/// A version as a lockfile records it: `6.1.0`, or an alias `npm:@clerk/nextjs@6.1.0`.
pub(super) fn locked_version(text: &str) -> Option<Version> {
    let text = text.trim();
    Version::parse(text).or_else(|| {
        let (_, version) = split_name_version(text.strip_prefix("npm:")?)?;
        Version::parse(version)
    })
}

/// `@scope/name@rest` / `name@rest` → (`@scope/name`, `rest`).
pub(super) fn split_name_version(text: &str) -> Option<(&str, &str)> {
    let at = text.get(1..)?.find('@')? + 1;
    Some((&text[..at], &text[at + 1..]))
}

// ---------------------------------------------------------------------------------------
// Lenient serde helpers: they accept any JSON shape and keep only what they understand, so a
// wrong type in one entry does not lose the whole lockfile.

/// A JSON string, or `None` for any other value.
struct MaybeString(Option<String>);

/// The first element of an array when it is a string (bun's `["name@version", ...]`).
struct FirstString(Option<String>);

/// An object's `"version"` string (npm's package entries).
struct VersionField(Option<String>);

/// A JSON object as a list of entries, or empty for any other value.
struct LenientMap<T>(Vec<(String, T)>);

impl<T> Default for LenientMap<T> {
    fn default() -> Self {
        LenientMap(Vec::new())
    }
}

/// The `visit_*` methods of a visitor that maps every non-matching JSON shape to `$none`.
macro_rules! accept_anything {
    ($none:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($none)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($none)
        }
    };
}

fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

impl<'de> Deserialize<'de> for MaybeString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = MaybeString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            accept_anything!(MaybeString(None));
            fn visit_str<E: de::Error>(self, s: &str) -> Result<MaybeString, E> {
                Ok(MaybeString(Some(s.to_owned())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MaybeString, A::Error> {
                skip_seq(seq).map(|()| MaybeString(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MaybeString, A::Error> {
                skip_map(map).map(|()| MaybeString(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for FirstString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FirstString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            accept_anything!(FirstString(None));
            fn visit_str<E: de::Error>(self, _: &str) -> Result<FirstString, E> {
                Ok(FirstString(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FirstString, A::Error> {
                let first = seq.next_element::<MaybeString>()?.and_then(|s| s.0);
                skip_seq(seq).map(|()| FirstString(first))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FirstString, A::Error> {
                skip_map(map).map(|()| FirstString(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for VersionField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = VersionField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            accept_anything!(VersionField(None));
            fn visit_str<E: de::Error>(self, _: &str) -> Result<VersionField, E> {
                Ok(VersionField(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<VersionField, A::Error> {
                skip_seq(seq).map(|()| VersionField(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<VersionField, A::Error> {
                let mut version = None;
                while let Some(key) = map.next_key::<MaybeString>()? {
                    if key.0.as_deref() == Some("version") {
                        version = map.next_value::<MaybeString>()?.0;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(VersionField(version))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for LenientMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = LenientMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            accept_anything!(LenientMap(Vec::new()));
            fn visit_str<E: de::Error>(self, _: &str) -> Result<LenientMap<T>, E> {
                Ok(LenientMap(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<LenientMap<T>, A::Error> {
                skip_seq(seq).map(|()| LenientMap(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LenientMap<T>, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, T>()? {
                    entries.push((key, value));
                }
                Ok(LenientMap(entries))
            }
        }
        deserializer.deserialize_any(V(PhantomData))
    }
}

// ---------------------------------------------------------------------------------------
// package-lock.json / npm-shrinkwrap.json

/// `package-lock.json` v2/v3 `packages` (keyed by install path) and v1 `dependencies`.
#[derive(Debug, Default)]
pub struct NpmLock {
    /// `node_modules/@clerk/nextjs`, `apps/web/node_modules/@clerk/nextjs` → version.
    packages: HashMap<String, Version>,
    /// v1 top-level `dependencies.<name>.version`.
    dependencies: HashMap<String, Version>,
}

impl NpmLock {
    fn parse(text: &str) -> Option<NpmLock> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            packages: LenientMap<VersionField>,
            #[serde(default)]
            dependencies: LenientMap<VersionField>,
        }
        let raw: Raw = serde_json::from_str(text).ok()?;
        let index = |entries: LenientMap<VersionField>| {
            entries
                .0
                .into_iter()
                .filter_map(|(key, version)| Some((key, locked_version(&version.0?)?)))
                .collect::<HashMap<_, _>>()
        };
        Some(NpmLock {
            packages: index(raw.packages),
            dependencies: index(raw.dependencies),
        })
    }

    fn resolve(&self, query: &Query<'_>) -> Option<Version> {
        let nested = (!query.importer.is_empty())
            .then(|| format!("{}/node_modules/{}", query.importer, query.name));
        let hoisted = format!("node_modules/{}", query.name);
        nested
            .and_then(|key| self.packages.get(&key))
            .or_else(|| self.packages.get(&hoisted))
            .or_else(|| self.dependencies.get(query.name))
            .copied()
    }
}

// ---------------------------------------------------------------------------------------
// bun.lock

/// bun's text lockfile: `"packages": { "<path>": ["name@version", ...] }` where `<path>` is
/// the package name, or `<parent>/<name>` for a copy nested under a workspace or package.
#[derive(Debug, Default)]
pub struct BunLock {
    packages: HashMap<String, Version>,
}

impl BunLock {
    fn parse(text: &str) -> Option<BunLock> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            packages: LenientMap<FirstString>,
        }
        let json = strip_jsonc(text);
        let raw: Raw = serde_json::from_str(&json).ok()?;
        let packages = raw
            .packages
            .0
            .into_iter()
            .filter_map(|(key, ident)| {
                let ident = ident.0?;
                let (_, version) = split_name_version(&ident)?;
                // `npm:` never appears in idents, but `workspace:`, `github:`, `file:` do:
                // those do not parse as versions.
                Some((key, Version::parse(version)?))
            })
            .collect();
        Some(BunLock { packages })
    }

    fn resolve(&self, query: &Query<'_>) -> Option<Version> {
        // A workspace that needs a version other than the hoisted one gets
        // `<workspace name>/<name>`; the exact `<name>` key is the hoisted copy.
        let workspace_key = query
            .app_name
            .filter(|_| !query.importer.is_empty())
            .map(|app| format!("{app}/{}", query.name));
        workspace_key
            .and_then(|key| self.packages.get(&key))
            .or_else(|| self.packages.get(query.name))
            .copied()
    }
}

/// JSONC → JSON: drops `//` and `/* */` comments and trailing commas, outside strings.
/// Linear: each byte is looked at a bounded number of times.
pub fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            out.push(b);
            if b == b'\\' {
                if let Some(&next) = bytes.get(i + 1) {
                    out.push(next);
                    i += 1;
                }
            } else if b == b'"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                out.push(b);
                i += 1;
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/') | Some(b'*')) => {
                i = skip_comment(bytes, i);
            }
            b',' => {
                // A trailing comma: only whitespace and comments before `}` or `]`.
                let mut j = i + 1;
                loop {
                    match bytes.get(j) {
                        Some(c) if c.is_ascii_whitespace() => j += 1,
                        Some(b'/') if matches!(bytes.get(j + 1), Some(b'/') | Some(b'*')) => {
                            j = skip_comment(bytes, j);
                        }
                        _ => break,
                    }
                }
                if !matches!(bytes.get(j), Some(b'}') | Some(b']')) {
                    out.push(b',');
                }
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(json) => json,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// `bytes[start..]` begins a `//` or `/*` comment; returns the index just past it.
fn skip_comment(bytes: &[u8], start: usize) -> usize {
    if bytes.get(start + 1) == Some(&b'/') {
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(n) => start + n,
            None => bytes.len(),
        }
    } else {
        match bytes
            .get(start + 2..)
            .and_then(|rest| rest.windows(2).position(|w| w == b"*/"))
        {
            Some(n) => start + 2 + n + 2,
            None => bytes.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q<'a>(
        importer: &'a str,
        app_name: Option<&'a str>,
        name: &'a str,
        spec: &'a str,
    ) -> Query<'a> {
        Query {
            importer,
            app_name,
            name,
            spec,
        }
    }

    fn v(major: u64, minor: u64, patch: u64) -> Option<Version> {
        Some(Version::new(major, minor, patch))
    }

    const NPM_V3_WORKSPACE: &str = r#"{
  "name": "acme",
  "version": "0.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "acme",
      "workspaces": ["apps/*"],
      "devDependencies": { "turbo": "^2.3.0" }
    },
    "apps/admin": {
      "name": "admin",
      "version": "0.1.0",
      "dependencies": { "@clerk/nextjs": "^6.1.0", "next": "15.0.3" }
    },
    "apps/web": {
      "name": "web",
      "version": "0.1.0",
      "dependencies": { "@clerk/nextjs": "^5.7.0", "next": "14.2.18" }
    },
    "apps/web/node_modules/@clerk/nextjs": {
      "version": "5.7.5",
      "resolved": "https://registry.npmjs.org/@clerk/nextjs/-/nextjs-5.7.5.tgz",
      "integrity": "sha512-AAAA",
      "license": "MIT",
      "dependencies": { "@clerk/backend": "1.15.1", "@clerk/shared": "2.10.1" },
      "engines": { "node": ">=18.17.0" },
      "peerDependencies": { "next": "^13.5.4 || ^14.0.3 || ^15.0.0" }
    },
    "node_modules/@clerk/backend": {
      "version": "1.21.4",
      "resolved": "https://registry.npmjs.org/@clerk/backend/-/backend-1.21.4.tgz",
      "integrity": "sha512-BBBB",
      "license": "MIT"
    },
    "node_modules/@clerk/nextjs": {
      "version": "6.9.6",
      "resolved": "https://registry.npmjs.org/@clerk/nextjs/-/nextjs-6.9.6.tgz",
      "integrity": "sha512-CCCC",
      "license": "MIT"
    },
    "node_modules/admin": { "resolved": "apps/admin", "link": true },
    "node_modules/web": { "resolved": "apps/web", "link": true }
  }
}"#;

    #[test]
    fn npm_v3_workspace_prefers_the_nested_copy() {
        let lock = Lockfile::parse("package-lock.json", NPM_V3_WORKSPACE).unwrap();
        let nextjs = |importer| lock.resolve(&q(importer, None, "@clerk/nextjs", "^6.1.0"));
        assert_eq!(nextjs("apps/web"), v(5, 7, 5));
        assert_eq!(nextjs("apps/admin"), v(6, 9, 6));
        assert_eq!(nextjs(""), v(6, 9, 6));
        assert_eq!(
            lock.resolve(&q("apps/web", None, "@clerk/backend", "^1")),
            v(1, 21, 4)
        );
        assert_eq!(lock.resolve(&q("", None, "@clerk/express", "^1")), None);
        // Workspace links have no version.
        assert_eq!(lock.resolve(&q("", None, "web", "*")), None);
    }

    #[test]
    fn npm_v1_dependencies() {
        let text = r#"{
  "name": "legacy",
  "version": "1.0.0",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "@clerk/clerk-sdk-node": {
      "version": "4.13.23",
      "resolved": "https://registry.npmjs.org/@clerk/clerk-sdk-node/-/clerk-sdk-node-4.13.23.tgz",
      "integrity": "sha512-DDDD",
      "requires": { "@clerk/backend": "0.38.15" },
      "dependencies": {
        "@clerk/backend": { "version": "0.38.15", "resolved": "https://x", "integrity": "sha512-EEEE" }
      }
    },
    "clerk-alias": { "version": "npm:@clerk/clerk-react@4.30.3" },
    "from-git": { "version": "git+https://github.com/clerk/javascript.git#abcdef" }
  }
}"#;
        let lock = Lockfile::parse("npm-shrinkwrap.json", text).unwrap();
        assert_eq!(
            lock.resolve(&q("", None, "@clerk/clerk-sdk-node", "^4")),
            v(4, 13, 23)
        );
        assert_eq!(
            lock.resolve(&q("", None, "clerk-alias", "npm:@clerk/clerk-react@^4")),
            v(4, 30, 3)
        );
        assert_eq!(lock.resolve(&q("", None, "from-git", "github:x/y")), None);
        // Nested v1 dependencies are not hoisted copies.
        assert_eq!(lock.resolve(&q("", None, "@clerk/backend", "^0")), None);
    }

    #[test]
    fn npm_malformed_shapes_degrade() {
        for text in [
            "",
            "{",
            "[]",
            "null",
            r#"{"packages": "nope", "dependencies": [1, 2]}"#,
            r#"{"packages": {"node_modules/@clerk/nextjs": 5}}"#,
            r#"{"packages": {"node_modules/@clerk/nextjs": {"version": 6}}}"#,
            r#"{"packages": {"node_modules/@clerk/nextjs": {"version": "latest"}}}"#,
        ] {
            let resolved = Lockfile::parse("package-lock.json", text)
                .and_then(|lock| lock.resolve(&q("", None, "@clerk/nextjs", "^6")));
            assert_eq!(resolved, None, "{text:?}");
        }
        // One bad entry does not lose the others.
        let text = r#"{"packages": {"node_modules/a": [], "node_modules/@clerk/nextjs": {"version": "6.1.0", "version2": {}}}}"#;
        let lock = Lockfile::parse("package-lock.json", text).unwrap();
        assert_eq!(
            lock.resolve(&q("", None, "@clerk/nextjs", "^6")),
            v(6, 1, 0)
        );
    }

    const BUN_LOCK: &str = r#"{
  "lockfileVersion": 1,
  // bun writes JSONC: comments and trailing commas.
  "workspaces": {
    "": {
      "name": "acme",
      "devDependencies": {
        "turbo": "^2.3.0",
      },
    },
    "apps/web": {
      "name": "web",
      "dependencies": {
        "@clerk/nextjs": "^5.7.0",
      },
    },
    "apps/admin": {
      "name": "admin",
      "dependencies": {
        "@clerk/nextjs": "^6.1.0",
        "@clerk/themes": "github:clerk/themes",
      },
    },
  },
  "packages": {
    "@clerk/backend": ["@clerk/backend@1.21.4", "", { "dependencies": { "@clerk/shared": "2.20.1", "cookie": "1.0.2" } }, "sha512-FFFF"],

    "@clerk/nextjs": ["@clerk/nextjs@6.9.6", "", { "dependencies": { "@clerk/backend": "1.21.4" }, "peerDependencies": { "next": "^13.5.4 || ^14.0.3 || ^15.0.0", "react": "^18 || ^19.0.0-0" } }, "sha512-GGGG"],

    "@clerk/themes": ["@clerk/themes@github:clerk/themes#0123abc", {}, "clerk-themes-0123abc"],

    "admin": ["admin@workspace:apps/admin"],

    "web": ["web@workspace:apps/web"],

    /* the copy web needs */
    "web/@clerk/nextjs": ["@clerk/nextjs@5.7.5", "", { "dependencies": { "@clerk/backend": "1.15.1" } }, "sha512-HHHH"],

    "@clerk/nextjs/@clerk/backend": ["@clerk/backend@1.15.1", "", {}, "sha512-IIII"],
  }
}
"#;

    #[test]
    fn bun_lock_prefers_the_workspace_copy_then_the_exact_key() {
        let lock = Lockfile::parse("bun.lock", BUN_LOCK).unwrap();
        let resolve = |importer, app, name| lock.resolve(&q(importer, app, name, "^1"));
        assert_eq!(
            resolve("apps/web", Some("web"), "@clerk/nextjs"),
            v(5, 7, 5)
        );
        assert_eq!(
            resolve("apps/admin", Some("admin"), "@clerk/nextjs"),
            v(6, 9, 6)
        );
        assert_eq!(resolve("apps/web", None, "@clerk/nextjs"), v(6, 9, 6));
        assert_eq!(resolve("", Some("web"), "@clerk/nextjs"), v(6, 9, 6));
        // The exact key, not a copy nested under another package.
        assert_eq!(
            resolve("apps/web", Some("web"), "@clerk/backend"),
            v(1, 21, 4)
        );
        assert_eq!(resolve("apps/admin", Some("admin"), "@clerk/themes"), None);
        assert_eq!(resolve("", None, "web"), None);
    }

    #[test]
    fn bun_lock_malformed_degrades() {
        for text in [
            "",
            "{",
            "{\"packages\": 3}",
            "{\"packages\": {\"@clerk/nextjs\": [1]}}",
            "/* open",
        ] {
            let resolved = Lockfile::parse("bun.lock", text)
                .and_then(|lock| lock.resolve(&q("", None, "@clerk/nextjs", "^6")));
            assert_eq!(resolved, None, "{text:?}");
        }
    }

    #[test]
    fn strips_jsonc() {
        let cases = [
            (r#"{"a": 1,}"#, r#"{"a": 1}"#),
            ("[1, 2, ]", "[1, 2 ]"),
            ("{\"a\": [1,\n // c\n],\n}", "{\"a\": [1\n \n]\n}"),
            (
                r#"{"a": "x,}", "b": "//no", "c": "\",]"}"#,
                r#"{"a": "x,}", "b": "//no", "c": "\",]"}"#,
            ),
            ("{/* c, */\"a\": 1 /* , */ , /**/ }", "{\"a\": 1    }"),
            ("// only a comment", ""),
            ("\"unterminated \\", "\"unterminated \\"),
            ("{\"é\": \"ü\",}", "{\"é\": \"ü\"}"),
        ];
        for (input, expected) in cases {
            assert_eq!(strip_jsonc(input), expected, "{input:?}");
        }
    }

    #[test]
    fn truncated_lockfiles_never_panic() {
        for (name, text) in [
            ("package-lock.json", NPM_V3_WORKSPACE),
            ("bun.lock", BUN_LOCK),
        ] {
            for end in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                if let Some(lock) = Lockfile::parse(name, &text[..end]) {
                    let _ = lock.resolve(&q("apps/web", Some("web"), "@clerk/nextjs", "^5"));
                }
            }
        }
    }

    #[test]
    fn finds_the_nearest_lockfile_and_stops_at_git() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("repo/.git")).unwrap();
        fs::create_dir_all(root.join("repo/apps/web/src")).unwrap();
        fs::create_dir_all(root.join("repo/tools/x")).unwrap();
        fs::write(root.join("package-lock.json"), "{}").unwrap();
        fs::write(root.join("package.json"), "{}").unwrap();
        fs::write(root.join("repo/package.json"), "{}").unwrap();
        fs::write(root.join("repo/pnpm-lock.yaml"), "").unwrap();
        fs::write(root.join("repo/package-lock.json"), "{}").unwrap();
        fs::write(root.join("repo/tools/x/yarn.lock"), "").unwrap();

        let found = find(&root.join("repo/apps/web/src"), None).unwrap();
        assert_eq!(found.dir, fs::canonicalize(root.join("repo")).unwrap());
        assert_eq!(found.levels_up, 3);
        assert_eq!(found.importer, "apps/web/src");
        assert_eq!(found.names, ["pnpm-lock.yaml", "package-lock.json"]);

        let npm_first = find(&root.join("repo/apps/web"), Some("npm@10.9.0")).unwrap();
        assert_eq!(npm_first.names, ["package-lock.json", "pnpm-lock.yaml"]);

        let here = find(&root.join("repo/tools/x"), None).unwrap();
        assert_eq!((here.levels_up, here.importer.as_str()), (0, ""));
        assert_eq!(here.names, ["yarn.lock"]);

        // `.git` ends the walk: the lockfile above the repository is not used.
        fs::remove_file(root.join("repo/pnpm-lock.yaml")).unwrap();
        fs::remove_file(root.join("repo/package-lock.json")).unwrap();
        assert_eq!(find(&root.join("repo/apps/web"), None), None);
        fs::remove_dir(root.join("repo/.git")).unwrap();
        let above = find(&root.join("repo/apps/web"), None).unwrap();
        assert_eq!(
            (above.levels_up, above.importer.as_str()),
            (3, "repo/apps/web")
        );
        // A lockfile without a package.json beside it is not a project root's: skipped.
        fs::remove_file(root.join("package.json")).unwrap();
        assert_eq!(find(&root.join("repo/apps/web"), None), None);
    }

    #[test]
    fn package_manager_of_the_lockfile_dir_orders_names() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::write(
            root.join("package.json"),
            r#"{"packageManager": "yarn@4.5.0"}"#,
        )
        .unwrap();
        fs::write(root.join("yarn.lock"), "").unwrap();
        fs::write(root.join("package-lock.json"), "{}").unwrap();
        fs::write(root.join("bun.lock"), "{}").unwrap();
        let found = find(root, None).unwrap();
        assert_eq!(found.names, ["yarn.lock", "bun.lock", "package-lock.json"]);
    }

    #[test]
    fn cache_parses_each_lockfile_once() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("package-lock.json");
        fs::write(&path, NPM_V3_WORKSPACE).unwrap();
        let mut cache = Cache::default();
        assert!(cache.get(&path).is_some());
        fs::write(&path, "not json").unwrap();
        assert!(cache.get(&path).is_some(), "served from the cache");
        assert_eq!(cache.len(), 1);
        assert!(cache.get(&tmp.path().join("yarn.lock")).is_none());
        assert_eq!(cache.len(), 2);
    }
}
