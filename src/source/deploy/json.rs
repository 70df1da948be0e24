//! `vercel.json` `env`/`build.env` and `turbo.json` env lists (JSON tokens, no full parse).

use super::def;
use crate::source::EnvDef;
use crate::source::json_tokens::{self, Seg, Slot};

pub(super) fn vercel_defs(text: &str) -> Vec<EnvDef> {
    let mut defs = Vec::new();
    json_tokens::walk(text, |e| {
        if !(e.container_is(&["env"]) || e.container_is(&["build", "env"])) {
            return;
        }
        let Some(key) = e.key() else {
            return;
        };
        if key.value.is_empty() {
            return;
        }
        let value = e.string_value().map(|s| (s.value.clone(), s.range.clone()));
        defs.push(def(key.value.clone(), key.content.clone(), value));
    });
    defs
}

const TURBO_ENV_LISTS: &[&str] = &["env", "globalEnv", "passThroughEnv", "globalPassThroughEnv"];

pub(super) fn turbo_defs(text: &str) -> Vec<EnvDef> {
    let mut defs = Vec::new();
    json_tokens::walk(text, |e| {
        let Slot::Element(_) = e.slot else {
            return;
        };
        let Some(s) = e.string_value() else {
            return;
        };
        let list = match e.path {
            [Seg::Key(list)] => list,
            [Seg::Key(tasks), Seg::Key(_), Seg::Key(list)]
                if tasks == "tasks" || tasks == "pipeline" =>
            {
                list
            }
            _ => return,
        };
        if !TURBO_ENV_LISTS.contains(&list.as_str()) {
            return;
        }
        // Wildcards match many names and `!NAME` excludes one: neither defines anything.
        if s.value.is_empty() || s.value.contains('*') || s.value.starts_with('!') {
            return;
        }
        defs.push(def(s.value.clone(), s.content.clone(), None));
    });
    defs
}

#[cfg(test)]
pub(super) mod tests {
    use crate::source::FileKind;
    use crate::source::deploy::tests::*;

    pub(in crate::source::deploy) const VERCEL: &str = r#"{
  "$schema": "https://openapi.vercel.sh/vercel.json",
  "buildCommand": "next build",
  "env": {
    "CLERK_API_KEY": "sk_live_xxx",
    "NEXT_PUBLIC_CLERK_FRONTEND_API": "clerk.example.com",
    "NUMERIC": 1,
  },
  // comments are tolerated
  "build": {
    "env": {
      "CLERK_SECRET_KEY": "@clerk-secret"
    }
  },
  "headers": [
    {
      "source": "/(.*)",
      "headers": [{ "key": "X-Frame-Options", "value": "DENY" }],
      "env": { "NOT_THIS": "x" }
    }
  ]
}
"#;

    pub(in crate::source::deploy) const TURBO_V1: &str = r#"{
  "$schema": "https://turbo.build/schema.json",
  // global stuff
  "globalDependencies": ["**/.env.*local"],
  "globalEnv": ["CLERK_SECRET_KEY", "NEXT_PUBLIC_*", "!IGNORED"],
  "pipeline": {
    "build": {
      "dependsOn": ["^build", "$OLD_STYLE"],
      "env": ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", /* inline */ "CLERK_API_KEY",],
      "outputs": [".next/**"]
    },
    "lint": {}
  }
}
"#;

    pub(in crate::source::deploy) const TURBO_V2: &str = r#"{
  "$schema": "https://turbo.build/schema.json",
  "ui": "tui",
  "globalPassThroughEnv": ["AWS_*", "VERCEL_URL"],
  "tasks": {
    "build": {
      "dependsOn": ["^build"],
      "inputs": ["$TURBO_DEFAULT$", ".env*"],
      "env": ["CLERK_SECRET_KEY", "NEXT_PUBLIC_CLERK_FRONTEND_API"],
      "passThroughEnv": ["SENTRY_AUTH_TOKEN"],
      "outputs": [".next/**", "!.next/cache/**"]
    },
    "dev": { "cache": false, "persistent": true, },
  },
}
"#;

    #[test]
    fn vercel_realistic() {
        let defs = check(
            FileKind::Vercel,
            VERCEL,
            &[
                ("CLERK_API_KEY", Some("sk_live_xxx"), 5, 6),
                (
                    "NEXT_PUBLIC_CLERK_FRONTEND_API",
                    Some("clerk.example.com"),
                    6,
                    6,
                ),
                ("NUMERIC", None, 7, 6),
                ("CLERK_SECRET_KEY", Some("@clerk-secret"), 12, 8),
            ],
        );
        assert_eq!(value_texts(VERCEL, &defs)[0], Some("\"sk_live_xxx\""));
    }

    #[test]
    fn vercel_cases() {
        run_cases(
            FileKind::Vercel,
            &[
                (
                    "minimal",
                    r#"{"env":{"A":"1"}}"#,
                    &[("A", Some("1"), 1, 10)],
                ),
                (
                    "build env",
                    "{\"build\": {\"env\": {\"B\": \"x\"}}, \"env\": {}}",
                    &[("B", Some("x"), 1, 21)],
                ),
                (
                    "escaped value",
                    r#"{"env": {"A": "a\"b\u00e9"}}"#,
                    &[("A", Some("a\"bé"), 1, 11)],
                ),
                (
                    "nested elsewhere",
                    r#"{"functions": {"env": {"A": "1"}}, "x": {"build": {"env": {"B": "2"}}}}"#,
                    &[],
                ),
                (
                    "non-string values",
                    r#"{"env": {"A": true, "B": null, "C": {"D": "1"}}}"#,
                    &[("A", None, 1, 11), ("B", None, 1, 22), ("C", None, 1, 33)],
                ),
                (
                    "missing value",
                    "{\"env\": {\"A\": , \"B\"}}",
                    &[("A", None, 1, 11), ("B", None, 1, 18)],
                ),
                (
                    "comments",
                    "{\n  /* c */ \"env\": { // x\n    \"A\": \"1\", /* \"B\": \"2\" */\n  }\n}",
                    &[("A", Some("1"), 3, 6)],
                ),
                (
                    "truncated",
                    "{\"env\": {\"A\": \"1\", \"B\": \"2",
                    &[("A", Some("1"), 1, 11), ("B", Some("2"), 1, 21)],
                ),
                (
                    "missing commas",
                    "{\"env\": {\"A\": \"1\" \"B\": \"2\"}}",
                    &[("A", Some("1"), 1, 11), ("B", Some("2"), 1, 20)],
                ),
                ("env array", r#"{"env": ["A"]}"#, &[]),
                ("root array", r#"[{"env": {"A": "1"}}]"#, &[]),
                (
                    "BOM CRLF",
                    "\u{feff}{\r\n\"env\": {\r\n\"A\": \"1\"\r\n}}",
                    &[("A", Some("1"), 3, 2)],
                ),
            ],
        );
    }

    #[test]
    fn turbo_realistic() {
        check(
            FileKind::Turbo,
            TURBO_V1,
            &[
                ("CLERK_SECRET_KEY", None, 5, 18),
                ("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", None, 9, 16),
                ("CLERK_API_KEY", None, 9, 66),
            ],
        );
        check(
            FileKind::Turbo,
            TURBO_V2,
            &[
                ("VERCEL_URL", None, 4, 38),
                ("CLERK_SECRET_KEY", None, 9, 16),
                ("NEXT_PUBLIC_CLERK_FRONTEND_API", None, 9, 36),
                ("SENTRY_AUTH_TOKEN", None, 10, 27),
            ],
        );
    }

    #[test]
    fn turbo_cases() {
        run_cases(
            FileKind::Turbo,
            &[
                (
                    "all lists",
                    r#"{"globalEnv":["A"],"globalPassThroughEnv":["B"],"tasks":{"t":{"env":["C"],"passThroughEnv":["D"]}}}"#,
                    &[
                        ("A", None, 1, 16),
                        ("B", None, 1, 45),
                        ("C", None, 1, 71),
                        ("D", None, 1, 94),
                    ],
                ),
                (
                    "wildcards and negation",
                    r#"{"globalEnv": ["A_*", "*", "!B", "C"]}"#,
                    &[("C", None, 1, 35)],
                ),
                (
                    "not env",
                    r#"{"globalDependencies": ["A"], "tasks": {"b": {"dependsOn": ["B"], "outputs": ["C"], "inputs": ["D"]}}}"#,
                    &[],
                ),
                (
                    "too deep",
                    r#"{"tasks": {"b": {"x": {"env": ["A"]}}}, "other": {"b": {"env": ["B"]}}}"#,
                    &[],
                ),
                (
                    "env object is not a list",
                    r#"{"tasks": {"b": {"env": {"A": "1"}}}}"#,
                    &[],
                ),
                (
                    "non-strings",
                    r#"{"globalEnv": [1, null, {"A": "x"}, ["B"], "C"]}"#,
                    &[("C", None, 1, 45)],
                ),
                (
                    "jsonc",
                    "{\n  // \"globalEnv\": [\"NO\"],\n  \"globalEnv\": [\n    \"A\", // a\n    /* \"NO2\", */ \"B\",\n  ],\n}\n",
                    &[("A", None, 4, 6), ("B", None, 5, 19)],
                ),
                (
                    "truncated",
                    "{\"globalEnv\": [\"A\", \"B",
                    &[("A", None, 1, 17), ("B", None, 1, 22)],
                ),
                (
                    "workspace config",
                    r#"{"extends": ["//"], "tasks": {"build": {"env": ["X"]}}}"#,
                    &[("X", None, 1, 50)],
                ),
            ],
        );
    }
}
