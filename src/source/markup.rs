//! Clerk components in the template markup of `.vue`, `.svelte` and `.astro` files: the tags
//! whose name is a binding the file's script imports from Clerk (`<SignIn afterSignInUrl="/">`,
//! Vue's `<sign-in :after-sign-in-url="u">`), with their attribute names, so the migration
//! rules see them as they see JSX. The script blocks themselves are parsed elsewhere; this
//! scans the rest of the file.

use std::ops::Range;

use super::clerk_api::{Attr, ClerkUsage, JsxUse};

/// Adds a [`JsxUse`] to `usage` for every tag outside `skip` (the script and style blocks)
/// whose name is a component imported from Clerk. Attribute names are given in camelCase
/// (`after-sign-in-url` → `afterSignInUrl`) with the range of the name as written; Vue's
/// `:`, `v-bind:` and Svelte/Vue directive prefixes are dropped (a directive such as
/// `on:click` or `@click` is not a prop and is skipped).
pub fn collect(text: &str, skip: &[Range<usize>], usage: &mut ClerkUsage) {
    if usage.imports.is_empty() {
        return;
    }
    let bindings: Vec<(String, usize, String)> = usage
        .imports
        .iter()
        .enumerate()
        .flat_map(|(i, imp)| {
            imp.specifiers
                .iter()
                .filter(|s| s.local.starts_with(|c: char| c.is_ascii_uppercase()))
                .map(move |s| (s.local.clone(), i, s.imported.clone()))
        })
        .collect();
    if bindings.is_empty() {
        return;
    }
    let found = scan(text, skip, &bindings);
    usage.jsx.extend(found);
}

/// Clerk's components, by the names Nuxt's `@clerk/nuxt` module registers globally.
const NUXT_COMPONENTS: &[&str] = &[
    "ClerkLoaded",
    "ClerkLoading",
    "CreateOrganization",
    "GoogleOneTap",
    "OrganizationList",
    "OrganizationProfile",
    "OrganizationSwitcher",
    "Protect",
    "RedirectToSignIn",
    "RedirectToSignUp",
    "Show",
    "SignIn",
    "SignInButton",
    "SignOutButton",
    "SignUp",
    "SignUpButton",
    "SignedIn",
    "SignedOut",
    "UserButton",
    "UserProfile",
    "Waitlist",
];

/// The Clerk component tags of a `.vue` template that imports nothing from Clerk (Nuxt
/// auto-imports them), into `usage.auto_jsx`.
pub fn collect_auto(text: &str, skip: &[Range<usize>], usage: &mut ClerkUsage) {
    if !usage.imports.is_empty() {
        return;
    }
    let bindings: Vec<(String, usize, String)> = NUXT_COMPONENTS
        .iter()
        .map(|n| (n.to_string(), 0, n.to_string()))
        .collect();
    let found = scan(text, skip, &bindings);
    usage.auto_jsx.extend(found);
}

fn scan(text: &str, skip: &[Range<usize>], bindings: &[(String, usize, String)]) -> Vec<JsxUse> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(r) = skip.iter().find(|r| r.contains(&i)) {
            i = r.end.max(i + 1);
            continue;
        }
        if bytes[i] == b'<' {
            if text[i..].starts_with("<!--") {
                i = text[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
                continue;
            }
            if let Some((end, tag)) = tag_at(text, i) {
                let component = pascal(&tag.name);
                if let Some((_, import, imported)) =
                    bindings.iter().find(|(local, _, _)| *local == component)
                {
                    found.push(JsxUse {
                        import: *import,
                        component: imported.clone(),
                        name_range: tag.name_range,
                        attrs: tag.attrs,
                        has_spread: tag.has_spread,
                    });
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

struct Tag {
    name: String,
    name_range: Range<usize>,
    attrs: Vec<Attr>,
    has_spread: bool,
}

/// The opening tag starting at `at` (a `<`): where it ends, and what it holds.
fn tag_at(text: &str, at: usize) -> Option<(usize, Tag)> {
    let bytes = text.as_bytes();
    let name_start = at + 1;
    let mut j = name_start;
    while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'-' | b'.')) {
        j += 1;
    }
    if j == name_start || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    let mut tag = Tag {
        name: text[name_start..j].to_string(),
        name_range: name_start..j,
        attrs: Vec::new(),
        has_spread: false,
    };
    loop {
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        match bytes.get(j)? {
            b'>' => return Some((j + 1, tag)),
            b'/' if bytes.get(j + 1) == Some(&b'>') => return Some((j + 2, tag)),
            b'{' => {
                // Svelte/Astro `{...props}` (a spread) or `{name}` (a shorthand prop).
                let end = balanced(text, j)?;
                let inner = text[j + 1..end - 1].trim();
                if inner.starts_with("...") {
                    tag.has_spread = true;
                } else if is_ident(inner) {
                    let start = j + 1 + text[j + 1..].find(inner).unwrap_or(0);
                    tag.attrs.push(Attr {
                        name: inner.to_string(),
                        range: start..start + inner.len(),
                        shorthand: true,
                    });
                }
                j = end;
            }
            _ => {
                let start = j;
                while j < bytes.len()
                    && !bytes[j].is_ascii_whitespace()
                    && !matches!(bytes[j], b'=' | b'>' | b'/' | b'{')
                {
                    j += 1;
                }
                if j == start {
                    j += 1;
                    continue;
                }
                let raw = &text[start..j];
                if bytes.get(j) == Some(&b'=') {
                    j += 1;
                    j = match bytes.get(j)? {
                        q @ (b'"' | b'\'') => {
                            let close = text[j + 1..].find(*q as char)?;
                            j + 1 + close + 1
                        }
                        b'{' => balanced(text, j)?,
                        _ => {
                            let mut k = j;
                            while k < bytes.len()
                                && !bytes[k].is_ascii_whitespace()
                                && bytes[k] != b'>'
                            {
                                k += 1;
                            }
                            k
                        }
                    };
                }
                // `v-bind="obj"` spreads; `:prop` / `v-bind:prop` bind a prop; other
                // directives (`@click`, `v-if`, `on:click`, `bind:this`) are not props.
                if raw == "v-bind" {
                    tag.has_spread = true;
                    continue;
                }
                let (offset, name) = if let Some(n) = raw.strip_prefix("v-bind:") {
                    (7, n)
                } else if let Some(n) = raw.strip_prefix(':') {
                    (1, n)
                } else if raw.starts_with(['@', '#']) || raw.starts_with("v-") || raw.contains(':')
                {
                    continue;
                } else {
                    (0, raw)
                };
                tag.attrs.push(Attr {
                    name: camel(name),
                    range: start + offset..start + raw.len(),
                    shorthand: false,
                });
            }
        }
    }
}

/// The end (exclusive) of the `{...}` that starts at `at`, skipping strings.
fn balanced(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut k = at;
    while k < bytes.len() {
        let b = bytes[k];
        match quote {
            Some(_) if b == b'\\' => k += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' | b'`' => quote = Some(b),
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(k + 1);
                    }
                }
                _ => {}
            },
        }
        k += 1;
    }
    None
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// `after-sign-in-url` → `afterSignInUrl` (names without `-` are kept).
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut up = false;
    for c in name.chars() {
        if c == '-' {
            up = true;
        } else if up {
            out.push(c.to_ascii_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `sign-in` → `SignIn` (Vue's kebab-case component tags); `SignIn` stays.
fn pascal(name: &str) -> String {
    let c = camel(name);
    let mut chars = c.chars();
    match chars.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + chars.as_str(),
        None => c,
    }
}

#[cfg(test)]
mod tests {
    use crate::source::script::ScriptFile;

    /// (file, source, expected (component, attribute names, spread) per Clerk tag)
    #[allow(clippy::type_complexity)]
    const CASES: &[(&str, &str, &[(&str, &[&str], bool)])] = &[
        (
            "a.astro",
            "---\nimport { SignIn, UserButton } from '@clerk/astro/components';\nconst u = '/d';\n---\n<SignIn afterSignInUrl=\"/d\" routing='path' />\n<UserButton afterSignOutUrl={u} {...rest}/>\n<SignInx afterSignInUrl=\"/x\" />",
            &[
                ("SignIn", &["afterSignInUrl", "routing"], false),
                ("UserButton", &["afterSignOutUrl"], true),
            ],
        ),
        (
            "a.vue",
            "<script setup lang=\"ts\">\nimport { SignIn as ClerkSignIn, UserButton } from '@clerk/vue';\n</script>\n<template>\n  <!-- <ClerkSignIn after-sign-in-url=\"/c\" /> -->\n  <clerk-sign-in :after-sign-in-url=\"next\" @click=\"go\" v-if=\"ok\" />\n  <UserButton v-bind=\"props\" afterSignOutUrl=\"/\" />\n</template>",
            &[
                ("SignIn", &["afterSignInUrl"], false),
                ("UserButton", &["afterSignOutUrl"], true),
            ],
        ),
        (
            "a.svelte",
            "<script>\n  import { SignIn } from 'svelte-clerk';\n  let afterSignUpUrl = '/w';\n  const s = '<SignIn afterSignInUrl=\"/in-a-string\" />';\n</script>\n<SignIn afterSignInUrl=\"/d\" {afterSignUpUrl} on:load={() => a > b} />\n<style>SignIn { color: red }</style>",
            &[("SignIn", &["afterSignInUrl", "afterSignUpUrl"], false)],
        ),
        // Not imported from Clerk: the app's own `SignIn`.
        (
            "b.vue",
            "<script setup>\nimport SignIn from './SignIn.vue';\n</script>\n<template><SignIn after-sign-in-url=\"/\" /></template>",
            &[],
        ),
    ];

    #[test]
    fn cases() {
        for (path, src, expected) in CASES {
            let file = ScriptFile::parse(path, src);
            let got: Vec<(&str, Vec<&str>, bool)> = file
                .clerk
                .jsx
                .iter()
                .map(|j| {
                    (
                        j.component.as_str(),
                        j.attrs.iter().map(|a| a.name.as_str()).collect(),
                        j.has_spread,
                    )
                })
                .collect();
            let want: Vec<(&str, Vec<&str>, bool)> = expected
                .iter()
                .map(|(c, a, s)| (*c, a.to_vec(), *s))
                .collect();
            assert_eq!(got, want, "{path}");
            // Ranges point at the name as written.
            for j in &file.clerk.jsx {
                for a in &j.attrs {
                    let written = &src[a.range.clone()];
                    assert_eq!(
                        written.replace('-', "").to_lowercase(),
                        a.name.to_lowercase()
                    );
                }
            }
        }
    }
}
