//! `vulnerable-version`: an installed Clerk SDK (or Next.js, for an app that protects routes
//! in middleware) inside the affected range of a published advisory.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};
use crate::project::lockfile::{self, Query};
use crate::project::{App, Version, VersionSource};
use crate::rules::{ProjectCx, Rule, RuleMeta, declare_rule};
use crate::source::{FileKind, SourceFile, json_tokens};

declare_rule! {
    /// ## What it does
    /// Checks the version of each Clerk SDK an app installs (from the lockfile, else the
    /// `package.json` range) against the published advisories:
    ///
    /// - CVE-2024-22206 (`@clerk/nextjs` 4.7.0 to 4.29.2): a request could act as another
    ///   user. Fixed in 4.29.3.
    /// - CVE-2026-41248 / GHSA-vqx2-fgx2-5wq9: `createRouteMatcher` could be bypassed with
    ///   crafted paths. Fixed in `@clerk/nextjs` 5.7.6, 6.39.2, 7.2.1; `@clerk/nuxt` 1.13.28,
    ///   2.2.2; `@clerk/astro` 1.5.7, 2.17.10, 3.0.15; `@clerk/shared` 3.47.4, 4.8.1.
    /// - CVE-2026-42349 / GHSA-w24r-5266-9c3c: `auth.protect()` and `has()` with mixed
    ///   criteria (role and permission) could authorize the wrong users. Fixed in
    ///   `@clerk/nextjs` 6.39.3 and 7.2.4.
    /// - `@clerk/express` before 2.1.25 trusted a `req.auth` set by another library
    ///   (express-jwt, Passport, express-openid-connect).
    /// - CVE-2025-29927: Next.js middleware could be skipped with the `x-middleware-subrequest`
    ///   header (Next.js 11.1.4 to 15.2.2; fixed in 12.3.5, 13.5.9, 14.2.25, 15.2.3), reported
    ///   for apps whose Clerk middleware protects routes.
    ///
    /// The finding sits on the dependency in `package.json`. It is an **error** when the
    /// lockfile (or an exact version, or a range that admits no fixed version, like `~4.28.0`)
    /// puts the app in the affected range and the app uses the affected API; a **warning**
    /// when only one of the two holds (only a `package.json` range is known and it merely
    /// allows an affected version, which the message says; or the app does not appear to use
    /// the affected API); a note when neither does.
    ///
    /// ## Why is this bad?
    /// These are authentication and authorization bypasses: an attacker reaches routes or data
    /// the app meant to protect, without any bug in the app's own code.
    ///
    /// ## Example
    /// ```json
    /// { "dependencies": { "@clerk/nextjs": "6.39.1" } }
    /// ```
    ///
    /// Use instead:
    /// ```json
    /// { "dependencies": { "@clerk/nextjs": "^6.39.3" } }
    /// ```
    ///
    /// ## References
    /// - [CVE-2024-22206](https://clerk.com/changelog/2024-02-02)
    /// - [GHSA-vqx2-fgx2-5wq9](https://osv.dev/vulnerability/GHSA-vqx2-fgx2-5wq9)
    /// - [GHSA-w24r-5266-9c3c](https://osv.dev/vulnerability/GHSA-w24r-5266-9c3c)
    /// - [CVE-2025-29927](https://nextjs.org/blog/cve-2025-29927)
    pub static META {
        id: "vulnerable-version",
        source: Project,
        severity: Error,
        summary: "an installed Clerk SDK (or Next.js behind Clerk middleware) with a known auth bypass",
    }
}

pub struct VulnerableVersion;

type V = (u64, u64, u64);

/// When an advisory applies to an app's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Uses {
    /// Whatever the code does.
    Always,
    /// The app calls `createRouteMatcher`.
    RouteMatcher,
    /// The app checks roles or permissions with `has()` / `auth.protect()`.
    Authorization,
    /// Another library that sets `req.auth` is installed.
    ForeignReqAuth,
    /// The app's Clerk middleware protects routes (only then is skipping it a bypass).
    ProtectingMiddleware,
}

struct Advisory {
    id: &'static str,
    package: &'static str,
    /// Affected `[from, to)` ranges.
    ranges: &'static [(V, V)],
    what: &'static str,
    uses: Uses,
    url: &'static str,
}

const ADVISORIES: &[Advisory] = &[
    Advisory {
        id: "CVE-2024-22206",
        package: "@clerk/nextjs",
        ranges: &[((4, 7, 0), (4, 29, 3))],
        what: "lets a request act on behalf of another user",
        uses: Uses::Always,
        url: "https://clerk.com/changelog/2024-02-02",
    },
    Advisory {
        id: "CVE-2026-41248",
        package: "@clerk/nextjs",
        ranges: &[
            ((5, 0, 0), (5, 7, 6)),
            ((6, 0, 0), (6, 39, 2)),
            ((7, 0, 0), (7, 2, 1)),
        ],
        what: "lets crafted paths bypass `createRouteMatcher`",
        uses: Uses::RouteMatcher,
        url: "https://osv.dev/vulnerability/GHSA-vqx2-fgx2-5wq9",
    },
    Advisory {
        id: "CVE-2026-41248",
        package: "@clerk/nuxt",
        ranges: &[((0, 0, 0), (1, 13, 28)), ((2, 0, 0), (2, 2, 2))],
        what: "lets crafted paths bypass `createRouteMatcher`",
        uses: Uses::RouteMatcher,
        url: "https://osv.dev/vulnerability/GHSA-vqx2-fgx2-5wq9",
    },
    Advisory {
        id: "CVE-2026-41248",
        package: "@clerk/astro",
        ranges: &[
            ((0, 0, 0), (1, 5, 7)),
            ((2, 0, 0), (2, 17, 10)),
            ((3, 0, 0), (3, 0, 15)),
        ],
        what: "lets crafted paths bypass `createRouteMatcher`",
        uses: Uses::RouteMatcher,
        url: "https://osv.dev/vulnerability/GHSA-vqx2-fgx2-5wq9",
    },
    Advisory {
        id: "CVE-2026-41248",
        package: "@clerk/shared",
        ranges: &[((2, 0, 0), (3, 47, 4)), ((4, 0, 0), (4, 8, 1))],
        what: "lets crafted paths bypass its path matcher (`createRouteMatcher`)",
        uses: Uses::RouteMatcher,
        url: "https://osv.dev/vulnerability/GHSA-vqx2-fgx2-5wq9",
    },
    Advisory {
        id: "CVE-2026-42349",
        package: "@clerk/nextjs",
        ranges: &[((6, 0, 0), (6, 39, 3)), ((7, 0, 0), (7, 2, 4))],
        what: "lets `auth.protect()` and `has()` with mixed role and permission criteria authorize the wrong users",
        uses: Uses::Authorization,
        url: "https://osv.dev/vulnerability/GHSA-w24r-5266-9c3c",
    },
    Advisory {
        id: "the auth bypass fixed in 2.1.25",
        package: "@clerk/express",
        ranges: &[((0, 0, 0), (2, 1, 25))],
        what: "trusts a `req.auth` set by another library (express-jwt, Passport, express-openid-connect), so `getAuth(req)` can return that library's identity",
        uses: Uses::ForeignReqAuth,
        url: "https://github.com/clerk/javascript/blob/main/packages/express/CHANGELOG.md",
    },
    Advisory {
        id: "CVE-2025-29927",
        package: "next",
        ranges: &[
            ((11, 1, 4), (12, 3, 5)),
            ((13, 0, 0), (13, 5, 9)),
            ((14, 0, 0), (14, 2, 25)),
            ((15, 0, 0), (15, 2, 3)),
        ],
        what: "lets a request skip the middleware with an `x-middleware-subrequest` header, and this app protects routes in its Clerk middleware",
        uses: Uses::ProtectingMiddleware,
        url: "https://nextjs.org/blog/cve-2025-29927",
    },
];

/// Libraries that set `req.auth` themselves.
const FOREIGN_REQ_AUTH: &[&str] = &[
    "express-jwt",
    "passport",
    "express-openid-connect",
    "express-oauth2-jwt-bearer",
];

/// The version an app gets, and how sure that is.
struct Resolved {
    version: Version,
    /// The version is what gets installed (lockfile, exact pin), not a range's lower bound.
    certain: bool,
    /// Where it came from, for the help.
    note: String,
    /// The `package.json` range it was read from (no lockfile entry, not an exact pin).
    range: Option<String>,
}

impl Rule for VulnerableVersion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_project(&self, cx: &ProjectCx, out: &mut Vec<Diagnostic>) {
        let mut files: Vec<&SourceFile> = cx.files.values().copied().collect();
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        let mut cache = lockfile::Cache::default();
        for manifest in files.iter().filter(|f| f.kind == FileKind::PackageJson) {
            let Some(app) = cx.project.app_for(&manifest.rel_path) else {
                continue;
            };
            if !same_dir(&manifest.abs_path, &app.root) || app.clerk.is_empty() {
                continue;
            }
            // The app's scripts and what they use, each found once, and only when an
            // advisory asks (not rescanned per advisory).
            let app_files = std::cell::OnceCell::new();
            let app_files = || -> &Vec<&SourceFile> {
                app_files.get_or_init(|| {
                    files
                        .iter()
                        .copied()
                        .filter(|f| {
                            f.kind == FileKind::Script
                                && cx
                                    .project
                                    .app_for(&f.rel_path)
                                    .is_some_and(|a| a.rel_root == app.rel_root)
                        })
                        .collect()
                })
            };
            let route_matcher = std::cell::OnceCell::new();
            let authorization = std::cell::OnceCell::new();
            let middleware = std::cell::OnceCell::new();
            for adv in ADVISORIES {
                let Some(resolved) = resolve(app, adv.package, &mut cache) else {
                    continue;
                };
                let v = resolved.version;
                let Some(&(_, fixed)) = adv.ranges.iter().find(|&&(from, to)| {
                    Version::new(from.0, from.1, from.2) <= v && v < Version::new(to.0, to.1, to.2)
                }) else {
                    continue;
                };
                let fixed = Version::new(fixed.0, fixed.1, fixed.2);
                let resolved = confirm_range(resolved, fixed);
                let used = match adv.uses {
                    Uses::Always => true,
                    Uses::RouteMatcher => *route_matcher.get_or_init(|| {
                        app_files()
                            .iter()
                            .any(|f| f.text.contains("createRouteMatcher"))
                    }),
                    Uses::Authorization => *authorization
                        .get_or_init(|| app_files().iter().any(|f| checks_authorization(&f.text))),
                    Uses::ForeignReqAuth => {
                        FOREIGN_REQ_AUTH.iter().any(|d| app.deps.contains_key(*d))
                    }
                    Uses::ProtectingMiddleware => {
                        if !*middleware.get_or_init(|| protects_in_middleware(app, app_files())) {
                            continue;
                        }
                        true
                    }
                };
                out.push(report(manifest, adv, &resolved, fixed, used));
            }
        }
    }
}

fn same_dir(manifest: &Path, root: &Path) -> bool {
    match manifest.parent() {
        Some(p) if p.as_os_str().is_empty() => root == Path::new("."),
        Some(p) => p == root,
        None => false,
    }
}

/// `has({ role })`, `auth.protect({ permission })` and the like.
fn checks_authorization(text: &str) -> bool {
    (text.contains("has(") || text.contains("protect("))
        && ["role", "permission", "feature", "plan"]
            .iter()
            .any(|k| text.contains(k))
}

/// Whether the app's `middleware` / `proxy` file is a Clerk middleware that rejects
/// signed-out requests somewhere.
fn protects_in_middleware(app: &App, app_files: &[&SourceFile]) -> bool {
    app_files.iter().any(|f| {
        let Ok(rel) = f.abs_path.strip_prefix(&app.root) else {
            return false;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let rel = rel.strip_prefix("src/").unwrap_or(&rel);
        let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
        let t = &f.text;
        // `authMiddleware` protects every route not listed as public; `protect()` and the
        // redirects reject signed-out requests; a hand-written check reads the identity and
        // answers with a redirect or an error status. Reading `userId` alone protects nothing.
        let hand_written = ["userId", "isAuthenticated", "sessionId"]
            .iter()
            .any(|s| t.contains(s))
            && [".redirect(", ".rewrite(", "401", "403"]
                .iter()
                .any(|s| t.contains(s));
        (stem == "middleware" || stem == "proxy")
            && t.contains("@clerk/")
            && ([
                "authMiddleware(",
                "protect(",
                "redirectToSignIn",
                "redirectToSignUp",
            ]
            .iter()
            .any(|s| t.contains(s))
                || hand_written)
    })
}

/// The version of `package` the app gets: the Clerk packages from the project model, `next`
/// from the lockfile (else its `package.json` range).
fn resolve(app: &App, package: &str, cache: &mut lockfile::Cache) -> Option<Resolved> {
    if let Some(p) = app.clerk.package(package) {
        let version = p.version?;
        return Some(match &p.source {
            VersionSource::Lockfile(path) => Resolved {
                version,
                certain: true,
                note: format!("{package} {version} is installed (`{path}`)"),
                range: None,
            },
            _ => from_range(package, &p.spec, version),
        });
    }
    let spec = app.deps.get(package)?;
    if let Some(found) = lockfile::find(&app.root, None) {
        let query = Query {
            importer: &found.importer,
            app_name: app.name.as_deref(),
            name: package,
            spec,
        };
        for name in &found.names {
            let path = found.dir.join(name);
            if let Some(version) = cache.get(&path).and_then(|l| l.resolve(&query)) {
                let shown = if found.levels_up == 0 {
                    let prefix = if app.rel_root.is_empty() {
                        String::new()
                    } else {
                        format!("{}/", app.rel_root)
                    };
                    format!("{prefix}{name}")
                } else {
                    path.display().to_string()
                };
                return Some(Resolved {
                    version,
                    certain: true,
                    note: format!("{package} {version} is installed (`{shown}`)"),
                    range: None,
                });
            }
        }
    }
    let version = Version::lower_bound(spec)?;
    Some(from_range(package, spec, version))
}

/// A range that admits no fixed version is as sure as a lockfile: every install is affected.
fn confirm_range(r: Resolved, fixed: Version) -> Resolved {
    let Some(spec) = r.range.clone() else {
        return r;
    };
    match Version::upper_bound(&spec) {
        Some(Some(upper)) if upper <= fixed => Resolved {
            certain: true,
            note: format!(
                "`{spec}` in package.json admits no fixed version (no lockfile entry), so every install is affected"
            ),
            ..r
        },
        _ => r,
    }
}

/// A version read from a `package.json` range: certain only for an exact version.
fn from_range(package: &str, spec: &str, version: Version) -> Resolved {
    let exact = Version::parse(spec).is_some_and(|v| v == version);
    Resolved {
        version,
        certain: exact,
        range: (!exact).then(|| spec.to_string()),
        note: if exact {
            format!("{package} is pinned to {version} in package.json (no lockfile entry)")
        } else {
            format!(
                "no lockfile entry for {package}: {version} is the lower bound of `{spec}` in package.json, and a fresh install may get a fixed version"
            )
        },
    }
}

fn report(
    manifest: &SourceFile,
    adv: &Advisory,
    r: &Resolved,
    fixed: Version,
    used: bool,
) -> Diagnostic {
    let range = dependency_range(&manifest.text, adv.package).unwrap_or(0..0);
    // Sure of the version and of the use: an error; one of the two: a warning; neither (a
    // range's lower bound, no use of the affected API found): a note.
    let severity = match (r.certain, used) {
        (true, true) => Severity::Error,
        (false, false) => Severity::Info,
        _ => Severity::Warning,
    };
    let mut help = format!("upgrade to {fixed} or later; see {}; {}", adv.url, r.note);
    if !used {
        let usage = match adv.uses {
            Uses::RouteMatcher => "the app does not appear to call `createRouteMatcher`",
            Uses::Authorization => {
                "the app does not appear to check roles or permissions with `has()` or `auth.protect()`"
            }
            Uses::ForeignReqAuth => {
                "no other library that sets `req.auth` (express-jwt, Passport) is installed"
            }
            Uses::Always | Uses::ProtectingMiddleware => "",
        };
        help.push_str(&format!("; {usage}"));
    }
    Diagnostic::new(
        &META,
        manifest,
        range,
        match (&r.range, r.certain) {
            // Only a range is known, and it also admits fixed versions: say so.
            (Some(spec), false) => format!(
                "`{}` `{spec}` allows versions affected by {}, which {}; require {fixed} or later",
                adv.package, adv.id, adv.what
            ),
            _ => format!(
                "`{}` {} is affected by {}, which {}; upgrade to {fixed}",
                adv.package, r.version, adv.id, adv.what
            ),
        },
    )
    .with_severity(severity)
    .with_help(help)
    .with_fingerprint(format!("{}:{}", adv.package, adv.id))
}

/// The range of the dependency's version string (else its name) in a `package.json`.
fn dependency_range(text: &str, package: &str) -> Option<std::ops::Range<usize>> {
    let mut found = None;
    json_tokens::walk(text, |entry| {
        if found.is_some() || entry.path.len() != 1 {
            return;
        }
        let in_deps = [
            "dependencies",
            "devDependencies",
            "optionalDependencies",
            "peerDependencies",
        ]
        .iter()
        .any(|f| entry.container_is(&[f]));
        if !in_deps {
            return;
        }
        if let Some(key) = entry.key()
            && key.value == package
        {
            found = Some(
                entry
                    .string_value()
                    .map_or(key.content.clone(), |v| v.content.clone()),
            );
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::lint_deps;

    /// (dependencies, files, expected (severity, message part) per finding)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &[(&str, &str)], &[(Severity, &str)])] = &[
        (
            r#""@clerk/nextjs": "4.28.0""#,
            &[],
            &[(
                Severity::Error,
                "`@clerk/nextjs` 4.28.0 is affected by CVE-2024-22206",
            )],
        ),
        (r#""@clerk/nextjs": "4.29.3""#, &[], &[]),
        (r#""@clerk/nextjs": "4.6.0""#, &[], &[]),
        // A range that also admits fixed versions: a warning that says so.
        (
            r#""@clerk/nextjs": "^4.28.0""#,
            &[],
            &[(
                Severity::Warning,
                "`@clerk/nextjs` `^4.28.0` allows versions affected by CVE-2024-22206",
            )],
        ),
        // A range that admits no fixed version: every install is affected.
        (
            r#""@clerk/nextjs": "~4.28.0""#,
            &[],
            &[(
                Severity::Error,
                "`@clerk/nextjs` 4.28.0 is affected by CVE-2024-22206",
            )],
        ),
        (
            r#""@clerk/nextjs": ">=4.20.0 <4.29.0""#,
            &[],
            &[(Severity::Error, "CVE-2024-22206")],
        ),
        // Route matcher: used, error; not used, warning.
        (
            r#""@clerk/nextjs": "6.39.1""#,
            &[(
                "middleware.ts",
                "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\nconst p = createRouteMatcher(['/admin/:path*']);\nexport default clerkMiddleware(async (auth, req) => { if (p(req)) await auth.protect({ role: 'org:admin' }); });",
            )],
            &[
                (Severity::Error, "CVE-2026-41248"),
                (Severity::Error, "CVE-2026-42349"),
            ],
        ),
        (
            r#""@clerk/nextjs": "7.2.1""#,
            &[],
            &[(Severity::Warning, "CVE-2026-42349")],
        ),
        (r#""@clerk/nextjs": "7.2.4""#, &[], &[]),
        (
            r#""@clerk/express": "1.7.0", "passport": "0.7.0""#,
            &[],
            &[(Severity::Error, "the auth bypass fixed in 2.1.25")],
        ),
        (
            r#""@clerk/express": "2.1.24""#,
            &[],
            &[(Severity::Warning, "`@clerk/express` 2.1.24")],
        ),
        // Next.js middleware bypass: only when the Clerk middleware protects routes.
        (
            r#""@clerk/nextjs": "5.7.6", "next": "14.2.3""#,
            &[(
                "src/middleware.ts",
                "import { authMiddleware } from '@clerk/nextjs/server';\nexport default authMiddleware({ publicRoutes: ['/'] });",
            )],
            &[(
                Severity::Error,
                "`next` 14.2.3 is affected by CVE-2025-29927",
            )],
        ),
        (
            r#""@clerk/nextjs": "5.7.6", "next": "14.2.3""#,
            &[(
                "middleware.ts",
                "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware();",
            )],
            &[],
        ),
        (
            r#""@clerk/nextjs": "6.39.3", "next": "15.2.3""#,
            &[(
                "middleware.ts",
                "import { clerkMiddleware } from '@clerk/nextjs/server';\nexport default clerkMiddleware(async (auth) => { await auth.protect(); });",
            )],
            &[],
        ),
        // Reading the identity in middleware without acting on it protects nothing.
        (
            r#""@clerk/nextjs": "4.29.3", "next": "13.3.0""#,
            &[(
                "middleware.ts",
                "import { withClerkMiddleware, getAuth } from '@clerk/nextjs/server';\nimport { NextResponse } from 'next/server';\nexport default withClerkMiddleware((req) => { const { userId } = getAuth(req); return NextResponse.next(); });",
            )],
            &[],
        ),
        (
            r#""@clerk/nextjs": "4.29.3", "next": "13.3.0""#,
            &[(
                "middleware.ts",
                "import { withClerkMiddleware, getAuth } from '@clerk/nextjs/server';\nimport { NextResponse } from 'next/server';\nexport default withClerkMiddleware((req) => { const { userId } = getAuth(req); if (!userId) return NextResponse.redirect(new URL('/sign-in', req.url)); return NextResponse.next(); });",
            )],
            &[(Severity::Error, "CVE-2025-29927")],
        ),
        // Not a Clerk app.
        (r#""next": "14.2.3""#, &[], &[]),
    ];

    #[test]
    fn cases() {
        for (deps, files, expected) in CASES {
            let diags = lint_deps(deps, files, &VulnerableVersion);
            let got: Vec<(Severity, &str)> = diags
                .iter()
                .map(|d| (d.severity, d.message.as_str()))
                .collect();
            assert_eq!(got.len(), expected.len(), "{deps}\n{got:#?}");
            for ((sev, msg), (esev, emsg)) in got.iter().zip(expected.iter()) {
                assert_eq!(sev, esev, "{msg}");
                assert!(msg.contains(emsg), "{msg}\nlacks {emsg}");
                assert!(!msg.ends_with('.'));
            }
            for d in &diags {
                assert_eq!(d.path, "package.json");
                assert!(d.start.line == 1 && d.start.column > 1, "{d:?}");
            }
        }
    }
}
