mod auth;
mod handlers;

use actix_web::{web, App, HttpServer};
use actix_web_httpauth::middleware::HttpAuthentication;
use clerk_rs::{
    clerk::Clerk,
    validators::{actix::ClerkMiddleware, jwks::MemoryCacheJwksProvider},
    ClerkConfiguration,
};

use handlers::{admin, orders, public};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let key = std::env::var("CLERK_SECRET_KEY").expect("CLERK_SECRET_KEY");
    let clerk = Clerk::new(ClerkConfiguration::new(None, None, Some(key), None));

    HttpServer::new(move || {
        App::new()
            .service(public::catalog)
            .route("/status", web::get().to(public::status))
            .service(
                web::scope("/orders")
                    .service(orders::list)
                    // `.wrap` covers the whole scope, whatever the order; the list is
                    // compared with the full request path.
                    .wrap(ClerkMiddleware::new(
                        MemoryCacheJwksProvider::new(clerk.clone()),
                        Some(vec!["/orders".to_string(), "/orders/{id}".to_string()]),
                        true,
                    ))
                    .service(orders::show)
                    .service(web::resource("/refund").route(web::post().to(orders::refund))),
            )
            .service(
                web::scope("/admin")
                    .wrap(HttpAuthentication::bearer(auth::validator))
                    .configure(admin::routes),
            )
            .service(orders::history)
            .service(orders::mine)
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
