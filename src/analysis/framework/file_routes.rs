//! Bracket-style file routes (Astro `src/pages`, Nuxt `server/api` and `server/routes`): a
//! route file's directories and name → the URL pattern it serves, in the spelling the rest of
//! the analysis uses (`:id`, `:id?` optional, `:rest*` catch-all that may be empty).
//!
//! `[id]` is a parameter, `[[id]]` an optional one, `[...rest]` (Nuxt also `[...]`) a
//! catch-all; a segment mixing text and parameters (`[lang]-[version]`) keeps its text.
//! The caller strips the extension, a method suffix and a trailing `index`.

/// The URL of a route made of these path segments (`["api", "notes", "[id]"]`).
pub fn bracket_url(segments: &[&str]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for seg in segments.iter().filter(|s| !s.is_empty()) {
        if let Some(name) = seg.strip_prefix("[[").and_then(|s| s.strip_suffix("]]")) {
            parts.push(format!(":{}?", param_name(name)));
        } else if let Some(name) = seg.strip_prefix("[...").and_then(|s| s.strip_suffix(']')) {
            parts.push(format!(":{}*", param_name(name)));
        } else if let Some(name) = seg
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .filter(|n| !n.contains('['))
        {
            parts.push(format!(":{}", param_name(name)));
        } else {
            parts.push(inline_params(seg));
        }
    }
    if parts.is_empty() {
        "/".to_string()
    } else {
        format!("/{}", parts.join("/"))
    }
}

/// A parameter name usable in a pattern (`...` alone becomes `_`).
fn param_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if cleaned.is_empty() {
        "_".to_string()
    } else {
        cleaned
    }
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
        out.push_str(&param_name(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_become_patterns() {
        let cases: &[(&[&str], &str)] = &[
            (&[], "/"),
            (&["api", "notes"], "/api/notes"),
            (&["api", "notes", "[id]"], "/api/notes/:id"),
            (&["docs", "[...slug]"], "/docs/:slug*"),
            (&["files", "[...]"], "/files/:_*"),
            (&["[[lang]]", "about"], "/:lang?/about"),
            (&["v", "[lang]-[version]"], "/v/:lang-:version"),
            (&["rss.xml"], "/rss.xml"),
        ];
        for (segs, want) in cases {
            assert_eq!(bracket_url(segs), *want, "{segs:?}");
        }
    }
}
