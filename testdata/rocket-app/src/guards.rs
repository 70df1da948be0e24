use rocket::{
    http::Status,
    request::{FromRequest, Outcome, Request},
};

pub struct ApiKey;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ApiKey {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let expected = std::env::var("IMPORT_API_KEY").unwrap_or_default();
        match req.headers().get_one("x-api-key") {
            Some(given) if !expected.is_empty() && given == expected => Outcome::Success(ApiKey),
            _ => Outcome::Error((Status::Unauthorized, ())),
        }
    }
}
