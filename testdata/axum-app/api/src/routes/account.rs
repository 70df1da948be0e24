use axum::{
    routing::{delete, get},
    Extension, Router,
};
use clerk_rs::validators::authorizer::ClerkJwt;

pub fn router() -> Router {
    Router::new()
        .route("/", get(me))
        .route("/sessions", delete(sign_out_everywhere))
}

async fn me(Extension(jwt): Extension<ClerkJwt>) -> String {
    jwt.sub
}

async fn sign_out_everywhere(Extension(jwt): Extension<ClerkJwt>) -> String {
    jwt.sub
}
