use actix_web::{dev::ServiceRequest, error::ErrorUnauthorized, Error};
use actix_web_httpauth::extractors::bearer::BearerAuth;
use clerk_rs::validators::{authorizer::validate_jwt, jwks::MemoryCacheJwksProvider};

pub async fn validator(
    req: ServiceRequest,
    credentials: BearerAuth,
) -> Result<ServiceRequest, (Error, ServiceRequest)> {
    let jwks = req.app_data::<MemoryCacheJwksProvider>().cloned();
    let Some(jwks) = jwks else {
        return Err((ErrorUnauthorized("no key set"), req));
    };
    match validate_jwt(credentials.token(), jwks).await {
        Ok(_) => Ok(req),
        Err(_) => Err((ErrorUnauthorized("invalid token"), req)),
    }
}
