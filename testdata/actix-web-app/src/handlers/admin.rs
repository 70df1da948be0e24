use actix_web::{web, HttpResponse};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/users", web::get().to(users))
        .route("/users/{id}", web::delete().to(remove_user));
}

async fn users() -> HttpResponse {
    HttpResponse::Ok().finish()
}

async fn remove_user(id: web::Path<String>) -> HttpResponse {
    HttpResponse::Ok().body(id.into_inner())
}
