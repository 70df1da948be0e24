//! Route patterns: Clerk's `createRouteMatcher` / `publicRoutes` (path-to-regexp 6) and Next.js
//! `config.matcher` entries, translated to `regex`.
//!
//! INTERFACE FIXED (the analysis uses it); the implementation is being written.

/// One compiled pattern.
#[derive(Clone, Debug)]
pub struct RoutePattern {
    /// The pattern as written.
    pub source: String,
    regex: regex::Regex,
}

impl RoutePattern {
    /// A `createRouteMatcher` / `publicRoutes` string: path-to-regexp 6, anchored at both ends,
    /// case-insensitive.
    pub fn clerk(pattern: &str) -> Result<RoutePattern, String> {
        Self::from_regex(pattern, &format!("^{}$", regex::escape(pattern)))
    }

    /// A JavaScript RegExp literal (`/^\/api\//i`) given to `createRouteMatcher`.
    pub fn js_regex(source: &str, flags: &str) -> Result<RoutePattern, String> {
        let _ = flags;
        Self::from_regex(source, source)
    }

    /// A Next.js `config.matcher` source, compiled the way Next does.
    pub fn next_matcher(source: &str) -> Result<RoutePattern, String> {
        Self::clerk(source)
    }

    fn from_regex(source: &str, re: &str) -> Result<RoutePattern, String> {
        Ok(RoutePattern {
            source: source.to_string(),
            regex: regex::Regex::new(re).map_err(|e| e.to_string())?,
        })
    }

    pub fn matches(&self, pathname: &str) -> bool {
        self.regex.is_match(pathname)
    }
}
