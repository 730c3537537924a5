//! The data dictionary: what every published column means, its type and unit. The data package
//! and the workbook's notes are written from it, so a column cannot be published undescribed.

use serde::Serialize;

/// A column's type as the Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    String,
    Integer,
    Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
    /// E.g. `FTE`, `%`, `people`; empty for names and codes.
    pub unit: &'static str,
    pub description: &'static str,
}

use ColumnType::{Integer, Number, String as Text};

const fn col(
    name: &'static str,
    kind: ColumnType,
    unit: &'static str,
    description: &'static str,
) -> Column {
    Column {
        name,
        kind,
        unit,
        description,
    }
}

const COLUMNS: &[Column] = &[
    col("region", Text, "", "Reporting region (one of the 10), or Total for England and Wales."),
    col("pfa_code", Text, "", "ONS code of the police force area (E23…/W15…)."),
    col("pfa", Text, "", "Police force area name."),
    col("utla_code", Text, "", "ONS code of the upper-tier local authority (county, unitary authority, metropolitan district or London borough) in force at the cycle's close."),
    col("utla", Text, "", "Upper-tier local authority name; a region's or England and Wales' row names the group, and a police force area's row the places whose authority was not given."),
    col("services_with_practitioners", Integer, "services", "Services with practitioners working here, each counted once per area and region."),
    col("idva_services", Integer, "services", "Services employing Idvas working here, each counted once per area and region."),
    col("services_employing_role", Integer, "services", "Services with practitioners that employ at least one practitioner in this role."),
    col("services_with_volunteers", Integer, "services", "Services with volunteers working here, each counted once per area and region."),
    col("profiled_services", Integer, "services", "Services whose profile this cycle (given or rolled forward) says so, each counted once."),
    col("fte_idvas", Number, "FTE", "Full-time-equivalent Idvas, allocated by each service's area shares (whole FTE in summary tables, one decimal for single services)."),
    col("fte_idvas_high_risk", Number, "FTE", "FTE Idvas working with high-risk victims (whole FTE in summary tables, one decimal for single services)."),
    col("recommended_fte", Integer, "FTE", "Recommended Idva FTE from the need model, rounded."),
    col("coverage_pct", Integer, "%", "FTE Idvas for high-risk victims as a percentage of recommended FTE, computed from unrounded figures."),
    col("imputed_fte_idvas_high_risk", Number, "FTE", "The part of the high-risk Idva FTE that is imputed: estimated for services that gave no figures and had none earlier, from the services of the same type, size band and region that answered (ratio imputation)."),
    col("coverage_pct_without_imputed", Integer, "%", "Coverage as it would be without imputed figures: only figures given by services, rolled forward or given by a third party."),
    col("pct_1_2", Integer, "%", "Percentage in services with 1 to 2 Idvas."),
    col("pct_3_5", Integer, "%", "Percentage in services with 3 to 5 Idvas."),
    col("pct_6_9", Integer, "%", "Percentage in services with 6 to 9 Idvas."),
    col("pct_10_plus", Integer, "%", "Percentage in services with 10 or more Idvas."),
    col("setting", Text, "", "Where Idvas are based, grouped as published."),
    col("detail", Text, "", "The setting within the group, blank for the group as a whole."),
    col("pct_of_idva_services", Integer, "%", "Percentage of Idva services with an Idva in this setting."),
    col("all", Integer, "FTE", "FTE practitioners in all roles, rounded."),
    col("idva", Integer, "FTE", "FTE Independent domestic violence advisers."),
    col("outreach", Integer, "FTE", "FTE outreach workers."),
    col("refuge", Integer, "FTE", "FTE refuge workers."),
    col("isva", Integer, "FTE", "FTE Independent sexual violence advisers."),
    col("ypva", Integer, "FTE", "FTE young people's violence advisers."),
    col("children", Integer, "FTE", "FTE children's workers."),
    col("perpetrator", Integer, "FTE", "FTE perpetrator case workers."),
    col("other", Integer, "FTE", "FTE practitioners in other roles."),
    col("role", Text, "", "Practitioner role."),
    col("pct_of_services", Integer, "%", "Percentage of services with practitioners that employ this role."),
    col("idvas", Integer, "practitioners", "Idvas as people (not FTE), allocated by area shares and rounded per region: a workforce figure, published whole like FTE."),
    col("single_idva_services", Integer, "services", "Services employing exactly one Idva (a lone worker)."),
    col("single_idva_services_across_areas", Integer, "services", "Of the services with a single Idva, those working in more than one police force area."),
    col("pfas", Integer, "areas", "Police force areas."),
    col("pfas_with_one_idva_service", Integer, "areas", "Police force areas where exactly one service employing Idvas works, so all the area's Idvas work in that service."),
    col("pct_of_all_idva_services", Integer, "%", "Percentage of all services employing Idvas that gave this answer, computed from the counts."),
    col("cases", Text, "", "The cases a service's Idvas support, as the service answered: Marac cases only, court cases only, or both."),
    col("volunteers", Integer, "people", "Volunteers, allocated by area shares and rounded per area; small counts suppressed as [c]."),
    col("service", Text, "", "Organisation and service."),
    col("source", Text, "", "Where the figures came from: for a service, when it did not give them this year; in a series, the release (or the publication before Frontline) each cycle's figures are taken from."),
    col("adult_females", Integer, "people", "Resident women aged 16 and over."),
    col("marac_cases", Integer, "cases", "Cases heard at Marac in the 12 months."),
    col("marac_based_fte", Number, "FTE", "Idva FTE needed for the Marac cases heard."),
    col("population_based_fte", Number, "FTE", "Idva FTE needed for the estimated high-risk female population."),
    col("uplift_fte", Number, "FTE", "This area's share of the national uplift for high-risk victims not seen at Marac."),
    col("required_fte", Number, "FTE", "Recommended Idva FTE: the greater need plus the uplift."),
    col("streams", Integer, "streams", "Funding streams; a stream counts in every region its service works in, and once for England and Wales."),
    col("short_term_streams", Integer, "streams", "Streams running under five years (the end date is the last day paid for)."),
    col("short_term_pct", Integer, "%", "Short-term streams as a percentage of streams, computed from the counts."),
    col("ending_within_12_months", Integer, "streams", "Streams ending between the survey's close and 12 months after it."),
    col("funder_type", Text, "", "Who pays: police and crime commissioner, local authority, ICB, NHS England, MoJ, Home Office, charitable trust or lottery, own fundraising, other."),
    col("annual_funding", Number, "£", "Annual funding in pounds, to the penny, as given for each stream; [c] where one contributor makes up more than 85% of it (by funder type, a funded service; in the by-and-for tables, a stream), or where it would give such an amount away."),
    col("pct_of_funding", Integer, "%", "The funder type's share of annual funding, computed from the amounts."),
    col("category", Text, "", "Category of the codebook a comment was coded into, or All coded comments."),
    col("subcategory", Text, "", "Subcategory within the category, blank for the category as a whole."),
    col("group", Text, "", "Respondents' group: the kind of service the survey asked about, or the instrument a wave's respondents answered (SV providers, SARCs, commissioners)."),
    col("comments", Integer, "comments", "Comments coded into the category; small counts suppressed as [c]."),
    col("pct_of_coded_comments", Integer, "%", "Comments in the category as a percentage of coded comments, computed from the counts."),
    col("grant_streams", Integer, "streams", "Streams given as grants."),
    col("contract_streams", Integer, "streams", "Streams given as contracts."),
    col("grant_pct", Integer, "%", "Grants as a percentage of streams, computed from the counts."),
    col("core_costs_yes", Integer, "streams", "Streams that cover core costs (rent, supervision, overheads)."),
    col("core_costs_partly", Integer, "streams", "Streams that partly cover core costs."),
    col("core_costs_no", Integer, "streams", "Streams that do not cover core costs."),
    col("core_costs_covered_pct", Integer, "%", "Streams covering core costs in full as a percentage of streams, computed from the counts."),
    col("funded_services", Integer, "services", "Services with at least one funding stream."),
    col("funders_per_service", Number, "funders", "Distinct funders per funded service, averaged, to one decimal place."),
    col("by_and_for_funding", Number, "£", "Annual funding, in pounds, of streams funding services led by and for a community, as their profiles say; [c] where one stream makes up more than 85% of it."),
    col("by_and_for_pct", Integer, "%", "By-and-for funding as a percentage of annual funding, computed from the amounts."),
    col("answer", Text, "", "An answer the question offered, or All answering for everyone in the group who answered it."),
    col("statement", Text, "", "The statement respondents rated on the question's scale."),
    col("respondents", Integer, "people", "Respondents who gave the answer; small counts suppressed as [c]."),
    col("pct_of_group", Integer, "%", "Respondents giving the answer as a percentage of the group's respondents who answered, computed from the counts."),
    col("channel", Text, "", "How respondents reached the survey: a named invitation, or the open link shared through a channel."),
    col("responses", Integer, "responses", "Submitted responses."),
    col("population", Integer, "people", "Residents of all ages: the cycle's imported population (women and men aged 16 and over and children aged 0 to 15)."),
    col("family_places", Integer, "places", "Family places in refuges and other safe accommodation today, as the area's services give them in their profiles."),
    col("grants", Integer, "grants", "Grant agreements of the commissioners' programmes, each counted in its service's first police force area."),
    col("grants_ending_within_12_months", Integer, "grants", "Of those grants, the ones ending within 12 months of the end of the latest period the table covers."),
    col("annual_value_gbp", Integer, "£", "What the grants give a year, in whole pounds; [c] where one organisation makes up more than 85% of it, or where it would give such an amount away."),
    col("by_and_for_value_gbp", Integer, "£", "What the grants give a year to services led by and for a community (as their profiles say), in whole pounds; [c] under the same rule, and wherever the annual value is hidden."),
    col("pct_value_by_and_for", Number, "%", "By-and-for value as a percentage of annual value, computed from the two amounts; [c] where either is hidden."),
    col("cost_per_victim_gbp", Integer, "£", "What the providers report spending of the grants over the periods, over the victims engaged (new and existing) in their VFS returns for the same periods, in whole pounds (rounded down); [c] where the spend is one organisation's (or would give such an amount away) or the victims engaged are few, blank where no victim was engaged."),
    col("subcontracts", Integer, "subcontracts", "Partners a lead provider passes grant money on to, each counted in the lead's service's first police force area."),
    col("passed_on_gbp", Integer, "£", "What lead providers pass on to partners a year, in whole pounds; [c] where one lead organisation makes up more than 85% of it, or where it would give such an amount away."),
    col("to_by_and_for_gbp", Integer, "£", "What reaches partners led by and for a community, in whole pounds; [c] under the same rule, and wherever the amount passed on is hidden."),
    col("pct_to_by_and_for", Number, "%", "The share of the money passed on that reaches by-and-for partners, computed from the two amounts; [c] where either is hidden."),
    col("providers", Integer, "organisations", "Providers (organisations), each counted once, in the region of its first service."),
    col("income_under_100k", Integer, "organisations", "Providers whose annual funding in the register is under £100,000."),
    col("income_100k_to_500k", Integer, "organisations", "Providers whose annual funding in the register is £100,000 to under £500,000."),
    col("income_500k_to_1m", Integer, "organisations", "Providers whose annual funding in the register is £500,000 to under £1 million."),
    col("income_1m_to_5m", Integer, "organisations", "Providers whose annual funding in the register is £1 million to under £5 million."),
    col("income_5m_or_more", Integer, "organisations", "Providers whose annual funding in the register is £5 million or more."),
    col("largest_funder_under_50pct", Integer, "organisations", "Providers whose largest funder gives under half of their funding in the register."),
    col("largest_funder_50_to_75pct", Integer, "organisations", "Providers whose largest funder gives 50% to under 75% of their funding in the register."),
    col("largest_funder_75_to_90pct", Integer, "organisations", "Providers whose largest funder gives 75% to under 90% of their funding in the register."),
    col("largest_funder_90pct_or_more", Integer, "organisations", "Providers whose largest funder gives 90% or more of their funding in the register: the most dependent on one funder."),
    col("coe_minimum", Integer, "places", "The Council of Europe minimum: one family place per 10,000 residents, rounded half up to whole places."),
    col("shortfall", Integer, "places", "The minimum less the family places, not below zero."),
    col("support", Text, "", "A kind of support a person may have wanted, in the provision map's service types."),
    col("wanted", Integer, "people", "People giving feedback who said they wanted this kind of support; small counts suppressed as [c]."),
    col("received", Integer, "people", "Of those who wanted it, people who said they got it; small counts suppressed as [c]."),
    col("not_received", Integer, "people", "Of those who wanted it, people who said they did not get it (unmet need as survivors report it); small counts suppressed as [c]."),
    col("received_pct", Integer, "%", "People who got the support as a percentage of those who wanted it, computed from the counts."),
    col("outcome", Text, "", "An outcome of the Victims Funding Strategy, asked of the person supported."),
    col("yes", Integer, "people", "People who answered yes; small counts suppressed as [c]."),
    col("not_sure", Integer, "people", "People who answered not sure; small counts suppressed as [c]."),
    col("no", Integer, "people", "People who answered no; small counts suppressed as [c]."),
    col("answered", Integer, "people", "People who answered the question; small counts suppressed as [c]."),
    col("yes_pct", Integer, "%", "People answering yes as a percentage of those who answered, computed from the counts."),
    col("cycle", Text, "", "The survey cycle (the year it counted) the row's figures are from."),
    col("notes", Text, "", "What a reader must know about the row: a revision since the first release, figures published before Frontline, or a series break where the survey changed the question behind a column."),
    col("measure", Text, "", "The figure, named as the column it comes from in the series (e.g. fte_idvas)."),
    col("value", Number, "", "The figure this cycle, as published; [c] where suppressed."),
    col("previous_cycle", Text, "", "The cycle before this one in the series."),
    col("previous_value", Number, "", "The figure in the previous cycle, as it was last published; [c] where suppressed."),
    col("change", Number, "", "This cycle's figure less the previous cycle's; blank where either is suppressed or not published, or a series break lies between them."),
    col("change_pct", Integer, "%", "The change as a percentage of the previous cycle's figure, computed from the two figures."),
];

/// The columns of the directory's `services.csv`, where they differ from the tables'.
const DIRECTORY: &[Column] = &[
    col("organisation", Text, "", "The organisation that runs the service."),
    col("service", Text, "", "The service's name."),
    col("pfa_codes", Text, "", "ONS codes of the police force areas the service works in, `;`-separated."),
    col("utla_codes", Text, "", "ONS codes of the upper-tier local authorities the service names, `;`-separated."),
    col("offers", Text, "", "What the service offers, as codes of the directory's service types, `;`-separated."),
    col("crime_types", Text, "", "Forms of abuse the service supports, as codes, `;`-separated."),
    col("genders", Text, "", "Who the service supports by gender, as codes, `;`-separated."),
    col("min_age", Integer, "years", "The youngest age the service supports, blank when not given."),
    col("max_age", Integer, "years", "The oldest age the service supports, blank when not given."),
    col("children_as_victims", Text, "", "Whether the service supports children as victims in their own right (yes or no)."),
    col("no_recourse", Text, "", "Whether the service supports people with no recourse to public funds (yes or no)."),
    col("additional_needs", Text, "", "Additional needs the service supports, as codes, `;`-separated."),
    col("by_and_for", Text, "", "Communities the service is led by and for, as codes, `;`-separated; blank when none."),
    col("languages", Text, "", "Languages support is given in (ISO 639-1 codes), `;`-separated."),
    col("bsl", Text, "", "Whether support is given in British Sign Language (yes or no)."),
    col("accreditations", Text, "", "Accreditations the service holds, as codes, `;`-separated."),
    col("referral_routes", Text, "", "How people are referred to the service, as codes, `;`-separated."),
    col("support_modes", Text, "", "How support is given (phone, online, in_person), `;`-separated."),
    col("opening_times", Text, "", "When the service is open outside office hours (evenings, weekends), `;`-separated; blank for office hours only or not said."),
    col("phone", Text, "", "The service's public telephone number, blank when not given."),
    col("email", Text, "", "The service's public email address, blank when not given."),
    col("website", Text, "", "The service's website, blank when not given."),
    col("safe_accommodation", Text, "", "Whether the service offers refuge or other safe accommodation (yes or no); such entries carry no free text."),
];

/// The columns of a needs-assessment pack's `indicators.csv`.
const PACK_INDICATORS: &[Column] = &[
    col("indicator", Text, "", "The indicator's identifier, e.g. idva_coverage_pct."),
    col("unit", Text, "", "What the indicator's values measure, e.g. FTE per 100,000 women."),
    col("area", Number, "", "The indicator for the police force area, as published; [c] where suppressed."),
    col("region", Number, "", "The indicator for the area's region, from the region's summed counts."),
    col("england_and_wales", Number, "", "The indicator for England and Wales, from the summed counts."),
    col("rank", Integer, "rank", "The area's rank among the 43 by its value as published (1 = highest; equal values share a rank); blank when not ranked."),
    col("source", Text, "", "Where the indicator's figures come from."),
];

/// The columns of a release's `changes.csv`: every cell that changed since the version before.
const CHANGES: &[Column] = &[
    col(
        "file",
        Text,
        "",
        "The CSV of the release the cell is in, e.g. tables/pfa-coverage.csv.",
    ),
    col("row", Text, "", "The row's key cells, joined by ' / '."),
    col(
        "column",
        Text,
        "",
        "The column, or blank when a whole row was added or removed.",
    ),
    col(
        "before",
        Text,
        "",
        "The cell in the version before, as published ((no row) when the row is new).",
    ),
    col(
        "after",
        Text,
        "",
        "The cell in this version, as published ((no row) when the row is gone).",
    ),
];

/// Which published file a column is read in: names mean different things in different files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dictionary {
    /// The publication's tables (`tables/*.csv`).
    Tables,
    /// The directory's `services.csv`.
    Directory,
    /// A needs-assessment pack's `indicators.csv`.
    PackIndicators,
    /// A release's `changes.csv`.
    Changes,
}

/// How a column is headed where people read it (HTML tables); the CSV keeps the column's name.
const HEADINGS: &[(&str, &str)] = &[
    ("region", "Region"),
    ("pfa_code", "Area code"),
    ("pfa", "Police force area"),
    ("utla_code", "Authority code"),
    ("utla", "Upper-tier local authority"),
    ("services_with_practitioners", "Services with practitioners"),
    ("idva_services", "Services employing Idvas"),
    ("services_employing_role", "Services employing the role"),
    ("services_with_volunteers", "Services with volunteers"),
    ("profiled_services", "Services (from profiles)"),
    ("fte_idvas", "Idvas (FTE)"),
    ("fte_idvas_high_risk", "Idvas for high-risk victims (FTE)"),
    ("recommended_fte", "Recommended Idvas (FTE)"),
    ("coverage_pct", "Coverage of recommended provision (%)"),
    ("imputed_fte_idvas_high_risk", "Of which imputed (FTE)"),
    (
        "coverage_pct_without_imputed",
        "Coverage without imputed figures (%)",
    ),
    ("pct_1_2", "In services with 1–2 Idvas (%)"),
    ("pct_3_5", "In services with 3–5 Idvas (%)"),
    ("pct_6_9", "In services with 6–9 Idvas (%)"),
    ("pct_10_plus", "In services with 10 or more Idvas (%)"),
    ("setting", "Where Idvas are based"),
    ("detail", "Setting"),
    (
        "pct_of_idva_services",
        "Idva services with an Idva here (%)",
    ),
    ("all", "All roles (FTE)"),
    ("idva", "Idvas (FTE)"),
    ("outreach", "Outreach (FTE)"),
    ("refuge", "Refuge (FTE)"),
    ("isva", "Isvas (FTE)"),
    ("ypva", "Ypvas (FTE)"),
    ("children", "Children's workers (FTE)"),
    ("perpetrator", "Perpetrator programmes (FTE)"),
    ("other", "Other roles (FTE)"),
    ("role", "Role"),
    ("pct_of_services", "Services (%)"),
    ("idvas", "Idvas (people)"),
    ("single_idva_services", "Services with a single Idva"),
    (
        "single_idva_services_across_areas",
        "Of which across several areas",
    ),
    ("pfas", "Police force areas"),
    (
        "pfas_with_one_idva_service",
        "Areas whose Idvas all work in one service",
    ),
    ("cases", "Cases supported"),
    ("pct_of_all_idva_services", "Of all Idva services (%)"),
    ("volunteers", "Volunteers"),
    ("service", "Service"),
    ("source", "Source"),
    ("adult_females", "Women aged 16 and over"),
    ("marac_cases", "Marac cases"),
    ("marac_based_fte", "Need from Marac cases (FTE)"),
    ("population_based_fte", "Need from population (FTE)"),
    ("uplift_fte", "Share of national uplift (FTE)"),
    ("required_fte", "Recommended Idvas, unrounded (FTE)"),
    ("streams", "Funding streams"),
    ("short_term_streams", "Short-term streams"),
    ("short_term_pct", "Short-term (%)"),
    ("ending_within_12_months", "Ending within 12 months"),
    ("funder_type", "Funder"),
    ("annual_funding", "Annual funding (£)"),
    ("pct_of_funding", "Share of funding (%)"),
    ("category", "Category"),
    ("subcategory", "Subcategory"),
    ("group", "Group"),
    ("comments", "Comments"),
    ("pct_of_coded_comments", "Coded comments (%)"),
    ("grant_streams", "Grants"),
    ("contract_streams", "Contracts"),
    ("grant_pct", "Grants (%)"),
    ("core_costs_yes", "Core costs covered"),
    ("core_costs_partly", "Core costs partly covered"),
    ("core_costs_no", "Core costs not covered"),
    ("core_costs_covered_pct", "Core costs covered (%)"),
    ("funded_services", "Funded services"),
    ("funders_per_service", "Funders per service"),
    ("by_and_for_funding", "By-and-for funding (£)"),
    ("by_and_for_pct", "By-and-for share (%)"),
    ("answer", "Answer"),
    ("statement", "Statement"),
    ("respondents", "Respondents"),
    ("pct_of_group", "Of the group (%)"),
    ("channel", "Channel"),
    ("population", "Population"),
    ("family_places", "Family places"),
    ("grants", "Grants"),
    ("grants_ending_within_12_months", "Ending within 12 months"),
    ("annual_value_gbp", "Annual value (£)"),
    ("by_and_for_value_gbp", "To by-and-for providers (£)"),
    ("pct_value_by_and_for", "By-and-for share (%)"),
    ("cost_per_victim_gbp", "Cost per victim (£)"),
    ("subcontracts", "Subcontracts"),
    ("passed_on_gbp", "Passed on to partners (£)"),
    ("to_by_and_for_gbp", "To by-and-for partners (£)"),
    ("pct_to_by_and_for", "By-and-for share (%)"),
    ("providers", "Providers"),
    ("income_under_100k", "Under £100k"),
    ("income_100k_to_500k", "£100k to £500k"),
    ("income_500k_to_1m", "£500k to £1m"),
    ("income_1m_to_5m", "£1m to £5m"),
    ("income_5m_or_more", "£5m or more"),
    ("largest_funder_under_50pct", "Largest funder under 50%"),
    ("largest_funder_50_to_75pct", "Largest funder 50–75%"),
    ("largest_funder_75_to_90pct", "Largest funder 75–90%"),
    ("largest_funder_90pct_or_more", "Largest funder 90% or more"),
    ("coe_minimum", "Council of Europe minimum"),
    ("shortfall", "Shortfall"),
    ("responses", "Responses"),
    ("support", "Support"),
    ("wanted", "Wanted it"),
    ("received", "Got it"),
    ("not_received", "Did not get it"),
    ("received_pct", "Got it (%)"),
    ("outcome", "Outcome"),
    ("yes", "Yes"),
    ("not_sure", "Not sure"),
    ("no", "No"),
    ("answered", "Answered"),
    ("yes_pct", "Yes (%)"),
    ("cycle", "Cycle"),
    ("notes", "Notes"),
    ("measure", "Figure"),
    ("value", "This cycle"),
    ("previous_cycle", "Previous cycle"),
    ("previous_value", "Previous cycle's figure"),
    ("change", "Change"),
    ("change_pct", "Change (%)"),
];

/// The heading of a column for readers: the dictionary's, or the name in words.
pub fn heading(name: &str) -> String {
    if let Some((_, heading)) = HEADINGS.iter().find(|(n, _)| *n == name) {
        return heading.to_string();
    }
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether a column holds figures (right-aligned, with separators) rather than names.
pub fn is_numeric(name: &str) -> bool {
    describe(name).is_some_and(|c| c.kind != ColumnType::String)
}

/// The dictionary entry for a column of the publication's tables, if it has one.
pub fn describe(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.name == name)
}

/// The dictionary entry for a column of a file of the kind `dictionary`, if it has one.
pub fn describe_in(dictionary: Dictionary, name: &str) -> Option<&'static Column> {
    let own = match dictionary {
        Dictionary::Tables => return describe(name),
        Dictionary::Directory => DIRECTORY,
        Dictionary::PackIndicators => PACK_INDICATORS,
        Dictionary::Changes => CHANGES,
    };
    own.iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_column_has_a_heading_for_readers() {
        for c in COLUMNS {
            assert!(
                HEADINGS.iter().any(|(n, _)| *n == c.name),
                "{} has no heading",
                c.name
            );
        }
        assert_eq!(
            heading("coverage_pct"),
            "Coverage of recommended provision (%)"
        );
        assert_eq!(heading("la_mash"), "La mash");
        assert!(is_numeric("fte_idvas") && !is_numeric("pfa"));
    }

    #[test]
    fn every_count_of_services_says_which_services_it_counts() {
        assert!(
            describe("services").is_none(),
            "a bare `services` says nothing"
        );
        for name in [
            "services_with_practitioners",
            "idva_services",
            "services_employing_role",
            "services_with_volunteers",
            "profiled_services",
        ] {
            let entry = describe(name).expect(name);
            assert_eq!(entry.unit, "services");
        }
        let descriptions: std::collections::BTreeSet<&str> = COLUMNS
            .iter()
            .filter(|c| c.unit == "services")
            .map(|c| c.description)
            .collect();
        assert_eq!(
            descriptions.len(),
            COLUMNS.iter().filter(|c| c.unit == "services").count(),
            "two counts of services described alike"
        );
    }

    #[test]
    fn names_are_unique() {
        for dictionary in [COLUMNS, DIRECTORY, PACK_INDICATORS, CHANGES] {
            let mut names: Vec<_> = dictionary.iter().map(|c| c.name).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), dictionary.len());
        }
        assert_eq!(
            describe_in(Dictionary::PackIndicators, "region").map(|c| c.kind),
            Some(ColumnType::Number),
            "a pack's region column is a figure, not a region's name"
        );
        assert_eq!(
            describe_in(Dictionary::Tables, "region"),
            describe("region")
        );
        assert_eq!(describe("coverage_pct").map(|c| c.unit), Some("%"));
    }
}
