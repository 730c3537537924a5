//! What feedback publishes, under the disclosure rule: every cell counts people, so every table
//! passes through the [`CellProtector`].
//!
//! - [`outcomes`]: the four VFS outcomes, yes / not sure / no among those who answered.
//! - [`wanted_received`]: for each kind of support, how many wanted it, how many of those got it
//!   and how many did not (unmet need as survivors report it), by area with an all-areas row;
//!   protected as one two-way table per kind, so no hidden cell follows from the totals.
//!
//! What a service sees of its own feedback is [`crate::service_view`]'s.

use crate::feedback::Feedback;
use crate::vocabulary::{Outcome, OutcomeAnswer, SupportKind};
use crate::VoiceError;
use frontline_disclosure::{CellProtector, KeyedGrid, SuppressionRule};
use frontline_geo::tables::{percent, share_pct, Table};

/// The columns of [`wanted_received`] after its first (the region or service each row is of).
pub const WANTED_RECEIVED_COLUMNS: [&str; 5] = [
    "support",
    "wanted",
    "received",
    "not_received",
    "received_pct",
];

/// The columns of [`outcomes`].
pub const OUTCOME_COLUMNS: [&str; 6] = ["outcome", "yes", "not_sure", "no", "answered", "yes_pct"];

/// The four outcomes among `responses`, each a row of yes / not sure / no and those answering,
/// protected as one grid per outcome (the answers add up to those answering).
pub fn outcomes(
    name: &str,
    responses: &[&Feedback],
    protector: &dyn CellProtector,
) -> Result<Table, VoiceError> {
    let rule = protector.rule();
    let mut table = Table::new(name, "How people feel after support", &OUTCOME_COLUMNS)
        .with_note(&format!(
            "Answers of people who gave feedback; yes_pct is of those who answered. {}",
            rule.describe()
        ))
        .counting_people()
        .keyed_by(1);
    for outcome in Outcome::ALL {
        let counts: Vec<i64> = OutcomeAnswer::ALL
            .iter()
            .map(|answer| {
                responses
                    .iter()
                    .filter(|r| r.outcomes.get(outcome) == Some(answer))
                    .count() as i64
            })
            .collect();
        let mut grid = KeyedGrid::new();
        let cells: Vec<usize> = OutcomeAnswer::ALL
            .iter()
            .zip(&counts)
            .map(|(a, &n)| grid.cell(format!("{name}/{}/{}", outcome.code(), a.code()), n))
            .collect();
        let total = grid.cell(
            format!("{name}/{}/answered", outcome.code()),
            counts.iter().sum(),
        );
        grid.grid.relate(total, &cells)?;
        let shown = grid.protect(protector, &format!("{name}/{}", outcome.code()))?;
        let value = |cell: usize| grid.grid.values()[cell];
        let mut row = vec![outcome.label().to_string()];
        row.extend(
            cells
                .iter()
                .map(|&c| shown.show(c, || value(c).to_string())),
        );
        row.push(shown.show(total, || value(total).to_string()));
        row.push(shown.show_derived(&[cells[0], total], || {
            percent(share_pct(value(cells[0]) as f64, value(total) as f64))
        }));
        table.push(row);
    }
    Ok(table)
}

/// Support wanted against support received, for each kind, by area (`areas` in the order
/// given, each with its responses; the first column is called `key`) with an `all_areas` row
/// where there is more than one area.
pub fn wanted_received(
    name: &str,
    key: &str,
    areas: &[(String, Vec<&Feedback>)],
    all_areas: &str,
    protector: &dyn CellProtector,
) -> Result<Table, VoiceError> {
    let rule = protector.rule();
    let columns: Vec<&str> = std::iter::once(key)
        .chain(WANTED_RECEIVED_COLUMNS)
        .collect();
    let mut table = Table::new(
        name,
        "Support people wanted and whether they got it",
        &columns,
    )
    .with_note(&note(rule))
    .counting_people()
    .keyed_by(2);
    let columns = vec!["received".to_string(), "not_received".to_string()];
    for kind in SupportKind::ALL {
        let rows: Vec<(String, Vec<i64>)> = areas
            .iter()
            .map(|(area, responses)| (area.clone(), received_split(*kind, responses)))
            .collect();
        let stem = format!("{name}/{}", kind.code());
        let (keyed, at) = KeyedGrid::two_way(&stem, &rows, &columns, all_areas, "wanted");
        let shown = keyed.protect(protector, &stem)?;
        let value = |cell: usize| keyed.grid.values()[cell];
        let lines = rows
            .iter()
            .map(|(area, _)| area.as_str())
            .zip(at.interior.iter().zip(&at.row_totals))
            .chain((areas.len() > 1).then_some((all_areas, (&at.column_totals, &at.grand_total))));
        for (area, (cells, &wanted)) in lines {
            let (received, not_received) = (cells[0], cells[1]);
            let row = vec![
                area.to_string(),
                kind.label().to_string(),
                shown.show(wanted, || value(wanted).to_string()),
                shown.show(received, || value(received).to_string()),
                shown.show(not_received, || value(not_received).to_string()),
                shown.show_derived(&[received, wanted], || {
                    percent(share_pct(value(received) as f64, value(wanted) as f64))
                }),
            ];
            table.push(row);
        }
    }
    Ok(table)
}

/// The region a service's feedback counts in: where most of its areas are (`regions`, one per
/// area), ties going to the first in `order`. Each response counts once, so regions add up to
/// England and Wales.
pub fn home_region<'a>(regions: &[&str], order: &'a [&'a str]) -> Option<&'a str> {
    order
        .iter()
        .map(|r| (*r, regions.iter().filter(|x| *x == r).count()))
        .filter(|(_, n)| *n > 0)
        .fold(None, |best: Option<(&str, usize)>, (r, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((r, n)),
        })
        .map(|(r, _)| r)
}

/// Of those who wanted `kind`: how many got it and how many did not.
fn received_split(kind: SupportKind, responses: &[&Feedback]) -> Vec<i64> {
    let reports = responses.iter().filter_map(|r| r.support.get(&kind));
    let (mut got, mut not) = (0, 0);
    for report in reports.filter(|r| r.wanted()) {
        if report.got() {
            got += 1;
        } else {
            not += 1;
        }
    }
    vec![got, not]
}

fn note(rule: &SuppressionRule) -> String {
    format!(
        "From anonymous feedback: of the people who said they wanted each kind of support, how many said they got it. People could want more than one kind. {}",
        rule.describe()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::SupportReport;
    use frontline_disclosure::SUPPRESSED;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the answers: no count from 1 to the threshold is shown, a percentage shows
        /// only beside the counts it is computed from, and shown counts add up.
        #[test]
        fn no_small_count_shows_and_shown_counts_add_up(
            areas in proptest::collection::vec((0usize..12, 0usize..12), 1..5),
        ) {
            let got = wanting(SupportKind::Helpline, SupportReport::WantedAndGot);
            let not = wanting(SupportKind::Helpline, SupportReport::WantedNotGot);
            let rows: Vec<(String, Vec<&Feedback>)> = areas
                .iter()
                .enumerate()
                .map(|(i, (g, n))| {
                    let mut people = vec![&got; *g];
                    people.extend(vec![&not; *n]);
                    (format!("Area {i}"), people)
                })
                .collect();
            let rule = SuppressionRule::default();
            let table = wanted_received("t", "region", &rows, "All", &rule).expect("table");
            for row in table.rows.iter().filter(|r| r[1] == SupportKind::Helpline.label()) {
                let counts: Vec<Option<i64>> = row[2..5].iter().map(|c| c.parse().ok()).collect();
                for count in counts.iter().flatten() {
                    prop_assert!(!rule.is_small(*count), "{row:?}");
                }
                if let [Some(wanted), Some(received), Some(not_received)] = counts[..] {
                    prop_assert_eq!(wanted, received + not_received);
                }
                if row[5] != SUPPRESSED && !row[5].is_empty() {
                    prop_assert!(counts[0].is_some() && counts[1].is_some(), "{row:?}");
                }
            }
        }
    }

    fn wanting(kind: SupportKind, report: SupportReport) -> Feedback {
        let mut f = Feedback::default();
        f.support.insert(kind, report);
        f
    }

    #[test]
    fn a_service_counts_in_the_region_of_most_of_its_areas() {
        let order = ["North East", "North West", "London"];
        assert_eq!(
            home_region(&["London", "North West", "London"], &order),
            Some("London")
        );
        assert_eq!(
            home_region(&["London", "North West"], &order),
            Some("North West")
        );
        assert_eq!(home_region(&[], &order), None);
    }

    #[test]
    fn a_small_count_is_hidden_with_enough_of_its_row_and_column() {
        let got = wanting(SupportKind::SafeAccommodation, SupportReport::WantedAndGot);
        let not = wanting(SupportKind::SafeAccommodation, SupportReport::WantedNotGot);
        let mut north = vec![&got; 2];
        north.extend(vec![&not; 30]);
        let mut south = vec![&got; 25];
        south.extend(vec![&not; 25]);
        let areas = vec![("North".to_string(), north), ("South".to_string(), south)];
        let rule = SuppressionRule::default();
        let table = wanted_received("t", "region", &areas, "All areas", &rule).expect("table");
        let refuge: Vec<&Vec<String>> = table
            .rows
            .iter()
            .filter(|r| r[1] == SupportKind::SafeAccommodation.label())
            .collect();
        assert_eq!(refuge[0][3], SUPPRESSED, "2 received in the North");
        let hidden = refuge
            .iter()
            .flat_map(|r| &r[2..5])
            .filter(|c| *c == SUPPRESSED)
            .count();
        assert!(
            hidden >= 4,
            "the 2 cannot be worked out from its row and column: {refuge:?}"
        );
    }

    #[test]
    fn wanted_is_received_plus_not_received_and_percentages_come_from_counts() {
        let got = wanting(SupportKind::Counselling, SupportReport::WantedAndGot);
        let not = wanting(SupportKind::Counselling, SupportReport::WantedNotGot);
        let mut north = vec![&got; 12];
        north.extend(vec![&not; 8]);
        let mut south = vec![&got; 6];
        south.extend(vec![&not; 14]);
        let areas = vec![("North".to_string(), north), ("South".to_string(), south)];
        let rule = SuppressionRule::default();
        let table = wanted_received("t", "region", &areas, "All areas", &rule).expect("table");
        let row = |area: &str| -> Vec<String> {
            table
                .rows
                .iter()
                .find(|r| r[0] == area && r[1] == SupportKind::Counselling.label())
                .cloned()
                .expect("row")
        };
        assert_eq!(row("North")[2..], ["20", "12", "8", "60"]);
        assert_eq!(row("South")[2..], ["20", "6", "14", "30"]);
        assert_eq!(row("All areas")[2..], ["40", "18", "22", "45"]);
        // Nobody wanted a helpline: zeros are shown, and no percentage of nothing.
        let helpline = table
            .rows
            .iter()
            .find(|r| r[0] == "North" && r[1] == SupportKind::Helpline.label())
            .expect("row");
        assert_eq!(helpline[2..], ["0", "0", "0", ""]);
    }
}
