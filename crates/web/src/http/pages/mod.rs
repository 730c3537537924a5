//! Page handlers, one module per area of the site.

mod cycles;
mod home;
mod publications;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home::index)
        .service(home::health)
        .service(cycles::show)
        .service(publications::without_slash)
        .service(publications::file);
}
