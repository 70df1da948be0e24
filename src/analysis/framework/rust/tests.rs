//! Case arrays for route discovery and protection in Rust backends.

use std::path::PathBuf;

use super::*;
use crate::project::Project;
use crate::source::SourceFile;

const CARGO: &str = "[package]\nname = \"api\"\n[dependencies]\nclerk-rs = \"0.4.2\"\n";

/// Runs the analysis on a crate made of `files` (paths under `src/`).
fn run(files: &[(&str, &str)]) -> RustAnalysis {
    let mut sources = vec![SourceFile::for_test(
        "Cargo.toml",
        FileKind::CargoToml,
        CARGO,
    )];
    for (path, text) in files {
        sources.push(SourceFile::for_test(path, FileKind::Rust, text));
    }
    let mut project = Project::default();
    project.add_cargo(
        &[(
            PathBuf::from("/nonexistent/Cargo.toml"),
            "Cargo.toml".into(),
            CARGO,
        )],
        &|_| false,
    );
    analyze_app(&project.apps[0], &sources)
}

/// `METHOD url line verdict[:gap]`, one per endpoint, sorted.
fn summary(files: &[(&str, &str)]) -> Vec<String> {
    let a = run(files);
    let text_of = |p: &str| {
        files
            .iter()
            .find(|(f, _)| *f == p)
            .map(|(_, t)| *t)
            .unwrap_or("")
    };
    let mut out: Vec<String> = a
        .endpoints
        .iter()
        .map(|e| {
            let text = text_of(&e.file);
            let line = crate::source::LineIndex::new(text)
                .pos(text, e.range.start)
                .line;
            let verdict = match &e.verdict {
                Verdict::Protected(ev) => ev.kind().to_string(),
                Verdict::Unchecked(_) => "unchecked".into(),
                Verdict::Unprotected => "none".into(),
            };
            let gap = match &e.gap {
                Some(Gap::ClaimsWithoutGuard { .. }) => ":no-layer",
                Some(Gap::RouteListMiss { .. }) => ":list-miss",
                Some(Gap::AddedAfterGuard) => ":after-layer",
                None if e.decode_only.is_some() => ":decode-only",
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

#[test]
fn actix_scopes_wraps_and_attribute_routes() {
    let main = "use actix_web::{get, post, web, App, HttpServer, HttpRequest, HttpMessage};\n\
use clerk_rs::validators::actix::ClerkMiddleware;\n\
use clerk_rs::validators::authorizer::ClerkJwt;\n\
#[get(\"/profile\")]\n\
async fn profile(req: HttpRequest) -> HttpResponse {\n\
    let jwt = req.extensions().get::<ClerkJwt>().cloned().ok_or(ErrorUnauthorized(\"\"))?;\n\
    HttpResponse::Ok().finish()\n\
}\n\
#[post(\"/posts\")]\n\
async fn create() -> HttpResponse { HttpResponse::Ok().finish() }\n\
async fn index() -> HttpResponse { HttpResponse::Ok().finish() }\n\
async fn stats() -> HttpResponse { HttpResponse::Ok().finish() }\n\
fn admin(cfg: &mut web::ServiceConfig) {\n\
    cfg.route(\"/stats\", web::get().to(stats));\n\
}\n\
#[actix_web::main]\n\
async fn main() -> std::io::Result<()> {\n\
    HttpServer::new(move || {\n\
        App::new()\n\
            .service(\n\
                web::scope(\"/api\")\n\
                    .service(profile)\n\
                    .wrap(ClerkMiddleware::new(provider(), Some(vec![\"/api/profile\".to_string(), \"/api/posts\".to_string()]), true))\n\
                    .service(create)\n\
                    .service(web::resource(\"/items/{id}\").route(web::delete().to(index))),\n\
            )\n\
            .route(\"/\", web::get().to(index))\n\
            .service(web::scope(\"/admin\").configure(admin))\n\
    })\n\
    .bind((\"0.0.0.0\", 8080))?\n\
    .run()\n\
    .await\n\
}\n";
    // actix `.wrap` covers the whole scope whatever the order, and compares the full path.
    assert_eq!(
        summary(&[("src/main.rs", main)]),
        [
            "DELETE /api/items/{id} 11 none:list-miss",
            "GET / 11 none",
            "GET /admin/stats 12 none",
            "GET /api/profile 5 middleware",
            "POST /api/posts 10 middleware",
        ]
    );
}

#[test]
fn actix_claims_without_middleware() {
    let main = "use actix_web::{get, web, App, HttpServer};\n\
use clerk_rs::validators::authorizer::ClerkJwt;\n\
#[get(\"/me\")]\n\
async fn me(jwt: web::ReqData<ClerkJwt>) -> String { jwt.sub.clone() }\n\
#[get(\"/maybe\")]\n\
async fn maybe(jwt: Option<web::ReqData<ClerkJwt>>) -> String { format!(\"{:?}\", jwt.map(|j| j.sub.clone())) }\n\
#[get(\"/gated\")]\n\
async fn gated(jwt: Option<web::ReqData<ClerkJwt>>) -> Result<String, Error> {\n\
    let Some(jwt) = jwt else { return Err(ErrorUnauthorized(\"no\")) };\n\
    Ok(jwt.sub.clone())\n\
}\n\
fn main() { HttpServer::new(|| App::new().service(me).service(maybe).service(gated)); }\n";
    assert_eq!(
        summary(&[("src/main.rs", main)]),
        [
            "GET /gated 8 inline",
            "GET /maybe 6 unchecked",
            "GET /me 4 none:no-layer",
        ]
    );
}

#[test]
fn rocket_guards_and_config() {
    let main = "#[macro_use] extern crate rocket;\n\
use clerk_rs::validators::rocket::{ClerkGuard, ClerkGuardConfig};\n\
#[get(\"/private\")]\n\
fn private(jwt: ClerkGuard<MemoryCacheJwksProvider>) -> &'static str { \"\" }\n\
#[get(\"/unlisted\")]\n\
fn unlisted(jwt: ClerkGuard<MemoryCacheJwksProvider>) -> &'static str { \"\" }\n\
#[get(\"/public\")]\n\
fn public() -> &'static str { \"\" }\n\
#[launch]\n\
fn rocket() -> _ {\n\
    let config = ClerkGuardConfig::new(provider(), Some(vec![\"/api/private\".to_string()]), true);\n\
    rocket::build().mount(\"/api\", routes![private, unlisted, public]).manage(config)\n\
}\n";
    // An unlisted path makes `ClerkGuard` succeed with `jwt: None`.
    assert_eq!(
        summary(&[("src/main.rs", main)]),
        [
            "GET /api/private 4 middleware",
            "GET /api/public 8 none",
            "GET /api/unlisted 6 unchecked",
        ]
    );
}

#[test]
fn poem_routes_and_exclude_list() {
    let main = "use poem::{get, handler, post, Route, EndpointExt, web::Data};\n\
use clerk_rs::validators::poem::ClerkPoemMiddleware;\n\
#[handler]\n\
async fn me(Data(jwt): Data<&ClerkJwt>) -> String { jwt.sub.clone() }\n\
#[handler]\n\
async fn health() -> &'static str { \"ok\" }\n\
#[handler]\n\
async fn open(Data(jwt): Data<&ClerkJwt>) -> String { jwt.sub.clone() }\n\
fn main() {\n\
    let api = Route::new().at(\"/me\", get(me)).at(\"/health\", get(health));\n\
    let app = Route::new()\n\
        .nest(\"/api\", api)\n\
        .with(ClerkPoemMiddleware::new(provider(), true, Some(vec![\"/api/health\".to_string()])));\n\
    let other = Route::new().at(\"/open\", post(open));\n\
    serve(app, other);\n\
}\n";
    assert_eq!(
        summary(&[("src/main.rs", main)]),
        [
            "GET /api/health 6 none:list-miss",
            "GET /api/me 4 middleware",
            "POST /open 8 none:no-layer",
        ]
    );
}

#[test]
fn webhooks_and_middleware_functions() {
    let main = format!(
        "{AXUM_HEAD}\
async fn hook(headers: HeaderMap, body: String) -> StatusCode {{\n\
    let evt: Value = serde_json::from_str(&body).unwrap();\n\
    if evt[\"type\"] == \"user.created\" {{ create_user(&evt).await; }}\n\
    StatusCode::OK\n\
}}\n\
async fn verified(headers: HeaderMap, body: Bytes) -> Result<StatusCode, StatusCode> {{\n\
    let wh = Webhook::new(&std::env::var(\"CLERK_WEBHOOK_SECRET\").unwrap()).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;\n\
    wh.verify(&body, &headers).map_err(|_| StatusCode::BAD_REQUEST)?;\n\
    let id = headers.get(\"svix-id\");\n\
    Ok(StatusCode::OK)\n\
}}\n\
async fn guarded() {{}}\n\
async fn require_auth(req: Request, next: Next) -> Result<Response, StatusCode> {{\n\
    let token = req.headers().get(\"authorization\").ok_or(StatusCode::UNAUTHORIZED)?;\n\
    validate_jwt(token, provider).await.map_err(|_| StatusCode::UNAUTHORIZED)?;\n\
    Ok(next.run(req).await)\n\
}}\n\
fn main() {{\n\
    let app = Router::new()\n\
        .route(\"/guarded\", get(guarded))\n\
        .layer(axum::middleware::from_fn(require_auth))\n\
        .route(\"/webhooks/clerk\", post(hook))\n\
        .route(\"/webhooks/verified\", post(verified));\n\
    serve(app);\n\
}}\n"
    );
    assert_eq!(
        summary(&[("src/main.rs", &main)]),
        [
            "GET /guarded 15 middleware",
            "POST /webhooks/clerk 4 none",
            "POST /webhooks/verified 9 webhook",
        ]
    );
    let a = run(&[("src/main.rs", &main)]);
    let hook = a.endpoints.iter().find(|e| e.name == "hook").unwrap();
    assert!(!hook.webhook_signals.is_empty());
}

#[test]
fn parse_errors_and_test_code() {
    let main = "mod broken;\nuse axum::{Router, routing::get};\nfn main() { serve(Router::new().route(\"/a\", get(a))); }\nasync fn a() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() { let app = Router::new().route(\"/test-only\", get(a)); }\n}\n";
    let a = run(&[("src/main.rs", main), ("src/broken.rs", "fn x( {\n")]);
    assert_eq!(a.parse_errors.len(), 1);
    assert_eq!(a.parse_errors[0].0, "src/broken.rs");
    let urls: Vec<&str> = a.endpoints.iter().map(|e| e.url.as_str()).collect();
    assert_eq!(urls, ["/a"]);
}

#[test]
fn urls_in_the_model_spelling() {
    let cases: &[(&str, &str)] = &[
        ("/api/notes/{id}", "/api/notes/:id"),
        ("/files/{*rest}", "/files/:rest*"),
        ("/files/{tail:.*}", "/files/:tail*"),
        ("/users/{id:\\d+}", "/users/:id"),
        ("/recipes/<id>", "/recipes/:id"),
        ("/static/<path..>", "/static/:path*"),
        ("/poem/:id/*rest", "/poem/:id/:rest*"),
        ("/", "/"),
    ];
    for (url, expected) in cases {
        assert_eq!(colon_style(url), *expected, "{url}");
    }
}

#[test]
fn handlers_from_other_crates_are_endpoints_reported_where_named() {
    let main = "use axum::{routing::get, Router};\n\
use clerk_rs::validators::axum::ClerkLayer;\n\
fn main() {\n\
    let app = Router::new()\n\
        .route(\"/a\", get(handlers::list))\n\
        .layer(ClerkLayer::new(p, None, true))\n\
        .route(\"/b\", get(handlers::open));\n\
    serve(app);\n\
}\n";
    assert_eq!(
        summary(&[("src/main.rs", main)]),
        ["GET /a 5 middleware", "GET /b 7 none:after-layer"]
    );
}

#[test]
fn service_builder_route_layer_and_extractor_layers() {
    let main = format!(
        "{AXUM_HEAD}\
use crate::auth::Verified;\n\
mod auth;\n\
async fn a() {{}}\n\
async fn b() {{}}\n\
async fn c() {{}}\n\
fn main() {{\n\
    let app = Router::new()\n\
        .route(\"/a\", get(a))\n\
        .layer(tower::ServiceBuilder::new().layer(TraceLayer::new_for_http()).layer(ClerkLayer::new(p, None, true)))\n\
        .route(\"/b\", get(b))\n\
        .route_layer(axum::middleware::from_extractor::<Verified>())\n\
        .route(\"/c\", get(c).layer(ClerkLayer::new(p, Some(vec![\"/c\".to_string()]), true)));\n\
    serve(app);\n\
}}\n"
    );
    let auth = "pub struct Verified;\n\
impl<S> FromRequestParts<S> for Verified {\n\
    type Rejection = StatusCode;\n\
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, StatusCode> {\n\
        clerk_rs::validators::authorizer::validate_jwt(token(parts)?, jwks()).await.map_err(|_| StatusCode::UNAUTHORIZED)?;\n\
        Ok(Verified)\n\
    }\n\
}\n";
    assert_eq!(
        summary(&[("src/main.rs", &main), ("src/auth.rs", auth)]),
        [
            "GET /a 6 middleware",
            "GET /b 7 middleware",
            "GET /c 8 middleware",
        ]
    );
}

#[test]
fn actix_from_request_extractors() {
    let main = "mod auth;\n\
use actix_web::{get, App, HttpServer};\n\
use crate::auth::{Session, Peek};\n\
#[get(\"/verified\")]\n\
async fn verified(s: Session) -> String { s.0 }\n\
#[get(\"/peek\")]\n\
async fn peek(s: Peek) -> String { s.0 }\n\
fn main() { HttpServer::new(|| App::new().service(verified).service(peek)); }\n";
    let auth = "pub struct Session(pub String);\n\
impl FromRequest for Session {\n\
    type Error = actix_web::Error;\n\
    type Future = Ready<Result<Self, Self::Error>>;\n\
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {\n\
        let key = DecodingKey::from_rsa_pem(PEM).unwrap();\n\
        match jsonwebtoken::decode::<Claims>(bearer(req), &key, &Validation::new(Algorithm::RS256)) {\n\
            Ok(data) => ready(Ok(Session(data.claims.sub))),\n\
            Err(_) => ready(Err(ErrorUnauthorized(\"invalid token\"))),\n\
        }\n\
    }\n\
}\n\
pub struct Peek(pub String);\n\
impl FromRequest for Peek {\n\
    type Error = actix_web::Error;\n\
    type Future = Ready<Result<Self, Self::Error>>;\n\
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {\n\
        let payload = bearer(req).split('.').nth(1).unwrap_or_default();\n\
        match general_purpose::URL_SAFE_NO_PAD.decode(payload) {\n\
            Ok(bytes) => ready(Ok(Peek(String::from_utf8_lossy(&bytes).into_owned()))),\n\
            Err(_) => ready(Err(ErrorUnauthorized(\"bad token\"))),\n\
        }\n\
    }\n\
}\n";
    assert_eq!(
        summary(&[("src/main.rs", main), ("src/auth.rs", auth)]),
        ["GET /peek 7 none:decode-only", "GET /verified 5 helper"]
    );
}

#[test]
fn actix_service_config_closures() {
    let main = "use actix_web::{get, web, web::ServiceConfig};\n\
use clerk_rs::validators::actix::ClerkMiddleware;\n\
#[get(\"/me\")]\n\
async fn me() -> String { String::new() }\n\
#[get(\"/about\")]\n\
async fn about() -> String { String::new() }\n\
#[shuttle_runtime::main]\n\
async fn main() -> ShuttleActixWeb<impl FnOnce(&mut ServiceConfig) + Send + Clone + 'static> {\n\
    let app_config = move |cfg: &mut ServiceConfig| {\n\
        cfg.service(web::scope(\"/api\").wrap(ClerkMiddleware::new(config, None, true)).service(me))\n\
            .service(about);\n\
    };\n\
    Ok(app_config.into())\n\
}\n";
    assert_eq!(
        summary(&[("src/main.rs", main)]),
        ["GET /about 6 none", "GET /api/me 4 middleware"]
    );
}

#[test]
fn actix_nested_scopes_inherit_the_outer_wrap() {
    let main = "use actix_web::{web, App, HttpServer};\n\
use clerk_rs::validators::actix::ClerkMiddleware;\n\
async fn health() {}\n\
async fn events() {}\n\
async fn event() {}\n\
fn run() {\n\
    HttpServer::new(move || {\n\
        App::new()\n\
            .route(\"/health_check\", web::get().to(health))\n\
            .service(\n\
                web::scope(\"/api\")\n\
                    .wrap(ClerkMiddleware::new(provider(), None, true))\n\
                    .service(web::scope(\"/events\").route(\"\", web::get().to(events)).route(\"/{id}\", web::get().to(event))),\n\
            )\n\
    });\n\
}\n";
    assert_eq!(
        summary(&[("src/main.rs", main)]),
        [
            "GET /api/events 4 middleware",
            "GET /api/events/{id} 5 middleware",
            "GET /health_check 3 none",
        ]
    );
}

#[test]
fn a_clerk_authorizer_kept_in_the_app_state() {
    let main = "mod state;\n\
use axum::{routing::get, Router, middleware::from_fn_with_state};\n\
async fn a() {}\n\
async fn require(State(s): State<AppState>, req: Request, next: Next) -> Result<Response, StatusCode> {\n\
    s.authorizer.authorize(&AxumClerkRequest::from_axum_request(&req)).await.map_err(|_| StatusCode::UNAUTHORIZED)?;\n\
    Ok(next.run(req).await)\n\
}\n\
fn main() { serve(Router::new().route(\"/a\", get(a)).layer(from_fn_with_state(st, require))); }\n";
    let state = "use clerk_rs::validators::authorizer::ClerkAuthorizer;\npub struct AppState { pub authorizer: ClerkAuthorizer<P> }\n";
    assert_eq!(
        summary(&[("src/main.rs", main), ("src/state.rs", state)]),
        ["GET /a 3 middleware"]
    );
    assert_eq!(summary(&[("src/main.rs", main)]), ["GET /a 3 none"]);
}
