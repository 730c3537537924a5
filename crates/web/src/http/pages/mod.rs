//! Page handlers, one module per area of the site.

mod account_setup;
pub(crate) mod answering;
mod audit_log;
mod coding;
mod consultations;
mod cycles;
mod directory;
mod due_diligence;
mod estimates;
mod feedback;
mod feedback_links;
mod fieldwork;
mod grants;
mod home;
mod instruments;
mod login;
mod open_link;
mod packs;
mod pcc;
mod phone;
pub(crate) mod private_link;
mod profiles;
mod programmes;
mod publications;
mod releases;
mod respond;
mod two_factor;
mod vacancies;
mod vacancy_link;
mod vfs;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    coding::configure(cfg);
    vacancies::configure(cfg);
    vacancy_link::configure(cfg);
    // The exit before the form: `/feedback/exit` is not a link's token.
    cfg.service(feedback::exit)
        .service(feedback::script)
        .service(feedback::start_page)
        .service(feedback::form_page)
        .service(feedback::send)
        .service(feedback::thanks)
        .service(feedback_links::show)
        .service(feedback_links::create)
        .service(feedback_links::withdraw)
        .service(feedback_links::qr)
        .service(feedback_links::service)
        .service(consultations::show)
        .service(consultations::record)
        .service(consultations::add_transcript)
        .service(consultations::withdraw_transcript);
    cfg.service(home::index)
        .service(home::health)
        .service(cycles::show)
        .service(publications::without_slash)
        .service(publications::file)
        .service(login::show_form)
        .service(login::sign_in)
        .service(login::sign_out)
        .service(two_factor::show)
        .service(two_factor::change)
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
        .service(respond::record_outcome)
        .service(respond::profile_form)
        .service(respond::profile_save)
        .service(profiles::staff_form)
        .service(profiles::staff_save)
        .service(profiles::area_page)
        .service(profiles::part4_csv)
        .service(profiles::spaces_by_authority_csv)
        .service(packs::list)
        .service(packs::file)
        .service(directory::search)
        .service(directory::entry)
        .service(estimates::show)
        .service(estimates::roll)
        .service(estimates::impute)
        .service(estimates::decide)
        .service(estimates::freeze_or_reopen)
        .service(estimates::invite_pcc)
        .service(releases::show)
        .service(releases::check)
        .service(releases::create)
        .service(releases::set_suppression)
        .service(releases::draft)
        .service(pcc::home)
        .service(pcc::provisional)
        .service(pcc::area)
        .service(pcc::submit)
        .service(account_setup::show_form)
        .service(account_setup::save)
        .service(programmes::list)
        .service(programmes::show)
        .service(programmes::request)
        .service(programmes::area)
        .service(programmes::service)
        .service(programmes::by_pfa_csv)
        .service(grants::list)
        .service(grants::import)
        .service(grants::monitoring_csv)
        .service(grants::show)
        .service(grants::record_finance)
        .service(grants::open_review)
        .service(grants::decide_review)
        .service(grants::set_subcontract)
        .service(due_diligence::show)
        .service(due_diligence::record)
        .service(open_link::landing)
        .service(open_link::start)
        .service(private_link::start_page)
        .service(private_link::show_section)
        .service(private_link::save_section)
        .service(private_link::check_answers)
        .service(private_link::submit)
        .service(private_link::email_link)
        .service(instruments::show)
        .service(instruments::add_instrument)
        .service(instruments::create_link)
        .service(instruments::close_link)
        .service(instruments::invite)
        .service(instruments::answers_csv)
        .service(instruments::codebook_csv)
        .service(instruments::spss_syntax)
        .service(vfs::show)
        .service(vfs::save)
        .service(audit_log::show)
        .service(audit_log::export);
}
