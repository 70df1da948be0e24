use axum::{
    extract::FromRequestParts,
    http::{request::Parts, StatusCode},
};
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};

pub struct VerifiedUser(pub String);

impl<S: Send + Sync> FromRequestParts<S> for VerifiedUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or(StatusCode::UNAUTHORIZED)?;
        let pem = std::env::var("CLERK_JWT_KEY").map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        let key = DecodingKey::from_rsa_pem(pem.as_bytes()).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
        let data = decode::<serde_json::Value>(&token, &key, &Validation::new(Algorithm::RS256))
            .map_err(|_| StatusCode::UNAUTHORIZED)?;
        Ok(VerifiedUser(data.claims["sub"].as_str().unwrap_or_default().to_owned()))
    }
}

pub struct PeekUser(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PeekUser {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or(StatusCode::UNAUTHORIZED)?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.insecure_disable_signature_validation();
        let data = decode::<serde_json::Value>(&token, &DecodingKey::from_secret(&[]), &validation)
            .map_err(|_| StatusCode::UNAUTHORIZED)?;
        Ok(PeekUser(data.claims["sub"].as_str().unwrap_or_default().to_owned()))
    }
}

fn bearer(parts: &Parts) -> Option<String> {
    let value = parts.headers.get("authorization")?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(str::to_owned)
}
