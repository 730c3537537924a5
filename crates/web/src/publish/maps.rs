//! The four published maps, each with the data table that stands beside it, and the coverage
//! GeoJSON, from a built publication.

use crate::publication::edition::Edition;
use frontline_disclosure::SUPPRESSED;
use frontline_geo::maps::classes::Classes;
use frontline_geo::maps::geojson_out::feature_collection;
use frontline_geo::maps::svg::{render, scale_description, Choropleth};
use frontline_geo::maps::MapShapes;
use frontline_geo::need::AreaNeedInput;
use frontline_geo::publication::Publication;
use frontline_geo::tables::{whole_number, Precision, Table};
use frontline_geo::Geography;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct RenderedMap {
    pub file: String,
    pub title: String,
    pub svg: String,
    /// The colour scale in words.
    pub scale: String,
    /// Column heading for the values.
    pub legend: String,
    /// (area, value as shown) for every area drawn, for the table beside the map.
    pub rows: Vec<(String, String)>,
}

/// What the maps are drawn from.
pub struct MapContext<'a> {
    pub publication: &'a Publication,
    pub shapes: &'a MapShapes,
    pub women: &'a BTreeMap<String, i64>,
    /// Only these areas carry values (a provisional view); none for all.
    pub areas: Option<&'a [String]>,
    pub credits: &'a [String],
    pub watermark: Option<&'a str>,
}

/// Adult females per area: the cycle's inputs, else the reference population.
pub fn women_by_area(geo: &Geography, inputs: &[AreaNeedInput]) -> BTreeMap<String, i64> {
    let mut women: BTreeMap<String, i64> = geo
        .areas()
        .iter()
        .map(|a| (a.code.to_string(), a.adult_females))
        .collect();
    for i in inputs {
        women.insert(i.pfa_code.to_string(), i.adult_females);
    }
    women
}

struct MapSpec<'a> {
    file: &'a str,
    /// Whether its values include imputed figures (each such area is said to).
    with_imputed: bool,
    title: &'a str,
    subtitle: String,
    legend: &'a str,
    unit: &'a str,
    /// As the table the figures come from publishes them.
    precision: Precision,
    classes: Option<Classes>,
    values: BTreeMap<String, Option<f64>>,
}

pub fn render_maps(ctx: &MapContext<'_>) -> Vec<RenderedMap> {
    let publication = ctx.publication;
    let year = publication.year;
    let per_100k = |roles: &[&str]| -> BTreeMap<String, Option<f64>> {
        publication
            .rollup
            .pfas
            .iter()
            .map(|(code, f)| {
                let fte: f64 = roles.iter().map(|r| f.role_fte(r)).sum();
                let w = ctx.women.get(code).copied().unwrap_or(0) as f64;
                (code.clone(), (w > 0.0).then(|| fte / w * 100_000.0))
            })
            .collect()
    };
    let coverage = publication
        .rollup
        .pfas
        .keys()
        .map(|code| (code.clone(), publication.pfa_coverage_pct(code)))
        .collect();
    let high_risk = publication
        .rollup
        .pfas
        .iter()
        .map(|(code, f)| (code.clone(), Some(f.idva_high_risk_fte)))
        .collect();
    let by_area = format!("By police force area, {year}");
    [
        MapSpec {
            file: "idva-coverage.svg",
            with_imputed: true,
            title: "Idva coverage of recommended provision",
            subtitle: format!("FTE Idvas for high-risk victims as % of recommended, {year}"),
            legend: "% of recommended",
            unit: "%",
            precision: Precision::Whole,
            classes: Some(Classes::fixed(&[50.0, 70.0, 90.0, 100.0], "%")),
            values: coverage,
        },
        MapSpec {
            file: "idva-fte-high-risk.svg",
            with_imputed: true,
            title: "FTE Idvas working with high-risk victims",
            subtitle: by_area.clone(),
            legend: "FTE",
            unit: " FTE",
            precision: Precision::Whole,
            classes: None,
            values: high_risk,
        },
        MapSpec {
            file: "outreach-per-100k-women.svg",
            with_imputed: false,
            title: "Outreach workers per 100,000 adult women",
            subtitle: by_area.clone(),
            legend: "FTE per 100,000",
            unit: " FTE per 100,000",
            precision: Precision::OneDecimal,
            classes: None,
            values: per_100k(&["outreach"]),
        },
        MapSpec {
            file: "cyp-workers-per-100k-women.svg",
            with_imputed: false,
            title: "Children and young people's workers per 100,000 adult women",
            subtitle: by_area,
            legend: "FTE per 100,000",
            unit: " FTE per 100,000",
            precision: Precision::OneDecimal,
            classes: None,
            values: per_100k(&["ypva", "children"]),
        },
    ]
    .into_iter()
    .map(|spec| draw(ctx, spec))
    .collect()
}

/// Areas whose high-risk Idva FTE includes imputed figures, each with the words said of it.
fn imputed_notes(ctx: &MapContext<'_>) -> BTreeMap<String, String> {
    ctx.publication
        .rollup
        .pfas
        .keys()
        .filter(|code| ctx.publication.imputed_high_risk_fte(code) > 0.0)
        .map(|code| (code.clone(), IMPUTED_NOTE.to_string()))
        .collect()
}

/// What a map says of an area whose figures include imputed ones.
pub const IMPUTED_NOTE: &str = "includes imputed figures";

/// The family places each area lacks against the Council of Europe minimum, from the
/// `refuge-spaces-by-pfa` table as published (blank where the area has no population).
pub fn refuge_shortfall_map(ctx: &MapContext<'_>, spaces: &Table) -> RenderedMap {
    let column = |name: &str| spaces.columns.iter().position(|c| c == name);
    let (Some(code), Some(shortfall)) = (column("pfa_code"), column("shortfall")) else {
        return draw(ctx, refuge_spec(ctx, BTreeMap::new()));
    };
    let values = spaces
        .rows
        .iter()
        .filter(|r| r.get(code).is_some_and(|c| !c.is_empty()))
        .map(|r| {
            let value = r.get(shortfall).and_then(|v| v.parse::<f64>().ok());
            (r[code].clone(), value)
        })
        .collect();
    draw(ctx, refuge_spec(ctx, values))
}

fn refuge_spec<'a>(ctx: &MapContext<'_>, values: BTreeMap<String, Option<f64>>) -> MapSpec<'a> {
    MapSpec {
        file: "refuge-shortfall.svg",
        with_imputed: false,
        title: "Refuge family places short of the Council of Europe minimum",
        subtitle: format!(
            "Places short of one per 10,000 residents, by police force area, {}",
            ctx.publication.year
        ),
        legend: "Places short",
        unit: " places",
        precision: Precision::Whole,
        classes: Some(Classes::fixed(&[1.0, 25.0, 50.0, 100.0], "")),
        values,
    }
}

fn draw(ctx: &MapContext<'_>, spec: MapSpec<'_>) -> RenderedMap {
    let mut values = spec.values;
    if let Some(areas) = ctx.areas {
        values.retain(|code, _| areas.contains(code));
    }
    let classes = spec.classes.unwrap_or_else(|| {
        let present: Vec<f64> = values.values().flatten().copied().collect();
        Classes::quantiles(&present, "")
    });
    let mut notes = if spec.with_imputed {
        imputed_notes(ctx)
    } else {
        BTreeMap::new()
    };
    notes.retain(|code, _| values.contains_key(code));
    let rows = ctx
        .shapes
        .areas
        .iter()
        .filter(|a| values.contains_key(a.code.as_str()))
        .map(|a| {
            let shown = values
                .get(a.code.as_str())
                .copied()
                .flatten()
                .map_or("no data".to_string(), |v| spec.precision.format(v));
            (a.name.clone(), shown)
        })
        .collect();
    let subtitle = if notes.is_empty() {
        spec.subtitle
    } else {
        format!(
            "{}; {} areas' figures include imputed ones",
            spec.subtitle,
            notes.len()
        )
    };
    let map = Choropleth {
        title: spec.title.to_string(),
        subtitle,
        legend_title: spec.legend.to_string(),
        values,
        classes,
        unit: spec.unit.to_string(),
        precision: spec.precision,
        credits: ctx.credits.to_vec(),
        watermark: ctx.watermark.map(str::to_string),
        highlight: None,
        notes,
    };
    RenderedMap {
        file: format!("maps/{}", spec.file),
        title: spec.title.to_string(),
        svg: render(ctx.shapes, &map),
        scale: scale_description(&map.classes),
        legend: spec.legend.to_string(),
        rows,
    }
}

/// `coverage.geojson`: one feature per area with every figure as the tables publish it (FTE and
/// percentages whole, rounded by the tables' one function), so a property reads the same as
/// its CSV cell. Counts of people come from the disclosure-controlled table, so a hidden count
/// is `[c]` here too.
pub fn coverage_geojson(
    publication: &Publication,
    geo: &Geography,
    shapes: &MapShapes,
    women: &BTreeMap<String, i64>,
    marac: &BTreeMap<String, i32>,
    edition: &Edition,
    credits: &[String],
) -> String {
    let volunteers = publication.table("volunteers-by-pfa");
    let properties = publication
        .rollup
        .pfas
        .iter()
        .filter(|(code, _)| edition.areas().is_none_or(|a| a.contains(code)))
        .map(|(code, f)| {
            let need = publication.needs.get(code.as_str());
            let mut props = serde_json::Map::new();
            props.insert("region".into(), json!(geo.region_of(code)));
            props.insert("idva_services".into(), json!(f.idva_services()));
            props.insert(
                "services_with_practitioners".into(),
                json!(f.services.len()),
            );
            props.insert("fte_idvas".into(), json!(whole_number(f.role_fte("idva"))));
            props.insert(
                "fte_idvas_high_risk".into(),
                json!(whole_number(f.idva_high_risk_fte)),
            );
            props.insert(
                "recommended_fte".into(),
                json!(need.map(|n| whole_number(n.required_fte))),
            );
            props.insert(
                "coverage_pct".into(),
                json!(publication.pfa_coverage_pct(code).map(whole_number)),
            );
            props.insert(
                "imputed_fte_idvas_high_risk".into(),
                json!(whole_number(publication.imputed_high_risk_fte(code))),
            );
            props.insert(
                "coverage_pct_without_imputed".into(),
                json!(publication
                    .pfa_coverage_pct_without_imputed(code)
                    .map(whole_number)),
            );
            props.insert("adult_females".into(), json!(women.get(code)));
            props.insert(
                "marac_cases".into(),
                json!(marac.get(code).copied().unwrap_or(0)),
            );
            // Every role in every area (0 where none), Idvas once, as fte_idvas.
            for role in survey_engine::figures::ROLES
                .iter()
                .filter(|r| **r != "idva")
            {
                props.insert(format!("fte_{role}"), json!(whole_number(f.role_fte(role))));
            }
            props.insert("fte_all".into(), json!(whole_number(f.total_fte())));
            let shown = volunteers
                .and_then(|t| t.cell(code, "volunteers"))
                .unwrap_or(SUPPRESSED);
            // A number, or null with the reason beside it: a numeric property stays numeric.
            match shown.parse::<i64>() {
                Ok(n) => {
                    props.insert("volunteers".into(), json!(n));
                }
                Err(_) => {
                    props.insert("volunteers".into(), serde_json::Value::Null);
                    props.insert("volunteers_status".into(), json!(shown));
                }
            }
            (code.clone(), props)
        })
        .collect::<BTreeMap<_, _>>();
    let mut collection = feature_collection(shapes, &properties);
    let mut about = serde_json::Map::new();
    about.insert("name".into(), json!("Idva coverage by police force area"));
    about.insert("year".into(), json!(publication.year));
    about.insert("attribution".into(), json!(credits.join(" ")));
    if let Some(mark) = edition.watermark() {
        about.insert("status".into(), json!(mark));
    }
    collection.foreign_members = Some(about);
    serde_json::to_string(&collection).unwrap_or_else(|_| "{}".into())
}
