//! `public-secret-env`: a secret under a prefix that frameworks inline into client bundles.

use crate::diagnostic::Diagnostic;
use crate::rules::env_names::{is_secret_base, split};
use crate::rules::{Context, Rule, RuleMeta, declare_rule};
use crate::secrets::{SecretKind, kind_of};
use crate::source::EnvDef;
use crate::source::script::ScriptFile;

declare_rule! {
    /// ## What it does
    /// Flags a Clerk secret under a public prefix: a secret name such as `CLERK_SECRET_KEY`,
    /// `CLERK_WEBHOOK_SIGNING_SECRET` or `CLERK_ENCRYPTION_KEY` behind `NEXT_PUBLIC_`, `VITE_`,
    /// `PUBLIC_`, `NUXT_PUBLIC_`, `EXPO_PUBLIC_`, `REACT_APP_`, `GATSBY_` or `PLASMO_PUBLIC_`,
    /// and any public variable whose value is shaped like a secret (`sk_live_`, `sk_test_`,
    /// `whsec_`, or `ak_` for a Clerk name). It checks where variables are defined and where
    /// code reads them. The value is never printed.
    ///
    /// ## Why is this bad?
    /// Frameworks copy every public-prefixed variable into the JavaScript they send to the
    /// browser. A secret key there lets anyone who opens the site call the Clerk Backend API
    /// as your application: list and delete users, mint sessions, read organizations. Clerk
    /// SDKs never read a public-prefixed secret either, so the variable is also useless.
    ///
    /// ## Example
    /// ```dotenv
    /// NEXT_PUBLIC_CLERK_SECRET_KEY=sk_live_...
    /// ```
    ///
    /// Use instead:
    /// ```dotenv
    /// CLERK_SECRET_KEY=sk_live_...
    /// ```
    /// and read it only in server code. Rotate the key in the Clerk Dashboard if it was
    /// ever deployed.
    pub static META {
        id: "public-secret-env",
        source: Env,
        severity: Error,
        summary: "a Clerk secret under a public prefix that is inlined into client code",
    }
}

pub struct PublicSecretEnv;

impl Rule for PublicSecretEnv {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_env_defs(&self, defs: &[EnvDef], cx: &Context, out: &mut Vec<Diagnostic>) {
        for def in defs {
            let s = split(&def.name);
            let Some(framework) = s.public_framework else {
                continue;
            };
            if is_secret_base(s.base) {
                out.push(secret_name(
                    cx,
                    def.name_range.clone(),
                    &def.name,
                    s.base,
                    s.prefix,
                    framework,
                ));
            } else if let Some(kind) = def.value.as_deref().and_then(secret_value_kind(&def.name)) {
                out.push(
                    Diagnostic::new(
                        &META,
                        cx.file,
                        def.name_range.clone(),
                        format!(
                            "`{}` holds {} (`{}`) under the public `{}` prefix",
                            def.name,
                            kind.describe(),
                            kind.masked(),
                            s.prefix
                        ),
                    )
                    .with_help(format!(
                        "{framework} inlines `{}` variables into browser code: put only the publishable key (`pk_…`) here, keep the secret in a server-only variable such as `{}`, and rotate the exposed secret in the Clerk Dashboard",
                        s.prefix,
                        server_name_for(kind)
                    ))
                    .with_fingerprint(format!("{}=<{}>", def.name, kind.prefix())),
                );
            }
        }
    }

    fn check_script(&self, script: &ScriptFile, cx: &Context, out: &mut Vec<Diagnostic>) {
        for read in &script.env_reads {
            let s = split(&read.name);
            if let Some(framework) = s.public_framework
                && is_secret_base(s.base)
            {
                out.push(secret_name(
                    cx,
                    read.range.clone(),
                    &read.name,
                    s.base,
                    s.prefix,
                    framework,
                ));
            }
        }
    }
}

/// The value check: a secret-shaped value. `ak_` alone is too common a prefix, so it counts
/// only for Clerk-named variables.
fn secret_value_kind(name: &str) -> impl Fn(&str) -> Option<SecretKind> + '_ {
    move |value| match kind_of(value) {
        Some(SecretKind::MachineKey) if !name.contains("CLERK") => None,
        Some(SecretKind::MachineKey) if value.trim().len() < 8 => None,
        other => other,
    }
}

fn server_name_for(kind: SecretKind) -> &'static str {
    match kind {
        SecretKind::SecretKeyLive | SecretKind::SecretKeyTest => "CLERK_SECRET_KEY",
        SecretKind::WebhookSecret => "CLERK_WEBHOOK_SIGNING_SECRET",
        SecretKind::MachineKey => "CLERK_MACHINE_SECRET_KEY",
        SecretKind::LegacyTest | SecretKind::LegacyLive | SecretKind::Named => "CLERK_SECRET_KEY",
    }
}

fn secret_name(
    cx: &Context,
    range: std::ops::Range<usize>,
    name: &str,
    base: &str,
    prefix: &str,
    framework: &str,
) -> Diagnostic {
    Diagnostic::new(
        &META,
        cx.file,
        range,
        format!("`{name}` exposes a secret: {framework} inlines `{prefix}` variables into browser code"),
    )
    .with_help(format!(
        "rename it to `{base}`, read it only in server code, and rotate the secret in the Clerk Dashboard if this was ever deployed"
    ))
    .with_fingerprint(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::ClerkInfo;
    use crate::source::{FileKind, SourceFile};

    /// (name, value, fires)
    const CASES: &[(&str, &str, bool)] = &[
        ("NEXT_PUBLIC_CLERK_SECRET_KEY", "", true),
        ("VITE_CLERK_SECRET_KEY", "x", true),
        ("PUBLIC_CLERK_SECRET_KEY", "x", true),
        ("EXPO_PUBLIC_CLERK_SECRET_KEY", "x", true),
        ("NUXT_PUBLIC_CLERK_SECRET_KEY", "x", true),
        ("REACT_APP_CLERK_SECRET_KEY", "x", true),
        ("GATSBY_CLERK_SECRET_KEY", "x", true),
        ("NEXT_PUBLIC_CLERK_WEBHOOK_SIGNING_SECRET", "x", true),
        ("NEXT_PUBLIC_CLERK_ENCRYPTION_KEY", "x", true),
        ("NEXT_PUBLIC_CLERK_MACHINE_SECRET_KEY", "x", true),
        ("NEXT_PUBLIC_CLERK_API_KEY", "x", true),
        ("NEXT_PUBLIC_WEBHOOK_SECRET", "x", true),
        // The value check.
        ("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "sk_live_abc", true),
        ("VITE_CLERK_PUBLISHABLE_KEY", "sk_test_abc", true),
        ("NEXT_PUBLIC_SOMETHING", "whsec_abc", true),
        ("NEXT_PUBLIC_CLERK_X", "ak_live_0123456789", true),
        ("NEXT_PUBLIC_ANALYTICS_KEY", "ak_0123456789", false),
        // Fine.
        ("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", "pk_live_abc", false),
        ("CLERK_SECRET_KEY", "sk_live_abc", false),
        ("NUXT_CLERK_SECRET_KEY", "sk_live_abc", false),
        (
            "NEXT_PUBLIC_CLERK_JWT_KEY",
            "-----BEGIN PUBLIC KEY-----",
            false,
        ),
    ];

    #[test]
    fn cases() {
        for (name, value, fires) in CASES {
            let text = format!("{name}={value}\n");
            let file = SourceFile::for_test(".env", FileKind::Env, &text);
            let clerk = ClerkInfo::default();
            let cx = Context {
                file: &file,
                clerk: &clerk,
            };
            let defs = [EnvDef {
                name: name.to_string(),
                name_range: 0..name.len(),
                value: Some(value.to_string()),
                value_range: Some(name.len() + 1..text.len() - 1),
            }];
            let mut out = Vec::new();
            PublicSecretEnv.check_env_defs(&defs, &cx, &mut out);
            assert_eq!(!out.is_empty(), *fires, "{name}={value}: {out:?}");
            for d in &out {
                assert!(
                    !d.message.contains("abc") && !d.help.as_deref().unwrap_or("").contains("abc")
                );
            }
        }
    }

    #[test]
    fn reads_in_code() {
        let src = "const k = process.env.NEXT_PUBLIC_CLERK_SECRET_KEY; const p = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY;";
        let script = ScriptFile::parse("a.ts", src);
        let file = SourceFile::for_test("a.ts", FileKind::Script, src);
        let clerk = ClerkInfo::default();
        let cx = Context {
            file: &file,
            clerk: &clerk,
        };
        let mut out = Vec::new();
        PublicSecretEnv.check_script(&script, &cx, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&src[out[0].range.clone()], "NEXT_PUBLIC_CLERK_SECRET_KEY");
    }
}
