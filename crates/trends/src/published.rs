//! Figures a charity published before Frontline, as imported: `level,area,measure,value`, one
//! row per figure — `level` national, region or pfa; `area` blank for England and Wales, a
//! region's name, or an area's ONS code or force name; `measure` a column of that level's
//! series; `value` the figure as printed (a number, or `[c]` where it was suppressed). Read all
//! or nothing, every problem named by line and field.

use crate::figures::PublishedFigure;
use crate::spec::{Level, SeriesSpec};
use frontline_csv_import::{Columns, Problem, Refused};
use frontline_disclosure::SuppressionRule;
use frontline_geo::areas::{Geography, REGIONS};
use std::collections::{BTreeMap, BTreeSet};

pub const COLUMNS: Columns<'static> = Columns {
    required: &["level", "area", "measure", "value"],
    optional: &[],
};

/// A suppressed figure, as the publications print it.
pub const SUPPRESSED: &str = "[c]";

/// Every figure in `text`, or every problem in it: a row that cannot be read, a count of
/// people not whole or under `rule`'s threshold shown rather than `[c]`, or a `[c]` the other
/// figures could narrow down (see [`exposed`]).
pub fn read(
    spec: &SeriesSpec,
    geo: &Geography,
    rule: &SuppressionRule,
    text: &str,
) -> Result<Vec<PublishedFigure>, Refused> {
    let rows = read_rows(spec, geo, text)?;
    let mut problems = small_counts(rule, &rows);
    problems.extend(exposed(geo, &rows));
    problems.sort_by_key(|p| p.line);
    if !problems.is_empty() {
        return Err(Refused(problems));
    }
    Ok(rows.into_iter().map(|(_, f)| f).collect())
}

/// Whether a series column counts people (the dictionary's unit), so the suppression rule
/// applies to it.
fn counts_people(measure: &str) -> bool {
    frontline_geo::columns::describe(measure).is_some_and(|c| c.unit == "people")
}

/// Counts of people that are not whole, or from 1 up to the threshold printed as figures (they
/// must be `[c]`).
fn small_counts(rule: &SuppressionRule, rows: &[(u64, PublishedFigure)]) -> Vec<Problem> {
    rows.iter()
        .filter(|(_, f)| counts_people(&f.measure))
        .filter_map(|(line, f)| {
            let n: f64 = f.value.parse().ok()?;
            if n.fract() != 0.0 {
                return Some(Problem {
                    line: *line,
                    field: "value".into(),
                    message: format!("{} is not a whole number of people", f.value),
                });
            }
            (n >= 1.0 && n < f64::from(rule.threshold())).then(|| Problem {
                line: *line,
                field: "value".into(),
                message: format!(
                    "{} is a count of people under {}: give it as [c], as every publication here does",
                    f.value,
                    rule.threshold()
                ),
            })
        })
        .collect()
}

/// Each figure with its line.
fn read_rows(
    spec: &SeriesSpec,
    geo: &Geography,
    text: &str,
) -> Result<Vec<(u64, PublishedFigure)>, Refused> {
    let mut seen = BTreeSet::new();
    frontline_csv_import::read(text, COLUMNS, |row| {
        let level = row.check("level", Level::parse);
        let area = level.and_then(|level| row.check("area", |given| area(geo, level, given)));
        let measure = level.and_then(|level| {
            row.check("measure", |given| {
                let columns = &spec.level(level).columns;
                columns
                    .iter()
                    .find(|c| c.as_str() == given.trim())
                    .cloned()
                    .ok_or_else(|| {
                        format!(
                            "'{given}' is not a figure of the {} series; expected one of: {}",
                            level.code(),
                            columns.join(", ")
                        )
                    })
            })
        });
        let value = row.check("value", value);
        let (level, area, measure, value) = (level?, area?, measure?, value?);
        if !seen.insert((level, area.clone(), measure.clone())) {
            row.problem(
                "measure",
                format!("{measure} for this area is given more than once"),
            );
            return None;
        }
        Some((
            row.line(),
            PublishedFigure {
                level,
                area,
                measure,
                value,
            },
        ))
    })
}

/// Every `[c]` of a count of people that a reader could narrow down, by a rule strict enough to
/// need no arithmetic: a hidden count may not sit below a total that is known — printed, or
/// worked out as the sum of parts all known — (England and Wales above a region or an area, a
/// region above its areas), and a hidden total may not have every part known. Where neither
/// happens, nothing gives a hidden count an upper end: a reader learns at most that it is at
/// least the parts shown below it. (A printed table with a total and two hidden parts may be
/// safe, but telling which is arithmetic over every level at once; leave such a total out.)
fn exposed(geo: &Geography, rows: &[(u64, PublishedFigure)]) -> Vec<Problem> {
    let families = families(geo);
    let measures: BTreeSet<&str> = rows
        .iter()
        .map(|(_, f)| f.measure.as_str())
        .filter(|m| counts_people(m))
        .collect();
    let mut problems = Vec::new();
    for measure in measures {
        let given: BTreeMap<Cell, (u64, bool)> = rows
            .iter()
            .filter(|(_, f)| f.measure == measure)
            .map(|(line, f)| ((f.level, f.area.clone()), (*line, f.value != SUPPRESSED)))
            .collect();
        // Known: printed, or the sum of parts all known (worked out from the areas up).
        let mut known: BTreeSet<Cell> = given
            .iter()
            .filter(|(_, (_, printed))| *printed)
            .map(|(cell, _)| cell.clone())
            .collect();
        loop {
            let before = known.len();
            for (total, parts) in &families {
                if parts.iter().all(|p| known.contains(p)) {
                    known.insert(total.clone());
                }
            }
            if known.len() == before {
                break;
            }
        }
        for (cell, (line, printed)) in &given {
            if *printed {
                continue;
            }
            let name = name_of(geo, cell);
            let why = if known.contains(cell) {
                "is the sum of figures given below it".to_string()
            } else if let Some((total, _)) = families
                .iter()
                .find(|(total, parts)| parts.contains(cell) && known.contains(total))
            {
                format!(
                    "sits below {}'s figure, which a reader knows",
                    name_of(geo, total)
                )
            } else {
                continue;
            };
            problems.push(Problem {
                line: *line,
                field: "value".into(),
                message: format!(
                    "{name}'s [c] for {measure} {why}, so it can be narrowed down; leave that total out or hide it too, or give fewer of the parts"
                ),
            });
        }
    }
    problems
}

/// A place as readers name it.
fn name_of(geo: &Geography, cell: &Cell) -> String {
    match cell.0 {
        Level::National => "England and Wales".to_string(),
        Level::Region => cell.1.clone(),
        Level::Pfa => geo.find(&cell.1).map_or(cell.1.clone(), |a| a.name.clone()),
    }
}

/// A figure's place: its level and area.
type Cell = (Level, String);

/// Each total and its parts: England and Wales and the regions, England and Wales and every
/// area, each region and its areas.
fn families(geo: &Geography) -> Vec<(Cell, Vec<Cell>)> {
    let national = (Level::National, String::new());
    let every_area = geo
        .areas()
        .iter()
        .map(|a| (Level::Pfa, a.code.to_string()))
        .collect();
    let mut out = vec![
        (
            national.clone(),
            REGIONS
                .iter()
                .map(|r| (Level::Region, r.to_string()))
                .collect(),
        ),
        (national, every_area),
    ];
    for region in REGIONS {
        let areas = geo
            .areas()
            .iter()
            .filter(|a| a.region == region)
            .map(|a| (Level::Pfa, a.code.to_string()))
            .collect();
        out.push(((Level::Region, region.to_string()), areas));
    }
    out
}

/// The area's key in the series: empty for England and Wales, a region's name, an area's code.
fn area(geo: &Geography, level: Level, given: &str) -> Result<String, String> {
    let given = given.trim();
    match level {
        Level::National if given.is_empty() || given.eq_ignore_ascii_case("England and Wales") => {
            Ok(String::new())
        }
        Level::National => Err(format!(
            "'{given}' is not England and Wales; leave the area blank for national figures"
        )),
        Level::Region => REGIONS
            .iter()
            .find(|r| r.eq_ignore_ascii_case(given))
            .map(|r| r.to_string())
            .ok_or_else(|| {
                format!(
                    "'{given}' is not one of the 10 regions ({})",
                    REGIONS.join(", ")
                )
            }),
        Level::Pfa => geo
            .resolve(given)
            .map(|a| a.code.to_string())
            .map_err(|e| e.to_string()),
    }
}

/// The largest figure any of these tables could hold.
const LARGEST: f64 = 1e9;

/// A figure as printed: a whole number or decimal of 0 or more (thousands separated by commas
/// in groups of three, or not at all), or [c]; kept in one plain form (`1,590.50` is `1590.5`).
fn value(given: &str) -> Result<String, String> {
    let given = given.trim();
    if given == SUPPRESSED {
        return Ok(given.to_string());
    }
    if given.is_empty() {
        return Err("is empty; give the figure as printed, or [c]".into());
    }
    let refuse = || {
        format!("'{given}' is not a figure of 0 or more such as 1,590 or 37.5 (or [c] for one suppressed)")
    };
    let (whole, fraction) = given.split_once('.').unwrap_or((given, ""));
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !grouped
        || whole.is_empty()
        || !groups.iter().all(|g| digits(g))
        || !digits(fraction)
        || (given.contains('.') && fraction.is_empty())
    {
        return Err(refuse());
    }
    let plain = format!(
        "{}{}{fraction}",
        groups.concat(),
        if fraction.is_empty() { "" } else { "." }
    );
    let x: f64 = plain.parse().map_err(|_| refuse())?;
    if x > LARGEST {
        return Err(format!(
            "'{given}' is larger than any figure these tables hold"
        ));
    }
    Ok(canonical(x, fraction.len()))
}

/// `x` with no leading zeros and no trailing decimal zeros.
fn canonical(x: f64, decimals: usize) -> String {
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Result<Vec<PublishedFigure>, Refused> {
        let rule = SuppressionRule::default();
        read(
            SeriesSpec::practitioner(),
            &Geography::reference(),
            &rule,
            text,
        )
    }

    #[test]
    fn national_regional_and_area_figures_read_by_name_or_code() {
        let rows = read_text(
            "level,area,measure,value\nnational,,fte_idvas,\"1,610\"\nregion,wales,fte_idvas,31\npfa,Kent,volunteers,[c]\n",
        )
        .expect("good file");
        assert_eq!(rows[0].value, "1610");
        assert_eq!(rows[1].area, "Wales");
        assert_eq!(
            (rows[2].area.as_str(), rows[2].value.as_str()),
            ("E23000032", "[c]")
        );
    }

    /// A file of England and Wales' volunteers and each region's, `hidden` ones as [c].
    fn regions(total: &str, each: &str, hidden: &[&str]) -> String {
        let mut text = format!("level,area,measure,value\nnational,,volunteers,{total}\n");
        for region in REGIONS {
            let value = if hidden.contains(&region) {
                "[c]"
            } else {
                each
            };
            text.push_str(&format!("region,{region},volunteers,{value}\n"));
        }
        text
    }

    #[test]
    fn a_hidden_region_below_a_printed_total_is_refused_and_without_it_read() {
        let e = read_text(&regions("900", "90", &["North East"])).expect_err("given away");
        assert!(
            e.to_string().contains(
                "line 6, value: North East's [c] for volunteers sits below England and Wales's figure"
            ),
            "{e}"
        );
        // Two hidden under a total whose remainder is tiny would be pinned down too.
        let pinned =
            read_text(&regions("802", "100", &["North East", "Wales"])).expect_err("pinned");
        assert!(
            pinned
                .to_string()
                .contains("Wales's [c] for volunteers sits below"),
            "{pinned}"
        );
        // Without England and Wales' figure nothing caps a hidden region.
        let without_total = regions("900", "90", &["North East", "Wales"])
            .replace("national,,volunteers,900\n", "");
        assert!(read_text(&without_total).is_ok());
    }

    #[test]
    fn a_total_worked_out_from_its_parts_counts_as_known() {
        // No national figure, but every region's: England and Wales is their sum, and a hidden
        // area sits below it.
        let mut text = regions("", "100", &[]).replace("national,,volunteers,\n", "");
        text.push_str("pfa,Kent,volunteers,[c]\n");
        let said = read_text(&text)
            .expect_err("below a known total")
            .to_string();
        assert!(
            said.contains("Kent's [c] for volunteers sits below"),
            "{said}"
        );
        // A hidden region whose areas are all given is their sum.
        let mut text =
            regions("", "100", &["North East", "Wales"]).replace("national,,volunteers,\n", "");
        for (area, n) in [("Northumbria", 40), ("Durham", 30), ("Cleveland", 25)] {
            text.push_str(&format!("pfa,{area},volunteers,{n}\n"));
        }
        let said = read_text(&text).expect_err("worked out").to_string();
        assert!(
            said.contains("North East's [c] for volunteers is the sum of figures given below it"),
            "{said}"
        );
    }

    #[test]
    fn a_hidden_area_below_england_and_wales_is_refused_though_no_region_is_given() {
        let geo = Geography::reference();
        let mut text = String::from("level,area,measure,value\nnational,,volunteers,843\n");
        for (i, a) in geo.areas().iter().enumerate() {
            let value = if i == 0 { "[c]" } else { "20" };
            text.push_str(&format!("pfa,{},volunteers,{value}\n", a.code));
        }
        let said = read_text(&text).expect_err("given away").to_string();
        assert!(
            said.contains("sits below England and Wales's figure"),
            "{said}"
        );
    }

    #[test]
    fn a_small_count_of_people_must_be_hidden_but_other_figures_need_not_be() {
        let e =
            read_text("level,area,measure,value\npfa,Surrey,volunteers,1\nnational,,fte_idvas,3\n")
                .expect_err("small count");
        let said = e.to_string();
        assert!(
            said.contains("line 2, value: 1 is a count of people under 5: give it as [c]"),
            "{said}"
        );
        assert!(
            !said.contains("line 3"),
            "FTE is no count of people: {said}"
        );
    }

    #[test]
    fn figures_are_read_in_one_plain_form_and_odd_ones_refused() {
        for (given, kept) in [
            ("1,590", "1590"),
            ("00046", "46"),
            ("37.50", "37.5"),
            ("1,234.5", "1234.5"),
        ] {
            assert_eq!(value(given).as_deref(), Ok(kept), "{given}");
        }
        for odd in [
            "1e3",
            "+5",
            "-0",
            ".5",
            "5.",
            "51,5",
            "1,5",
            "1,2345",
            "99999999999999999999999",
            "NaN",
            "inf",
            "=1+1",
        ] {
            assert!(value(odd).is_err(), "{odd} refused");
        }
    }

    #[test]
    fn every_problem_is_named_by_line_and_field_and_nothing_is_read() {
        let e = read_text(
            "level,area,measure,value\ncounty,,fte_idvas,1\nregion,Narnia,fte_idvas,2\nnational,,idva_count,3\nnational,,fte_idvas,-4\nnational,,fte_idvas,5\nnational,,fte_idvas,6\n",
        )
        .expect_err("bad file");
        let said = e.to_string();
        for expected in [
            "line 2, level: 'county' is not a level",
            "line 3, area: 'Narnia' is not one of the 10 regions",
            "line 4, measure: 'idva_count' is not a figure of the national series",
            "line 5, value: '-4' is not a figure of 0 or more",
            "line 7, measure: fte_idvas for this area is given more than once",
        ] {
            assert!(said.contains(expected), "{expected} in {said}");
        }
    }
}
