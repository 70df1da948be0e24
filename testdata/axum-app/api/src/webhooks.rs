use axum::{
    body::Bytes,
    http::{HeaderMap, StatusCode},
    routing::post,
    Router,
};
use svix::webhooks::Webhook;

pub fn router() -> Router {
    Router::new()
        .route("/webhooks/clerk", post(clerk_events))
        .route("/webhooks/clerk-verified", post(clerk_events_verified))
}

// Trusts whatever is posted.
async fn clerk_events(body: Bytes) -> StatusCode {
    let event: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    if event["type"] == "user.deleted" {
        delete_user(&event["data"]["id"]);
    }
    StatusCode::OK
}

async fn clerk_events_verified(headers: HeaderMap, body: Bytes) -> Result<StatusCode, StatusCode> {
    let secret = std::env::var("CLERK_WEBHOOK_SIGNING_SECRET").map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let wh = Webhook::new(&secret).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    wh.verify(&body, &headers).map_err(|_| StatusCode::BAD_REQUEST)?;
    let event: serde_json::Value = serde_json::from_slice(&body).map_err(|_| StatusCode::BAD_REQUEST)?;
    if event["type"] == "user.deleted" {
        delete_user(&event["data"]["id"]);
    }
    Ok(StatusCode::OK)
}

fn delete_user(_id: &serde_json::Value) {}
