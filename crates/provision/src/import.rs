//! The funding import: `service,funder_type,funder,kind,role,start,end,annual_amount,
//! core_costs_covered,ring_fenced`. Every row is read and checked before anything is returned;
//! each problem names its line and field. Matching `service` to the cycle's services is the
//! caller's.

use crate::stream::{Day, FundingStream};
use crate::vocabulary::{CoreCosts, FunderType, Kind, Role};
use frontline_csv_import::{Columns, Refused, Row};

pub const COLUMNS: [&str; 10] = [
    "service",
    "funder_type",
    "funder",
    "kind",
    "role",
    "start",
    "end",
    "annual_amount",
    "core_costs_covered",
    "ring_fenced",
];

/// The rows as streams, or every problem found (line and field each).
pub fn read(text: &str) -> Result<Vec<FundingStream>, Refused> {
    frontline_csv_import::read(text, Columns::required(&COLUMNS), read_row)
}

fn read_row(row: &mut Row<'_>) -> Option<FundingStream> {
    let service = row.required("service");
    let funder_type = row.check("funder_type", FunderType::parse);
    let kind = row.check("kind", Kind::parse);
    let role = row.check("role", Role::parse);
    let start = row.check("start", Day::parse);
    let end = row.check("end", Day::parse);
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            row.problem("end", format!("{end} is before the start, {start}"));
        }
    }
    let annual_pence = row.check("annual_amount", |given| {
        let pence = survey_engine::money::parse_pounds(given).ok_or_else(|| {
            format!("'{given}' is not an amount in pounds, like 45000 or 45000.50")
        })?;
        // No stream gives more than £1 billion a year: a larger amount is a typing error (and
        // would overflow the sums of money tables).
        if pence > 1_000_000_000 * 100 {
            return Err(format!(
                "'{given}' is more than £1 billion a year: check the amount"
            ));
        }
        Ok(pence)
    });
    let core_costs_covered = row.check("core_costs_covered", CoreCosts::parse);
    let ring_fenced = row.check("ring_fenced", |given| {
        match given.to_ascii_lowercase().as_str() {
            "yes" | "true" => Ok(true),
            "no" | "false" | "" => Ok(false),
            other => Err(format!("'{other}' is not yes or no")),
        }
    });
    Some(FundingStream {
        service: service?,
        funder_type: funder_type?,
        funder: row.text("funder").to_string(),
        kind: kind?,
        role: role?,
        start: start?,
        end: end?,
        annual_pence: annual_pence?,
        core_costs_covered: core_costs_covered?,
        ring_fenced: ring_fenced?,
        commissioning: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "service,funder_type,funder,kind,role,start,end,annual_amount,core_costs_covered,ring_fenced\n";

    #[test]
    fn every_bad_row_is_named_by_line_and_field_and_nothing_is_returned() {
        let text = format!(
            "{HEADER}Harbour Advocacy,pcc,Kent PCC,grant,sole,2022-04-01,2025-03-31,\"45,000\",partly,yes\n\
             Harbour Advocacy,pcc,Kent PCC,grant,sole,2022-02-30,2025-03-31,1000,no,no\n\
             Willow Refuge,council,Kent CC,contract,sole,2022-04-01,2023-03-31,1000,no,no\n\
             Willow Refuge,local_authority,Kent CC,contract,sole,2022-04-01,2021-03-31,1000,no,no\n"
        );
        let problems: Vec<String> = read(&text)
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            problems,
            vec![
                "line 3, start: 30 February 2022 is not a real date",
                "line 4, funder_type: 'council' is not one of pcc, local_authority, icb, nhs_england, moj, home_office, charitable_trust, own_fundraising, other",
                "line 5, end: 2021-03-31 is before the start, 2022-04-01",
            ]
        );
        let good = read(&text.lines().take(2).collect::<Vec<_>>().join("\n")).unwrap();
        assert_eq!(good[0].annual_pence, 4_500_000);
        assert!(good[0].ring_fenced);
        assert!(read("service,funder\n").unwrap_err().0[0]
            .to_string()
            .contains("the header has no 'funder_type' column"));
    }
}
