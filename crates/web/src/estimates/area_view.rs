//! The provisional figures for one police force area, as a PCC office reviews them: each
//! service with its figures and where they came from, the area totals, need and coverage.

use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::store::cycles::Cycle;
use crate::store::{need_inputs, reviews};
use crate::Platform;
use frontline_geo::need::coverage_pct;
use frontline_geo::publication::build;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ServiceLine {
    /// Negative for an area adjustment.
    pub service_id: i64,
    pub service: String,
    /// How the figures were given, in words.
    pub given: String,
    pub source: String,
    pub share_pct: f64,
    /// Whole-service figures.
    pub idva_fte: f64,
    pub idva_high_risk_fte: f64,
    /// This area's share.
    pub area_idva_fte: f64,
    pub area_idva_high_risk_fte: f64,
    pub reviews: Vec<reviews::Review>,
}

impl AreaView {
    /// The view as an account limited to its own areas may see it: each shared service's
    /// figures in this area only. Whole-service figures beside the share would give the other
    /// areas' part of them, which is not theirs to see before release.
    pub fn own_area_only(mut self) -> Self {
        for s in &mut self.services {
            s.idva_fte = s.area_idva_fte;
            s.idva_high_risk_fte = s.area_idva_high_risk_fte;
            s.share_pct = 100.0;
        }
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaView {
    pub code: String,
    pub name: String,
    pub region: String,
    pub services: Vec<ServiceLine>,
    pub idva_fte: f64,
    pub idva_high_risk_fte: f64,
    pub required_fte: f64,
    pub coverage_pct: Option<f64>,
    pub area_reviews: Vec<reviews::Review>,
}

pub fn provisional(
    platform: &Platform,
    conn: &mut DbConnection,
    cycle: &Cycle,
    pfa: &str,
) -> AppResult<AreaView> {
    let area = platform
        .geography
        .find(pfa)
        .ok_or_else(|| AppError::NotFound(format!("police force area {pfa}")))?
        .clone();
    let estimates = super::for_cycle(platform, conn, cycle.id)?;
    let inputs = need_inputs::for_cycle(conn, cycle.id)?;
    let publication = build(
        cycle.year,
        &platform.geography,
        &estimates,
        &inputs,
        cycle.need_parameters(),
        &cycle.suppression_rule(),
    )?;
    let all_reviews: Vec<reviews::Review> = reviews::for_cycle(conn, cycle.id)?
        .into_iter()
        .filter(|r| r.pfa_code == area.code)
        .collect();
    let mut services: Vec<ServiceLine> = estimates
        .iter()
        .filter_map(|e| {
            let share = *e.shares.get(area.code.as_str())?;
            (share > 0.0).then(|| ServiceLine {
                service_id: e.service_id,
                service: e.service.clone(),
                given: e.provenance.kind.in_words().to_string(),
                source: e.provenance.source.clone(),
                share_pct: share * 100.0,
                idva_fte: e.figures.role("idva").fte,
                idva_high_risk_fte: e.figures.idva_high_risk_fte,
                area_idva_fte: e.figures.role("idva").fte * share,
                area_idva_high_risk_fte: e.figures.idva_high_risk_fte * share,
                reviews: all_reviews
                    .iter()
                    .filter(|r| r.service_id.map(i64::from) == Some(e.service_id))
                    .cloned()
                    .collect(),
            })
        })
        .collect();
    services.sort_by(|a, b| a.service.cmp(&b.service));
    let figures = publication
        .rollup
        .pfas
        .get(area.code.as_str())
        .cloned()
        .unwrap_or_default();
    let required = publication
        .needs
        .get(area.code.as_str())
        .map_or(0.0, |n| n.required_fte);
    Ok(AreaView {
        code: area.code.to_string(),
        name: area.name.clone(),
        region: area.region.clone(),
        services,
        idva_fte: figures.role_fte("idva"),
        idva_high_risk_fte: figures.idva_high_risk_fte,
        required_fte: required,
        coverage_pct: coverage_pct(figures.idva_high_risk_fte, required),
        area_reviews: all_reviews
            .into_iter()
            .filter(|r| r.service_id.is_none())
            .collect(),
    })
}
