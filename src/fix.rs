//! Fixes: resolving fix groups after a run, and applying (`--fix`) or previewing (`--diff`)
//! the fixes of the findings that remain.
//!
//! A rule attaches a [`Fix`] only where the edit cannot change what the app does: a rename to
//! a name with the same meaning that the installed SDK reads, an import moved to the entry
//! point that now exports the same binding. Edits replace identifiers and string contents in
//! place, so comments, quotes, indentation and line endings are kept by construction, and a
//! second run finds nothing left to fix.
//!
//! Some fixes are only safe all together: renaming `CLERK_API_KEY` in `.env` breaks the code
//! that still reads `process.env.CLERK_API_KEY`. Rules mark those fixes with a group key;
//! [`resolve_groups`] merges the edits of every member into one fix that each member carries,
//! or drops the fix of every member when one occurrence cannot be fixed.
//!
//! A git-ignored file is never edited: it is read only when it is a `.env*` file or named on
//! the command line, and in the second case the walk records it as not ignored.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::source::{FileKind, SourceFile};

/// The group of every fix that touches Clerk's legacy redirect settings: the
/// `*_AFTER_SIGN_IN_URL` / `*_AFTER_SIGN_UP_URL` variables and the `afterSignInUrl`,
/// `afterSignUpUrl` and `redirectUrl` props. Clerk ranks the new fallback settings above the
/// legacy ones, so renaming some of them while others stay legacy could change which value
/// wins: they are renamed all together or not at all.
pub const LEGACY_REDIRECTS: &str = "legacy-redirects";

/// The names of the new redirect settings: if any is already in the project, the legacy ones
/// are not renamed (the renamed value would take the place of the one set today).
pub const NEW_REDIRECT_SETTINGS: &[&str] = &[
    "SIGN_IN_FALLBACK_REDIRECT_URL",
    "SIGN_UP_FALLBACK_REDIRECT_URL",
    "signInFallbackRedirectUrl",
    "signUpFallbackRedirectUrl",
    "fallbackRedirectUrl",
];

/// The legacy redirect names: every mention of them must be renamed by the group, or none is
/// (matched as identifier suffixes, so `CLERK_AFTER_SIGN_IN_URL` stands for every prefix).
pub const LEGACY_REDIRECT_NAMES: &[&str] = &[
    "CLERK_AFTER_SIGN_IN_URL",
    "CLERK_AFTER_SIGN_UP_URL",
    "afterSignInUrl",
    "afterSignUpUrl",
];

/// Puts `fix` in the legacy-redirect group with the conditions that keep it safe.
pub fn legacy_redirect_fix(fix: Fix) -> Fix {
    fix.in_group(LEGACY_REDIRECTS)
        .unless_mentioned(NEW_REDIRECT_SETTINGS)
        .unless_mentioned(LEGACY_REDIRECT_NAMES)
}

/// The group key of a rename of the variable `old` to `new` (every definition and read).
pub fn env_rename_group(old: &str, new: &str) -> String {
    format!("env-rename:{old}:{new}")
}

/// Resolves the fix groups of `diags` (see the module docs) and drops any fix that would
/// edit a git-ignored or unknown file, or whose conditions ([`Fix::renames`],
/// [`Fix::unless_mentioned`]) the project's files do not meet. `files` are the files of the
/// run, as read.
/// `unread` are the files skipped as too large (path to read, display path): a fix that must
/// know every mention of a name is dropped when one of them mentions it.
pub fn resolve_groups(
    diags: &mut [Diagnostic],
    files: &[SourceFile],
    unread: &[(PathBuf, String)],
) {
    let extra = Unread::new(unread);
    let index = Index::new(files);
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, d) in diags.iter().enumerate() {
        if let Some(group) = d.fix.as_ref().and_then(|f| f.group.clone()) {
            groups.entry(group).or_default().push(i);
        }
    }
    for (key, members) in &groups {
        let mut merged = Fix::new(String::new(), Vec::new()).in_group(key.clone());
        let mut blocked = false;
        for &i in members {
            let fix = diags[i].fix.as_ref().expect("grouped fix");
            blocked |= fix.edits.is_empty();
            merged.edits.extend(fix.edits.iter().cloned());
            merged.renames.extend(fix.renames.iter().cloned());
            merged
                .unless_mentioned
                .extend(fix.unless_mentioned.iter().cloned());
        }
        let descriptions: Vec<&str> = members
            .iter()
            .filter_map(|&i| diags[i].fix.as_ref().map(|f| f.description.as_str()))
            .collect();
        let description = if key == LEGACY_REDIRECTS {
            let places = merged.edits.len();
            format!(
                "rename every legacy redirect setting (`afterSignInUrl`, `afterSignUpUrl` and their variables) to its fallback equivalent ({places} place{})",
                if places == 1 { "" } else { "s" }
            )
        } else {
            describe_group(&descriptions)
        };
        merged = Fix {
            description,
            ..merged
        };
        merged
            .edits
            .sort_by(|a, b| a.path.cmp(&b.path).then(a.range.start.cmp(&b.range.start)));
        merged.edits.dedup();
        merged.renames.sort();
        merged.renames.dedup();
        merged.unless_mentioned.sort();
        merged.unless_mentioned.dedup();
        let blocker = members
            .iter()
            .map(|&i| &diags[i])
            .find(|d| d.fix.as_ref().is_some_and(|f| f.edits.is_empty()));
        let ignored = |path: &str| index.by_path.get(path).is_some_and(|f| f.git_ignored);
        let why = if let Some(b) = blocker.filter(|b| ignored(&b.path)) {
            Some(format!(
                "the same change is needed in `{}`, which git ignores: run `clerk-lint --fix . {}` to include it",
                b.path, b.path
            ))
        } else if let Some(b) = blocker {
            Some(format!(
                "the same change is needed at {}:{}:{}, which --fix cannot make (see that finding)",
                b.path, b.start.line, b.start.column
            ))
        } else if blocked {
            Some("part of the same change cannot be made automatically".to_string())
        } else {
            withheld(&merged, &index, &extra)
        };
        for &i in members {
            match &why {
                None => diags[i].fix = Some(merged.clone()),
                Some(reason) => {
                    // A blocker member has no fix to describe; it stays silent.
                    if diags[i].fix.as_ref().is_some_and(|f| !f.edits.is_empty()) {
                        diags[i].fix_withheld = Some(reason.clone());
                    }
                    diags[i].fix = None;
                }
            }
        }
    }
    for d in diags.iter_mut() {
        if let Some(f) = d.fix.as_ref().filter(|f| f.group.is_none())
            && let Some(reason) = withheld(f, &index, &extra)
        {
            d.fix = None;
            d.fix_withheld = Some(reason);
        }
    }
}

/// The description of a merged group: its members' descriptions, each once.
fn describe_group(descriptions: &[&str]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for d in descriptions {
        if !d.is_empty() && !seen.contains(d) {
            seen.push(d);
        }
    }
    seen.join("; ")
}

/// Why a fix cannot be applied to `files` as read, or `None` when it can: edits in known, not
/// git-ignored files, within their text and not overlapping; each rename complete; nothing it
/// must not meet. The reason is shown by `--fix` and `--diff`.
fn withheld(fix: &Fix, index: &Index, unread: &Unread) -> Option<String> {
    let by_path = &index.by_path;
    let files = index.files;
    let code = &index.code;
    if fix.edits.is_empty() {
        return Some("there is nothing to edit".into());
    }
    for e in &fix.edits {
        match by_path.get(e.path.as_str()) {
            None => return Some(format!("`{}` was not read", e.path)),
            Some(f) if f.git_ignored => {
                return Some(format!(
                    "it would edit `{}`, which git ignores (name it on the command line to let --fix edit it)",
                    e.path
                ));
            }
            Some(f) if e.range.end > f.text.len() => {
                return Some(format!("`{}` changed while it was read", e.path));
            }
            Some(_) => {}
        }
    }
    if overlapping(&fix.edits) {
        return Some("its edits overlap".into());
    }
    // A name the fix itself renames at that very place does not count.
    let covered = |f: &SourceFile, r: &Range<usize>| {
        fix.edits
            .iter()
            .any(|e| e.path == f.rel_path && e.range.start <= r.start && r.end <= e.range.end)
    };
    for n in &fix.unless_mentioned {
        if let Some(f) = index
            .mentions(Mention::Suffix, n)
            .iter()
            .find(|(f, ranges)| ranges.iter().any(|r| !covered(f, r)))
            .map(|(f, _)| f)
        {
            return Some(format!(
                "`{n}` is also set or read in `{}`, and renaming would change which setting wins",
                f.rel_path
            ));
        }
    }
    let names = fix
        .unless_mentioned
        .iter()
        .chain(fix.renames.iter().map(|(old, _)| old));
    for n in names {
        if unread.may_mention(n) {
            return Some(format!(
                "`{n}` may be mentioned in a file skipped as too large (raise --max-file-size)"
            ));
        }
    }
    if fix.group.as_deref() == Some(LEGACY_REDIRECTS) && legacy_redirect_url_props(code) {
        return Some(
            "a component takes the legacy `redirectUrl` prop, which stands for both redirects: replace it by hand first"
                .into(),
        );
    }
    for (old, new) in &fix.renames {
        // The edits that rename `old`, one of them a `.env*` definition (the value is set
        // where clerk-lint can see it), and no other mention of `old` anywhere.
        let edits: Vec<&Edit> = fix
            .edits
            .iter()
            .filter(|e| by_path[e.path.as_str()].text.get(e.range.clone()) == Some(old.as_str()))
            .collect();
        let defines = edits
            .iter()
            .any(|e| by_path[e.path.as_str()].kind == FileKind::Env);
        if !defines {
            // Set where clerk-lint cannot see it: a git-ignored env file it read, or the host.
            let ignored_env = files.iter().find(|f| {
                f.kind == FileKind::Env && f.git_ignored && !word_ranges(&f.text, old).is_empty()
            });
            return Some(match ignored_env {
                Some(f) => format!(
                    "`{old}` is also set in `{}`, which git ignores: run `clerk-lint --fix . {}` to rename it there too",
                    f.rel_path, f.rel_path
                ),
                None => format!(
                    "`{old}` is not set in any `.env*` file here, so its value lives in your host's settings: rename it there and in the code together"
                ),
            });
        }
        let old_mentions = index.mentions(Mention::Word, old);
        if let Some((f, _)) = old_mentions.iter().find(|(f, ranges)| {
            ranges
                .iter()
                .any(|r| !edits.iter().any(|e| e.path == f.rel_path && e.range == *r))
        }) {
            let how = if f.git_ignored && f.kind == FileKind::Env {
                format!(
                    ", which git ignores: run `clerk-lint --fix . {}` to rename it there too",
                    f.rel_path
                )
            } else {
                " where the fix cannot rename it (rename that mention by hand)".to_string()
            };
            return Some(format!(
                "`{old}` is also mentioned in `{}`{how}",
                f.rel_path
            ));
        }
        if let Some((f, _)) = index.mentions(Mention::Word, new).first() {
            return Some(format!("`{new}` is already used in `{}`", f.rel_path));
        }
        let mentions: usize = old_mentions.iter().map(|(_, ranges)| ranges.len()).sum();
        if mentions != edits.len() {
            return Some(format!("not every mention of `{old}` can be renamed"));
        }
    }
    None
}

/// The files a fix is judged against, indexed once per run: by path, the code among them, and
/// where each name is mentioned. Judging each fix against a fresh map of every file and a fresh
/// scan of all code made the run's serial tail grow faster than the tree (315 ms at 100k routes).
struct Index<'f> {
    files: &'f [SourceFile],
    by_path: HashMap<&'f str, &'f SourceFile>,
    /// Every file but prose, in walk order.
    code: Vec<&'f SourceFile>,
    /// (how, name) → the code files that mention it, in order, with the ranges.
    #[allow(clippy::type_complexity)]
    mentions: RefCell<HashMap<(Mention, String), Rc<Vec<(&'f SourceFile, Vec<Range<usize>>)>>>>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Mention {
    /// [`word_ranges`]
    Word,
    /// [`suffix_ranges`]
    Suffix,
}

impl<'f> Index<'f> {
    fn new(files: &'f [SourceFile]) -> Self {
        Self {
            files,
            by_path: files.iter().map(|f| (f.rel_path.as_str(), f)).collect(),
            code: files.iter().filter(|f| !is_prose(f)).collect(),
            mentions: RefCell::new(HashMap::new()),
        }
    }

    /// The code files that mention `name` (as `how` finds it), with where.
    #[allow(clippy::type_complexity)]
    fn mentions(&self, how: Mention, name: &str) -> Rc<Vec<(&'f SourceFile, Vec<Range<usize>>)>> {
        let key = (how, name.to_string());
        if let Some(found) = self.mentions.borrow().get(&key) {
            return Rc::clone(found);
        }
        let found: Rc<Vec<_>> = Rc::new(
            self.code
                .iter()
                .filter_map(|f| {
                    let ranges = match how {
                        Mention::Word => word_ranges(&f.text, name),
                        Mention::Suffix => suffix_ranges(&f.text, name),
                    };
                    (!ranges.is_empty()).then_some((*f, ranges))
                })
                .collect(),
        );
        self.mentions.borrow_mut().insert(key, Rc::clone(&found));
        found
    }
}

/// What `--fix` and `--diff` print about the fixes they withheld: one line per reason, with
/// the first finding it concerns (`path:line:col`) and how many more.
pub fn withheld_notes(diags: &[Diagnostic]) -> Vec<String> {
    let mut by_reason: Vec<(&str, &Diagnostic, usize)> = Vec::new();
    for d in diags {
        let Some(reason) = d.fix_withheld.as_deref() else {
            continue;
        };
        match by_reason.iter_mut().find(|(r, _, _)| *r == reason) {
            Some(entry) => entry.2 += 1,
            None => by_reason.push((reason, d, 0)),
        }
    }
    by_reason
        .into_iter()
        .map(|(reason, d, more)| {
            let more = match more {
                0 => String::new(),
                1 => " and 1 more finding".to_string(),
                n => format!(" and {n} more findings"),
            };
            format!(
                "not fixing {}:{}:{} [{}]{more}: {reason}",
                d.path, d.start.line, d.start.column, d.rule.id
            )
        })
        .collect()
}

/// Whether a Clerk component takes the legacy `redirectUrl` prop somewhere (`<SignIn
/// redirectUrl>`): no fix renames it (it stands for two settings), and renaming the other
/// legacy redirect settings around it would change which one wins. `<SignOutButton
/// redirectUrl>` is current and does not count.
fn legacy_redirect_url_props(code: &[&SourceFile]) -> bool {
    code.iter()
        .filter(|f| {
            f.kind == FileKind::Script
                && f.text.contains("redirectUrl")
                && f.text.contains("@clerk/")
        })
        .any(|f| {
            let script = crate::source::script::ScriptFile::parse(&f.rel_path, &f.text);
            let u = &script.clerk;
            script.parse_error.is_some()
                || u.jsx.iter().any(|el| {
                    crate::migration::REACT_SDKS.contains(&crate::source::clerk_api::package_of(
                        &u.imports[el.import].source,
                    )) && matches!(
                        el.component.as_str(),
                        "ClerkProvider" | "SignIn" | "SignUp" | "SignInButton" | "SignUpButton"
                    ) && el.attrs.iter().any(|a| a.name == "redirectUrl")
                })
        })
}

/// The files skipped as too large, read only when a fix needs to know what they mention.
struct Unread<'a> {
    files: &'a [(PathBuf, String)],
    texts: std::cell::OnceCell<Vec<Option<String>>>,
}

/// Past this size a skipped file is not read even for a mention check: it counts as mentioning
/// everything.
const UNREAD_MAX: u64 = 64 * 1024 * 1024;

impl<'a> Unread<'a> {
    fn new(files: &'a [(PathBuf, String)]) -> Self {
        Self {
            files,
            texts: std::cell::OnceCell::new(),
        }
    }

    /// Whether a skipped file (not prose) mentions `name` as an identifier suffix, or cannot
    /// be read to tell.
    fn may_mention(&self, name: &str) -> bool {
        let texts = self.texts.get_or_init(|| {
            self.files
                .iter()
                .filter(|(_, display)| !is_prose_name(display))
                .map(|(path, _)| crate::fsio::read_text(path, UNREAD_MAX).ok())
                .collect()
        });
        texts.iter().any(|t| match t {
            Some(text) => !suffix_ranges(text, name).is_empty(),
            None => true,
        })
    }
}

/// Edits are sorted by path and start (see [`Fix::new`]).
fn overlapping(edits: &[Edit]) -> bool {
    edits
        .windows(2)
        .any(|w| w[0].path == w[1].path && w[1].range.start < w[0].range.end)
}

/// Files whose mentions of a name do not make it a definition or a read.
fn is_prose(file: &SourceFile) -> bool {
    file.kind == FileKind::Lockfile || is_prose_name(&file.rel_path)
}

/// Documentation and lockfiles, by name.
fn is_prose_name(path: &str) -> bool {
    if crate::walk::classify(path) == Some(FileKind::Lockfile) {
        return true;
    }
    let lower = path.to_ascii_lowercase();
    let ext = lower
        .rsplit('/')
        .next()
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e);
    matches!(
        ext,
        Some("md" | "mdx" | "markdown" | "txt" | "rst" | "adoc" | "html" | "htm")
    )
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The ranges where an identifier ends with `suffix` (`NEXT_PUBLIC_X_URL` for `X_URL`).
fn suffix_ranges(text: &str, suffix: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    text.match_indices(suffix)
        .filter(|(i, _)| {
            let end = i + suffix.len();
            end >= bytes.len() || !is_ident(bytes[end])
        })
        .map(|(i, _)| i..i + suffix.len())
        .collect()
}

/// The ranges where `word` occurs in `text` as a whole identifier (not inside a longer one).
pub fn word_ranges(text: &str, word: &str) -> Vec<Range<usize>> {
    if word.is_empty() {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    text.match_indices(word)
        .filter(|(i, _)| {
            let end = i + word.len();
            (*i == 0 || !is_ident(bytes[i - 1])) && (end >= bytes.len() || !is_ident(bytes[end]))
        })
        .map(|(i, _)| i..i + word.len())
        .collect()
}

/// The edits to make, file by file.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<FileChange>,
    /// Findings whose fix is part of the plan.
    pub fixed: usize,
    /// The files each planned finding's fix edits (a finding is fixed once all are written).
    finding_paths: Vec<Vec<String>>,
}

/// What [`Plan::write`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// The files written, by display path.
    pub files: Vec<String>,
    /// The findings whose every edit was written.
    pub fixed: usize,
    /// Files left alone, and why.
    pub warnings: Vec<String>,
}

#[derive(Debug)]
pub struct FileChange {
    /// Display path.
    pub path: String,
    pub abs_path: PathBuf,
    pub before: Arc<str>,
    pub after: String,
}

impl Plan {
    /// The plan for the fixes of `diags`. Identical edits (a group fix carried by each of its
    /// findings) count once; a fix that overlaps an edit already planned is left out whole.
    pub fn new(diags: &[Diagnostic], files: &[SourceFile]) -> Plan {
        Self::new_excluding(diags, files, &HashSet::new())
    }

    /// The plan for `--fix`: as [`Plan::new`], without every fix that would edit a file that
    /// cannot be written safely (see [`Plan::write`]): a rename across files is made in all of
    /// them or in none. The warnings name the files left alone, and why.
    pub fn for_writing(
        diags: &[Diagnostic],
        files: &[SourceFile],
        roots: &[PathBuf],
    ) -> (Plan, Vec<String>) {
        let first = Self::new(diags, files);
        let roots = canonical_roots(roots);
        let mut excluded = HashSet::new();
        let mut warnings = Vec::new();
        for change in &first.files {
            if let Err(reason) = change.check(&roots) {
                warnings.push(format!("not fixing `{}`: {reason}", change.path));
                excluded.insert(change.path.clone());
            }
        }
        if excluded.is_empty() {
            return (first, warnings);
        }
        (Self::new_excluding(diags, files, &excluded), warnings)
    }

    fn new_excluding(
        diags: &[Diagnostic],
        files: &[SourceFile],
        excluded: &HashSet<String>,
    ) -> Plan {
        let by_path: HashMap<&str, &SourceFile> =
            files.iter().map(|f| (f.rel_path.as_str(), f)).collect();
        let mut planned: BTreeMap<&str, Vec<&Edit>> = BTreeMap::new();
        let mut fixed = 0;
        let mut finding_paths: Vec<Vec<String>> = Vec::new();
        for d in diags {
            let Some(fix) = &d.fix else { continue };
            let fits = fix.edits.iter().all(|e| {
                by_path
                    .get(e.path.as_str())
                    .is_some_and(|f| !f.git_ignored && e.range.end <= f.text.len())
                    && !excluded.contains(&e.path)
                    && planned.get(e.path.as_str()).is_none_or(|list| {
                        list.iter().all(|p| {
                            *p == e || p.range.end <= e.range.start || e.range.end <= p.range.start
                        })
                    })
            });
            if !fits {
                continue;
            }
            fixed += 1;
            let mut paths: Vec<String> = fix.edits.iter().map(|e| e.path.clone()).collect();
            paths.sort();
            paths.dedup();
            finding_paths.push(paths);
            for e in &fix.edits {
                let list = planned.entry(e.path.as_str()).or_default();
                if !list.contains(&e) {
                    list.push(e);
                }
            }
        }
        let mut out = Plan {
            files: Vec::new(),
            fixed,
            finding_paths,
        };
        for (path, mut edits) in planned {
            let file = by_path[path];
            edits.sort_by_key(|e| e.range.start);
            let mut after = String::with_capacity(file.text.len());
            let mut at = 0;
            for e in edits {
                after.push_str(&file.text[at..e.range.start]);
                after.push_str(&e.replacement);
                at = e.range.end;
            }
            after.push_str(&file.text[at..]);
            if after != *file.text {
                out.files.push(FileChange {
                    path: path.to_string(),
                    abs_path: file.abs_path.clone(),
                    before: file.text.clone(),
                    after,
                });
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes every changed file, each atomically (a temp file beside it, then a rename), never
    /// outside `roots`: a file whose real path (through symlinks) leaves every root is left
    /// alone, as is one that changed on disk since it was read or that clerk-lint could only
    /// read by replacing bytes (invalid UTF-8, NUL). Those are named in the warnings. When a
    /// write fails, the error names the files already changed.
    pub fn write(&self, roots: &[PathBuf]) -> Result<Written, String> {
        let roots = canonical_roots(roots);
        let mut out = Written::default();
        for change in &self.files {
            let failed = |e: String, out: &Written| {
                if out.files.is_empty() {
                    e
                } else {
                    format!("{e} (already fixed: {})", quoted_list(&out.files))
                }
            };
            let checked = match change.check(&roots) {
                Ok(c) => c,
                Err(reason) => {
                    out.warnings
                        .push(format!("not fixing `{}`: {reason}", change.path));
                    continue;
                }
            };
            let mut bytes = Vec::with_capacity(change.after.len() + 3);
            if checked.bom {
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
            }
            if checked.cr_only {
                bytes.extend_from_slice(change.after.replace('\n', "\r").as_bytes());
            } else {
                bytes.extend_from_slice(change.after.as_bytes());
            }
            if let Err(e) = write_atomically(&checked.real, &bytes) {
                return Err(failed(format!("cannot write `{}`: {e}", change.path), &out));
            }
            out.files.push(change.path.clone());
        }
        out.fixed = self
            .finding_paths
            .iter()
            .filter(|paths| paths.iter().all(|p| out.files.contains(p)))
            .count();
        Ok(out)
    }

    /// A unified diff (`--- a/path`, `+++ b/path`, three lines of context) of every change.
    pub fn unified_diff(&self) -> String {
        let mut out = String::new();
        for change in &self.files {
            out.push_str(&format!("--- a/{}\n+++ b/{}\n", change.path, change.path));
            out.push_str(&hunks(&change.before, &change.after));
        }
        out
    }
}

/// How a file that may be written is written back.
struct Checked {
    /// Its real path (through symlinks): the file written.
    real: PathBuf,
    /// It starts with a UTF-8 BOM (dropped when read, put back when written).
    bom: bool,
    /// Its lines end in CR alone (read as LF, written back as CR).
    cr_only: bool,
}

impl FileChange {
    /// Whether this file can be written: its real path is inside a checked root, and it is, on
    /// disk, exactly the text that was read (valid UTF-8 without NUL, unchanged since).
    fn check(&self, roots: &[PathBuf]) -> Result<Checked, String> {
        let real =
            std::fs::canonicalize(&self.abs_path).map_err(|e| format!("cannot read it: {e}"))?;
        if !roots.iter().any(|r| real.starts_with(r)) {
            return Err("it is a symbolic link to a file outside the checked paths".into());
        }
        let now = crate::fsio::read(&real, u64::MAX).map_err(|e| format!("cannot read it: {e}"))?;
        let bom = now.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { &now[3..] } else { &now[..] };
        let cr_only = body.contains(&b'\r') && !body.contains(&b'\n');
        match std::str::from_utf8(body) {
            Err(_) => Err("it is not valid UTF-8, and a fix would rewrite its other bytes".into()),
            Ok(t) if t.contains('\0') => Err("it contains NUL bytes".into()),
            Ok(t) if crate::fsio::lone_cr_to_lf(t.to_string()) != *self.before => {
                Err("it changed while clerk-lint was running".into())
            }
            Ok(t) if !cr_only && t.contains('\r') && *t != *self.before => {
                Err("it mixes line endings".into())
            }
            Ok(_) => Ok(Checked { real, bom, cr_only }),
        }
    }
}

fn canonical_roots(roots: &[PathBuf]) -> Vec<PathBuf> {
    roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .collect()
}

/// `` `a`, `b` `` for messages.
fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes `bytes` to a temp file in `path`'s directory with `path`'s permissions, then renames
/// it over `path`: a reader (or a crash) sees the old file or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let perms = std::fs::metadata(path)?.permissions();
    let mut n = 0u32;
    let (tmp, mut f) = loop {
        let tmp = dir.join(format!(".{name}.clerk-lint-{}-{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    };
    let result = f
        .write_all(bytes)
        .and_then(|_| f.sync_all())
        .and_then(|_| std::fs::set_permissions(&tmp, perms))
        .and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Lines with their terminators.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The hunks between `before` and `after`. Fixes replace text within lines, so both have the
/// same lines except the changed ones; anything else is shown as one hunk.
fn hunks(before: &str, after: &str) -> String {
    const CONTEXT: usize = 3;
    let a = lines(before);
    let b = lines(after);
    let mut out = String::new();
    if a.len() != b.len() {
        push_hunk(&mut out, &a, &b, 0..a.len(), 0..b.len());
        return out;
    }
    let changed: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    let mut i = 0;
    while i < changed.len() {
        let start = changed[i].saturating_sub(CONTEXT);
        let mut end = (changed[i] + CONTEXT + 1).min(a.len());
        let mut j = i + 1;
        while j < changed.len() && changed[j].saturating_sub(CONTEXT) <= end {
            end = (changed[j] + CONTEXT + 1).min(a.len());
            j += 1;
        }
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            span_label(start, end - start),
            span_label(start, end - start)
        ));
        // Context lines as they are; each run of changed lines as its removals, then its
        // additions.
        let mut k = start;
        while k < end {
            if a[k] == b[k] {
                push_line(&mut out, ' ', a[k]);
                k += 1;
                continue;
            }
            let run_end = (k..end).find(|&r| a[r] == b[r]).unwrap_or(end);
            for line in &a[k..run_end] {
                push_line(&mut out, '-', line);
            }
            for line in &b[k..run_end] {
                push_line(&mut out, '+', line);
            }
            k = run_end;
        }
        i = j;
    }
    out
}

fn push_hunk(out: &mut String, a: &[&str], b: &[&str], ra: Range<usize>, rb: Range<usize>) {
    out.push_str(&format!(
        "@@ -{} +{} @@\n",
        span_label(ra.start, ra.len()),
        span_label(rb.start, rb.len())
    ));
    for l in &a[ra] {
        push_line(out, '-', l);
    }
    for l in &b[rb] {
        push_line(out, '+', l);
    }
}

/// `start,len` as unified diffs write it (1-based; `start,0` for an empty range).
fn span_label(start: usize, len: usize) -> String {
    if len == 1 {
        format!("{}", start + 1)
    } else if len == 0 {
        format!("{start},0")
    } else {
        format!("{},{len}", start + 1)
    }
}

/// One diff line; a last line without a newline gets the usual marker.
fn push_line(out: &mut String, sign: char, line: &str) {
    out.push(sign);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::diagnostic::{RuleMeta, Severity, SourceKind};

    /// A rule of the rename kind; the registry is not needed here.
    static META: RuleMeta = RuleMeta {
        id: "deprecated-env-var",
        source: SourceKind::Env,
        default_severity: Severity::Warning,
        summary: "",
        docs: "",
    };

    fn file(path: &str, kind: FileKind, text: &str) -> SourceFile {
        SourceFile::for_test(path, kind, text)
    }

    fn rename_at(f: &SourceFile, old: &str, new: &str, nth: usize) -> Diagnostic {
        let r = word_ranges(&f.text, old)[nth].clone();
        Diagnostic::new(&META, f, r.clone(), format!("`{old}`"))
            .with_fingerprint(old)
            .with_fix(
                Fix::new(
                    format!("rename `{old}` to `{new}`"),
                    vec![Edit::new(f, r, new)],
                )
                .in_group(env_rename_group(old, new))
                .renaming(old, new),
            )
    }

    #[test]
    fn words() {
        let t = "A_B=1\nX_A_B=2\nA_BC=3\n$A_B A_B";
        // `$A_B` (a shell reference) counts.
        assert_eq!(word_ranges(t, "A_B"), vec![0..3, 22..25, 26..29]);
    }

    #[test]
    fn a_complete_group_is_merged_into_every_member() {
        let env = file(".env", FileKind::Env, "# keys\r\nCLERK_API_KEY=sk\r\n");
        let code = file(
            "a.ts",
            FileKind::Script,
            "const k = process.env.CLERK_API_KEY;\n",
        );
        let files = vec![env, code];
        let mut diags = vec![
            rename_at(&files[0], "CLERK_API_KEY", "CLERK_SECRET_KEY", 0),
            rename_at(&files[1], "CLERK_API_KEY", "CLERK_SECRET_KEY", 0),
        ];
        resolve_groups(&mut diags, &files, &[]);
        for d in &diags {
            assert_eq!(d.fix.as_ref().unwrap().edits.len(), 2);
        }
        let plan = Plan::new(&diags, &files);
        assert_eq!(plan.fixed, 2);
        assert_eq!(plan.files[0].after, "# keys\r\nCLERK_SECRET_KEY=sk\r\n");
        assert_eq!(
            plan.files[1].after,
            "const k = process.env.CLERK_SECRET_KEY;\n"
        );
        assert_eq!(
            plan.unified_diff(),
            "--- a/.env\n+++ b/.env\n@@ -1,2 +1,2 @@\n # keys\r\n-CLERK_API_KEY=sk\r\n+CLERK_SECRET_KEY=sk\r\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-const k = process.env.CLERK_API_KEY;\n+const k = process.env.CLERK_SECRET_KEY;\n"
        );
    }

    #[test]
    fn a_group_with_an_unfixable_or_unseen_mention_is_dropped() {
        // A blocker (a read the rule cannot rename).
        let env = file(".env", FileKind::Env, "CLERK_API_KEY=sk\n");
        let code = file(
            "a.ts",
            FileKind::Script,
            "const { CLERK_API_KEY } = process.env;\n",
        );
        let files = vec![env, code];
        let mut diags = vec![
            rename_at(&files[0], "CLERK_API_KEY", "CLERK_SECRET_KEY", 0),
            Diagnostic::new(&META, &files[1], 8..21, "x").with_fix(Fix::blocker(env_rename_group(
                "CLERK_API_KEY",
                "CLERK_SECRET_KEY",
            ))),
        ];
        resolve_groups(&mut diags, &files, &[]);
        assert!(diags.iter().all(|d| d.fix.is_none()));

        // A mention no rule reported (a helper reads it by name).
        let env = file(".env", FileKind::Env, "CLERK_API_KEY=sk\n");
        let code = file("a.ts", FileKind::Script, "env('CLERK_API_KEY');\n");
        let readme = file(
            "README.md",
            FileKind::Other,
            "Set CLERK_SECRET_KEY and CLERK_API_KEY\n",
        );
        let files = vec![env, code, readme];
        let mut diags = vec![rename_at(&files[0], "CLERK_API_KEY", "CLERK_SECRET_KEY", 0)];
        resolve_groups(&mut diags, &files, &[]);
        assert!(diags[0].fix.is_none());

        // The new name is already there.
        let env = file(
            ".env",
            FileKind::Env,
            "CLERK_API_KEY=sk\nCLERK_SECRET_KEY=sk2\n",
        );
        let files = vec![env];
        let mut diags = vec![rename_at(&files[0], "CLERK_API_KEY", "CLERK_SECRET_KEY", 0)];
        resolve_groups(&mut diags, &files, &[]);
        assert!(diags[0].fix.is_none());

        // Only reads: the value is set somewhere clerk-lint cannot see.
        let code = file("a.ts", FileKind::Script, "process.env.CLERK_API_KEY;\n");
        let files = vec![code];
        let mut diags = vec![rename_at(&files[0], "CLERK_API_KEY", "CLERK_SECRET_KEY", 0)];
        resolve_groups(&mut diags, &files, &[]);
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn a_fix_stands_only_while_what_it_must_not_meet_is_absent() {
        let code = "<SignIn afterSignInUrl='/a' />\n";
        let prop = |files: &[SourceFile]| {
            let f = &files[0];
            let r = 8..22;
            Diagnostic::new(&META, f, r.clone(), "x").with_fix(
                Fix::new("rename", vec![Edit::new(f, r, "fallbackRedirectUrl")])
                    .in_group(LEGACY_REDIRECTS)
                    .unless_mentioned(NEW_REDIRECT_SETTINGS),
            )
        };
        let files = vec![file("a.tsx", FileKind::Script, code)];
        let mut diags = vec![prop(&files)];
        resolve_groups(&mut diags, &files, &[]);
        assert!(diags[0].fix.is_some());
        // The new setting is already set somewhere: the renamed prop would outrank it.
        let files = vec![
            file("a.tsx", FileKind::Script, code),
            file(
                ".env",
                FileKind::Env,
                "NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL=/b\n",
            ),
        ];
        let mut diags = vec![prop(&files)];
        resolve_groups(&mut diags, &files, &[]);
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn a_file_too_large_to_check_that_mentions_the_name_stops_a_rename() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.ts");
        std::fs::write(&big, "export const k = process.env.CLERK_API_KEY;\n").unwrap();
        let docs = dir.path().join("NOTES.md");
        std::fs::write(&docs, "CLERK_API_KEY\n").unwrap();
        let files = vec![file(".env", FileKind::Env, "CLERK_API_KEY=sk\n")];
        let unread = [(docs, "NOTES.md".to_string())];
        let mut diags = vec![rename_at(&files[0], "CLERK_API_KEY", "CLERK_SECRET_KEY", 0)];
        resolve_groups(&mut diags, &files, &unread);
        assert!(diags[0].fix.is_some(), "prose does not count");
        let unread = [(big, "big.ts".to_string())];
        let mut diags = vec![rename_at(&files[0], "CLERK_API_KEY", "CLERK_SECRET_KEY", 0)];
        resolve_groups(&mut diags, &files, &unread);
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn ignored_files_are_never_edited() {
        let mut env = file(".env.local", FileKind::Env, "CLERK_API_KEY=sk\n");
        env.git_ignored = true;
        let files = vec![env];
        let mut diags = vec![rename_at(&files[0], "CLERK_API_KEY", "CLERK_SECRET_KEY", 0)];
        resolve_groups(&mut diags, &files, &[]);
        assert!(diags[0].fix.is_none());
        assert!(Plan::new(&diags, &files).is_empty());
    }

    #[test]
    fn hunks_keep_context_and_merge_near_changes() {
        let before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16";
        let after = before.replacen("2\n", "two\n", 1).replace("16", "sixteen");
        let diff = hunks(before, &after);
        assert_eq!(
            diff,
            "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -13,4 +13,4 @@\n 13\n 14\n 15\n-16\n\\ No newline at end of file\n+sixteen\n\\ No newline at end of file\n"
        );
    }
}
