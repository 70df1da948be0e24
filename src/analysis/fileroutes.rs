//! File-route conventions shared by the file-routed frameworks: a route file's path → the
//! URL pattern it serves, in the path-to-regexp spelling the rest of the analysis uses
//! (`:id`, `:id?` optional, `:slug*` catch-all that may be empty, `:slug+` non-empty).
//!
//! - Remix v2 / React Router v7 flat routes (`app/routes/**`, also `@react-router/fs-routes`
//!   `flatRoutes()`): `.` separates segments, `$id` is a parameter, `$` a splat, `($lang)` an
//!   optional segment, `_index` an index route, `_x` a pathless layout, `x_` leaves its
//!   parent's layout, `[.]` escapes; a folder is a route when it holds `route.*`.
//! - React Router `routes.ts` path strings (`projects/:id?`, `files/*`).
//! - Bracket directories: SvelteKit (`[id]`, `[[lang]]`, `[...rest]`, `[id=matcher]`,
//!   `(group)`), Astro `src/pages` and Nuxt `server/api` / `server/routes` (`[id]`,
//!   `[[id]]`, `[...rest]`, Nuxt also `[...]`); a segment mixing text and parameters
//!   (`[lang]-[version]`) keeps its text. The caller strips the extension, a method suffix
//!   and a trailing `index`.
//! - TanStack Router route ids (`/posts/$postId`, `/_authed/x`, `/(group)/x`, `/files/$`).

/// Extensions of route modules in `app/routes` (Remix / React Router).
const ROUTE_MODULE_EXTENSIONS: &[&str] = &["tsx", "ts", "jsx", "js", "mjs", "mts"];

/// A flat-route module under a routes directory: its path relative to that directory
/// (`notes.$id.tsx`, `account/route.tsx`) → the URL pattern, or `None` when the file is not a
/// route module (a colocated helper, a test, a stylesheet).
pub fn flat_route_url(rel: &str) -> Option<String> {
    flat_route_id(rel).map(|id| flat_route_id_url(&id))
}

/// The route id of a flat-route module (`notes.$id`), or `None` when the file is not one.
/// Folders ending in `+` (the `remix-flat-routes` hybrid convention) are flattened into the
/// id (`_app+/notes.$id/route.tsx` is `_app.notes.$id`; `_app+/_layout.tsx` is `_app`).
pub fn flat_route_id(rel: &str) -> Option<String> {
    let parts: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
    let flat = parts
        .iter()
        .take_while(|p| p.len() > 1 && p.ends_with('+'))
        .count();
    let prefix: Vec<&str> = parts[..flat]
        .iter()
        .map(|p| p.trim_end_matches('+'))
        .collect();
    let own = match &parts[flat..] {
        [file] => strip_module_extension(file)?,
        [folder, file] => {
            let stem = strip_module_extension(file)?;
            if stem != "route" && stem != "index" {
                return None;
            }
            folder
        }
        _ => return None,
    };
    if is_test_like(own) {
        return None;
    }
    let mut ids: Vec<&str> = prefix;
    if own != "_layout" || ids.is_empty() {
        ids.push(own);
    }
    Some(ids.join("."))
}

/// The URL of a flat route id (`_app.notes.$noteId`, `($lang).about`, `api.export[.]csv`).
pub fn flat_route_id_url(id: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for seg in split_unescaped_dots(id) {
        if seg == "_index" {
            continue;
        }
        if seg.starts_with('_') && !seg.starts_with("_[") {
            // Pathless layout.
            continue;
        }
        let seg = seg.strip_suffix('_').unwrap_or(&seg).to_string();
        if seg.is_empty() {
            continue;
        }
        if seg == "$" {
            parts.push(":splat*".to_string());
            continue;
        }
        if let Some(inner) = seg.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
            match inner.strip_prefix('$') {
                Some(name) => parts.push(format!(":{}?", param_name(name))),
                // An optional static segment: its required form is the one to match.
                None => parts.push(unescape(inner)),
            }
            continue;
        }
        if let Some(name) = seg.strip_prefix('$') {
            parts.push(format!(":{}", param_name(name)));
            continue;
        }
        parts.push(unescape(&seg));
    }
    join_url(&parts)
}

/// Joins a React Router `routes.ts` parent path and child path (`projects`, `:id?`, `*`).
pub fn join_config_path(parent: &str, child: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for seg in parent
        .split('/')
        .chain(child.split('/'))
        .filter(|s| !s.is_empty())
    {
        if seg == "*" {
            parts.push(":splat*".to_string());
        } else if let Some(p) = seg.strip_prefix(':') {
            let (name, modifier) = match p.char_indices().last() {
                Some((i, m @ ('?' | '*' | '+'))) => (&p[..i], m.to_string()),
                _ => (p, String::new()),
            };
            parts.push(format!(":{}{modifier}", param_name(name)));
        } else {
            parts.push(seg.trim_end_matches('?').to_string());
        }
    }
    join_url(&parts)
}

/// Whether `(name)` directories are route groups that add no URL segment (SvelteKit, Nitro)
/// or literal text (Astro).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Groups {
    Skip,
    Literal,
}

/// The URL of a bracket-style route made of these directory / file-stem segments
/// (`["api", "notes", "[id]"]`, `["(app)", "files", "[...path]"]`).
pub fn bracket_url(segments: &[&str], groups: Groups) -> String {
    let mut parts: Vec<String> = Vec::new();
    for seg in segments.iter().filter(|s| !s.is_empty()) {
        if groups == Groups::Skip && seg.starts_with('(') && seg.ends_with(')') {
            continue;
        }
        if let Some(name) = seg.strip_prefix("[[").and_then(|s| s.strip_suffix("]]")) {
            parts.push(format!(":{}?", param_name(strip_matcher(name))));
        } else if let Some(name) = seg.strip_prefix("[...").and_then(|s| s.strip_suffix(']')) {
            parts.push(format!(":{}*", param_name(strip_matcher(name))));
        } else if let Some(name) = seg
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .filter(|n| !n.contains('[') && !n.contains(']'))
        {
            parts.push(format!(":{}", param_name(strip_matcher(name))));
        } else {
            parts.push(inline_params(seg));
        }
    }
    join_url(&parts)
}

/// The URL of a SvelteKit route directory chain under `src/routes` (`api/[id]`,
/// `(app)/files/[...path]`, `[[lang]]/about`).
pub fn sveltekit_url(dirs: &[&str]) -> String {
    bracket_url(dirs, Groups::Skip)
}

/// `[lang]-[version]` → `:lang-:version`.
fn inline_params(seg: &str) -> String {
    let mut out = String::new();
    let mut rest = seg;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push(':');
        out.push_str(&param_name(strip_matcher(&rest[open + 1..open + close])));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The URL of a TanStack Router route id or path (`/posts/$postId`, `/_authed/reports`,
/// `/api/files/$`, `/(app)/x`, `/posts_/$id`).
pub fn tanstack_url(path: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if seg.starts_with('_') || (seg.starts_with('(') && seg.ends_with(')')) {
            continue;
        }
        let seg = seg.strip_suffix('_').unwrap_or(seg);
        if seg == "$" {
            parts.push(":splat*".to_string());
        } else if let Some(name) = seg.strip_prefix("{-$").and_then(|s| s.strip_suffix('}')) {
            parts.push(format!(":{}?", param_name(name)));
        } else if let Some(name) = seg.strip_prefix('$') {
            parts.push(format!(":{}", param_name(name)));
        } else {
            parts.push(unescape(seg));
        }
    }
    join_url(&parts)
}

fn strip_module_extension(file: &str) -> Option<&str> {
    let (stem, ext) = file.rsplit_once('.')?;
    if !ROUTE_MODULE_EXTENSIONS.contains(&ext) || stem.ends_with(".d") {
        return None;
    }
    Some(stem)
}

fn is_test_like(id: &str) -> bool {
    split_unescaped_dots(id).iter().any(|s| {
        matches!(
            s.as_str(),
            "test" | "spec" | "stories" | "server" | "client"
        )
    })
}

/// Splits a flat route id on the dots that are not inside `[...]`.
fn split_unescaped_dots(id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    for c in id.chars() {
        match c {
            '[' => {
                depth += 1;
                cur.push(c);
            }
            ']' => {
                depth = depth.saturating_sub(1);
                cur.push(c);
            }
            '.' if depth == 0 => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// `[.]` and `[sitemap.xml]` escapes → the literal characters.
fn unescape(seg: &str) -> String {
    seg.chars().filter(|c| *c != '[' && *c != ']').collect()
}

/// `[id=integer]` → `id`.
fn strip_matcher(name: &str) -> &str {
    name.split('=').next().unwrap_or(name)
}

/// A parameter name usable in a path-to-regexp pattern (`post-id` → `post_id`).
fn param_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if cleaned.is_empty() {
        "param".to_string()
    } else {
        cleaned
    }
}

fn join_url(parts: &[String]) -> String {
    if parts.is_empty() {
        "/".to_string()
    } else {
        format!("/{}", parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_routes() {
        const CASES: &[(&str, Option<&str>)] = &[
            ("_index.tsx", Some("/")),
            ("about.tsx", Some("/about")),
            ("notes._index.tsx", Some("/notes")),
            ("notes.$noteId.tsx", Some("/notes/:noteId")),
            ("notes.$noteId_.edit.tsx", Some("/notes/:noteId/edit")),
            ("_app.tsx", Some("/")),
            ("_app.billing.tsx", Some("/billing")),
            ("($lang).pricing.tsx", Some("/:lang?/pricing")),
            ("files.$.tsx", Some("/files/:splat*")),
            ("$.tsx", Some("/:splat*")),
            ("api.export[.]csv.ts", Some("/api/export.csv")),
            ("[sitemap.xml].ts", Some("/sitemap.xml")),
            ("account/route.tsx", Some("/account")),
            ("_ui.events.$eventId/route.tsx", Some("/events/:eventId")),
            ("sign-in.$/route.tsx", Some("/sign-in/:splat*")),
            ("account/helpers.ts", None),
            ("_ui+/home/route.tsx", Some("/home")),
            ("_ui+/events.$eventId/route.tsx", Some("/events/:eventId")),
            ("_ui+/_layout.tsx", Some("/")),
            ("admin+/users+/$id.tsx", Some("/admin/users/:id")),
            ("_ui+/home/data/auth.server.ts", None),
            ("account/data/auth.server.ts", None),
            ("notes.css", None),
            ("notes.test.tsx", None),
            ("types.d.ts", None),
        ];
        for (rel, expected) in CASES {
            assert_eq!(
                flat_route_url(rel).as_deref(),
                *expected,
                "flat route {rel}"
            );
        }
    }

    #[test]
    fn config_paths() {
        const CASES: &[(&str, &str, &str)] = &[
            ("", "", "/"),
            ("", "dashboard", "/dashboard"),
            ("admin", "users/:id?", "/admin/users/:id?"),
            ("", "sign-in/*", "/sign-in/:splat*"),
            ("/projects/", ":project-id", "/projects/:project_id"),
            ("/files", ":splat*", "/files/:splat*"),
        ];
        for (parent, child, expected) in CASES {
            assert_eq!(
                join_config_path(parent, child),
                *expected,
                "{parent} + {child}"
            );
        }
    }

    #[test]
    fn sveltekit_dirs() {
        const CASES: &[(&[&str], &str)] = &[
            (&[], "/"),
            (&["api", "notes", "[id]"], "/api/notes/:id"),
            (&["(marketing)", "pricing"], "/pricing"),
            (&["docs", "[...path]"], "/docs/:path*"),
            (&["[[lang]]", "about"], "/:lang?/about"),
            (&["items", "[id=integer]"], "/items/:id"),
            (&["v", "[lang]-[version]"], "/v/:lang-:version"),
        ];
        for (dirs, expected) in CASES {
            assert_eq!(sveltekit_url(dirs), *expected, "{dirs:?}");
        }
    }

    #[test]
    fn bracket_segments() {
        const CASES: &[(&[&str], Groups, &str)] = &[
            (&[], Groups::Literal, "/"),
            (&["api", "notes"], Groups::Literal, "/api/notes"),
            (&["api", "notes", "[id]"], Groups::Literal, "/api/notes/:id"),
            (&["docs", "[...slug]"], Groups::Literal, "/docs/:slug*"),
            (&["files", "[...]"], Groups::Skip, "/files/:param*"),
            (&["[[lang]]", "about"], Groups::Literal, "/:lang?/about"),
            (
                &["v", "[lang]-[version]"],
                Groups::Literal,
                "/v/:lang-:version",
            ),
            (&["rss.xml"], Groups::Literal, "/rss.xml"),
            (&["(admin)", "users"], Groups::Skip, "/users"),
            (&["(admin)", "users"], Groups::Literal, "/(admin)/users"),
            (&["api", "[post-id]"], Groups::Skip, "/api/:post_id"),
        ];
        for (segs, groups, want) in CASES {
            assert_eq!(bracket_url(segs, *groups), *want, "{segs:?} {groups:?}");
        }
    }

    #[test]
    fn tanstack_paths() {
        const CASES: &[(&str, &str)] = &[
            ("/", "/"),
            ("/api/reports", "/api/reports"),
            ("/posts/$postId", "/posts/:postId"),
            ("/_authed/reports", "/reports"),
            ("/(app)/settings", "/settings"),
            ("/files/$", "/files/:splat*"),
            ("/posts_/$postId/edit", "/posts/:postId/edit"),
            ("/{-$lang}/about", "/:lang?/about"),
            ("/customScript[.]js", "/customScript.js"),
        ];
        for (path, expected) in CASES {
            assert_eq!(tanstack_url(path), *expected, "{path}");
        }
    }
}
