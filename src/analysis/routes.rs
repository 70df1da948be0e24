//! Next.js file conventions: which files are endpoints or middleware, and the URL of each.
//!
//! URL patterns use the path-to-regexp spelling the rest of the analysis matches against:
//! `[id]` → `:id`, `[...slug]` → `:slug+`, `[[...slug]]` → `:slug*`. Route groups `(x)` and
//! parallel slots `@x` vanish, intercepting segments `(.)x` / `(..)x` / `(...)x` keep `x`, and
//! a private folder `_x` under `app/` takes its files out of routing. `basePath` and i18n
//! prefixes from `next.config.*` are not applied here.

/// What a file is to Next.js, from its path relative to the app root (`/`-separated).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextFile {
    /// `app/**/route.{ts,tsx,js,jsx,mjs,cjs}` (also under `src/`): its URL pattern.
    AppRoute { url: String },
    /// `pages/api/**` (also under `src/`), not `_app`/`_document`/`_middleware`: its URL pattern.
    PagesApi { url: String },
    /// `middleware.{ts,js,mjs}` or `proxy.{ts,js,mjs}` at the app root or in `src/`.
    Middleware { proxy: bool, in_src: bool },
    /// Anything else.
    Other,
}

/// Extensions of route handlers and `pages/api` files.
const ROUTE_EXTENSIONS: &[&str] = &["ts", "tsx", "js", "jsx", "mjs", "cjs"];
/// Extensions Next.js picks a middleware / proxy file up with.
const MIDDLEWARE_EXTENSIONS: &[&str] = &["ts", "tsx", "js", "jsx", "mjs", "mts"];

/// The sample segment a single dynamic parameter stands for: dot-free, because static-file
/// exclusions in `config.matcher` key on `\.`.
pub const SAMPLE_SEGMENT: &str = "clerk-lint-sample";
/// The sample a catch-all parameter stands for.
pub const SAMPLE_CATCH_ALL: &str = "a/b";

/// At most this many sample paths per URL (optional segments multiply).
const MAX_SAMPLES: usize = 16;

/// Classifies `rel` (relative to the app root, e.g. `src/app/api/x/route.ts`).
pub fn classify(rel: &str) -> NextFile {
    let rel = rel.replace('\\', "/");
    let segments: Vec<&str> = rel
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let Some((file, _)) = segments.split_last() else {
        return NextFile::Other;
    };
    if is_test_file(&segments) {
        return NextFile::Other;
    }
    let (in_src, rest) = match segments.split_first() {
        Some((&"src", rest)) => (true, rest),
        _ => (false, &segments[..]),
    };
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return NextFile::Other;
    };

    if rest.len() == 1 && (stem == "middleware" || stem == "proxy") {
        if MIDDLEWARE_EXTENSIONS.contains(&ext) {
            return NextFile::Middleware {
                proxy: stem == "proxy",
                in_src,
            };
        }
        return NextFile::Other;
    }

    match rest {
        ["app", folders @ .., _] if stem == "route" && ROUTE_EXTENSIONS.contains(&ext) => {
            match app_url(folders) {
                Some(url) => NextFile::AppRoute { url },
                None => NextFile::Other,
            }
        }
        ["pages", "api", folders @ .., _] => {
            if !ROUTE_EXTENSIONS.contains(&ext) || stem.starts_with('_') || is_declaration(file) {
                return NextFile::Other;
            }
            let mut parts: Vec<String> = vec!["api".to_string()];
            for f in folders {
                parts.push(dynamic_segment(f));
            }
            if stem != "index" {
                parts.push(dynamic_segment(stem));
            }
            NextFile::PagesApi {
                url: join_url(&parts),
            }
        }
        _ => NextFile::Other,
    }
}

/// `*.test.*`, `*.spec.*` and anything under `__tests__/`.
fn is_test_file(segments: &[&str]) -> bool {
    if segments.contains(&"__tests__") {
        return true;
    }
    let Some(file) = segments.last() else {
        return false;
    };
    let mut parts = file.split('.');
    parts.next();
    parts.any(|p| p == "test" || p == "spec")
}

/// `x.d.ts`, `x.d.mts`, ...
fn is_declaration(file: &str) -> bool {
    let mut parts = file.rsplit('.');
    parts.next();
    parts.next() == Some("d")
}

/// The URL of an App Router folder chain, or `None` when a private folder takes it out of
/// routing.
fn app_url(folders: &[&str]) -> Option<String> {
    let mut parts = Vec::new();
    for folder in folders {
        if folder.starts_with('_') {
            return None;
        }
        if folder.starts_with('@') {
            continue;
        }
        // `%5F` is how a URL segment that starts with `_` is written as a folder.
        let folder = match folder
            .strip_prefix("%5F")
            .or_else(|| folder.strip_prefix("%5f"))
        {
            Some(rest) => format!("_{rest}"),
            None => folder.to_string(),
        };
        let stripped = strip_intercepting(&folder);
        if stripped.len() != folder.len() {
            if !stripped.is_empty() {
                parts.push(dynamic_segment(stripped));
            }
            continue;
        }
        if folder.starts_with('(') && folder.ends_with(')') {
            continue;
        }
        parts.push(dynamic_segment(&folder));
    }
    Some(join_url(&parts))
}

/// Removes the `(.)`, `(..)`, `(..)(..)` and `(...)` markers of an intercepting route.
fn strip_intercepting(mut folder: &str) -> &str {
    loop {
        if let Some(rest) = folder
            .strip_prefix("(...)")
            .or_else(|| folder.strip_prefix("(..)"))
            .or_else(|| folder.strip_prefix("(.)"))
        {
            folder = rest;
        } else {
            return folder;
        }
    }
}

/// `[id]` → `:id`, `[...slug]` → `:slug+`, `[[...slug]]` → `:slug*`; other segments as they are.
fn dynamic_segment(seg: &str) -> String {
    if let Some(name) = seg.strip_prefix("[[...").and_then(|s| s.strip_suffix("]]")) {
        return format!(":{}*", param_name(name));
    }
    if let Some(name) = seg.strip_prefix("[...").and_then(|s| s.strip_suffix(']')) {
        return format!(":{}+", param_name(name));
    }
    if let Some(name) = seg.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        return format!(":{}", param_name(name));
    }
    seg.to_string()
}

/// A parameter name usable in a path-to-regexp pattern (`[post-id]` → `post_id`).
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

/// Concrete pathnames that stand for a URL pattern when testing matchers: a pattern without
/// parameters gives itself; each parameter gets a dot-free sample segment; an optional
/// catch-all gives both the bare prefix and a two-segment sample.
pub fn sample_paths(url: &str) -> Vec<String> {
    let mut outs: Vec<String> = vec![String::new()];
    for seg in url.split('/').filter(|s| !s.is_empty()) {
        let mut next = Vec::new();
        for out in &outs {
            match seg.strip_prefix(':') {
                Some(p) if p.ends_with('*') => {
                    next.push(out.clone());
                    next.push(format!("{out}/{SAMPLE_CATCH_ALL}"));
                }
                Some(p) if p.ends_with('+') => next.push(format!("{out}/{SAMPLE_CATCH_ALL}")),
                Some(p) if p.ends_with('?') => {
                    next.push(out.clone());
                    next.push(format!("{out}/{SAMPLE_SEGMENT}"));
                }
                Some(_) => next.push(format!("{out}/{SAMPLE_SEGMENT}")),
                None => next.push(format!("{out}/{seg}")),
            }
        }
        next.truncate(MAX_SAMPLES);
        outs = next;
    }
    let mut result: Vec<String> = Vec::new();
    for o in outs {
        let o = if o.is_empty() { "/".to_string() } else { o };
        if !result.contains(&o) {
            result.push(o);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(url: &str) -> NextFile {
        NextFile::AppRoute {
            url: url.to_string(),
        }
    }
    fn pages(url: &str) -> NextFile {
        NextFile::PagesApi {
            url: url.to_string(),
        }
    }

    #[test]
    fn classifies_files() {
        let cases: Vec<(&str, NextFile)> = vec![
            ("app/route.ts", app("/")),
            ("app/api/notes/route.ts", app("/api/notes")),
            ("src/app/api/notes/route.tsx", app("/api/notes")),
            ("app/api/notes/[id]/route.js", app("/api/notes/:id")),
            ("app/(console)/invoices/[id]/route.ts", app("/invoices/:id")),
            ("src/app/@modal/settings/route.ts", app("/settings")),
            (
                "app/api/files/[[...key]]/route.mjs",
                app("/api/files/:key*"),
            ),
            ("app/api/files/[...key]/route.cjs", app("/api/files/:key+")),
            ("app/feed/(..)photo/[id]/route.ts", app("/feed/photo/:id")),
            ("app/feed/(.)photo/route.ts", app("/feed/photo")),
            ("app/feed/(...)photo/route.ts", app("/feed/photo")),
            ("app/feed/(..)(..)photo/route.ts", app("/feed/photo")),
            ("app/(marketing)/route.ts", app("/")),
            ("app/%5Fhidden/route.ts", app("/_hidden")),
            ("app/api/[post-id]/route.ts", app("/api/:post_id")),
            ("app/_lib/route.ts", NextFile::Other),
            ("app/api/_internal/x/route.ts", NextFile::Other),
            ("app/api/notes/page.tsx", NextFile::Other),
            ("app/api/notes/route.test.ts", NextFile::Other),
            ("app/api/notes/route.spec.ts", NextFile::Other),
            ("app/api/__tests__/route.ts", NextFile::Other),
            ("app/api/notes/route.css", NextFile::Other),
            ("lib/app/api/route.ts", NextFile::Other),
            ("pages/api/notes/index.ts", pages("/api/notes")),
            ("pages/api/index.js", pages("/api")),
            ("pages/api/notes/[id].ts", pages("/api/notes/:id")),
            ("src/pages/api/hello.ts", pages("/api/hello")),
            ("pages/api/[...slug].ts", pages("/api/:slug+")),
            ("pages/api/files/[[...slug]].ts", pages("/api/files/:slug*")),
            ("pages/api/notes/[[...path]].ts", pages("/api/notes/:path*")),
            ("pages/api/_utils.ts", NextFile::Other),
            ("pages/api/types.d.ts", NextFile::Other),
            ("pages/api/hello.test.ts", NextFile::Other),
            ("pages/api/__tests__/hello.ts", NextFile::Other),
            ("pages/api/readme.md", NextFile::Other),
            ("pages/index.tsx", NextFile::Other),
            ("pages/_app.tsx", NextFile::Other),
            (
                "middleware.ts",
                NextFile::Middleware {
                    proxy: false,
                    in_src: false,
                },
            ),
            (
                "src/middleware.js",
                NextFile::Middleware {
                    proxy: false,
                    in_src: true,
                },
            ),
            (
                "proxy.mjs",
                NextFile::Middleware {
                    proxy: true,
                    in_src: false,
                },
            ),
            (
                "src/proxy.mts",
                NextFile::Middleware {
                    proxy: true,
                    in_src: true,
                },
            ),
            ("middleware.test.ts", NextFile::Other),
            ("middleware.d.ts", NextFile::Other),
            ("app/middleware.ts", NextFile::Other),
            ("src/app/proxy.ts", NextFile::Other),
            ("lib/middleware.ts", NextFile::Other),
            ("middleware.json", NextFile::Other),
            ("./app/api/x/route.ts", app("/api/x")),
            ("app\\api\\x\\route.ts", app("/api/x")),
            ("", NextFile::Other),
            ("/", NextFile::Other),
            ("route.ts", NextFile::Other),
            ("app", NextFile::Other),
        ];
        for (rel, want) in cases {
            assert_eq!(classify(rel), want, "{rel}");
        }
    }

    #[test]
    fn samples() {
        assert_eq!(sample_paths("/api/notes"), vec!["/api/notes"]);
        assert_eq!(sample_paths("/"), vec!["/"]);
        assert_eq!(
            sample_paths("/api/notes/:id"),
            vec!["/api/notes/clerk-lint-sample"]
        );
        assert_eq!(sample_paths("/api/files/:key+"), vec!["/api/files/a/b"]);
        assert_eq!(
            sample_paths("/api/files/:key*"),
            vec!["/api/files", "/api/files/a/b"]
        );
        assert_eq!(sample_paths("/:slug*"), vec!["/", "/a/b"]);
        assert_eq!(
            sample_paths("/org/:org/items/:id"),
            vec!["/org/clerk-lint-sample/items/clerk-lint-sample"]
        );
        for url in ["/api/:id", "/:a/:b*", "/x"] {
            for s in sample_paths(url) {
                assert!(!s.contains('.'), "{s} is dot-free");
                assert!(s.starts_with('/'));
            }
        }
        let many = "/:a*/:b*/:c*/:d*/:e*/:f*";
        assert!(sample_paths(many).len() <= MAX_SAMPLES);
    }

    #[test]
    fn classified_urls_give_samples_clerk_patterns_accept() {
        use crate::pattern::RoutePattern;
        for rel in [
            "app/api/notes/[id]/route.ts",
            "app/api/files/[[...key]]/route.ts",
            "pages/api/notes/[...path].ts",
        ] {
            let (NextFile::AppRoute { url } | NextFile::PagesApi { url }) = classify(rel) else {
                panic!("{rel} is a route");
            };
            let p = RoutePattern::clerk(&url).expect("route URLs are valid patterns");
            for s in sample_paths(&url) {
                assert!(p.matches(&s), "{url} matches its sample {s}");
            }
        }
    }
}
