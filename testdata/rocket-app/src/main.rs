#[macro_use]
extern crate rocket;

mod guards;

use clerk_rs::{
    clerk::Clerk,
    validators::{
        jwks::MemoryCacheJwksProvider,
        rocket::{ClerkGuard, ClerkGuardConfig},
    },
    ClerkConfiguration,
};
use guards::ApiKey;

#[get("/recipes")]
fn list() -> &'static str {
    "[]"
}

// Listed in the guard config: the guard rejects requests without a valid session.
#[post("/recipes")]
fn create(guard: ClerkGuard<MemoryCacheJwksProvider>) -> String {
    guard.jwt.map(|j| j.sub).unwrap_or_default()
}

// Not listed: the guard lets every request through with `jwt: None`.
#[delete("/recipes/<id>")]
fn remove(guard: ClerkGuard<MemoryCacheJwksProvider>, id: u32) -> String {
    format!("{id} {:?}", guard.jwt.map(|j| j.sub))
}

// A project request guard that compares a header with a secret.
#[post("/import")]
fn import(_key: ApiKey) -> &'static str {
    "ok"
}

#[launch]
fn rocket() -> _ {
    let key = std::env::var("CLERK_SECRET_KEY").expect("CLERK_SECRET_KEY");
    let clerk = Clerk::new(ClerkConfiguration::new(None, None, Some(key), None));
    rocket::build()
        .mount("/api", routes![list, create, remove, import])
        .manage(ClerkGuardConfig::new(
            MemoryCacheJwksProvider::new(clerk),
            Some(vec!["/api/recipes".to_string()]),
            true,
        ))
}
