//! One area's pack as files: `index.html` (print-ready), `indicators.csv`, the comparison chart
//! and the region's coverage map as SVG, and a workbook of every table.

use super::gather::Gathered;
use crate::access::Scope;
use crate::error::{AppError, AppResult};
use crate::publication::workbook;
use crate::publication::{Edition, SiteFile};
use crate::templates::Templates;
use crate::Platform;
use frontline_geo::maps::classes::Classes;
use frontline_geo::maps::svg::{render, Choropleth};
use frontline_geo::maps::MapShapes;
use frontline_geo::tables::Precision;
use frontline_needs::pack::svg::comparison_chart;
use frontline_needs::pack::{Pack, Question};
use serde_json::json;

/// The indicators the comparison chart draws.
const CHARTED: [&str; 4] = [
    "fte_all_per_100k_women",
    "fte_idva_per_100k_women",
    "fte_isva_per_100k_women",
    "idva_coverage_pct",
];

/// What every pack of one build shares.
pub struct PackBuild<'a> {
    pub platform: &'a Platform,
    pub templates: &'a Templates,
    pub gathered: &'a Gathered<'a>,
    pub edition: &'a Edition,
    pub shapes: &'a MapShapes,
    pub credits: &'a [String],
    /// The link back from a pack's header.
    pub home: &'a str,
    /// Whose figures the build may show: other areas on the map only when every area may be seen.
    pub scope: &'a Scope,
}

impl PackBuild<'_> {
    /// The workbook's file name for a pack.
    pub fn workbook_name(pack: &Pack) -> String {
        format!("needs-assessment-{}-{}.xlsx", pack.area.code, pack.year)
    }

    /// The pack's files, with paths under `prefix` (e.g. `packs/E23000032/`).
    pub fn files(&self, pack: &Pack, prefix: &str) -> AppResult<Vec<SiteFile>> {
        let watermark = self.edition.watermark();
        let mut indicators = pack
            .indicators_csv()
            .map_err(|e| AppError::Task(e.to_string()))?;
        if let Some(banner) = self.edition.banner() {
            indicators = format!("{banner}\n{indicators}");
        }
        let charted: Vec<_> = pack
            .indicators
            .iter()
            .filter(|i| CHARTED.contains(&i.id.as_str()))
            .collect();
        let title = match &pack.comparators_note {
            None => format!(
                "{} beside {} and England and Wales, {}",
                pack.area.name, pack.area.region, pack.year
            ),
            Some(_) => format!(
                "{}, {}, beside {} and England and Wales as last released",
                pack.area.name, pack.year, pack.area.region
            ),
        };
        let chart = comparison_chart(
            &title,
            &pack.area.name,
            &pack.area.region,
            &charted,
            self.credits,
            watermark,
        );
        let tables = pack.tables();
        let title = format!("Needs-assessment pack: {}, {}", pack.area.name, pack.year);
        let book = workbook::write(&workbook::Workbook {
            title: &title,
            cycle: self.gathered.cycle(),
            edition: self.edition,
            source: &self.gathered.source,
            tables: &tables,
            credits: self.credits,
        })?;
        let workbook_name = Self::workbook_name(pack);
        let html = self.html(pack, &workbook_name)?;
        Ok(vec![
            SiteFile::text(format!("{prefix}index.html"), html),
            SiteFile::text(format!("{prefix}indicators.csv"), indicators),
            SiteFile::text(format!("{prefix}comparison.svg"), chart),
            SiteFile::text(format!("{prefix}coverage-map.svg"), self.map(pack)),
            SiteFile {
                path: format!("{prefix}{workbook_name}"),
                content: book,
            },
        ])
    }

    fn html(&self, pack: &Pack, workbook_name: &str) -> AppResult<String> {
        let questions: Vec<_> = Question::ALL
            .iter()
            .map(|q| {
                json!({
                    "id": q,
                    "heading": q.heading(),
                    "sections": pack.under(*q).collect::<Vec<_>>(),
                })
            })
            .collect();
        self.templates.render(
            "pack.html",
            json!({
                "year": pack.year,
                "cycle": self.gathered.cycle(),
                "pack": pack,
                "questions": questions,
                "workbook": workbook_name,
                "watermark": self.edition.watermark(),
                "banner": self.edition.banner(),
                "release": self.edition.release(),
                "credits": self.credits,
                "home": self.home,
                "suppression": self.gathered.cycle().suppression_rule().describe(),
            }),
        )
    }

    /// Idva coverage across the area's region, with the need model's fixed classes.
    fn map(&self, pack: &Pack) -> String {
        let geo = &self.platform.geography;
        let inputs = self.gathered.inputs(self.platform);
        let in_region: Vec<String> = geo
            .areas()
            .iter()
            .filter(|a| a.region == pack.area.region)
            .map(|a| a.code.to_string())
            .collect();
        let shapes = MapShapes {
            areas: self
                .shapes
                .areas
                .iter()
                .filter(|a| in_region.iter().any(|c| *c == a.code))
                .cloned()
                .collect(),
            kind: self.shapes.kind,
        };
        // An account limited to its own areas sees only their values; the others stay blank.
        let values = in_region
            .iter()
            .map(|c| {
                let shown = self.scope.includes(c);
                (
                    c.clone(),
                    inputs.publication.pfa_coverage_pct(c).filter(|_| shown),
                )
            })
            .collect();
        let others = if self.scope.areas().is_some() {
            "; other areas are shown once the figures are released"
        } else {
            ""
        };
        render(
            &shapes,
            &Choropleth {
                title: format!("Idva coverage in {}, {}", pack.area.region, pack.year),
                subtitle: format!(
                    "% of the recommended FTE; this pack is for {}, outlined{others}",
                    pack.area.name
                ),
                legend_title: "% of recommended".into(),
                values,
                classes: Classes::fixed(&[50.0, 70.0, 90.0, 100.0], "%"),
                unit: "%".into(),
                precision: Precision::Whole,
                credits: self.credits.to_vec(),
                watermark: self.edition.watermark().map(str::to_string),
                highlight: Some(pack.area.code.to_string()),
                notes: Default::default(),
            },
        )
    }
}
