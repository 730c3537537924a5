//! `/coding/…`: qualitative coding of open answers — the overview of a cycle's questions, the
//! codebook, the workbench, segmenting, agreement and adjudication, findings, quotes, exports.

mod agreement;
mod codebook;
mod exports;
mod overview;
mod quotes;
mod workbench;

use crate::coding::{open_question, OpenQuestion};
use crate::error::AppResult;
use crate::http::AppState;
use crate::store::cycles::{self, Cycle};
use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(overview::list)
        .service(overview::home)
        .service(overview::segment)
        .service(overview::draw_sample)
        .service(codebook::show)
        .service(codebook::import)
        .service(codebook::copy_forward)
        .service(codebook::download)
        .service(workbench::show)
        .service(workbench::code)
        .service(workbench::undo)
        .service(workbench::star)
        .service(workbench::segments)
        .service(workbench::resegment)
        .service(workbench::script)
        .service(agreement::show)
        .service(agreement::adjudicate)
        .service(agreement::results)
        .service(quotes::show)
        .service(quotes::decide)
        .service(exports::comments_csv)
        .service(exports::project);
}

/// The cycle and one of its open questions.
fn question_of(s: &AppState, year: i32, question: &str) -> AppResult<(Cycle, OpenQuestion)> {
    let mut conn = s.platform.conn()?;
    let cycle = cycles::by_year(&mut conn, year)?;
    let question = open_question(&s.platform, &mut conn, &cycle, question)?;
    Ok((cycle, question))
}
