//! `pnpm-lock.yaml` (lockfile v5.x, v6, v9) with a small indentation-aware line parser.
//!
//! Only block mappings are tracked (pnpm writes nothing else at the levels read here):
//! each `key: value` / `key:` line is placed under the nearest less-indented key. What is
//! kept:
//!
//! - `importers.<path>.(dev|optional)?[dD]ependencies.<name>`: `4.29.1_react@18.2.0` (v5) or
//!   `{specifier, version: 6.1.0(react@18.2.0)}` (v6, v9);
//! - the same blocks at the top level for single-project v5 / v6 lockfiles (stored as
//!   importer `.`);
//! - `packages.<key>` keys: `/@clerk/nextjs/4.29.1` (v5), `/@clerk/nextjs@6.1.0(..)` (v6),
//!   `'@clerk/nextjs@6.1.0'` (v9), for the highest version of each package.

use std::borrow::Cow;
use std::collections::HashMap;

use super::Version;
use super::lockfile::{Query, split_name_version};

#[derive(Debug, Default)]
pub struct PnpmLock {
    /// Importer path (`.`, `apps/web`) → direct dependency name → resolved version.
    importers: HashMap<String, HashMap<String, Version>>,
    /// Package name → the highest version under `packages:`.
    packages: HashMap<String, Version>,
}

const DEP_SECTIONS: [&str; 3] = ["dependencies", "devDependencies", "optionalDependencies"];

impl PnpmLock {
    pub fn parse(text: &str) -> PnpmLock {
        let mut lock = PnpmLock::default();
        // (indent, key) of the enclosing mappings.
        let mut stack: Vec<(usize, Cow<'_, str>)> = Vec::new();
        for line in text.lines() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with("---") || line.starts_with("...") {
                // A new YAML document (pnpm 10 prepends one for its own env lockfile).
                stack.clear();
                continue;
            }
            let indent = line.len() - line.trim_start_matches(' ').len();
            let content = &line[indent..];
            if content.is_empty() || content.starts_with('#') || content.starts_with('-') {
                continue;
            }
            let Some((key, value)) = split_key_value(content) else {
                continue;
            };
            while stack.last().is_some_and(|(i, _)| *i >= indent) {
                stack.pop();
            }
            lock.record(&stack, &key, value);
            stack.push((indent, key));
        }
        lock
    }

    fn record(&mut self, stack: &[(usize, Cow<'_, str>)], key: &str, value: &str) {
        let path: Vec<&str> = stack.iter().map(|(_, k)| k.as_ref()).collect();
        match path.as_slice() {
            // v5: `'@clerk/nextjs': 4.29.1_react@18.2.0` under an importer or at the top.
            ["importers", importer, section] if DEP_SECTIONS.contains(section) => {
                self.importer_dep(importer, key, value);
            }
            [section] if DEP_SECTIONS.contains(section) => self.importer_dep(".", key, value),
            // v6 / v9: `version: 6.1.0(react@18.2.0)` under the dependency.
            ["importers", importer, section, name]
                if key == "version" && DEP_SECTIONS.contains(section) =>
            {
                self.importer_dep(importer, name, value);
            }
            [section, name] if key == "version" && DEP_SECTIONS.contains(section) => {
                self.importer_dep(".", name, value);
            }
            ["packages"] => {
                if let Some((name, version)) = package_key(key) {
                    let highest = self.packages.entry(name.to_owned()).or_insert(version);
                    *highest = (*highest).max(version);
                }
            }
            _ => {}
        }
    }

    fn importer_dep(&mut self, importer: &str, name: &str, value: &str) {
        let Some(version) = dependency_version(&scalar(value)) else {
            return;
        };
        self.importers
            .entry(importer.to_owned())
            .or_default()
            .entry(name.to_owned())
            .or_insert(version);
    }

    pub fn resolve(&self, query: &Query<'_>) -> Option<Version> {
        let importer = if query.importer.is_empty() {
            "."
        } else {
            query.importer
        };
        self.importers
            .get(importer)
            .and_then(|deps| deps.get(query.name))
            .or_else(|| self.packages.get(query.name))
            .copied()
    }
}

/// An importer's resolved version: `6.1.0`, `6.1.0(react@18.2.0)` (v6+), `4.29.1_react@18.2.0`
/// (v5), or for an alias the package key it points at (`/@clerk/nextjs@6.1.0`,
/// `@clerk/nextjs@6.1.0`, `/@clerk/nextjs/4.29.1`). `link:` and `file:` give `None`.
fn dependency_version(value: &str) -> Option<Version> {
    if value.starts_with("link:") || value.starts_with("file:") {
        return None;
    }
    Version::parse(strip_peer_suffix(value)).or_else(|| package_key(value).map(|(_, v)| v))
}

/// `6.1.0(react@18.2.0)` → `6.1.0`; `4.29.1_react@18.2.0` → `4.29.1`.
fn strip_peer_suffix(version: &str) -> &str {
    match version.find(['(', '_']) {
        Some(i) => &version[..i],
        None => version,
    }
}

/// A `packages:` key → (name, version): `/@clerk/nextjs/4.29.1_react@18.2.0` (v5),
/// `/@clerk/nextjs@6.1.0(next@15.0.3)` (v6), `@clerk/nextjs@6.1.0` (v9),
/// `gatsby-plugin-clerk@5.0.0`. Keys of tarballs, git and registry-prefixed entries give `None`.
fn package_key(key: &str) -> Option<(&str, Version)> {
    let key = key.strip_prefix('/').unwrap_or(key);
    // v6 / v9 `name@version`; the peer suffix may itself hold `@` and `/`, so split before it.
    let before_peers = match key.find('(') {
        Some(i) => &key[..i],
        None => key,
    };
    if let Some((name, version)) = split_name_version(before_peers) {
        // A v5 key with a peer suffix (`/@clerk/nextjs/4.29.1_react@18.2.0`) splits too, but
        // its "name" holds a `/` too many.
        if let Some(version) = Version::parse(strip_peer_suffix(version))
            && valid_name(name)
        {
            return Some((name, version));
        }
    }
    // v5 `name/version_peers`: the name is `@scope/name` or `name`.
    let name_len = if key.starts_with('@') {
        let slash = key.find('/')?;
        slash + 1 + key[slash + 1..].find('/')?
    } else {
        key.find('/')?
    };
    let name = &key[..name_len];
    let version = Version::parse(strip_peer_suffix(&key[name_len + 1..]))?;
    valid_name(name).then_some((name, version))
}

fn valid_name(name: &str) -> bool {
    let bare = match name.strip_prefix('@') {
        Some(scoped) => match scoped.split_once('/') {
            Some((scope, rest)) if !scope.is_empty() => rest,
            _ => return false,
        },
        None => name,
    };
    !bare.is_empty() && !bare.contains(['/', '@', ':'])
}

/// `key: value`, `key:`, `'quoted key': value`, `"quoted key":` → (key, raw value).
fn split_key_value(content: &str) -> Option<(Cow<'_, str>, &str)> {
    let (key, rest) = match content.as_bytes().first()? {
        b'\'' => {
            let (key, len) = single_quoted(content)?;
            (key, &content[len..])
        }
        b'"' => {
            let (key, len) = double_quoted(content)?;
            (key, &content[len..])
        }
        _ => {
            let end = match content.find(": ") {
                Some(i) => i,
                None => content.strip_suffix(':')?.len(),
            };
            (Cow::Borrowed(content[..end].trim_end()), &content[end..])
        }
    };
    let value = rest.trim_start().strip_prefix(':')?;
    if !value.is_empty() && !value.starts_with([' ', '\t']) {
        return None;
    }
    Some((key, value.trim()))
}

/// A single-quoted YAML scalar at the start of `text` (`''` is a quote) and its length.
fn single_quoted(text: &str) -> Option<(Cow<'_, str>, usize)> {
    let body = &text[1..];
    let mut owned: Option<String> = None;
    let mut i = 0;
    loop {
        let j = i + body[i..].find('\'')?;
        if body[j + 1..].starts_with('\'') {
            owned.get_or_insert_with(String::new).push_str(&body[i..=j]);
            i = j + 2;
        } else {
            let value = match owned {
                Some(mut s) => {
                    s.push_str(&body[i..j]);
                    Cow::Owned(s)
                }
                None => Cow::Borrowed(&body[..j]),
            };
            return Some((value, j + 2));
        }
    }
}

/// A double-quoted YAML scalar at the start of `text` (simple escapes) and its length.
fn double_quoted(text: &str) -> Option<(Cow<'_, str>, usize)> {
    let body = &text[1..];
    let end = {
        let bytes = body.as_bytes();
        let mut i = 0;
        loop {
            match bytes.get(i)? {
                b'\\' => i += 2,
                b'"' => break i,
                _ => i += 1,
            }
        }
    };
    let raw = &body[..end];
    let value = if raw.contains('\\') {
        let mut out = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(raw)
    };
    Some((value, end + 2))
}

/// A plain or quoted scalar value, without a trailing `# comment`.
fn scalar(value: &str) -> Cow<'_, str> {
    match value.as_bytes().first() {
        Some(b'\'') => single_quoted(value).map_or(Cow::Borrowed(""), |(v, _)| v),
        Some(b'"') => double_quoted(value).map_or(Cow::Borrowed(""), |(v, _)| v),
        _ => Cow::Borrowed(match value.find(" #") {
            Some(i) => value[..i].trim_end(),
            None => value,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::lockfile::Lockfile;

    fn resolve(text: &str, importer: &str, name: &str) -> Option<Version> {
        let lock = Lockfile::parse("pnpm-lock.yaml", text).unwrap();
        lock.resolve(&Query {
            importer,
            app_name: None,
            name,
            spec: "^1",
        })
    }

    fn v(major: u64, minor: u64, patch: u64) -> Option<Version> {
        Some(Version::new(major, minor, patch))
    }

    const PNPM_V9_MONOREPO: &str = "lockfileVersion: '9.0'

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
      clerk-fork:
        specifier: npm:@clerk/clerk-react@^4.30.0
        version: '@clerk/clerk-react@4.30.3(react@18.3.1)'
    devDependencies:
      '@clerk/testing':
        specifier: ^1.3.40
        version: 1.3.40(@playwright/test@1.49.1)

  packages/ui:
    dependencies:
      react:
        specifier: ^19.0.0
        version: 19.0.0

packages:

  '@clerk/backend@1.15.1':
    resolution: {integrity: sha512-AAAA}
    engines: {node: '>=18.17.0'}

  '@clerk/backend@1.21.4':
    resolution: {integrity: sha512-BBBB}
    engines: {node: '>=18.17.0'}

  '@clerk/clerk-react@4.30.3':
    resolution: {integrity: sha512-CCCC}
    engines: {node: '>=14'}
    peerDependencies:
      react: '>=16'

  '@clerk/nextjs@5.7.5':
    resolution: {integrity: sha512-DDDD}
    engines: {node: '>=18.17.0'}
    peerDependencies:
      next: ^13.5.4 || ^14.0.3 || ^15.0.0
      react: ^18 || ^19.0.0-0
      react-dom: ^18 || ^19.0.0-0

  '@clerk/nextjs@6.9.6':
    resolution: {integrity: sha512-EEEE}
    engines: {node: '>=18.17.0'}

  '@clerk/shared@2.10.1':
    resolution: {integrity: sha512-FFFF}

  '@clerk/shared@2.20.1':
    resolution: {integrity: sha512-GGGG}

  gatsby-plugin-clerk@5.0.0-beta.45:
    resolution: {integrity: sha512-HHHH}

  turbo@2.3.3:
    resolution: {integrity: sha512-IIII}
    hasBin: true

snapshots:

  '@clerk/backend@1.21.4(react-dom@19.0.0(react@19.0.0))(react@19.0.0)':
    dependencies:
      '@clerk/shared': 2.20.1(react-dom@19.0.0(react@19.0.0))(react@19.0.0)

  '@clerk/shared@9.9.9': {}
";

    #[test]
    fn v9_importers() {
        let text = PNPM_V9_MONOREPO;
        assert_eq!(resolve(text, "apps/web", "@clerk/nextjs"), v(5, 7, 5));
        assert_eq!(resolve(text, "apps/admin", "@clerk/nextjs"), v(6, 9, 6));
        assert_eq!(resolve(text, "apps/admin", "@clerk/backend"), v(1, 21, 4));
        assert_eq!(resolve(text, "apps/web", "@clerk/testing"), v(1, 3, 40));
        assert_eq!(resolve(text, "apps/web", "clerk-fork"), v(4, 30, 3));
        // Not a direct dependency of the importer, or an unknown importer: the highest
        // version under `packages:` (not `snapshots:`).
        assert_eq!(resolve(text, "apps/web", "@clerk/backend"), v(1, 21, 4));
        assert_eq!(resolve(text, "", "@clerk/nextjs"), v(6, 9, 6));
        assert_eq!(resolve(text, "apps/other", "@clerk/shared"), v(2, 20, 1));
        assert_eq!(resolve(text, "", "gatsby-plugin-clerk"), v(5, 0, 0));
        assert_eq!(resolve(text, "apps/admin", "ui"), None);
        assert_eq!(resolve(text, ".", "turbo"), v(2, 3, 3));
        assert_eq!(resolve(text, "", "turbo"), v(2, 3, 3));
        assert_eq!(resolve(text, "", "@clerk/express"), None);
    }

    #[test]
    fn v6_importers_and_packages() {
        let text = "lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    devDependencies:
      prettier:
        specifier: ^3.0.0
        version: 3.0.3

  apps/web:
    dependencies:
      '@clerk/nextjs':
        specifier: ^4.29.1
        version: 4.29.1(next@14.0.4)(react-dom@18.2.0)(react@18.2.0)
      clerk-alias:
        specifier: npm:@clerk/clerk-react@4.30.3
        version: /@clerk/clerk-react@4.30.3(react@18.2.0)

packages:

  /@clerk/backend@0.38.3:
    resolution: {integrity: sha512-AAAA}
    engines: {node: '>=14'}
    dependencies:
      '@clerk/shared': 1.3.3(react@18.2.0)
    dev: false

  /@clerk/nextjs@4.29.1(next@14.0.4)(react-dom@18.2.0)(react@18.2.0):
    resolution: {integrity: sha512-BBBB}
    engines: {node: '>=14'}
    peerDependencies:
      next: '>=10'
    dependencies:
      '@clerk/backend': 0.38.3
    dev: false
";
        assert_eq!(resolve(text, "apps/web", "@clerk/nextjs"), v(4, 29, 1));
        assert_eq!(resolve(text, "apps/web", "clerk-alias"), v(4, 30, 3));
        assert_eq!(resolve(text, "apps/web", "@clerk/backend"), v(0, 38, 3));
    }

    #[test]
    fn v6_single_project() {
        let text = "lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

dependencies:
  '@clerk/clerk-react':
    specifier: ^4.30.3
    version: 4.30.3(react@18.2.0)
  react:
    specifier: ^18.2.0
    version: 18.2.0

devDependencies:
  '@clerk/types':
    specifier: ^3.60.0
    version: 3.60.0

packages:

  /@clerk/clerk-react@4.30.3(react@18.2.0):
    resolution: {integrity: sha512-AAAA}

  /@clerk/clerk-react@4.31.0(react@18.2.0):
    resolution: {integrity: sha512-BBBB}
";
        assert_eq!(resolve(text, "", "@clerk/clerk-react"), v(4, 30, 3));
        assert_eq!(resolve(text, "", "@clerk/types"), v(3, 60, 0));
        assert_eq!(resolve(text, "", "react"), v(18, 2, 0));
    }

    #[test]
    fn v5_single_project_and_importers() {
        let single = "lockfileVersion: 5.4

specifiers:
  '@clerk/nextjs': ^4.29.1
  next: 13.4.19

dependencies:
  '@clerk/nextjs': 4.29.1_biqbaboplfbrettd7655fr4n2y
  next: 13.4.19_biqbaboplfbrettd7655fr4n2y

packages:

  /@clerk/nextjs/4.29.1_biqbaboplfbrettd7655fr4n2y:
    resolution: {integrity: sha512-AAAA}
    engines: {node: '>=14'}
    peerDependencies:
      next: '>=10'
    dependencies:
      '@clerk/backend': 0.38.3
    dev: false

  /@clerk/backend/0.38.3:
    resolution: {integrity: sha512-BBBB}
    dev: false

  /@clerk/backend/0.37.1_react@18.2.0:
    resolution: {integrity: sha512-CCCC}
    dev: false

  /gatsby-plugin-clerk/4.4.3_react@18.2.0:
    resolution: {integrity: sha512-DDDD}
";
        assert_eq!(resolve(single, "", "@clerk/nextjs"), v(4, 29, 1));
        assert_eq!(resolve(single, "", "@clerk/backend"), v(0, 38, 3));
        assert_eq!(resolve(single, "", "gatsby-plugin-clerk"), v(4, 4, 3));

        let monorepo = "lockfileVersion: 5.4

importers:

  .:
    specifiers:
      typescript: ^5.0.0
    devDependencies:
      typescript: 5.0.4

  apps/web:
    specifiers:
      '@clerk/nextjs': ^4.23.0
    dependencies:
      '@clerk/nextjs': 4.23.2_react-dom@18.2.0+react@18.2.0

packages:

  /@clerk/nextjs/4.29.1:
    resolution: {integrity: sha512-AAAA}
";
        assert_eq!(resolve(monorepo, "apps/web", "@clerk/nextjs"), v(4, 23, 2));
        assert_eq!(resolve(monorepo, "", "@clerk/nextjs"), v(4, 29, 1));
    }

    #[test]
    fn package_keys() {
        let cases: &[(&str, Option<(&str, Version)>)] = &[
            (
                "/@clerk/nextjs@6.1.0",
                Some(("@clerk/nextjs", Version::new(6, 1, 0))),
            ),
            (
                "/@clerk/nextjs/4.29.1",
                Some(("@clerk/nextjs", Version::new(4, 29, 1))),
            ),
            (
                "@clerk/nextjs@6.1.0",
                Some(("@clerk/nextjs", Version::new(6, 1, 0))),
            ),
            (
                "/@clerk/nextjs@6.1.0(next@15.0.3(react@19.0.0))(react@19.0.0)",
                Some(("@clerk/nextjs", Version::new(6, 1, 0))),
            ),
            (
                "/@clerk/nextjs/4.29.1_@types+react@18.2.0+react@18.2.0",
                Some(("@clerk/nextjs", Version::new(4, 29, 1))),
            ),
            (
                "gatsby-plugin-clerk@5.0.0",
                Some(("gatsby-plugin-clerk", Version::new(5, 0, 0))),
            ),
            (
                "/vue-clerk/0.9.1",
                Some(("vue-clerk", Version::new(0, 9, 1))),
            ),
            (
                "@clerk/nextjs@https://codeload.github.com/clerk/x/tar.gz/abc",
                None,
            ),
            ("registry.npmjs.org/@clerk/nextjs/4.29.1", None),
            ("/@clerk/nextjs", None),
            ("@clerk", None),
            ("@", None),
            ("/", None),
            ("", None),
        ];
        for (key, expected) in cases {
            assert_eq!(package_key(key), *expected, "{key:?}");
        }
    }

    #[test]
    fn key_value_lines() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("importers:", Some(("importers", ""))),
            ("'@clerk/nextjs': 4.29.1", Some(("@clerk/nextjs", "4.29.1"))),
            ("'it''s':", Some(("it's", ""))),
            (
                "\"@clerk/nextjs@6.1.0\":",
                Some(("@clerk/nextjs@6.1.0", "")),
            ),
            ("\"a\\\"b\": x", Some(("a\"b", "x"))),
            (
                "resolution: {integrity: sha512-x}",
                Some(("resolution", "{integrity: sha512-x}")),
            ),
            (
                "/@clerk/nextjs@6.1.0(react@18.2.0):",
                Some(("/@clerk/nextjs@6.1.0(react@18.2.0)", "")),
            ),
            (
                "version: 6.1.0(react@18.2.0)",
                Some(("version", "6.1.0(react@18.2.0)")),
            ),
            ("no colon here", None),
            ("'unterminated: x", None),
            ("\"unterminated\\", None),
            ("'a'b: c", None),
            ("url:http://x", None),
        ];
        for (line, expected) in cases {
            let got = split_key_value(line);
            let got = got.as_ref().map(|(k, v)| (k.as_ref(), *v));
            assert_eq!(got, *expected, "{line:?}");
        }
        assert_eq!(scalar("'6.0'"), "6.0");
        assert_eq!(scalar("6.1.0 # pinned"), "6.1.0");
        assert_eq!(scalar("'catalog:'"), "catalog:");
    }

    #[test]
    fn multi_document_and_crlf() {
        let text = "---\r\nlockfileVersion: '9.0'\r\n\r\nimporters:\r\n\r\n  .:\r\n    configDependencies: {}\r\n    packageManagerDependencies:\r\n      pnpm:\r\n        specifier: 10.0.0\r\n        version: 10.0.0\r\n\r\n---\r\nlockfileVersion: '9.0'\r\n\r\nimporters:\r\n\r\n  .:\r\n    dependencies:\r\n      '@clerk/astro':\r\n        specifier: ^2.1.0\r\n        version: 2.1.7(astro@5.1.1)\r\n";
        assert_eq!(resolve(text, "", "@clerk/astro"), v(2, 1, 7));
        assert_eq!(resolve(text, "", "pnpm"), None);
    }

    #[test]
    fn malformed_text_never_panics() {
        let samples = [
            PNPM_V9_MONOREPO,
            "importers:\n  .:\n    dependencies:\n      '@clerk/nextjs':\n        version: '",
            "\u{feff}é: ü\n  'ß\n\t\t- x\n:\n: :\n'':\n\"\":\n",
        ];
        for text in samples {
            for end in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let lock = PnpmLock::parse(&text[..end]);
                let _ = lock.resolve(&Query {
                    importer: "apps/web",
                    app_name: None,
                    name: "@clerk/nextjs",
                    spec: "^5",
                });
            }
        }
    }

    #[test]
    fn large_lockfile_is_linear() {
        let mut text =
            String::from("lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n");
        for i in 0..20_000 {
            text.push_str(&format!(
                "      pkg-{i}:\n        specifier: ^1.0.0\n        version: 1.0.{i}(react@18.3.1)\n"
            ));
        }
        text.push_str("\npackages:\n\n");
        for i in 0..20_000 {
            text.push_str(&format!(
                "  pkg-{i}@1.0.{i}:\n    resolution: {{integrity: sha512-{i}}}\n    engines: {{node: '>=18'}}\n\n"
            ));
        }
        let start = std::time::Instant::now();
        let lock = PnpmLock::parse(&text);
        assert!(start.elapsed().as_secs() < 10);
        assert_eq!(lock.importers["."].len(), 20_000);
        assert_eq!(lock.packages.len(), 20_000);
        assert_eq!(resolve(&text, "", "pkg-19999"), v(1, 0, 19999));
    }
}
