//! Upgrade targets: which release of each Clerk SDK a Core target means, and the project
//! model seen from there ([`retarget`]), so that the rules evaluate their rows at the target
//! instead of at the installed version.

use crate::project::{ClerkInfo, ClerkPackage, Version, VersionSource, core_of};

/// `clerk-lint upgrade --to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// The last release line of Clerk Core 2 (`@clerk/nextjs` 6, `@clerk/clerk-react` 5)
    #[value(name = "core-2")]
    Core2,
    /// The Clerk Core 3 release line (`@clerk/nextjs` 7, `@clerk/react` 6, `@clerk/astro` 3)
    #[value(name = "core-3")]
    Core3,
    /// The newest majors (Core 3, plus `@clerk/astro` 4 and `@clerk/nuxt` 3)
    Latest,
}

impl Target {
    pub fn core(self) -> u8 {
        match self {
            Target::Core2 => 2,
            Target::Core3 | Target::Latest => 3,
        }
    }
}

/// One SDK's release lines: the major of its last Core 2 line, of its Core 3 line, of its
/// newest line, and the package that continues it where it was renamed or replaced.
struct Line {
    package: &'static str,
    core2: u64,
    core3: u64,
    latest: u64,
    /// From Core 3 on, the SDK is this package (at the `core3` / `latest` major).
    successor: Option<&'static str>,
}

/// Sources: clerk-facts §0 (Core ↔ SDK majors, renamed and replaced packages).
const LINES: &[Line] = &[
    Line {
        package: "@clerk/nextjs",
        core2: 6,
        core3: 7,
        latest: 7,
        successor: None,
    },
    Line {
        package: "@clerk/clerk-react",
        core2: 5,
        core3: 6,
        latest: 6,
        successor: Some("@clerk/react"),
    },
    Line {
        package: "@clerk/react",
        core2: 5,
        core3: 6,
        latest: 6,
        successor: None,
    },
    Line {
        package: "@clerk/clerk-expo",
        core2: 2,
        core3: 3,
        latest: 3,
        successor: Some("@clerk/expo"),
    },
    Line {
        package: "@clerk/expo",
        core2: 2,
        core3: 3,
        latest: 3,
        successor: None,
    },
    Line {
        package: "@clerk/backend",
        core2: 2,
        core3: 3,
        latest: 3,
        successor: None,
    },
    Line {
        package: "@clerk/clerk-sdk-node",
        core2: 5,
        core3: 2,
        latest: 2,
        successor: Some("@clerk/express"),
    },
    Line {
        package: "@clerk/express",
        core2: 1,
        core3: 2,
        latest: 2,
        successor: None,
    },
    Line {
        package: "@clerk/fastify",
        core2: 2,
        core3: 3,
        latest: 3,
        successor: None,
    },
    Line {
        package: "@clerk/remix",
        core2: 4,
        core3: 3,
        latest: 3,
        successor: Some("@clerk/react-router"),
    },
    Line {
        package: "@clerk/react-router",
        core2: 2,
        core3: 3,
        latest: 3,
        successor: None,
    },
    Line {
        package: "@clerk/tanstack-start",
        core2: 0,
        core3: 1,
        latest: 1,
        successor: Some("@clerk/tanstack-react-start"),
    },
    Line {
        package: "@clerk/tanstack-react-start",
        core2: 0,
        core3: 1,
        latest: 1,
        successor: None,
    },
    Line {
        package: "@clerk/astro",
        core2: 2,
        core3: 3,
        latest: 4,
        successor: None,
    },
    Line {
        package: "@clerk/nuxt",
        core2: 1,
        core3: 2,
        latest: 3,
        successor: None,
    },
    Line {
        package: "@clerk/vue",
        core2: 1,
        core3: 2,
        latest: 2,
        successor: None,
    },
    Line {
        package: "@clerk/clerk-js",
        core2: 5,
        core3: 6,
        latest: 6,
        successor: None,
    },
    Line {
        package: "@clerk/shared",
        core2: 3,
        core3: 4,
        latest: 4,
        successor: None,
    },
    Line {
        package: "@hono/clerk-auth",
        core2: 3,
        core3: 0,
        latest: 0,
        successor: Some("@clerk/hono"),
    },
    Line {
        package: "gatsby-plugin-clerk",
        core2: 5,
        core3: 5,
        latest: 5,
        successor: None,
    },
];

/// Where one SDK goes: the facts an upgrade finding and the per-SDK header state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upgrade {
    /// The installed version, when known.
    pub installed: Option<Version>,
    /// The installed version's Clerk Core.
    pub installed_core: Option<u8>,
    /// The package at the target (the same one, or its successor).
    pub to_package: String,
    /// The target major.
    pub to_major: u64,
    pub to_core: u8,
}

impl Upgrade {
    /// `4.23.2 (Core 1) → 7.x (Core 3)`, `4.30.0 (Core 1) → @clerk/react 6.x (Core 3)`.
    pub fn describe(&self, name: &str) -> String {
        let from = match (self.installed, self.installed_core) {
            (Some(v), Some(c)) => format!("{v} (Core {c})"),
            (Some(v), None) => v.to_string(),
            _ => "an unknown version".to_string(),
        };
        let to_name = if self.to_package == name {
            String::new()
        } else {
            format!("{} ", self.to_package)
        };
        format!(
            "{from} → {to_name}{}.x (Core {})",
            self.to_major, self.to_core
        )
    }

    /// The note each finding of the upgrade carries in its help (see [`sdk_of_help`]).
    pub fn note(&self, name: &str) -> String {
        format!("upgrade of {name}: {}", self.describe(name))
    }
}

/// The SDK an upgrade finding's help names ([`Upgrade::note`]).
pub fn sdk_of_help(help: &str) -> Option<&str> {
    let rest = &help[help.find("upgrade of ")? + "upgrade of ".len()..];
    rest.split(':').next()
}

/// `clerk` as it will be at `target`: every SDK with a known release line at the target's
/// major (never below the installed version), its source recording where it came from.
/// Packages without a known line are kept as they are.
pub fn retarget(clerk: &ClerkInfo, target: Target) -> ClerkInfo {
    let packages = clerk
        .packages
        .iter()
        .map(|p| match upgrade_of(p, target) {
            Some((version, upgrade)) => ClerkPackage {
                name: p.name.clone(),
                spec: p.spec.clone(),
                version: Some(version),
                source: VersionSource::Target(Box::new(upgrade)),
            },
            None => p.clone(),
        })
        .collect();
    ClerkInfo { packages }
}

fn upgrade_of(p: &ClerkPackage, target: Target) -> Option<(Version, Upgrade)> {
    let line = LINES.iter().find(|l| l.package == p.name)?;
    let (major, to_package) = match target {
        Target::Core2 => (line.core2, line.package),
        Target::Core3 => (line.core3, line.successor.unwrap_or(line.package)),
        Target::Latest => (line.latest, line.successor.unwrap_or(line.package)),
    };
    // The newest release of that line: every deprecation within it counts. A renamed SDK's
    // old name is evaluated at the major after its last one, which `core_of` places on the
    // target Core.
    let old_major = if to_package == line.package {
        major
    } else {
        line.core2 + 1
    };
    let mut version = Version::new(old_major, 999, 999);
    if let Some(installed) = p.version
        && installed > version
    {
        version = installed;
    }
    let to_core = core_of(to_package, &Version::new(major, 0, 0)).unwrap_or(target.core());
    let upgrade = Upgrade {
        installed: p.version,
        installed_core: p.version.and_then(|v| core_of(&p.name, &v)),
        to_package: to_package.to_string(),
        to_major: major,
        to_core,
    };
    Some((version, upgrade))
}

/// The upgrade of `name` in `clerk`, when `clerk` was [`retarget`]ed.
pub fn upgrade_in<'a>(clerk: &'a ClerkInfo, name: &str) -> Option<&'a Upgrade> {
    match &clerk.package(name)?.source {
        VersionSource::Target(u) => Some(u),
        _ => None,
    }
}

/// For an SDK renamed or replaced by Core `core`: the package that continues it and its
/// major on that Core (`@clerk/remix`, 3 → `@clerk/react-router` 3).
pub fn successor_on(package: &str, core: u8) -> Option<(&'static str, u64)> {
    let line = LINES.iter().find(|l| l.package == package)?;
    let successor = line.successor?;
    (core >= 3).then_some((successor, line.core3))
}
