//! The VFS core metrics, in the exact categories of Annex B, as columns of a return.

/// What a metric measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// A count of people: disclosure-controlled when published.
    People,
    /// A median number of weeks.
    Weeks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metric {
    pub column: &'static str,
    pub label: &'static str,
    pub measure: Measure,
}

const fn people(column: &'static str, label: &'static str) -> Metric {
    Metric {
        column,
        label,
        measure: Measure::People,
    }
}

/// The metric columns of a return, in the order of the import and export files (after
/// `service,pfa`).
pub const METRICS: [Metric; 47] = [
    people(
        "waiting_list",
        "Victims on the waiting list for their preferred service",
    ),
    Metric {
        column: "waiting_weeks_median",
        label: "Median time waited (weeks)",
        measure: Measure::Weeks,
    },
    people("referrals_new", "New referrals in the period"),
    people("engaged_new", "Victims engaged: new"),
    people("engaged_existing", "Victims engaged: existing"),
    people(
        "referred_on_victim_services",
        "Referred on to other victim services",
    ),
    people("referred_on_financial", "Referred on to financial services"),
    people("referred_on_housing", "Referred on to housing services"),
    people("referred_on_health", "Referred on to health services"),
    people(
        "referred_on_complex_needs",
        "Referred on to complex-needs services",
    ),
    people(
        "reported_active",
        "Engaged victims who reported to police: active case",
    ),
    people(
        "reported_non_active",
        "Engaged victims who reported to police: non-active case",
    ),
    people("left_concluded", "Victims who left the service: concluded"),
    people(
        "left_dropped_out",
        "Victims who left the service: dropped out",
    ),
    people("age_17_under", "Age: 17 and under"),
    people("age_18_34", "Age: 18–34"),
    people("age_35_54", "Age: 35–54"),
    people("age_55_74", "Age: 55–74"),
    people("age_75_over", "Age: 75 and over"),
    people("age_not_stated", "Age: not stated"),
    people("gender_woman", "Gender identity: woman"),
    people("gender_man", "Gender identity: man"),
    people("gender_non_binary", "Gender identity: non-binary"),
    people("gender_not_stated", "Gender identity: not stated"),
    people(
        "orientation_heterosexual",
        "Sexual orientation: heterosexual or straight",
    ),
    people("orientation_gay", "Sexual orientation: gay"),
    people("orientation_lesbian", "Sexual orientation: lesbian"),
    people("orientation_bisexual", "Sexual orientation: bisexual"),
    people("orientation_other", "Sexual orientation: other"),
    people("orientation_not_stated", "Sexual orientation: not stated"),
    people("ethnicity_white", "Ethnicity: White"),
    people("ethnicity_asian", "Ethnicity: Asian or Asian British"),
    people(
        "ethnicity_black",
        "Ethnicity: Black, African, Caribbean or Black British",
    ),
    people(
        "ethnicity_mixed",
        "Ethnicity: Mixed or multiple ethnic groups",
    ),
    people("ethnicity_other", "Ethnicity: other ethnic group"),
    people("ethnicity_not_stated", "Ethnicity: not stated"),
    people("disability_yes", "Disability: has a disability"),
    people("disability_no", "Disability: does not have a disability"),
    people("disability_not_stated", "Disability: not stated"),
    people(
        "coped_asked",
        "Coped and built resilience to move forward: asked",
    ),
    people(
        "coped_improved",
        "Coped and built resilience to move forward: reported improvement",
    ),
    people("informed_asked", "Feel more informed: asked"),
    people(
        "informed_improved",
        "Feel more informed: reported improvement",
    ),
    people(
        "support_asked",
        "Received all the support they needed when they wanted it: asked",
    ),
    people(
        "support_improved",
        "Received all the support they needed when they wanted it: reported improvement",
    ),
    people(
        "cjs_asked",
        "Increased engagement with the criminal justice system: asked",
    ),
    people(
        "cjs_improved",
        "Increased engagement with the criminal justice system: reported improvement",
    ),
];

/// Optional metrics a return may carry (columns that may follow the required ones).
pub const OPTIONAL: [Metric; 3] = [
    people(
        "engaged_re_entries",
        "Victims engaged: re-entries (optional)",
    ),
    people(
        "child_asked",
        "Children: asked about their outcomes (optional)",
    ),
    people(
        "child_improved",
        "Children: reported improvement (optional)",
    ),
];

/// A demographic breakdown: its columns each count engaged victims once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breakdown {
    pub name: &'static str,
    pub columns: &'static [&'static str],
}

pub const BREAKDOWNS: [Breakdown; 5] = [
    Breakdown {
        name: "age",
        columns: &[
            "age_17_under",
            "age_18_34",
            "age_35_54",
            "age_55_74",
            "age_75_over",
            "age_not_stated",
        ],
    },
    Breakdown {
        name: "gender identity",
        columns: &[
            "gender_woman",
            "gender_man",
            "gender_non_binary",
            "gender_not_stated",
        ],
    },
    Breakdown {
        name: "sexual orientation",
        columns: &[
            "orientation_heterosexual",
            "orientation_gay",
            "orientation_lesbian",
            "orientation_bisexual",
            "orientation_other",
            "orientation_not_stated",
        ],
    },
    Breakdown {
        name: "ethnicity",
        columns: &[
            "ethnicity_white",
            "ethnicity_asian",
            "ethnicity_black",
            "ethnicity_mixed",
            "ethnicity_other",
            "ethnicity_not_stated",
        ],
    },
    Breakdown {
        name: "disability",
        columns: &["disability_yes", "disability_no", "disability_not_stated"],
    },
];

/// A core outcome: of those asked, how many reported improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub name: &'static str,
    pub label: &'static str,
    pub asked: &'static str,
    pub improved: &'static str,
}

pub const OUTCOMES: [Outcome; 5] = [
    Outcome {
        name: "coped",
        label: "Coped and built resilience to move forward",
        asked: "coped_asked",
        improved: "coped_improved",
    },
    Outcome {
        name: "informed",
        label: "Feel more informed",
        asked: "informed_asked",
        improved: "informed_improved",
    },
    Outcome {
        name: "support",
        label: "Received all the support they needed when they wanted it",
        asked: "support_asked",
        improved: "support_improved",
    },
    Outcome {
        name: "cjs",
        label: "Increased engagement with the criminal justice system",
        asked: "cjs_asked",
        improved: "cjs_improved",
    },
    Outcome {
        name: "child",
        label: "Children's outcomes (where the service works with children)",
        asked: "child_asked",
        improved: "child_improved",
    },
];

/// The metric for a column, required or optional.
pub fn metric(column: &str) -> Option<&'static Metric> {
    METRICS
        .iter()
        .chain(OPTIONAL.iter())
        .find(|m| m.column == column)
}

/// Every column a return may hold: required, then optional.
pub fn all_columns() -> impl Iterator<Item = &'static str> {
    METRICS.iter().chain(OPTIONAL.iter()).map(|m| m.column)
}
