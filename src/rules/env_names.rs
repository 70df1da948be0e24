//! Environment variable naming shared by the env rules: the public (client-inlined) prefixes
//! of each framework and the Clerk names that must stay server-only.

/// A prefix that frameworks inline into client bundles, with the framework it belongs to.
/// Longest first, so `NEXT_PUBLIC_` wins over `PUBLIC_`.
pub const PUBLIC_PREFIXES: &[(&str, &str)] = &[
    ("PLASMO_PUBLIC_", "Plasmo"),
    ("NEXT_PUBLIC_", "Next.js"),
    ("NUXT_PUBLIC_", "Nuxt"),
    ("EXPO_PUBLIC_", "Expo"),
    ("REACT_APP_", "Create React App"),
    ("GATSBY_", "Gatsby"),
    ("PUBLIC_", "Astro and SvelteKit"),
    ("VITE_", "Vite"),
];

/// Server-side prefixes that are not public (Nuxt's private runtime config).
const PRIVATE_PREFIXES: &[&str] = &["NUXT_"];

/// Base names (after any prefix) whose value is a secret.
pub const SECRET_BASES: &[&str] = &[
    "CLERK_SECRET_KEY",
    "CLERK_MACHINE_SECRET_KEY",
    "CLERK_ENCRYPTION_KEY",
    "CLERK_WEBHOOK_SIGNING_SECRET",
    "CLERK_API_KEY",
    "CLERK_WEBHOOK_SECRET",
    "CLERK_WEBHOOK_SECRET_KEY",
    "WEBHOOK_SECRET",
    "SIGNING_SECRET",
];

/// A variable name split into its prefix and base: `NEXT_PUBLIC_CLERK_X` is
/// (`NEXT_PUBLIC_`, `CLERK_X`); a plain name has the empty prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SplitName<'a> {
    pub prefix: &'static str,
    pub base: &'a str,
    /// The framework that inlines this prefix into client code, when it is public.
    pub public_framework: Option<&'static str>,
}

pub fn split(name: &str) -> SplitName<'_> {
    for (prefix, framework) in PUBLIC_PREFIXES {
        if let Some(base) = name.strip_prefix(prefix)
            && !base.is_empty()
        {
            return SplitName {
                prefix,
                base,
                public_framework: Some(framework),
            };
        }
    }
    for prefix in PRIVATE_PREFIXES {
        if let Some(base) = name.strip_prefix(prefix)
            && !base.is_empty()
        {
            return SplitName {
                prefix,
                base,
                public_framework: None,
            };
        }
    }
    SplitName {
        prefix: "",
        base: name,
        public_framework: None,
    }
}

pub fn is_secret_base(base: &str) -> bool {
    SECRET_BASES.contains(&base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_longest_prefix_first() {
        let cases: &[(&str, &str, &str, bool)] = &[
            (
                "NEXT_PUBLIC_CLERK_SECRET_KEY",
                "NEXT_PUBLIC_",
                "CLERK_SECRET_KEY",
                true,
            ),
            (
                "PUBLIC_CLERK_SECRET_KEY",
                "PUBLIC_",
                "CLERK_SECRET_KEY",
                true,
            ),
            ("NUXT_PUBLIC_CLERK_X", "NUXT_PUBLIC_", "CLERK_X", true),
            ("NUXT_CLERK_SECRET_KEY", "NUXT_", "CLERK_SECRET_KEY", false),
            (
                "VITE_REACT_APP_CLERK_PUBLISHABLE_KEY",
                "VITE_",
                "REACT_APP_CLERK_PUBLISHABLE_KEY",
                true,
            ),
            ("CLERK_SECRET_KEY", "", "CLERK_SECRET_KEY", false),
            ("NEXT_PUBLIC_", "", "NEXT_PUBLIC_", false),
        ];
        for (name, prefix, base, public) in cases {
            let s = split(name);
            assert_eq!(
                (s.prefix, s.base, s.public_framework.is_some()),
                (*prefix, *base, *public),
                "{name}"
            );
        }
    }
}
