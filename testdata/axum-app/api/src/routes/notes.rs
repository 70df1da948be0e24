use axum::{
    routing::{get, post},
    Extension, Router,
};
use clerk_rs::validators::{authorizer::ClerkJwt, axum::ClerkLayer, jwks::MemoryCacheJwksProvider};

const PROTECTED: [&str; 2] = ["/", "/{id}"];

pub fn router(jwks: MemoryCacheJwksProvider) -> Router {
    Router::new()
        .route("/", get(list).post(create))
        .route("/{id}", get(show))
        // The list is compared with the path this router sees, as exact strings:
        // "/" matches, "/{id}" never equals a request path such as "/42".
        .layer(ClerkLayer::new(
            jwks,
            Some(PROTECTED.iter().map(|p| p.to_string()).collect()),
            true,
        ))
        // Added after the layer: not wrapped by it.
        .route("/export", post(export))
}

async fn list(Extension(jwt): Extension<ClerkJwt>) -> String {
    jwt.sub
}

async fn create(Extension(jwt): Extension<ClerkJwt>) -> String {
    jwt.sub
}

async fn show(Extension(jwt): Extension<ClerkJwt>) -> String {
    jwt.sub
}

async fn export() -> &'static str {
    "[]"
}
