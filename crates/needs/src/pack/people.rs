//! Who lives in the area and how many are estimated to be affected: the population by group and
//! national prevalence rates applied to it, each estimate beside its rate and source.

use super::inputs::Inputs;
use super::{Question, Section};
use frontline_geo::tables::{whole, Table};

/// The population and prevalence sections (empty tables, with a note, when no population was
/// given for the area).
pub fn sections(inputs: &Inputs, code: &str) -> Vec<Section> {
    let given = inputs.populations.get(code);
    let mut population = Table::new("population", "Population", &["group", "people", "source"]);
    let mut prevalence = Table::new(
        "prevalence",
        "Estimated prevalence: national rates applied to the area's population",
        &["measure", "applies_to", "rate_pct", "estimated_people", "source"],
    )
    .with_note("Police recorded crime understates prevalence, so these estimates apply national survey rates to the area's population. They are estimates of people affected, not counts of people known to services.");
    let mut notes = Vec::new();
    match given {
        Some(p) => {
            let rows = [
                ("Women aged 16 and over", p.population.females_16_plus),
                ("Men aged 16 and over", p.population.males_16_plus),
                ("Children aged 0 to 15", p.population.children_0_15),
            ];
            for (group, people) in rows {
                population.push(vec![group.into(), people.to_string(), p.source.clone()]);
            }
            if p.for_year < inputs.year {
                notes.push(format!(
                    "The population was given for {}, not {}: import the current figures.",
                    p.for_year, inputs.year
                ));
            }
            for rate in inputs.rates {
                prevalence.push(vec![
                    rate.label.clone(),
                    rate.applies_to.label().into(),
                    rate.percent.to_string(),
                    whole(rate.estimate(&p.population) as f64),
                    rate.source.clone(),
                ]);
            }
        }
        None => notes.push(format!(
            "No population has been imported for this area for {}: import one with frontline import-population.",
            inputs.year
        )),
    }
    vec![
        Section {
            question: Question::UnmetNeeds,
            table: population,
            notes: notes.clone(),
        },
        Section {
            question: Question::UnmetNeeds,
            table: prevalence,
            notes,
        },
    ]
}
