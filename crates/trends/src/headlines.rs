//! Change since the previous cycle: `tables/headlines.csv`, one row per national figure, and
//! the sentences the publication leads with, both from the national series.

use crate::series::Series;
use crate::spec::SeriesSpec;
use frontline_geo::areas::REGIONS;
use frontline_geo::tables::{one_decimal, readable, share_pct, whole, Table};

pub const COLUMNS: [&str; 7] = [
    "measure",
    "cycle",
    "value",
    "previous_cycle",
    "previous_value",
    "change",
    "change_pct",
];

/// One measure this cycle beside the previous one.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub measure: String,
    pub label: String,
    pub cycle: i32,
    pub value: String,
    pub previous: Option<(i32, String)>,
    /// This cycle less the previous one; none where either is not a figure (suppressed, not
    /// published) or a series break lies between them.
    pub change: Option<f64>,
    /// Whether a series break lies between the two cycles.
    pub broken: bool,
}

impl Headline {
    /// The change as a percentage of the previous value, from the two figures.
    pub fn change_pct(&self) -> Option<f64> {
        let previous = figure(&self.previous.as_ref()?.1)?;
        share_pct(self.change?, previous)
    }

    /// The headline as a sentence: "Idvas (FTE): 673 in 2017, up 7% from 630 in 2016."
    pub fn sentence(&self) -> String {
        if self.value.trim().is_empty() {
            return match &self.previous {
                Some((year, before)) if !before.is_empty() => format!(
                    "{}: not published for {}; {year}: {}.",
                    self.label,
                    self.cycle,
                    readable(before)
                ),
                _ => format!("{}: not published for {}.", self.label, self.cycle),
            };
        }
        let now = format!(
            "{}: {} in {}",
            self.label,
            readable(&self.value),
            self.cycle
        );
        let Some((year, before)) = &self.previous else {
            return format!("{now}.");
        };
        if before.is_empty() {
            return format!("{now}; not published for {year}.");
        }
        let before = readable(before);
        if self.broken {
            return format!("{now}; not comparable with {year} (the question changed).");
        }
        let Some(change) = self.change else {
            return format!("{now}; {year}: {before}.");
        };
        if change == 0.0 {
            return format!("{now}, unchanged from {year}.");
        }
        let direction = if change > 0.0 { "up" } else { "down" };
        match self.change_pct().map(|p| whole(p.abs())) {
            Some(pct) if pct != "0" => {
                format!("{now}, {direction} {pct}% from {before} in {year}.")
            }
            Some(_) => format!(
                "{now}, {direction} {} from {before} in {year} (less than 1%).",
                readable(&number(change.abs()))
            ),
            None => format!(
                "{now}, {direction} {} from {before} in {year}.",
                readable(&number(change.abs()))
            ),
        }
    }
}

/// A published cell as a number; none for "[c]", blanks and anything else.
fn figure(cell: &str) -> Option<f64> {
    cell.replace(',', "")
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
}

/// A change written as its figures are: whole where whole, else to one decimal.
fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        whole(x)
    } else {
        one_decimal(x)
    }
}

/// Every national figure of the series' last cycle beside the cycle before it (percentages are
/// left out: their change is read from the counts they come from).
pub fn headlines(spec: &SeriesSpec, series: &Series) -> Vec<Headline> {
    headlines_in(spec, series, &series.national, None)
}

/// Each region's figures of the last cycle beside the cycle before it, region by region.
pub fn by_region(spec: &SeriesSpec, series: &Series) -> Vec<(String, Vec<Headline>)> {
    REGIONS
        .iter()
        .map(|r| {
            let h = headlines_in(spec, series, &series.by_region, Some(r));
            (r.to_string(), h)
        })
        .filter(|(_, h)| !h.is_empty())
        .collect()
}

/// The headlines of one series table; of one region's rows when `region` is given (a table
/// whose second column is the region).
fn headlines_in(
    spec: &SeriesSpec,
    series: &Series,
    table: &Table,
    region: Option<&str>,
) -> Vec<Headline> {
    let Some(&year) = series.years.last() else {
        return Vec::new();
    };
    let row_of = |y: i32| {
        table
            .rows
            .iter()
            .find(|r| r[0] == y.to_string() && region.is_none_or(|reg| r[1] == reg))
    };
    let Some(row) = row_of(year) else {
        return Vec::new();
    };
    let previous_year = series.years.iter().rev().nth(1).copied();
    let previous_row = previous_year.and_then(row_of);
    table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| spec.columns.contains_key(*c) && !c.ends_with("_pct"))
        .map(|(i, measure)| {
            let value = row[i].clone();
            let previous =
                previous_year.map(|y| (y, previous_row.map(|r| r[i].clone()).unwrap_or_default()));
            let broken = series.breaks_at(year, measure);
            let change = match (&previous, broken) {
                (Some((_, before)), false) => figure(&value)
                    .zip(figure(before))
                    .map(|(now, before)| now - before),
                _ => None,
            };
            Headline {
                measure: measure.clone(),
                label: spec.label(measure).to_string(),
                cycle: year,
                value,
                previous,
                change,
                broken,
            }
        })
        .collect()
}

/// `tables/headlines-by-region.csv`: each region this cycle beside the previous one.
pub fn region_table(by_region: &[(String, Vec<Headline>)]) -> Table {
    let mut columns = vec!["region"];
    columns.extend(COLUMNS);
    let mut t = Table::new(
        "headlines-by-region",
        "Regions this cycle beside the previous cycle",
        &columns,
    )
    .keyed_by(3)
    .with_note(NOTE);
    for (region, headlines) in by_region {
        for h in headlines {
            let mut row = vec![region.clone()];
            row.extend(cells(h));
            t.push(row);
        }
    }
    t
}

const NOTE: &str = "This cycle beside the previous cycle in the series, as each published them. The change is this cycle less the previous one and its percentage is of the previous figure, both from the figures shown; they are blank where either figure is suppressed or not published, or where the question behind the figure changed between the cycles (a series break).";

/// A headline's cells, in [`COLUMNS`] order.
fn cells(h: &Headline) -> Vec<String> {
    let (previous_cycle, previous_value) = h
        .previous
        .clone()
        .map_or((String::new(), String::new()), |(y, v)| (y.to_string(), v));
    vec![
        h.measure.clone(),
        h.cycle.to_string(),
        h.value.clone(),
        previous_cycle,
        previous_value,
        h.change.map(number).unwrap_or_default(),
        h.change_pct().map(whole).unwrap_or_default(),
    ]
}

/// The name of the national headlines table (`tables/headlines.csv`).
pub const TABLE: &str = "headlines";
/// Its title.
pub const TITLE: &str = "Headline figures and change since the previous cycle";

/// `tables/headlines.csv`: England and Wales this cycle beside the previous one.
pub fn table(headlines: &[Headline]) -> Table {
    let mut t = Table::new(TABLE, TITLE, &COLUMNS)
        .keyed_by(2)
        .with_note(NOTE);
    for h in headlines {
        t.push(cells(h));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{CycleFigures, PublishedFigure};
    use crate::spec::Level;
    use frontline_geo::Geography;
    use proptest::prelude::*;

    fn year(y: i32, figures: &[(&str, &str)]) -> CycleFigures {
        let figures: Vec<PublishedFigure> = figures
            .iter()
            .map(|(m, v)| PublishedFigure {
                level: Level::National,
                area: String::new(),
                measure: m.to_string(),
                value: v.to_string(),
            })
            .collect();
        CycleFigures::from_published(y, "report", &figures)
    }

    fn series(cycles: &[CycleFigures]) -> Series {
        crate::series::build(SeriesSpec::practitioner(), &Geography::reference(), cycles)
            .expect("series")
    }

    #[test]
    fn a_small_change_is_said_in_figures_not_as_none_per_cent() {
        let s = series(&[
            year(2016, &[("recommended_fte", "1194")]),
            year(2017, &[("recommended_fte", "1190")]),
        ]);
        let h = headlines(SeriesSpec::practitioner(), &s);
        let need = h
            .iter()
            .find(|h| h.measure == "recommended_fte")
            .expect("need");
        assert_eq!(
            need.sentence(),
            "Recommended Idva FTE: 1,190 in 2017, down 4 from 1,194 in 2016 (less than 1%)."
        );
    }

    #[test]
    fn a_figure_not_published_this_cycle_says_so_and_has_no_change() {
        let s = series(&[
            year(2016, &[("marac_cases", "88172"), ("fte_idvas", "630")]),
            year(2017, &[("marac_cases", ""), ("fte_idvas", "673")]),
        ]);
        let h = headlines(SeriesSpec::practitioner(), &s);
        let marac = h
            .iter()
            .find(|h| h.measure == "marac_cases")
            .expect("marac");
        assert_eq!(marac.change, None);
        assert_eq!(
            marac.sentence(),
            "Marac cases: not published for 2017; 2016: 88,172."
        );
    }

    #[test]
    fn change_is_this_cycle_less_the_last_and_its_percentage_of_the_last() {
        let s = series(&[
            year(2016, &[("fte_idvas", "630"), ("volunteers", "[c]")]),
            year(2017, &[("fte_idvas", "673"), ("volunteers", "120")]),
        ]);
        let h = headlines(SeriesSpec::practitioner(), &s);
        let fte = h.iter().find(|h| h.measure == "fte_idvas").expect("fte");
        assert_eq!(fte.change, Some(43.0));
        assert_eq!(fte.change_pct().map(whole).as_deref(), Some("7"));
        assert_eq!(
            fte.sentence(),
            "Idvas (FTE): 673 in 2017, up 7% from 630 in 2016."
        );
        assert_eq!(readable("1190"), "1,190");
        assert_eq!(readable("-1234567"), "-1,234,567");
        assert_eq!(readable("[c]"), "[c]");
        let volunteers = h
            .iter()
            .find(|h| h.measure == "volunteers")
            .expect("volunteers");
        assert_eq!(volunteers.change, None, "a suppressed figure has no change");
        assert!(h.iter().all(|h| !h.measure.ends_with("_pct")));
        let t = table(&h);
        assert_eq!(t.columns, COLUMNS);
        let row = t.rows.iter().find(|r| r[0] == "fte_idvas").expect("row");
        assert_eq!(row[1..], ["2017", "673", "2016", "630", "43", "7"]);
    }

    #[test]
    fn each_region_is_set_beside_its_own_previous_figures() {
        let figure = |level, area: &str, measure: &str, value: &str| PublishedFigure {
            level,
            area: area.into(),
            measure: measure.into(),
            value: value.into(),
        };
        let s = series(&[
            CycleFigures::from_published(
                2016,
                "report",
                &[figure(Level::Region, "Wales", "fte_idvas", "30")],
            ),
            CycleFigures::from_published(
                2017,
                "report",
                &[
                    figure(Level::Region, "Wales", "fte_idvas", "33"),
                    figure(Level::Region, "London", "fte_idvas", "50"),
                ],
            ),
        ]);
        let regions = by_region(SeriesSpec::practitioner(), &s);
        let t = region_table(&regions);
        let row = |region: &str| {
            t.rows
                .iter()
                .find(|r| r[0] == region && r[1] == "fte_idvas")
                .cloned()
                .expect("row")
        };
        assert_eq!(row("Wales")[2..], ["2017", "33", "2016", "30", "3", "10"]);
        assert_eq!(row("London")[2..], ["2017", "50", "2016", "", "", ""]);
        let london = &regions
            .iter()
            .find(|(r, _)| r == "London")
            .expect("London")
            .1;
        let fte = london
            .iter()
            .find(|h| h.measure == "fte_idvas")
            .expect("fte");
        assert_eq!(
            fte.sentence(),
            "Idvas (FTE): 50 in 2017; not published for 2016."
        );
    }

    proptest! {
        #[test]
        fn headline_changes_add_up(before in 0u32..100_000, after in 0u32..100_000) {
            let s = series(&[
                year(2016, &[("fte_idvas", &before.to_string())]),
                year(2017, &[("fte_idvas", &after.to_string())]),
            ]);
            let t = table(&headlines(SeriesSpec::practitioner(), &s));
            let row = t.rows.iter().find(|r| r[0] == "fte_idvas").expect("row");
            let (value, previous, change): (i64, i64, i64) = (
                row[2].parse().expect("value"),
                row[4].parse().expect("previous"),
                row[5].parse().expect("change"),
            );
            prop_assert_eq!(previous + change, value);
            if before > 0 {
                let pct: f64 = row[6].parse().expect("pct");
                let exact = 100.0 * f64::from(after) - 100.0 * f64::from(before);
                prop_assert!((pct - exact / f64::from(before)).abs() <= 0.5 + 1e-9);
            } else {
                prop_assert_eq!(row[6].as_str(), "");
            }
        }
    }
}
