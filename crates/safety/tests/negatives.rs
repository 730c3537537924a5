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
    // Number words in ordinary sentences.
    "one or two women a week",
    "Tier one",
    "Tier two service, one to one",
    "We see one or two AB referrals",
    // Numbers, codes and periods that reach a release one cell at a time.
    "51.28",
    "2.5, 3.0",
    "1.5, 2.25, 3.75",
    "E23000032",
    "K04000001",
    "W15000001",
    "E06000035, E10000016",
    "2017-09-30",
    "2024-04-01 to 2025-03-31",
    "2025-Q1",
    "£51,280 1,078",
    "12,345 1,2345",
    // Counts and roles.
    "3 Refuges",
    "4 Outreach workers",
    "Tier 2 Care Pathway",
    "a 5 Step Approach",
    "Our 3 Step Approach",
    "the 2 Main Gates",
    "Level 3 Gate",
    // Street words in prose.
    "family court",
    "Crown Court",
    "12 cases at the Family Ct",
    "The Croft Project",
    "a trauma-informed approach",
    "a gatekeeper",
    "the amount we receive",
    "we chase referrals",
    "a two-way street",
    "a 2-way street",
    "£12.50 Green Park",
    // Web, e-mail, and what3words look-alikes.
    "help@example.org",
    "https://www.example.org/refuge-services-2024",
    "https://www.example.org/about_us/our_team",
    "filled count soap",
    "English • Polish • Urdu",
    "Mon·Wed·Fri",
    "Mr.Smith.Jones",
    "Www.Example.Org",
    "see bit.ly for short links",
    // Plus-code look-alikes.
    "2345+67",
    "£2500+VAT",
    "18+",
    "C++",
    "ages 16+ and 18+",
    // Percent signs.
    "50% of 100%",
    "rose by 20%2",
    // Easting and northing look-alikes.
    "E 614900",
    "614900, 157700",
    "call 01227 614900 or 01227 157700",
    // Prose.
    "We support women and children across Kent and Medway.",
    "The refuge has 12 bed spaces and a children's play area.",
    "Our Idvas attend MARAC in Canterbury, Maidstone and Medway.",
    "Survivors told us the helpline was a lifeline.",
    "Trained by SafeLives; Leading Lights accredited.",
    "Our approach: one key worker, two sessions a week, and a safe space.",
    "We speak English, Arabic (العربية), Urdu (اردو), Bengali (বাংলা), Polish and Romanian.",
    "Рефуджі приймають жінок з дітьми; ми працюємо з 2019 року.",
    "Καταφύγιο για γυναίκες και παιδιά, 24 ώρες.",
    "ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ",
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
