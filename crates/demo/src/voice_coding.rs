//! The demo's coding of survivors' own words: the free text of their feedback and the
//! consultations' transcripts, coded against a short codebook of what helped and what did not in
//! 2016 and 2017 (with a transcript's remark approved as a quote), and copied forward to 2018,
//! whose feedback and interview notes wait to be split and coded.

use super::coding::DEMO_CODER_EMAIL;
use frontline_web::coding::{codebook, open_questions, quotes as quote_review, segmenting};
use frontline_web::coding::{OpenQuestion, TextSource};
use frontline_web::db::DbConnection;
use frontline_web::error::{AppError, AppResult};
use frontline_web::store::cycles::Cycle;
use frontline_web::store::states::CycleStatus;
use frontline_web::store::{accounts, codings, comments, cycles, quotes};
use frontline_web::Platform;

const TEAM: &str = "admin@example.org";

/// What survivors said helped or did not: one codebook for every question of their words.
const CODEBOOK_CSV: &str = r#"category,subcategory,definition,examples
Being believed,,Being believed and listened to,believed the first time
Someone on my side,,A worker who was there when needed,came to court; rang back; could call at night
Practical help,,Help with housing and forms,housing forms
Waiting,,Waiting for support,months for counselling
Children,,Support for children,support for my children
Fitting my life,,Support at times and places people can reach,evening appointments; two buses away; an interpreter
Telling my story once,,Not having to repeat what happened,five different people
No recourse,,Turned away for having no recourse to public funds,
Other,,Anything not in another category,
"#;

/// The category a remark is coded into, as a careful coder reads it.
fn theme_of(remark: &str) -> &'static str {
    let said = remark.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| said.contains(w));
    if said.starts_with("facilitator") {
        "Other"
    } else if has(&["believed"]) {
        "Being believed"
    } else if has(&["recourse"]) {
        "No recourse"
    } else if has(&["story"]) {
        "Telling my story once"
    } else if has(&["children"]) {
        "Children"
    } else if has(&["wait"]) {
        "Waiting"
    } else if has(&["housing", "forms"]) {
        "Practical help"
    } else if has(&["court", "rang", "call at night"]) {
        "Someone on my side"
    } else if has(&["evening", "at work", "buses", "interpreter", "in the day"]) {
        "Fitting my life"
    } else {
        "Other"
    }
}

fn survivors(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
) -> AppResult<Vec<OpenQuestion>> {
    Ok(open_questions(platform, conn, cycle)?
        .into_iter()
        .filter(|q| q.source.is_survivors())
        .collect())
}

pub fn create(platform: &Platform) -> AppResult<String> {
    let mut conn = platform.conn()?;
    let coder = accounts::by_email(&mut conn, DEMO_CODER_EMAIL)?
        .ok_or_else(|| AppError::NotFound(format!("the demo coder {DEMO_CODER_EMAIL}")))?;
    let mut coded = 0;
    for year in [2016, 2017] {
        // Coded while fieldwork was closed, before the cycle was frozen, as the surveys' answers.
        let as_created = cycles::by_year(&mut conn, year)?;
        cycles::set_status(&mut conn, as_created.id, CycleStatus::Closed)?;
        let cycle = cycles::by_year(&mut conn, year)?;
        for question in survivors(platform, &mut conn, &cycle)? {
            frontline_web::store::db::transaction(&mut conn, |conn| {
                if year == 2016 {
                    codebook::import(conn, &cycle, &question, "survivors.csv", CODEBOOK_CSV, TEAM)?;
                } else {
                    codebook::copy_forward(conn, &cycle, &question, TEAM)?;
                }
                segmenting::suggest_all(conn, &cycle, &question)?;
                for c in comments::of_question(conn, cycle.id, &question.id)? {
                    codings::code(conn, c.id, coder.id, theme_of(&c.body))?;
                    coded += 1;
                }
                Ok::<_, AppError>(())
            })?;
            if question.source == TextSource::Transcripts {
                approve_one_quote(platform, &mut conn, &cycle, &question)?;
            }
        }
        cycles::set_status(&mut conn, cycle.id, as_created.status)?;
    }
    let next = cycles::by_year(&mut conn, 2018)?;
    for question in survivors(platform, &mut conn, &next)? {
        codebook::copy_forward(&mut conn, &next, &question, TEAM)?;
    }
    Ok(format!(
        "{coded} comments of survivors' feedback and consultation transcripts coded in 2016 and 2017; 2018's wait in /coding"
    ))
}

/// Stars the transcript's remark about being believed and approves it as a quote.
fn approve_one_quote(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
) -> AppResult<()> {
    let Some(remark) = comments::of_question(conn, cycle.id, &question.id)?
        .into_iter()
        .find(|c| theme_of(&c.body) == "Being believed")
    else {
        return Ok(());
    };
    quotes::star(conn, remark.id, DEMO_CODER_EMAIL)?;
    quote_review::approve(platform, conn, cycle, remark.id, &[], "", TEAM)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontline_qualitative::codebook::Codebook;

    #[test]
    fn every_theme_is_a_category_of_the_codebook() {
        let book = Codebook::from_csv("survivors.csv", CODEBOOK_CSV).expect("codebook");
        for remark in [
            "Being believed the first time.",
            "My advocate came to court with me.",
            "Help with the housing forms.",
            "The wait for counselling was months.",
            "Support for my children sooner.",
            "Evening appointments when I am at work.",
            "Fewer people to tell my story to.",
            "With no recourse to public funds, the refuge could not take me.",
            "Facilitator: What helped you most?",
        ] {
            assert!(book.has_path(theme_of(remark)), "{remark}");
        }
    }
}
