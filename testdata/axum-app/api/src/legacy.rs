// Half-finished: this file does not parse.
pub fn old_router( -> axum::Router {
    axum::Router::new()
}
