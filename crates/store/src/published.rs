//! Figures published before Frontline: one year's figures replaced as a whole, with their
//! source, audited; read back for the series.

use crate::audit;
use crate::clock;
use crate::db::schema::published_figures;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use diesel::prelude::*;
use frontline_trends::figures::PublishedFigure;
use frontline_trends::Level;

/// One year's figures as stored: their source and the figures.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedYear {
    pub year: i32,
    pub source: String,
    pub figures: Vec<PublishedFigure>,
}

/// Replaces the figures of `year` with `figures`, all or nothing; audited.
pub fn import(
    conn: &mut DbConnection,
    year: i32,
    source: &str,
    figures: &[PublishedFigure],
    actor: &str,
) -> StoreResult<usize> {
    let source = source.trim();
    if source.is_empty() {
        return Err(StoreError::invalid(
            "source",
            "say where the figures were published, e.g. \"Annual survey report 2015, tables 2 and 3\"",
        ));
    }
    if !(1990..=2100).contains(&year) {
        return Err(StoreError::invalid(
            "cycle",
            format!("{year} is not a year between 1990 and 2100"),
        ));
    }
    let now = clock::now();
    crate::db::transaction(conn, |conn| {
        let before =
            diesel::delete(published_figures::table.filter(published_figures::year.eq(year)))
                .execute(conn)?;
        for f in figures {
            diesel::insert_into(published_figures::table)
                .values((
                    published_figures::year.eq(year),
                    published_figures::level.eq(f.level.code()),
                    published_figures::area.eq(&f.area),
                    published_figures::measure.eq(&f.measure),
                    published_figures::value.eq(&f.value),
                    published_figures::source.eq(source),
                    published_figures::imported_by.eq(actor),
                    published_figures::imported_at.eq(&now),
                ))
                .execute(conn)?;
        }
        audit::record(
            conn,
            audit::Change {
                actor,
                action: "import_published_figures",
                entity: "published_figures",
                entity_id: year.to_string(),
                before: (before > 0).then(|| format!("{before} figures")),
                after: Some(format!("{} figures", figures.len())),
                reason: Some(source.to_string()),
            },
        )?;
        Ok(figures.len())
    })
}

/// Every year's published figures, oldest first.
pub fn all(conn: &mut DbConnection) -> StoreResult<Vec<PublishedYear>> {
    let rows: Vec<(i32, String, String, String, String, String)> = published_figures::table
        .order((
            published_figures::year,
            published_figures::level,
            published_figures::area,
            published_figures::measure,
        ))
        .select((
            published_figures::year,
            published_figures::level,
            published_figures::area,
            published_figures::measure,
            published_figures::value,
            published_figures::source,
        ))
        .load(conn)?;
    let mut years: Vec<PublishedYear> = Vec::new();
    for (year, level, area, measure, value, source) in rows {
        let level = Level::parse(&level)
            .map_err(|e| StoreError::Task(format!("a stored published figure: {e}")))?;
        if years.last().is_none_or(|y| y.year != year) {
            years.push(PublishedYear {
                year,
                source,
                figures: Vec::new(),
            });
        }
        if let Some(y) = years.last_mut() {
            y.figures.push(PublishedFigure {
                level,
                area,
                measure,
                value,
            });
        }
    }
    Ok(years)
}
