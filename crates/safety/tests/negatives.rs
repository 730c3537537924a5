//! Ordinary texts from survey answers that must yield no finding at all.

use frontline_safety::{find_locations, is_clean};

const NEGATIVES: &[&str] = &[
    // Phone numbers.
    "01227 123456",
    "+44 1227 123456",
    "0808 2000 247",
    "07700 900123",
    "Call 0808 2000 247 (24/7)",
    // Years and periods.
    "2017",
    "2016-17",
    "2025-Q1",
    "in 2023/24",
    // Money.
    "£12,500.50",
    "£45k",
    "£1.5m over 3 years",
    // Roles, tiers, levels and duties.
    "ISVA 2",
    "Tier 1",
    "Tier 2 service",
    "24/7 helpline",
    "Level 3 award",
    "Part 4 duty",
    "Section 8",
    "A1 priority",
    "NHS 111",
    "MARAC",
    "IDVA",
    "Key Stage 2",
    "English B2, Polish C1",
    "vitamin B12",
    "the M25",
    "CO2 emissions",
    "HS2",
    "COVID-19",
    "Covid-19",
    // Ages and times.
    "16 and over",
    "aged 18-34",
    "open 9am to 5pm",
    "Mon-Fri 09:00-17:00",
    // Web and e-mail.
    "www.example.org",
    "https://www.example.org/contact",
    "info@example.org",
    "see kent.gov.uk",
    "https://www.google.com/search?q=refuge",
    "report.final.pdf",
    // Abbreviations.
    "e.g. counselling",
    "i.e. the service",
    "etc.",
    // Counts.
    "12 Idvas",
    "2 days a week",
    "10 practitioners",
    "2 women in the park",
    "3 miles down the road",
    "we supported 40 Family Court cases",
    "so 1234 women were helped",
    "on 12 May",
    "HR 2023",
    "version 1.2.3",
    "rated 4.5 out of 5",
    "51.5% of referrals",
    "turn 90° left",
    // Prose.
    "We support women and children across Kent and Medway.",
    "The refuge has 12 bed spaces and a children's play area.",
    "Our Idvas attend MARAC in Canterbury, Maidstone and Medway.",
    "Survivors told us the helpline was a lifeline.",
    "Trained by SafeLives; Leading Lights accredited.",
];

#[test]
fn ordinary_texts_yield_no_finding() {
    let failures: Vec<String> = NEGATIVES
        .iter()
        .filter(|text| !is_clean(text))
        .map(|text| format!("{text:?}: {:?}", find_locations(text)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn empty_and_blank_texts_are_clean() {
    for text in ["", " ", "\u{200B}", "\n\t\u{00A0}"] {
        assert!(is_clean(text), "{text:?}");
    }
}
