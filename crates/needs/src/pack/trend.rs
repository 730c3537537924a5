//! The pack's trend: the area, its region and England and Wales in every cycle of the series
//! since the first, each as its cycle published it (the publication's `trends-*` tables).

use super::{Inputs, Question, Section};
use frontline_geo::tables::Table;

/// The section's table name.
pub const NAME: &str = "trend";
/// The `level` of the area's own rows (the others are `region` and `national`): what an office
/// may see of a cycle not yet released.
pub const AREA: &str = "area";
/// The series columns the pack follows, named as the publication's tables name them.
const FOLLOWED: [&str; 5] = [
    "fte_idvas_high_risk",
    "recommended_fte",
    "coverage_pct",
    "family_places",
    "shortfall",
];

/// The trend section, when the publication has a series.
pub fn section(inputs: &Inputs, code: &str) -> Option<Section> {
    let series = |name: &str| inputs.trends.iter().find(|t| t.name == name);
    let national = series("trends-national")?;
    let by_region = series("trends-by-region")?;
    let by_pfa = series("trends-by-pfa")?;
    let area = inputs.geo.find(code)?;
    let mut columns = vec!["cycle", "level", "area"];
    columns.extend(FOLLOWED);
    let mut t = Table::new(
        NAME,
        "Idva provision and refuge places since the first cycle",
        &columns,
    )
    .keyed_by(3);
    let years: Vec<&str> = national.rows.iter().map(|r| r[0].as_str()).collect();
    for year in years {
        let levels: [Level<'_>; 3] = [
            (
                AREA,
                by_pfa,
                Some(("pfa_code", area.code.as_str())),
                area.name.as_str(),
            ),
            (
                "region",
                by_region,
                Some(("region", area.region.as_str())),
                area.region.as_str(),
            ),
            ("national", national, None, "England and Wales"),
        ];
        for (level, table, key, name) in levels {
            if let Some(cells) = cells_of(table, year, key) {
                let mut row = vec![year.to_string(), level.to_string(), name.to_string()];
                row.extend(cells);
                t.push(row);
            }
        }
    }
    Some(Section {
        question: Question::UnmetNeeds,
        table: t,
        notes: vec![
            "Each cycle as it published it: an earlier cycle from its latest release, years before Frontline from what was printed then; a blank was not published that year. The publication's series tables give every figure and its notes.".into(),
        ],
    })
}

/// A level's word, its series table, the column and value naming the area's row in it (none
/// for the nation's only row), and the area's name in the pack.
type Level<'a> = (&'a str, &'a Table, Option<(&'a str, &'a str)>, &'a str);

/// The followed cells of `year`'s row for the area `key` names (or the only row of the year).
fn cells_of(table: &Table, year: &str, key: Option<(&str, &str)>) -> Option<Vec<String>> {
    let at = |column: &str| table.columns.iter().position(|c| c == column);
    let row = table.rows.iter().find(|r| {
        r[0] == year && key.is_none_or(|(column, value)| at(column).is_some_and(|i| r[i] == value))
    })?;
    Some(
        FOLLOWED
            .iter()
            .map(|c| at(c).map(|i| row[i].clone()).unwrap_or_default())
            .collect(),
    )
}
