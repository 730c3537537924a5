//! The funding import: `service,funder_type,funder,kind,role,start,end,annual_amount,
//! core_costs_covered,ring_fenced`. Every row is read and checked before anything is returned;
//! each problem names its line and field. Matching `service` to the cycle's services is the
//! caller's.

use crate::error::ProvisionError;
use crate::stream::{Day, FundingStream};
use crate::vocabulary::{CoreCosts, FunderType, Kind, Role};

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
pub fn read(file: &str, text: &str) -> Result<Vec<FundingStream>, Vec<ProvisionError>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            return Err(vec![ProvisionError::BadFile {
                file: file.to_string(),
                problem: e.to_string(),
            }])
        }
    };
    if headers != COLUMNS {
        return Err(vec![ProvisionError::BadFile {
            file: file.to_string(),
            problem: format!("the header must be {}", COLUMNS.join(",")),
        }]);
    }
    let mut streams = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(ProvisionError::BadFile {
                    file: file.to_string(),
                    problem: format!("line {line}: {e}"),
                });
                continue;
            }
        };
        match read_row(&record) {
            Ok(stream) => streams.push(stream),
            Err((field, problem)) => problems.push(ProvisionError::BadField {
                file: file.to_string(),
                line,
                field: field.to_string(),
                problem,
            }),
        }
    }
    if problems.is_empty() {
        Ok(streams)
    } else {
        Err(problems)
    }
}

fn read_row(record: &csv::StringRecord) -> Result<FundingStream, (&'static str, String)> {
    let cell = |n: usize| record.get(n).unwrap_or("");
    let at = |field: &'static str| move |problem: String| (field, problem);
    let service = cell(0);
    if service.is_empty() {
        return Err(("service", "is empty".into()));
    }
    let start = Day::parse(cell(5)).map_err(at("start"))?;
    let end = Day::parse(cell(6)).map_err(at("end"))?;
    if end < start {
        return Err(("end", format!("{end} is before the start, {start}")));
    }
    let annual_pence = survey_engine::money::parse_pounds(cell(7)).ok_or_else(|| {
        (
            "annual_amount",
            format!(
                "'{}' is not an amount in pounds, like 45000 or 45000.50",
                cell(7)
            ),
        )
    })?;
    let ring_fenced = match cell(9).to_ascii_lowercase().as_str() {
        "yes" | "true" => true,
        "no" | "false" | "" => false,
        other => return Err(("ring_fenced", format!("'{other}' is not yes or no"))),
    };
    Ok(FundingStream {
        service: service.to_string(),
        funder_type: FunderType::parse(cell(1)).map_err(at("funder_type"))?,
        funder: cell(2).to_string(),
        kind: Kind::parse(cell(3)).map_err(at("kind"))?,
        role: Role::parse(cell(4)).map_err(at("role"))?,
        start,
        end,
        annual_pence,
        core_costs_covered: CoreCosts::parse(cell(8)).map_err(at("core_costs_covered"))?,
        ring_fenced,
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
        let problems: Vec<String> = read("f.csv", &text)
            .unwrap_err()
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            problems,
            vec![
                "f.csv line 3, start: 2022-02-30 is not a day of the calendar",
                "f.csv line 4, funder_type: 'council' is not one of pcc, local_authority, icb, nhs_england, moj, home_office, charitable_trust, own_fundraising, other",
                "f.csv line 5, end: 2021-03-31 is before the start, 2022-04-01",
            ]
        );
        let good = read(
            "f.csv",
            &text.lines().take(2).collect::<Vec<_>>().join("\n"),
        )
        .unwrap();
        assert_eq!(good[0].annual_pence, 4_500_000);
        assert!(good[0].ring_fenced);
        assert!(read("f.csv", "service,funder\n").unwrap_err()[0]
            .to_string()
            .contains("the header must be"));
    }
}
