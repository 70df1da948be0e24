//! `clerk-lint.toml`: rule selection and severities, public routes, extra auth helpers and
//! file excludes. The nearest config above a file governs it (a monorepo can keep one per
//! app); `--config FILE` names one config for everything; `--isolated` ignores config files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::pattern::RoutePattern;
use crate::rules;

/// File names a config may have, in order of preference.
pub const CONFIG_NAMES: &[&str] = &["clerk-lint.toml", ".clerk-lint.toml"];

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    #[serde(default)]
    pub rules: RulesSection,
    #[serde(default)]
    pub routes: RoutesSection,
    #[serde(default)]
    pub files: FilesSection,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesSection {
    /// Run only these rules (default: all).
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Per-rule severity: `error`, `warning` or `info`.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// `[rules.route-matcher-wildcard]`: that rule's options.
    #[serde(default)]
    pub route_matcher_wildcard: RouteMatcherWildcardOptions,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RouteMatcherWildcardOptions {
    /// Report every `(.*)` pattern after a name, not only those that open a sibling route.
    #[serde(default)]
    pub pattern_only: bool,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RoutesSection {
    /// Endpoints public on purpose (`missing-auth` and `unchecked-auth` do not report them):
    /// URLs in createRouteMatcher syntax, optionally with a method (`POST /api/contact`), tRPC
    /// procedures by name (`post.getAll`), server actions by file and name
    /// (`app/actions.ts#subscribe`).
    #[serde(default)]
    pub public: Vec<String>,
    /// Project functions that count as authentication when an endpoint calls them.
    #[serde(default)]
    pub auth_helpers: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FilesSection {
    /// Globs, relative to the config's directory, of files never checked.
    #[serde(default)]
    pub exclude: Vec<String>,
    pub max_file_size: Option<String>,
}

/// One `[routes] public` entry.
#[derive(Debug)]
pub enum PublicEntry {
    /// A URL pattern, for one method or (`None`) every method.
    Url(Option<String>, RoutePattern),
    /// An endpoint called by name: a tRPC procedure (`post.getAll`).
    Name(String),
    /// An endpoint called by id in a file: a server action (`app/actions.ts#subscribe`), the
    /// path relative to the config's directory or to the app root.
    Action { file: String, name: String },
}

impl PublicEntry {
    fn parse(entry: &str) -> Result<PublicEntry, String> {
        let entry = entry.trim();
        if let Some((file, name)) = entry.rsplit_once('#') {
            let file = file.trim_start_matches("./");
            if file.is_empty() || name.is_empty() {
                return Err("write a server action as `path/to/actions.ts#name`".into());
            }
            return Ok(PublicEntry::Action {
                file: file.to_string(),
                name: name.to_string(),
            });
        }
        // `POST /api/contact` makes one method public; `/api/health` every method.
        let (method, pattern) = match entry.split_once(' ') {
            Some((m, p)) if m.chars().all(|c| c.is_ascii_uppercase()) => {
                (Some(m.to_string()), p.trim())
            }
            _ => (None, entry),
        };
        if pattern.starts_with('/') {
            return RoutePattern::clerk(pattern).map(|p| PublicEntry::Url(method, p));
        }
        let name_like = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.');
        if method.is_none() && !entry.is_empty() && entry.chars().all(name_like) {
            return Ok(PublicEntry::Name(entry.to_string()));
        }
        Err("use a URL (`/api/health`, `POST /api/contact`), a tRPC procedure (`post.getAll`) or a server action (`app/actions.ts#subscribe`)".into())
    }
}

/// The largest config file read (bytes).
pub const MAX_CONFIG_SIZE: u64 = 1024 * 1024;

/// A loaded, validated config.
#[derive(Debug)]
pub struct Config {
    /// The config file (as found).
    pub path: PathBuf,
    /// Its directory, canonical: globs and scope are relative to it.
    pub dir: PathBuf,
    pub file: ConfigFile,
    /// `[routes] public`, parsed, in the file's order (each with its text).
    pub public: Vec<(String, PublicEntry)>,
    pub exclude: GlobSet,
    pub severity: BTreeMap<String, Severity>,
    pub max_file_size: Option<u64>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, String> {
        let shown = path.display();
        let text = crate::fsio::read_text(path, MAX_CONFIG_SIZE)
            .map_err(|e| format!("cannot read `{shown}`: {e}"))?;
        // The error names the place, never quotes the line: a config pointed at a `.env`
        // must not echo its secrets.
        let file: ConfigFile = toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                    format!(" at line {line}, column {col}")
                })
                .unwrap_or_default();
            format!(
                "{shown}: invalid TOML{at}: {}",
                e.message().trim().replace('\n', " ")
            )
        })?;
        let known = |id: &str| rules::by_id(id).is_some();
        for id in file
            .rules
            .select
            .iter()
            .flatten()
            .chain(&file.rules.ignore)
            .chain(file.rules.severity.keys())
        {
            if !known(id) {
                return Err(format!("{shown}: unknown rule `{id}`"));
            }
        }
        let mut severity = BTreeMap::new();
        for (id, s) in &file.rules.severity {
            let sev = match s.as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "info" => Severity::Info,
                other => {
                    return Err(format!(
                        "{shown}: invalid severity `{other}` for `{id}` (use error, warning or info)"
                    ));
                }
            };
            severity.insert(id.clone(), sev);
        }
        let public = file
            .routes
            .public
            .iter()
            .map(|entry| {
                PublicEntry::parse(entry)
                    .map(|p| (entry.clone(), p))
                    .map_err(|e| format!("{shown}: routes.public `{entry}`: {e}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut globs = GlobSetBuilder::new();
        for g in &file.files.exclude {
            globs.add(Glob::new(g).map_err(|e| format!("{shown}: files.exclude `{g}`: {e}"))?);
            // `legacy/**` should also exclude the directory's files when given as `legacy`.
            if !g.contains('*') {
                let dir = format!("{}/**", g.trim_end_matches('/'));
                globs.add(
                    Glob::new(&dir).map_err(|e| format!("{shown}: files.exclude `{g}`: {e}"))?,
                );
            }
        }
        let exclude = globs
            .build()
            .map_err(|e| format!("{shown}: files.exclude: {e}"))?;
        let max_file_size = match &file.files.max_file_size {
            Some(s) => Some(
                crate::fsio::parse_size(s)
                    .map_err(|e| format!("{shown}: files.max-file-size: {e}"))?,
            ),
            None => None,
        };
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Config {
            path: path.to_path_buf(),
            dir,
            file,
            public,
            exclude,
            severity,
            max_file_size,
        })
    }

    /// Whether this config enables `rule` (before command-line overrides).
    pub fn enables(&self, rule: &str) -> bool {
        let selected = match &self.file.rules.select {
            Some(list) => list.iter().any(|r| r == rule),
            None => true,
        };
        selected && !self.file.rules.ignore.iter().any(|r| r == rule)
    }

    /// Whether `abs` (canonical) is excluded by `files.exclude`.
    pub fn excludes(&self, abs: &Path) -> bool {
        match abs.strip_prefix(&self.dir) {
            Ok(rel) => self.exclude.is_match(rel),
            Err(_) => false,
        }
    }

    /// Whether an endpoint (`method`, and concrete samples of its URL) is public on purpose.
    pub fn is_public(&self, method: &str, url_samples: &[String]) -> bool {
        !self.public_url_entries(method, url_samples).is_empty()
    }

    /// The `[routes] public` URL entries that make an endpoint public (empty when not every
    /// sample of its URL is covered).
    pub fn public_url_entries(&self, method: &str, url_samples: &[String]) -> Vec<usize> {
        let matching = |sample: &String| -> Vec<usize> {
            self.public
                .iter()
                .enumerate()
                .filter(|(_, (_, e))| match e {
                    PublicEntry::Url(m, pat) => {
                        m.as_deref().is_none_or(|m| m == method) && pat.matches(sample)
                    }
                    _ => false,
                })
                .map(|(i, _)| i)
                .collect()
        };
        let per_sample: Vec<Vec<usize>> = url_samples.iter().map(matching).collect();
        if per_sample.is_empty() || per_sample.iter().any(Vec::is_empty) {
            return Vec::new();
        }
        let mut all: Vec<usize> = per_sample.into_iter().flatten().collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The `[routes] public` entry naming an endpoint called by name or id: a tRPC procedure
    /// by `name`, a server action by its file (`display` path, `app_rel` relative to its app)
    /// and name.
    pub fn public_named_entry(
        &self,
        action: bool,
        name: &str,
        display: &str,
        app_rel: &str,
    ) -> Option<usize> {
        let cwd = std::env::current_dir().ok();
        let abs = std::fs::canonicalize(display)
            .ok()
            .or_else(|| cwd.map(|c| c.join(display)));
        let config_rel = abs
            .as_deref()
            .and_then(|a| a.strip_prefix(&self.dir).ok())
            .map(|r| r.to_string_lossy().replace('\\', "/"));
        self.public.iter().position(|(_, e)| match e {
            PublicEntry::Name(n) => !action && n == name,
            PublicEntry::Action { file, name: n } => {
                action
                    && n == name
                    && (file == app_rel || config_rel.as_deref() == Some(file.as_str()))
            }
            PublicEntry::Url(..) => false,
        })
    }
}

/// Every config that governs a run, nearest-first lookup by directory.
#[derive(Debug, Default)]
pub struct Configs {
    /// Deepest directory first.
    list: Vec<Config>,
    /// One config for everything (`--config`).
    single: bool,
}

impl Configs {
    /// `--config FILE`: one config for every file.
    pub fn single(path: &Path) -> Result<Configs, String> {
        Ok(Configs {
            list: vec![Config::load(path)?],
            single: true,
        })
    }

    /// Finds the configs above each of `dirs` (scan roots and app roots), stopping at the top
    /// of the git repository.
    pub fn discover(dirs: &[PathBuf]) -> Result<Configs, String> {
        let mut found: Vec<PathBuf> = Vec::new();
        for d in dirs {
            let start = std::fs::canonicalize(d).unwrap_or_else(|_| d.clone());
            let mut dir = if start.is_file() {
                start.parent().map(Path::to_path_buf)
            } else {
                Some(start)
            };
            while let Some(cur) = dir {
                if let Some(name) = CONFIG_NAMES.iter().find(|n| cur.join(n).is_file()) {
                    let p = cur.join(name);
                    if !found.contains(&p) {
                        found.push(p);
                    }
                }
                if cur.join(".git").exists() {
                    break;
                }
                dir = cur.parent().map(Path::to_path_buf);
            }
        }
        let mut list = found
            .iter()
            .map(|p| Config::load(p))
            .collect::<Result<Vec<_>, _>>()?;
        list.sort_by_key(|c| std::cmp::Reverse(c.dir.components().count()));
        Ok(Configs {
            list,
            single: false,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The config governing `abs` (a canonical path).
    pub fn for_path(&self, abs: &Path) -> Option<&Config> {
        if self.single {
            return self.list.first();
        }
        self.list.iter().find(|c| abs.starts_with(&c.dir))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Config> {
        self.list.iter()
    }

    /// Every extra auth helper named by any config.
    pub fn auth_helpers(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .list
            .iter()
            .flat_map(|c| c.file.routes.auth_helpers.iter().cloned())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, String> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("clerk-lint.toml");
        std::fs::write(&p, text).unwrap();
        Config::load(&p)
    }

    #[test]
    fn valid_and_invalid_configs() {
        let cases: &[(&str, Result<(), &str>)] = &[
            ("", Ok(())),
            (
                "[rules]\nselect = [\"missing-auth\", \"deprecated-env-var\"]\nignore = [\"unchecked-auth\"]\n[rules.severity]\nunchecked-auth = \"error\"\n[routes]\npublic = [\"/api/health\", \"/api/public/:path*\"]\nauth-helpers = [\"checkApiKey\"]\n[files]\nexclude = [\"legacy/**\"]\nmax-file-size = \"1MiB\"\n",
                Ok(()),
            ),
            ("[rules]\nselekt = []\n", Err("unknown field `selekt`")),
            ("[nope]\n", Err("unknown field `nope`")),
            (
                "[rules]\nignore = [\"no-such-rule\"]\n",
                Err("unknown rule `no-such-rule`"),
            ),
            (
                "[rules.severity]\nmissing-auth = \"fatal\"\n",
                Err("invalid severity `fatal`"),
            ),
            ("[routes]\npublic = [\"/a/:\"]\n", Err("routes.public")),
            ("[files]\nmax-file-size = \"big\"\n", Err("max-file-size")),
            ("rules = 3\n", Err("clerk-lint.toml")),
        ];
        for (text, expected) in cases {
            match (load(text), expected) {
                (Ok(_), Ok(())) => {}
                (Err(e), Err(want)) => assert!(e.contains(want), "{text:?}: {e}"),
                (got, want) => panic!("{text:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn selection_exclusion_and_public_routes() {
        let c = load("[rules]\nselect = [\"missing-auth\"]\n[routes]\npublic = [\"/api/health\", \"/api/public/:path*\"]\n[files]\nexclude = [\"legacy\"]\n").unwrap();
        assert!(c.enables("missing-auth"));
        assert!(!c.enables("deprecated-env-var"));
        assert!(c.excludes(&c.dir.join("legacy/a.ts")));
        assert!(!c.excludes(&c.dir.join("src/a.ts")));
        assert!(c.is_public("GET", &["/api/health".to_string()]));
        assert!(c.is_public(
            "GET",
            &["/api/public".to_string(), "/api/public/a/b".to_string()]
        ));
        assert!(!c.is_public("GET", &["/api/private".to_string()]));
        let c = load("[routes]\npublic = [\"POST /api/contact\"]\n").unwrap();
        assert!(c.is_public("POST", &["/api/contact".to_string()]));
        assert!(!c.is_public("DELETE", &["/api/contact".to_string()]));
    }

    #[test]
    fn nearest_config_wins() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("apps/web/src")).unwrap();
        std::fs::write(
            root.join("clerk-lint.toml"),
            "[rules]\nignore = [\"missing-auth\"]\n",
        )
        .unwrap();
        std::fs::write(root.join("apps/web/.clerk-lint.toml"), "").unwrap();
        let configs = Configs::discover(&[root.clone(), root.join("apps/web")]).unwrap();
        let web = configs.for_path(&root.join("apps/web/src/x.ts")).unwrap();
        assert!(web.enables("missing-auth"));
        let top = configs.for_path(&root.join("tools/x.ts")).unwrap();
        assert!(!top.enables("missing-auth"));
    }
}
