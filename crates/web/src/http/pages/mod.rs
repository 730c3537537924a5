//! Page handlers, one module per area of the site.

mod answering;
mod cycles;
mod fieldwork;
mod home;
mod login;
mod phone;
mod publications;
mod respond;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home::index)
        .service(home::health)
        .service(cycles::show)
        .service(publications::without_slash)
        .service(publications::file)
        .service(login::form)
        .service(login::sign_in)
        .service(login::sign_out)
        .service(fieldwork::home)
        .service(fieldwork::dashboard)
        .service(fieldwork::import_contacts)
        .service(fieldwork::send_invitations)
        .service(fieldwork::send_reminders)
        .service(fieldwork::reminder_dates)
        .service(fieldwork::set_status)
        .service(fieldwork::responses_csv)
        .service(phone::start_page)
        .service(phone::show_section)
        .service(phone::save_section)
        .service(phone::check_page)
        .service(phone::submit_answers)
        .service(phone::done_page)
        .service(phone::record_outcome)
        .service(respond::start_page)
        .service(respond::show_section)
        .service(respond::save_section)
        .service(respond::check_page)
        .service(respond::submit_answers)
        .service(respond::done_page)
        .service(respond::record_outcome);
}
