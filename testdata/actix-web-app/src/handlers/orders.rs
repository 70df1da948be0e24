use actix_web::{get, web, HttpMessage, HttpRequest, HttpResponse};
use clerk_rs::validators::authorizer::ClerkJwt;

#[get("")]
pub async fn list(jwt: web::ReqData<ClerkJwt>) -> HttpResponse {
    HttpResponse::Ok().body(jwt.sub.clone())
}

#[get("/{id}")]
pub async fn show(jwt: web::ReqData<ClerkJwt>, id: web::Path<String>) -> HttpResponse {
    HttpResponse::Ok().body(format!("{} {}", jwt.sub, id))
}

pub async fn refund(req: HttpRequest) -> HttpResponse {
    match req.extensions().get::<ClerkJwt>() {
        Some(jwt) => HttpResponse::Ok().body(jwt.sub.clone()),
        None => HttpResponse::Unauthorized().finish(),
    }
}

// Outside every scope with the middleware: the claims are never there.
#[get("/history")]
pub async fn history(jwt: web::ReqData<ClerkJwt>) -> HttpResponse {
    HttpResponse::Ok().body(jwt.sub.clone())
}

// Reads the claims when present and serves everyone.
#[get("/mine")]
pub async fn mine(jwt: Option<web::ReqData<ClerkJwt>>) -> HttpResponse {
    let who = jwt.map(|j| j.sub.clone()).unwrap_or_default();
    HttpResponse::Ok().body(who)
}
