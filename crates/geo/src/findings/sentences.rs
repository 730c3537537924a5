//! The findings as sentences, each read from its table's published cells: a cell that is
//! suppressed or blank leaves its sentence out rather than saying more than the table does.

use super::cases::{CaseMix, NOT_KNOWN};
use super::names;
use super::Finding;
use crate::roles::ROLE_LABELS;
use crate::tables::{readable, Table};

/// Reads one finding's sentence from its table, or none where a cell it needs is not shown.
type Reader = fn(&Table) -> Option<String>;

/// Every finding whose table is among `tables` and whose cells are published.
pub fn read(tables: &[Table]) -> Vec<Finding> {
    let readers: [(&str, Reader); 5] = [
        (names::IDVA_PEOPLE, idva_people),
        (names::SINGLE_IDVA_SERVICES, single_idva_services),
        (names::IDVA_SERVICE_CONCENTRATION, concentration),
        (names::IDVA_CASES, idva_cases),
        (names::SERVICES_BY_ROLE_BY_REGION, postcode_lottery),
    ];
    readers
        .iter()
        .filter_map(|(name, read)| {
            let table = tables.iter().find(|t| t.name == *name)?;
            Some(Finding {
                sentence: read(table)?,
                table: name.to_string(),
                title: table.title.clone(),
            })
        })
        .collect()
}

/// A published whole number; none for a suppressed or blank cell.
fn count(t: &Table, key: &str, column: &str) -> Option<i64> {
    t.cell(key, column)?.trim().parse().ok()
}

/// "1 service" or "3 services".
fn services(n: i64) -> String {
    match n {
        1 => "1 service".into(),
        n => format!("{} services", readable(&n.to_string())),
    }
}

fn idva_people(t: &Table) -> Option<String> {
    let people = count(t, "Total", "idvas")?;
    let fte = count(t, "Total", "fte_idvas")?;
    Some(format!(
        "Around {} Idvas work in England and Wales, the equivalent of {} full-time Idvas.",
        readable(&people.to_string()),
        readable(&fte.to_string())
    ))
}

fn single_idva_services(t: &Table) -> Option<String> {
    let lone = count(t, "Total", "single_idva_services")?;
    let across = count(t, "Total", "single_idva_services_across_areas")?;
    Some(match (lone, across) {
        (0, _) => "No service has a single Idva working alone.".into(),
        (1, 1) => "1 service has a single Idva, who works alone across more than one police force area.".into(),
        (1, _) => "1 service has a single Idva, who works alone.".into(),
        (n, 0) => format!(
            "{} have a single Idva, who works alone; none of them works across more than one police force area.",
            services(n)
        ),
        (n, 1) => format!(
            "{} have a single Idva, who works alone; 1 of them works across more than one police force area.",
            services(n)
        ),
        (n, m) => format!(
            "{} have a single Idva, who works alone; {m} of them work across more than one police force area.",
            services(n)
        ),
    })
}

fn concentration(t: &Table) -> Option<String> {
    let areas = count(t, "Total", "pfas")?;
    let one = count(t, "Total", "pfas_with_one_idva_service")?;
    Some(match one {
        0 => format!("In none of the {areas} police force areas do all Idvas work in one service."),
        n => format!("In {n} of the {areas} police force areas all Idvas work in one service."),
    })
}

fn idva_cases(t: &Table) -> Option<String> {
    let total = count(t, "Total", "idva_services")?;
    if total == 0 {
        return None;
    }
    let part = |label: &str| -> Option<String> {
        let n = count(t, label, "idva_services")?;
        let pct = t.cell(label, "pct_of_all_idva_services")?;
        Some(format!("{} ({pct}%)", readable(&n.to_string())))
    };
    let both = part(CaseMix::Both.label())?;
    let support = match count(t, CaseMix::Both.label(), "idva_services")? {
        1 => "supports",
        _ => "support",
    };
    let marac = part(CaseMix::MaracOnly.label())?;
    let court = part(CaseMix::CourtOnly.label())?;
    let unknown = count(t, NOT_KNOWN, "idva_services")?;
    let said = if unknown > 0 {
        format!("; {} did not say", readable(&unknown.to_string()))
    } else {
        String::new()
    };
    Some(format!(
        "Of {} employing Idvas, {both} {support} both Marac and court cases, {marac} Marac cases only and {court} court cases only{said}.",
        services(total)
    ))
}

/// How the report names a role's practitioners in a sentence.
fn practitioners(role_label: &str) -> &'static str {
    let id = ROLE_LABELS
        .iter()
        .find(|(_, label)| *label == role_label)
        .map_or("", |(id, _)| *id);
    match id {
        "idva" => "Idvas",
        "outreach" => "outreach workers",
        "refuge" => "refuge workers",
        "isva" => "Isvas",
        "ypva" => "young people's violence advisers",
        "children" => "children's workers",
        "perpetrator" => "perpetrator case workers",
        _ => "",
    }
}

/// A role's label, and its lowest and highest share of services with the region of each.
type Spread<'t> = (&'t str, (i64, &'t str), (i64, &'t str));

/// The role whose share of services differs most between regions, and its two ends.
fn postcode_lottery(t: &Table) -> Option<String> {
    let col = |name: &str| t.columns.iter().position(|c| c == name);
    let (region, role, base, pct) = (
        col("region")?,
        col("role")?,
        col("services_with_practitioners")?,
        col("pct_of_services")?,
    );
    let mut spreads: Vec<Spread> = Vec::new();
    for (_, label) in ROLE_LABELS {
        if practitioners(label).is_empty() {
            continue;
        }
        let shares: Vec<(i64, &str)> = t
            .rows
            .iter()
            .filter_map(|r| {
                let (name, of) = (r.get(region)?, r.get(role)?);
                let services: i64 = r.get(base)?.parse().ok()?;
                let share: i64 = r.get(pct)?.parse().ok()?;
                (of == label && name != "Total" && services > 0).then_some((share, name.as_str()))
            })
            .collect();
        let low = shares.iter().min_by_key(|(p, _)| *p)?;
        let high = shares.iter().max_by_key(|(p, _)| *p)?;
        spreads.push((label, *low, *high));
    }
    // The first role of the widest spread, in the report's order.
    let (label, low, high) = spreads
        .into_iter()
        .rev()
        .max_by_key(|(_, low, high)| high.0 - low.0)
        .filter(|(_, low, high)| high.0 > low.0)?;
    Some(format!(
        "The share of services employing {} differs most between regions: from {}% in {} to {}% in {}.",
        practitioners(label),
        low.0,
        in_words(low.1),
        high.0,
        in_words(high.1)
    ))
}

/// A region as a sentence names it after "in": "London", "the North East", "the Eastern region".
fn in_words(region: &str) -> String {
    match region {
        "London" | "Wales" | "Yorkshire & Humber" => region.to_string(),
        "Eastern" => "the Eastern region".to_string(),
        _ => format!("the {region}"),
    }
}
