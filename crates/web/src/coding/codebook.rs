//! Codebooks as the team handles them: imported from CSV or REFI-QDA `.qdc`, copied forward
//! from the previous cycle, each save audited as a new version.

use super::OpenQuestion;
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Change};
use crate::store::codebooks;
use crate::store::cycles::{self, Cycle};
use frontline_qualitative::codebook::Codebook;

/// Reads a codebook file: `.qdc` (or `.xml`) as REFI-QDA, anything else as CSV.
pub fn read(file_name: &str, text: &str) -> AppResult<Codebook> {
    let lower = file_name.to_ascii_lowercase();
    let book = if lower.ends_with(".qdc") || lower.ends_with(".xml") {
        Codebook::from_qdc(file_name, text)
    } else {
        Codebook::from_csv(file_name, text)
    };
    book.map_err(|e| AppError::invalid("file", e.to_string()))
}

/// Saves an imported codebook as the question's next version.
pub fn import(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    file_name: &str,
    text: &str,
    by: &str,
) -> AppResult<i32> {
    super::ensure_changeable(cycle)?;
    let book = read(file_name, text)?;
    save(
        conn,
        cycle,
        question,
        &book,
        &format!("imported from {file_name}"),
        by,
    )
}

/// Copies the newest codebook of the same question from the latest earlier cycle that has one.
pub fn copy_forward(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    by: &str,
) -> AppResult<i32> {
    super::ensure_changeable(cycle)?;
    let mut earlier: Vec<Cycle> = cycles::all(conn)?
        .into_iter()
        .filter(|c| c.year < cycle.year)
        .collect();
    earlier.sort_by_key(|c| std::cmp::Reverse(c.year));
    for from in earlier {
        if let Some(version) = codebooks::latest(conn, from.id, &question.id)? {
            let note = format!("copied from {} (version {})", from.year, version.version);
            return save(conn, cycle, question, &version.codebook, &note, by);
        }
    }
    Err(AppError::invalid(
        "codebook",
        format!("no earlier cycle has a codebook for {}", question.id),
    ))
}

fn save(
    conn: &mut DbConnection,
    cycle: &Cycle,
    question: &OpenQuestion,
    book: &Codebook,
    note: &str,
    by: &str,
) -> AppResult<i32> {
    super::ensure_changeable(cycle)?;
    let version = codebooks::save(conn, cycle.id, &question.id, book, note, by)?;
    audit::record(
        conn,
        Change {
            actor: by,
            action: "coding.codebook_saved",
            entity: "question",
            entity_id: format!("{}/{}", cycle.year, question.id),
            after: Some(format!(
                "version {version}: {} categories, {} codes",
                book.codes.len(),
                book.paths().len()
            )),
            reason: Some(note.to_string()),
            ..Default::default()
        },
    )?;
    Ok(version)
}
