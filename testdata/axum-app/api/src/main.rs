mod auth;
mod legacy;
mod routes;
mod webhooks;

use axum::{routing::get, Router};
use clerk_rs::{clerk::Clerk, validators::jwks::MemoryCacheJwksProvider, ClerkConfiguration};

async fn health() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() {
    let key = std::env::var("CLERK_SECRET_KEY").expect("CLERK_SECRET_KEY");
    let clerk = Clerk::new(ClerkConfiguration::new(None, None, Some(key), None));
    let app = Router::new()
        .route("/health", get(health))
        .nest("/api", routes::api(MemoryCacheJwksProvider::new(clerk)))
        .merge(webhooks::router());
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
