//! The grants import: `service,grant_ref,start,end,annual_amount,kpi_metric,kpi_rule,kpi_target`
//! (and optionally `notice_months`), one row per KPI. A grant's rows must agree on its service,
//! dates, amount and notice; every row is checked before anything is returned and each problem
//! names its line and field. Which services a name may mean is the caller's.

use crate::error::GrantsError;
use crate::grant::{GrantTerms, DEFAULT_NOTICE_MONTHS};
use crate::kpi::{check_target, Kpi, KpiMetric, KpiRule};
use frontline_csv_import::{Columns, Row};
use frontline_provision::Day;
use std::collections::BTreeMap;

pub const COLUMNS: [&str; 8] = [
    "service",
    "grant_ref",
    "start",
    "end",
    "annual_amount",
    "kpi_metric",
    "kpi_rule",
    "kpi_target",
];

pub const OPTIONAL: [&str; 2] = ["notice_months", "commissioner_area"];

/// No grant gives more than £100 million a year: a larger amount is a typing error.
pub const MOST_ANNUAL_PENCE: i64 = 100_000_000 * 100;

/// The terms a row gives its grant, which every row of the grant must repeat.
#[derive(Debug, Clone, PartialEq)]
struct Head {
    service: i32,
    start: Day,
    end: Day,
    annual_pence: i64,
    notice_months: u32,
    /// The police force area whose commissioner holds the grant, as given (code or name).
    commissioner_area: Option<String>,
}

/// Reads the file into grants, in the order their references first appear. `service` finds the
/// service a cell names (its id, or `Organisation – Service`), or says why it cannot.
pub fn read(
    text: &str,
    service: &dyn Fn(&str) -> Result<i32, String>,
) -> Result<Vec<GrantTerms>, GrantsError> {
    Ok(read_held(text, service)?
        .into_iter()
        .map(|(terms, _)| terms)
        .collect())
}

/// [`read`], with the police force area each grant's `commissioner_area` names, as given (none
/// when the column is absent or blank): whose grant it is, for the caller to check.
pub fn read_held(
    text: &str,
    service: &dyn Fn(&str) -> Result<i32, String>,
) -> Result<Vec<(GrantTerms, Option<String>)>, GrantsError> {
    let mut first_line: BTreeMap<String, (u64, Head)> = BTreeMap::new();
    let rows = frontline_csv_import::read(
        text,
        Columns::required(&COLUMNS).with_optional(&OPTIONAL),
        |row| {
            let reference = row.check("grant_ref", grant_ref);
            let head = read_head(row, service);
            let kpi = read_kpi(row);
            let (reference, head, kpi) = (reference?, head?, kpi?);
            agrees_with_first(row, &mut first_line, &reference, &head);
            Some((row.line(), reference, head, kpi))
        },
    )?;
    let mut grants: Vec<GrantTerms> = Vec::new();
    let mut areas: Vec<Option<String>> = Vec::new();
    let mut problems = Vec::new();
    for (line, reference, head, kpi) in rows {
        let at = match grants.iter().position(|g| g.grant_ref == reference) {
            Some(i) => i,
            None => {
                grants.push(GrantTerms {
                    service_id: head.service,
                    grant_ref: reference.clone(),
                    start: head.start,
                    end: head.end,
                    annual_pence: head.annual_pence,
                    notice_months: head.notice_months,
                    kpis: Vec::new(),
                });
                areas.push(head.commissioner_area.clone());
                grants.len() - 1
            }
        };
        let Some(kpi) = kpi else { continue };
        if grants[at].kpis.iter().any(|k| k.metric == kpi.metric) {
            problems.push(frontline_csv_import::Problem {
                line,
                field: "kpi_metric".into(),
                message: format!("{} is given twice for grant {reference}", kpi.metric),
            });
        }
        grants[at].kpis.push(kpi);
    }
    if !problems.is_empty() {
        return Err(frontline_csv_import::Refused(problems).into());
    }
    Ok(grants.into_iter().zip(areas).collect())
}

/// A grant's reference: letters, digits and `-_.`, at most 40 characters (it names a page).
fn grant_ref(given: &str) -> Result<String, String> {
    let given = given.trim();
    if given.is_empty() {
        return Err("is empty; give the grant's reference, e.g. KPCC-2025-03".into());
    }
    if given.chars().count() > 40
        || !given.chars().any(|c| c.is_ascii_alphanumeric())
        || !given
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        return Err(format!(
            "'{given}' is not a grant reference (letters, digits and - _ . only, at most 40)"
        ));
    }
    Ok(given.to_string())
}

fn read_head(row: &mut Row<'_>, service: &dyn Fn(&str) -> Result<i32, String>) -> Option<Head> {
    let found = row.check("service", |given| {
        if given.trim().is_empty() {
            return Err("is empty; give the service's id or its name".into());
        }
        service(given.trim())
    });
    let start = row.check("start", Day::parse);
    let end = row.check("end", Day::parse);
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            row.problem("end", format!("{end} is before the start, {start}"));
        }
    }
    let annual_pence = row.check("annual_amount", |given| {
        let pence = survey_engine::money::parse_pounds(given)
            .filter(|p| *p > 0)
            .ok_or_else(|| {
                format!("'{given}' is not an amount in pounds above 0, like 45000 or 45000.50")
            })?;
        if pence > MOST_ANNUAL_PENCE {
            return Err(format!(
                "'{given}' is more than £100 million a year: check the amount"
            ));
        }
        Ok(pence)
    });
    let notice_months = row.check("notice_months", |given| match given.trim() {
        "" => Ok(DEFAULT_NOTICE_MONTHS),
        text => text
            .parse::<u32>()
            .ok()
            .filter(|m| *m <= 24)
            .ok_or_else(|| format!("'{text}' is not a notice period in whole months, 0 to 24")),
    });
    let commissioner_area =
        Some(row.text("commissioner_area").trim().to_string()).filter(|a| !a.is_empty());
    if row.has_problems() {
        return None;
    }
    Some(Head {
        commissioner_area,
        service: found?,
        start: start?,
        end: end?,
        annual_pence: annual_pence?,
        notice_months: notice_months?,
    })
}

/// The row's KPI: none when all three KPI cells are blank (a grant without one), else all three.
fn read_kpi(row: &mut Row<'_>) -> Option<Option<Kpi>> {
    let cells = ["kpi_metric", "kpi_rule", "kpi_target"].map(|c| row.text(c).trim().to_string());
    if cells.iter().all(String::is_empty) {
        return Some(None);
    }
    let metric = row.check("kpi_metric", KpiMetric::parse);
    let rule = row.check("kpi_rule", KpiRule::parse);
    let target = row.check("kpi_target", |given| {
        let target = given
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("'{given}' is not a number"))?;
        if let Some(m) = &metric {
            check_target(m, target)?;
        }
        Ok(target)
    });
    Some(Some(Kpi {
        metric: metric?,
        rule: rule?,
        target: target?,
    }))
}

/// A later row of a grant must give the same service, dates, amount and notice as its first.
fn agrees_with_first(
    row: &mut Row<'_>,
    first: &mut BTreeMap<String, (u64, Head)>,
    reference: &str,
    head: &Head,
) {
    if let Some(other) = first
        .keys()
        .find(|k| k.as_str() != reference && k.eq_ignore_ascii_case(reference))
    {
        row.problem(
            "grant_ref",
            format!(
                "{reference} differs only in case from {other}, given above: use one reference"
            ),
        );
        return;
    }
    let Some((line, earlier)) = first.get(reference) else {
        first.insert(reference.to_string(), (row.line(), head.clone()));
        return;
    };
    let differs = [
        ("service", earlier.service != head.service),
        ("start", earlier.start != head.start),
        ("end", earlier.end != head.end),
        ("annual_amount", earlier.annual_pence != head.annual_pence),
        ("notice_months", earlier.notice_months != head.notice_months),
        (
            "commissioner_area",
            earlier.commissioner_area != head.commissioner_area,
        ),
    ];
    let line = *line;
    for (column, _) in differs.iter().filter(|(_, d)| *d) {
        row.problem(
            column,
            format!("differs from line {line}, which gives grant {reference} first: a grant's rows must agree"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn services(given: &str) -> Result<i32, String> {
        match given {
            "1" | "Harbour – Outreach" => Ok(1),
            "2" => Ok(2),
            other => Err(format!("'{other}' is not a service of the programme")),
        }
    }

    const HEADER: &str =
        "service,grant_ref,start,end,annual_amount,kpi_metric,kpi_rule,kpi_target\n";

    #[test]
    fn one_row_per_kpi_makes_one_grant() {
        let text = format!(
            "{HEADER}Harbour – Outreach,KPCC-1,2025-04-01,2027-03-31,\"120,000\",engaged_new,at_least,40\n\
             1,KPCC-1,2025-04-01,2027-03-31,120000,waiting_weeks_median,at_most,6\n\
             2,KPCC-2,2025-04-01,2026-03-31,30000.50,,,\n"
        );
        let grants = read(&text, &services).expect("read");
        assert_eq!(grants.len(), 2);
        assert_eq!(grants[0].annual_pence, 12_000_000);
        assert_eq!(grants[0].kpis.len(), 2);
        assert_eq!(grants[0].notice_months, DEFAULT_NOTICE_MONTHS);
        assert_eq!(grants[1].kpis.len(), 0);
        assert_eq!(grants[1].annual_pence, 3_000_050);
    }

    #[test]
    fn every_problem_is_named_by_line_and_field() {
        let bad = |body: &str| {
            read(&format!("{HEADER}{body}"), &services)
                .expect_err("refused")
                .to_string()
        };
        let err = bad("9,KPCC-1,2025-04-01,2027-03-31,120000,victims_helped,at_least,40\n");
        assert!(
            err.contains("line 2, service: '9' is not a service of the programme"),
            "{err}"
        );
        assert!(
            err.contains("line 2, kpi_metric: 'victims_helped' is not a VFS core metric"),
            "{err}"
        );
        let err = bad("1,KPCC-1,2025-04-01,2024-03-31,0,engaged_new,above,4.5\n");
        assert!(
            err.contains("line 2, end: 2024-03-31 is before the start, 2025-04-01"),
            "{err}"
        );
        assert!(
            err.contains("line 2, annual_amount: '0' is not an amount"),
            "{err}"
        );
        assert!(
            err.contains("line 2, kpi_rule: 'above' is not at_least or at_most"),
            "{err}"
        );
        assert!(
            err.contains("line 2, kpi_target: 4.5 is not a whole number of people"),
            "{err}"
        );
        let err = bad(
            "1,KPCC-1,2025-04-01,2027-03-31,120000,engaged_new,at_least,40\n\
             2,KPCC-1,2025-04-01,2027-03-31,120000,engaged_new,at_least,40\n",
        );
        assert!(
            err.contains("line 3, service: differs from line 2"),
            "{err}"
        );
        let err = bad(
            "1,KPCC-1,2025-04-01,2027-03-31,120000,engaged_new,at_least,40\n\
             1,KPCC-1,2025-04-01,2027-03-31,120000,engaged_new,at_most,50\n",
        );
        assert!(
            err.contains("line 3, kpi_metric: engaged_new is given twice for grant KPCC-1"),
            "{err}"
        );
        assert!(bad("1,..,2025-04-01,2027-03-31,120000,,,\n")
            .contains("line 2, grant_ref: '..' is not a grant reference"));
        let err = bad("1,KPCC 1!,2025-04-01,2027-03-31,120000,coped_rate,at_least,140\n");
        assert!(
            err.contains("line 2, grant_ref: 'KPCC 1!' is not a grant reference"),
            "{err}"
        );
        assert!(
            err.contains("line 2, kpi_target: 140 is more than 100%"),
            "{err}"
        );
    }
}
