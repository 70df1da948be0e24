mod account;
mod notes;

use axum::{routing::get, Extension, Router};
use clerk_rs::validators::{authorizer::ClerkJwt, axum::ClerkLayer, jwks::MemoryCacheJwksProvider};

use crate::auth::{PeekUser, VerifiedUser};

pub fn api(jwks: MemoryCacheJwksProvider) -> Router {
    // Every route of `account` is behind the layer (None = all routes).
    let account = account::router().layer(ClerkLayer::new(jwks.clone(), None, true));

    Router::new()
        .nest("/account", account)
        .nest("/notes", notes::router(jwks))
        .route("/profile", get(profile))
        .route("/feed", get(feed))
        .route("/drafts", get(drafts))
        .route("/teaser", get(teaser))
}

// Meant to be protected, but no Clerk layer wraps `/api/profile`: it answers 500.
async fn profile(Extension(jwt): Extension<ClerkJwt>) -> String {
    jwt.sub
}

// The extractor verifies the token and rejects: protected.
async fn feed(user: VerifiedUser) -> String {
    user.0
}

// The extractor only decodes the token.
async fn drafts(user: PeekUser) -> String {
    user.0
}

// Reads the claims when present, never rejects.
async fn teaser(jwt: Option<Extension<ClerkJwt>>) -> String {
    jwt.map(|Extension(j)| j.sub).unwrap_or_default()
}
