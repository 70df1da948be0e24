//! What a function body does for auth: the calls it makes (and those of the project functions
//! it calls, two levels down), whether it can reject a request, and the webhook signs it
//! shows. Facts only; the verdict is decided in `mod.rs`.

use std::collections::HashSet;

use syn::visit::Visit;

use super::krate::{Crate, segments};

/// Facts about one body (a handler, an extractor's `from_request_parts`, a middleware fn).
#[derive(Clone, Debug, Default)]
pub struct BodyFacts {
    /// Last path segment of every function called and every method called.
    pub calls: HashSet<String>,
    /// Every identifier of a path, a type or a turbofish in the body (`ClerkJwt`, `DecodingKey`).
    pub idents: HashSet<String>,
    /// String literals.
    pub strings: Vec<String>,
    /// It can turn a request away: `?`, `Err(..)`, `return`, a rocket `Outcome::Error`.
    pub rejects: bool,
    /// `==` / `!=` somewhere.
    pub compares: bool,
    /// A `let ... else { .. }`.
    pub let_else: bool,
    /// A `decode(token, key, validation)` call: jsonwebtoken's verifying decode.
    pub decode_with_key: bool,
    /// Project functions it calls (resolved paths).
    pub project_calls: Vec<Vec<String>>,
}

impl BodyFacts {
    pub fn of_block(krate: &Crate, module: usize, block: &syn::Block) -> BodyFacts {
        let mut v = Collector {
            krate,
            module,
            facts: BodyFacts::default(),
        };
        v.visit_block(block);
        v.facts
    }

    pub fn of_expr(krate: &Crate, module: usize, expr: &syn::Expr) -> BodyFacts {
        let mut v = Collector {
            krate,
            module,
            facts: BodyFacts::default(),
        };
        v.visit_expr(expr);
        v.facts
    }

    /// These facts plus those of the project functions called, `depth` levels down
    /// (`rejects` stays this body's own: a callee's `Err` reaches the request only through
    /// this body's `?`).
    pub fn deep(mut self, krate: &Crate, depth: usize) -> BodyFacts {
        let mut seen: HashSet<Vec<String>> = HashSet::new();
        let mut frontier = self.project_calls.clone();
        for _ in 0..depth {
            let mut next = Vec::new();
            for path in frontier {
                if !seen.insert(path.clone()) {
                    continue;
                }
                let Some(f) = krate.fns.get(&path) else {
                    continue;
                };
                let callee = BodyFacts::of_block(krate, f.module, f.block);
                self.calls.extend(callee.calls);
                self.idents.extend(callee.idents);
                self.strings.extend(callee.strings);
                self.compares |= callee.compares;
                self.decode_with_key |= callee.decode_with_key;
                next.extend(callee.project_calls);
            }
            frontier = next;
        }
        self
    }

    fn has_call(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.calls.contains(*n))
    }

    fn has_ident(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.idents.contains(*n))
    }

    /// What kind of token check the body makes.
    pub fn token_check(&self) -> TokenCheck {
        let insecure = self.has_call(&[
            "dangerous_insecure_decode",
            "dangerous_insecure_decode_with_validation",
            "dangerous_unsafe_decode",
            "insecure_decode",
            "insecure_disable_signature_validation",
        ]);
        if insecure {
            return TokenCheck::DecodeOnly;
        }
        if self.has_call(&["validate_jwt", "validate_jwt_with_key", "clerk_authorize"])
            || (self.has_call(&["authorize"]) && self.has_ident(&["ClerkAuthorizer"]))
            || self.has_call(&["verify_session", "verify_client", "verify_session_token"])
        {
            return TokenCheck::Clerk;
        }
        // jsonwebtoken: `decode::<Claims>(token, &DecodingKey::from_…(…), &validation)`.
        if self.decode_with_key || (self.has_call(&["decode"]) && self.has_ident(&["DecodingKey"]))
        {
            return TokenCheck::Jwks;
        }
        // jwt-simple, jwt-compact, alcoholic_jwt and similar verifying APIs.
        if self.has_call(&["verify_token", "validate_token", "verify_jwt", "validate"])
            && self.has_ident(&["Jwks", "JWKS", "JwkSet", "RS256PublicKey", "jwks"])
        {
            return TokenCheck::Jwks;
        }
        let base64 = self.has_ident(&[
            "base64",
            "general_purpose",
            "URL_SAFE_NO_PAD",
            "URL_SAFE",
            "BASE64_URL_SAFE_NO_PAD",
            "STANDARD",
        ]);
        if (self.has_call(&["decode"]) && base64) || self.has_call(&["decode_header"]) {
            return TokenCheck::DecodeOnly;
        }
        TokenCheck::None
    }

    /// Reads the claims a Clerk layer put in the request extensions.
    pub fn reads_clerk_extension(&self) -> bool {
        self.idents.contains("ClerkJwt")
            && (self.calls.contains("extensions") || self.idents.contains("extensions"))
    }

    /// Compares a request value with a secret from the environment or the configuration.
    pub fn secret_compare(&self) -> bool {
        let env = self.calls.contains("var") && self.idents.contains("env")
            || self.calls.contains("env")
            || self.has_ident(&["API_KEY", "SECRET", "api_key", "secret"]);
        let header = self.calls.contains("headers")
            || self.calls.contains("header")
            || self.strings.iter().any(|s| {
                let s = s.to_ascii_lowercase();
                s == "authorization" || s == "x-api-key" || s.contains("token")
            });
        env && header && self.compares
    }

    /// Signs that the body handles Clerk webhook events: `svix-*` headers, event type
    /// strings, `WebhookEvent` types.
    pub fn webhook_signals(&self) -> Vec<String> {
        let mut out = Vec::new();
        for s in &self.strings {
            let lower = s.to_ascii_lowercase();
            if lower.starts_with("svix-") || is_clerk_event(&lower) {
                out.push(format!("`\"{s}\"`"));
            }
        }
        for id in ["WebhookEvent", "ClerkWebhookEvent", "ClerkEvent"] {
            if self.idents.contains(id) {
                out.push(format!("`{id}`"));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// A webhook signature is verified: svix `Webhook::new(secret).verify(..)`, or an HMAC
    /// compared with `verify_slice`.
    pub fn webhook_verified(&self) -> bool {
        (self.calls.contains("verify") && self.idents.contains("Webhook"))
            || self.has_call(&["verify_slice", "verify_webhook", "verify_signature"])
    }
}

/// How a body checks a bearer token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenCheck {
    /// clerk-rs validators (`validate_jwt`, `ClerkAuthorizer::authorize`).
    Clerk,
    /// A signature check against a key (`jsonwebtoken::decode` with a `DecodingKey`).
    Jwks,
    /// Decodes without verifying (`dangerous_insecure_decode`, base64 of the payload,
    /// `insecure_disable_signature_validation`).
    DecodeOnly,
    None,
}

fn is_clerk_event(s: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "user.",
        "session.",
        "organization.",
        "organizationmembership.",
        "organizationinvitation.",
        "email.",
        "sms.",
        "role.",
        "permission.",
        "waitlistentry.",
        "subscription.",
        "subscriptionitem.",
        "paymentattempt.",
    ];
    PREFIXES.iter().any(|p| {
        s.strip_prefix(p).is_some_and(|rest| {
            matches!(
                rest,
                "created"
                    | "updated"
                    | "deleted"
                    | "ended"
                    | "removed"
                    | "revoked"
                    | "accepted"
                    | "pending"
                    | "active"
                    | "past_due"
            )
        })
    })
}

struct Collector<'k, 'a> {
    krate: &'k Crate<'a>,
    module: usize,
    facts: BodyFacts,
}

impl<'ast> Visit<'ast> for Collector<'_, '_> {
    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(p) = &*call.func {
            let segs = segments(&p.path);
            if let Some(last) = segs.last() {
                self.facts.calls.insert(last.clone());
                if last == "Err" {
                    self.facts.rejects = true;
                }
                if last == "decode" && call.args.len() >= 3 {
                    self.facts.decode_with_key = true;
                }
            }
            if let Some((path, _)) = self.krate.resolve_fn(self.module, &segs) {
                self.facts.project_calls.push(path);
            }
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let name = call.method.to_string();
        if name == "authorize" && self.krate.uses_clerk_authorizer {
            self.facts.idents.insert("ClerkAuthorizer".to_owned());
        }
        // A method of a project type (`cache.get_or_refresh(kid)`): followed by name.
        if let Some(paths) = self.krate.methods.get(&name) {
            self.facts.project_calls.extend(paths.iter().cloned());
        }
        self.facts.calls.insert(name);
        if let Some(turbofish) = &call.turbofish {
            for arg in &turbofish.args {
                if let syn::GenericArgument::Type(t) = arg
                    && let Some(name) = super::krate::type_name(t)
                {
                    self.facts.idents.insert(name);
                }
            }
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if l.init.as_ref().is_some_and(|i| i.diverge.is_some()) {
            self.facts.let_else = true;
        }
        syn::visit::visit_local(self, l);
    }

    fn visit_expr_try(&mut self, e: &'ast syn::ExprTry) {
        self.facts.rejects = true;
        syn::visit::visit_expr_try(self, e);
    }

    fn visit_expr_return(&mut self, e: &'ast syn::ExprReturn) {
        self.facts.rejects = true;
        syn::visit::visit_expr_return(self, e);
    }

    fn visit_expr_binary(&mut self, e: &'ast syn::ExprBinary) {
        if matches!(e.op, syn::BinOp::Eq(_) | syn::BinOp::Ne(_)) {
            self.facts.compares = true;
        }
        syn::visit::visit_expr_binary(self, e);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs = segments(p);
        for s in &segs {
            self.facts.idents.insert(s.clone());
        }
        // A 401 / 403 response is a rejection.
        if segs.last().is_some_and(|l| {
            matches!(
                l.as_str(),
                "UNAUTHORIZED"
                    | "FORBIDDEN"
                    | "Unauthorized"
                    | "Forbidden"
                    | "ErrorUnauthorized"
                    | "ErrorForbidden"
            )
        }) {
            self.facts.rejects = true;
        }
        if segs.len() >= 2
            && segs[segs.len() - 2] == "Outcome"
            && matches!(
                segs[segs.len() - 1].as_str(),
                "Error" | "Failure" | "Forward"
            )
        {
            self.facts.rejects = true;
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.facts.strings.push(s.value());
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Macro bodies are token streams: read string literals and identifiers from them so
        // that `format!`, `json!`, `matches!` and `try_outcome!` arguments still count.
        if m.path.is_ident("try_outcome") {
            self.facts.rejects = true;
        }
        if m.path.is_ident("bail") || m.path.is_ident("ensure") {
            self.facts.rejects = true;
        }
        if let Some(last) = m.path.segments.last() {
            self.facts.idents.insert(last.ident.to_string());
        }
        scan_tokens(m.tokens.clone(), &mut self.facts);
        // Expression-like macros (`vec!`, `format!`, `json!` fields) are parsed as
        // comma-separated expressions when they can be.
        if let Ok(exprs) = m.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        ) {
            for e in &exprs {
                self.visit_expr(e);
            }
        }
    }
}

fn scan_tokens(tokens: proc_macro2::TokenStream, facts: &mut BodyFacts) {
    for tt in tokens {
        match tt {
            proc_macro2::TokenTree::Group(g) => scan_tokens(g.stream(), facts),
            proc_macro2::TokenTree::Ident(i) => {
                facts.idents.insert(i.to_string());
            }
            proc_macro2::TokenTree::Literal(l) => {
                if let Ok(syn::Lit::Str(s)) =
                    syn::parse2::<syn::Lit>(proc_macro2::TokenTree::Literal(l).into())
                {
                    facts.strings.push(s.value());
                }
            }
            proc_macro2::TokenTree::Punct(_) => {}
        }
    }
}
