use actix_web::{get, HttpResponse};

#[get("/catalog")]
pub async fn catalog() -> HttpResponse {
    HttpResponse::Ok().finish()
}

pub async fn status() -> HttpResponse {
    HttpResponse::Ok().body("ok")
}
