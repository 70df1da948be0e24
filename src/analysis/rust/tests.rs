//! Case arrays for route discovery and protection in Rust backends.

use std::path::PathBuf;

use super::*;
use crate::source::SourceFile;

const CARGO: &str = "[package]\nname = \"api\"\n[dependencies]\nclerk-rs = \"0.4.2\"\n";

/// Runs the analysis on a crate made of `files` (paths under `src/`).
fn run(files: &[(&str, &str)]) -> RustAnalysis {
    let mut sources = vec![SourceFile::for_test("Cargo.toml", FileKind::CargoToml, CARGO)];
    for (path, text) in files {
        sources.push(SourceFile::for_test(path, FileKind::Rust, text));
    }
    let mut project = Project::default();
    project.add_cargo(&[(PathBuf::from("/nonexistent/Cargo.toml"), "Cargo.toml".into(), CARGO)]);
    analyze(&project, &sources)
}

/// `METHOD url line verdict[:gap]`, one per endpoint, sorted.
fn summary(files: &[(&str, &str)]) -> Vec<String> {
    let a = run(files);
    let text_of = |p: &str| files.iter().find(|(f, _)| *f == p).map(|(_, t)| *t).unwrap_or("");
    let mut out: Vec<String> = a
        .endpoints
        .iter()
        .map(|e| {
            let text = text_of(&e.file);
            let line = crate::source::LineIndex::new(text).pos(text, e.range.start).line;
            let verdict = match &e.verdict {
                Verdict::Protected(ev) => ev.kind().to_string(),
                Verdict::Unchecked(_) => "unchecked".into(),
                Verdict::Unprotected => "none".into(),
            };
            let gap = match &e.gap {
                Some(Gap::ClaimsWithoutLayer { .. }) => ":no-layer",
                Some(Gap::RouteListMiss { .. }) => ":list-miss",
                Some(Gap::AddedAfterLayer) => ":after-layer",
                Some(Gap::DecodeOnly { .. }) => ":decode-only",
                None => "",
            };
            format!("{} {} {line} {verdict}{gap}", e.method, e.url)
        })
        .collect();
    out.sort();
    out
}

const AXUM_HEAD: &str = "use axum::{routing::{get, post}, Router, Extension};\nuse clerk_rs::validators::axum::ClerkLayer;\nuse clerk_rs::validators::authorizer::ClerkJwt;\n";

#[test]
fn axum_layer_order_and_scope() {
    let main = format!(
        "{AXUM_HEAD}\
async fn me(Extension(jwt): Extension<ClerkJwt>) -> String {{ jwt.sub }}\n\
async fn search() -> &'static str {{ \"\" }}\n\
async fn health() -> &'static str {{ \"ok\" }}\n\
#[tokio::main]\n\
async fn main() {{\n\
    let private = Router::new()\n\
        .route(\"/me\", get(me))\n\
        .layer(ClerkLayer::new(provider(), None, true));\n\
    let app = Router::new()\n\
        .nest(\"/account\", private)\n\
        .route(\"/search\", get(search))\n\
        .route(\"/health\", get(health).post(me));\n\
    axum::serve(listener, app).await.unwrap();\n\
}}\n"
    );
    assert_eq!(
        summary(&[("src/main.rs", &main)]),
        [
            "GET /account/me 4 middleware",
            "GET /health 6 none",
            "GET /search 5 none",
            "POST /health 4 none:no-layer",
        ]
    );
}

#[test]
fn axum_routes_added_after_the_layer_are_open() {
    let main = format!(
        "{AXUM_HEAD}\
async fn a(Extension(jwt): Extension<ClerkJwt>) {{}}\n\
async fn b() {{}}\n\
fn main() {{\n\
    let app = Router::new()\n\
        .route(\"/a\", get(a))\n\
        .layer(ClerkLayer::new(p, None, true))\n\
        .route(\"/b\", get(b))\n\
        .route(\"/c\", get(a));\n\
    serve(app);\n\
}}\n"
    );
    assert_eq!(
        summary(&[("src/main.rs", &main)]),
        [
            "GET /a 4 middleware",
            "GET /b 5 none:after-layer",
            "GET /c 4 none:no-layer",
        ]
    );
}

#[test]
fn axum_route_list_is_exact() {
    let main = format!(
        "{AXUM_HEAD}\
async fn account(Extension(jwt): Extension<ClerkJwt>) {{}}\n\
async fn note(Extension(jwt): Extension<ClerkJwt>) {{}}\n\
async fn other() {{}}\n\
fn main() {{\n\
    let layer = ClerkLayer::new(p, Some(vec![\"/account\".to_string(), \"/notes/{{id}}\".into()]), true);\n\
    let app = Router::new()\n\
        .route(\"/account\", get(account))\n\
        .route(\"/notes/{{id}}\", get(note))\n\
        .route(\"/other\", get(other))\n\
        .layer(layer);\n\
    serve(app);\n\
}}\n"
    );
    // `/notes/{id}` is listed but a request path `/notes/42` never equals it.
    assert_eq!(
        summary(&[("src/main.rs", &main)]),
        [
            "GET /account 4 middleware",
            "GET /notes/{id} 5 none:list-miss",
            "GET /other 6 none:list-miss",
        ]
    );
}

#[test]
fn axum_routers_from_other_modules() {
    let main = "mod routes;\nuse axum::Router;\nfn main() {\n    let app = Router::new().nest(\"/api\", routes::api());\n    serve(app);\n}\n";
    let routes = format!(
        "{AXUM_HEAD}\
use crate::auth::AuthUser;\n\
pub fn api() -> Router {{\n\
    Router::new().route(\"/items\", get(list).post(create)).merge(admin::router())\n\
}}\n\
async fn list(user: AuthUser) {{}}\n\
async fn create(claims: crate::auth::Peek) {{}}\n\
mod admin {{\n\
    use axum::{{Router, routing::delete}};\n\
    pub fn router() -> Router {{ Router::new().route(\"/admin/{{id}}\", delete(super::super::handlers::drop_all)) }}\n\
}}\n"
    );
    let handlers = "pub async fn drop_all() {}\n";
    let auth = "use axum::extract::FromRequestParts;\n\
pub struct AuthUser;\n\
impl<S> FromRequestParts<S> for AuthUser {\n\
    type Rejection = StatusCode;\n\
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {\n\
        let token = bearer(parts).ok_or(StatusCode::UNAUTHORIZED)?;\n\
        let data = jsonwebtoken::decode::<Claims>(&token, &DecodingKey::from_rsa_components(n, e)?, &Validation::new(Algorithm::RS256)).map_err(|_| StatusCode::UNAUTHORIZED)?;\n\
        Ok(AuthUser)\n\
    }\n\
}\n\
pub struct Peek;\n\
impl<S> FromRequestParts<S> for Peek {\n\
    type Rejection = StatusCode;\n\
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {\n\
        let token = bearer(parts).ok_or(StatusCode::UNAUTHORIZED)?;\n\
        let data = jsonwebtoken::dangerous_insecure_decode::<Claims>(&token)?;\n\
        Ok(Peek)\n\
    }\n\
}\n";
    let mut main_with_mods = main.to_string();
    main_with_mods.insert_str(0, "mod auth;\nmod handlers;\n");
    assert_eq!(
        summary(&[
            ("src/main.rs", &main_with_mods),
            ("src/routes.rs", &routes),
            ("src/handlers.rs", handlers),
            ("src/auth.rs", auth),
        ]),
        [
            "DELETE /api/admin/{id} 1 none",
            "GET /api/items 8 helper",
            "POST /api/items 9 none:decode-only",
        ]
    );
}
