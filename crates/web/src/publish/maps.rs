//! The four published maps and the coverage GeoJSON, from a built publication.

use frontline_geo::maps::classes::Classes;
use frontline_geo::maps::geojson_out::feature_collection;
use frontline_geo::maps::svg::{render, Choropleth};
use frontline_geo::maps::MapShapes;
use frontline_geo::need::AreaNeedInput;
use frontline_geo::publication::Publication;
use frontline_geo::Geography;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct RenderedMap {
    pub file: String,
    pub title: String,
    pub svg: String,
}

/// Adult females per area: the cycle's inputs, else the reference population.
pub fn women_by_area(geo: &Geography, inputs: &[AreaNeedInput]) -> BTreeMap<String, i64> {
    let mut women: BTreeMap<String, i64> = geo
        .areas()
        .iter()
        .map(|a| (a.code.clone(), a.adult_females))
        .collect();
    for i in inputs {
        women.insert(i.pfa_code.clone(), i.adult_females);
    }
    women
}

pub fn render_maps(
    publication: &Publication,
    shapes: &MapShapes,
    women: &BTreeMap<String, i64>,
) -> Vec<RenderedMap> {
    let year = publication.year;
    let per_100k = |roles: &[&str]| -> BTreeMap<String, Option<f64>> {
        publication
            .rollup
            .pfas
            .iter()
            .map(|(code, f)| {
                let fte: f64 = roles.iter().map(|r| f.role_fte(r)).sum();
                let w = women.get(code).copied().unwrap_or(0) as f64;
                (code.clone(), (w > 0.0).then(|| fte / w * 100_000.0))
            })
            .collect()
    };
    let quantile_map = |file: &str,
                        title: &str,
                        legend: &str,
                        unit: &str,
                        values: BTreeMap<String, Option<f64>>| {
        let present: Vec<f64> = values.values().flatten().copied().collect();
        let map = Choropleth {
            title: title.to_string(),
            subtitle: format!("By police force area, {year}"),
            legend_title: legend.to_string(),
            classes: Classes::quantiles(&present, ""),
            values,
            unit: unit.to_string(),
        };
        RenderedMap {
            file: format!("maps/{file}"),
            title: title.to_string(),
            svg: render(shapes, &map),
        }
    };

    let coverage: BTreeMap<String, Option<f64>> = publication
        .rollup
        .pfas
        .keys()
        .map(|code| (code.clone(), publication.pfa_coverage_pct(code)))
        .collect();
    let coverage_map = Choropleth {
        title: "Idva coverage of recommended provision".into(),
        subtitle: format!("FTE Idvas for high-risk victims as % of recommended, {year}"),
        legend_title: "% of recommended".into(),
        values: coverage,
        classes: Classes::fixed(&[50.0, 70.0, 90.0, 100.0], "%"),
        unit: "%".into(),
    };
    let high_risk = publication
        .rollup
        .pfas
        .iter()
        .map(|(code, f)| (code.clone(), Some(f.idva_high_risk_fte)))
        .collect();
    vec![
        RenderedMap {
            file: "maps/idva-coverage.svg".into(),
            title: coverage_map.title.clone(),
            svg: render(shapes, &coverage_map),
        },
        quantile_map(
            "idva-fte-high-risk.svg",
            "FTE Idvas working with high-risk victims",
            "FTE",
            " FTE",
            high_risk,
        ),
        quantile_map(
            "outreach-per-100k-women.svg",
            "Outreach workers per 100,000 adult women",
            "FTE per 100,000",
            " FTE per 100,000",
            per_100k(&["outreach"]),
        ),
        quantile_map(
            "cyp-workers-per-100k-women.svg",
            "Children and young people's workers per 100,000 adult women",
            "FTE per 100,000",
            " FTE per 100,000",
            per_100k(&["ypva", "children"]),
        ),
    ]
}

/// `coverage.geojson`: one feature per area with every figure, unrounded to two decimals.
pub fn coverage_geojson(
    publication: &Publication,
    geo: &Geography,
    shapes: &MapShapes,
    women: &BTreeMap<String, i64>,
    marac: &BTreeMap<String, i32>,
) -> String {
    let r2 = |x: f64| (x * 100.0).round() / 100.0;
    let properties = publication
        .rollup
        .pfas
        .iter()
        .map(|(code, f)| {
            let need = publication.needs.get(code);
            let mut props = serde_json::Map::new();
            props.insert("region".into(), json!(geo.region_of(code)));
            props.insert("idva_services".into(), json!(f.idva_services()));
            props.insert("services".into(), json!(f.services.len()));
            props.insert("fte_idvas".into(), json!(r2(f.role_fte("idva"))));
            props.insert(
                "fte_idvas_high_risk".into(),
                json!(r2(f.idva_high_risk_fte)),
            );
            props.insert(
                "recommended_fte".into(),
                json!(need.map(|n| r2(n.required_fte))),
            );
            props.insert(
                "coverage_pct".into(),
                json!(publication.pfa_coverage_pct(code).map(r2)),
            );
            props.insert("adult_females".into(), json!(women.get(code)));
            props.insert(
                "marac_cases".into(),
                json!(marac.get(code).copied().unwrap_or(0)),
            );
            for (role, fte) in &f.fte {
                props.insert(format!("fte_{role}"), json!(r2(*fte)));
            }
            props.insert("fte_all".into(), json!(r2(f.total_fte())));
            props.insert("volunteers".into(), json!(r2(f.volunteers)));
            (code.clone(), props)
        })
        .collect();
    let collection = feature_collection(shapes, &properties);
    serde_json::to_string(&collection).unwrap_or_else(|_| "{}".into())
}
