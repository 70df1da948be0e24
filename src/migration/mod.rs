//! The data behind the migration rules and `clerk-lint upgrade`: every Clerk change by SDK and
//! Core (clerk-facts §1.2, §1.4, §1.5), as tables of rows. One source of truth: the default
//! run (`deprecated-api`) and `clerk-lint upgrade` read the same rows, the first at the
//! installed version, the second at the target Core.
//!
//! [`tables`] holds the rows; this module the shapes of a row and the upgrade targets.

pub mod env;
pub mod localization;
pub mod names;
pub mod tables;
pub mod target;

pub use names::NAMES;
pub use tables::*;
pub use target::{Target, retarget};

use crate::source::clerk_api::package_of;

/// The upgrade guides; a row's `guide` is the path and anchor below it.
pub const GUIDES: &str = "https://clerk.com/docs/guides/development/upgrading/upgrade-guides";

/// A version as (major, minor, patch).
pub type V = (u64, u64, u64);

/// When an API stopped being current.
#[derive(Clone, Copy, Debug)]
pub enum Since {
    /// Versions of one package: (package, deprecated from, removed from).
    Pkg(&'static str, Option<V>, Option<V>),
    /// The Clerk Core of the package the API is imported from: (deprecated, removed).
    Core(Option<u8>, Option<u8>),
    /// The Clerk Core of the app (its newest installed SDK).
    AppCore(Option<u8>, Option<u8>),
    /// Still exported, but its meaning changed at this Clerk Core: reported only by
    /// `clerk-lint upgrade`, when the upgrade crosses that Core (the default run cannot tell
    /// old code from code already written for the new API).
    Changed(u8),
    /// A package Clerk no longer supports (`@clerk/clerk-sdk-node`): each use is reported by
    /// `clerk-lint upgrade` (the default run reports the dependency once, in package.json).
    Unsupported,
}

/// Where an import row applies.
#[derive(Clone, Copy, Debug)]
pub enum From {
    /// These module specifiers exactly.
    Modules(&'static [&'static str]),
    /// Any entry point of these packages.
    Packages(&'static [&'static str]),
}

impl From {
    pub fn matches(self, source: &str) -> bool {
        match self {
            From::Modules(m) => m.contains(&source),
            From::Packages(p) => p.contains(&package_of(source)),
        }
    }
}

/// An entry point that is gone or deprecated as a whole.
pub struct ModuleRow {
    pub modules: &'static [&'static str],
    pub since: Since,
    pub instead: &'static str,
    pub guide: &'static str,
}

/// A named import (or re-export, or `require` destructuring).
pub struct NamedRow {
    pub from: From,
    pub names: &'static [&'static str],
    pub since: Since,
    pub instead: &'static str,
    /// The entry point that now exports the same binding: `--fix` moves the import there.
    /// `{pkg}` stands for the package the name is imported from (`{pkg}/legacy`).
    pub move_to: Option<&'static str>,
    pub guide: &'static str,
}

/// A prop of a Clerk component.
pub struct PropRow {
    pub components: &'static [&'static str],
    pub prop: &'static str,
    pub since: Since,
    pub instead: &'static str,
    /// A prop with the same meaning: `--fix` renames to it.
    pub rename_to: Option<&'static str>,
    pub guide: &'static str,
}

/// An option key in the object passed to a Clerk function.
pub struct KeyRow {
    pub callees: &'static [&'static str],
    pub from: From,
    pub key: &'static str,
    pub since: Since,
    pub instead: &'static str,
    pub rename_to: Option<&'static str>,
    pub guide: &'static str,
}

/// Where a [`NameGroup`]'s names are looked for, in files that import from Clerk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// `x.name` or `x.name()`: a property or method of a Clerk object.
    Member,
    /// An object key, or a JSX attribute, at the end of this dotted path of keys
    /// (`elements.card` in `appearance={{ elements: { card } }}`, `signIn.start.title` in a
    /// localization object).
    Key,
    /// A string literal (`'saml'`).
    Word,
}

/// What a Clerk Core did to a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Removed,
    Renamed,
    /// Still there, with a new meaning, shape or default: the code needs checking.
    Changed,
}

/// Names (of resource properties, methods, appearance and localization keys, option keys,
/// strategy strings) that a Clerk Core removed, renamed or changed. They are matched by name
/// where they are used, in files that import from Clerk, so they are reported only by
/// `clerk-lint upgrade` when the upgrade crosses `core`, and as warnings: a name alone cannot
/// prove that the object is Clerk's. A name ending in `*` matches every name it begins.
pub struct NameGroup {
    pub site: Site,
    pub names: &'static [&'static str],
    pub core: u8,
    pub change: Change,
    /// What to do, as an imperative (`use \`imageUrl\``).
    pub instead: &'static str,
    pub guide: &'static str,
}

impl NameGroup {
    /// The name of the group that `used` (a member name, a key path or a string) matches.
    pub fn matches(&self, used: &str) -> Option<&'static str> {
        self.names.iter().copied().find(|&name| match self.site {
            Site::Key => {
                let last = used.rsplit('.').next().unwrap_or(used);
                match name.strip_suffix('*') {
                    Some(prefix) => last.starts_with(prefix),
                    None => {
                        used == name
                            || used
                                .strip_suffix(name)
                                .is_some_and(|rest| rest.ends_with('.'))
                    }
                }
            }
            Site::Member | Site::Word => match name.strip_suffix('*') {
                Some(prefix) => used.starts_with(prefix),
                None => used == name,
            },
        })
    }
}

/// A deprecated package in `package.json`.
pub struct PackageRow {
    pub name: &'static str,
    /// Reported only when the app is on this Clerk Core or later.
    pub from_core: Option<u8>,
    pub message: &'static str,
    pub help: &'static str,
}
