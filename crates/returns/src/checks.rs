//! The arithmetic a return must satisfy, each finding naming the fields it concerns; and
//! warnings for large swings from the previous period.

use crate::figures::ReturnFigures;
use crate::metrics::{BREAKDOWNS, METRICS, OUTCOMES};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The return cannot be submitted until it is put right.
    Error,
    /// Worth a second look; the return can still be submitted.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// The columns (form fields) concerned, the first being where to look.
    pub fields: Vec<&'static str>,
    pub message: String,
}

impl Finding {
    fn error(fields: Vec<&'static str>, message: String) -> Self {
        Self {
            severity: Severity::Error,
            fields,
            message,
        }
    }
}

/// Every error in a return's arithmetic (no warnings: see [`swings`]).
pub fn check(f: &ReturnFigures) -> Vec<Finding> {
    let mut findings = Vec::new();
    for m in METRICS.iter() {
        if f.get(m.column) < 0 {
            findings.push(Finding::error(
                vec![m.column],
                format!("{}: a count of people cannot be negative", m.column),
            ));
        }
    }
    let engaged = f.engaged();
    for b in BREAKDOWNS {
        let sum: i64 = b.columns.iter().map(|c| f.get(c)).sum();
        if sum != engaged {
            let mut fields = b.columns.to_vec();
            fields.extend(["engaged_new", "engaged_existing"]);
            findings.push(Finding::error(
                fields,
                format!(
                    "{} ({}) adds up to {sum}, but engaged_new + engaged_existing is {engaged}; each breakdown counts every engaged victim once, with 'not stated' for those who did not say",
                    b.name,
                    b.columns.join(" + ")
                ),
            ));
        }
    }
    let left = f.left();
    for o in OUTCOMES {
        if !f.has(o.asked) && !f.has(o.improved) {
            continue;
        }
        let (asked, improved) = (f.get(o.asked), f.get(o.improved));
        if improved > asked {
            findings.push(Finding::error(
                vec![o.improved, o.asked],
                format!(
                    "{}: {improved} reported improvement but only {asked} were asked",
                    o.improved
                ),
            ));
        }
        if asked > left {
            findings.push(Finding::error(
                vec![o.asked, "left_concluded", "left_dropped_out"],
                format!(
                    "{}: {asked} were asked, more than the {left} who left the service (left_concluded + left_dropped_out)",
                    o.asked
                ),
            ));
        }
    }
    let reported = f.reported();
    if reported > engaged {
        findings.push(Finding::error(
            vec!["reported_active", "reported_non_active", "engaged_new", "engaged_existing"],
            format!(
                "reported_active + reported_non_active is {reported}, more than the {engaged} engaged (engaged_new + engaged_existing)"
            ),
        ));
    }
    findings
}

/// Warnings for metrics that moved by more than half since the previous period (when there
/// were at least 10 before, so small numbers do not cry wolf).
pub fn swings(previous: &ReturnFigures, current: &ReturnFigures) -> Vec<Finding> {
    METRICS
        .iter()
        .filter_map(|m| {
            let (before, now) = (previous.get(m.column), current.get(m.column));
            let change = (now - before).abs();
            (previous.has(m.column) && before >= 10 && change * 2 > before).then(|| Finding {
                severity: Severity::Warning,
                fields: vec![m.column],
                message: format!(
                    "{}: {now} this period against {before} last period; please check it is right",
                    m.column
                ),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A return that satisfies every rule: 40 engaged, 20 left.
    pub fn balanced() -> ReturnFigures {
        let mut f = ReturnFigures::default();
        for (c, v) in [
            ("engaged_new", 25),
            ("engaged_existing", 15),
            ("left_concluded", 15),
            ("left_dropped_out", 5),
            ("reported_active", 10),
            ("reported_non_active", 5),
            ("age_18_34", 20),
            ("age_35_54", 18),
            ("age_not_stated", 2),
            ("gender_woman", 38),
            ("gender_man", 2),
            ("orientation_heterosexual", 30),
            ("orientation_not_stated", 10),
            ("ethnicity_white", 30),
            ("ethnicity_black", 6),
            ("ethnicity_not_stated", 4),
            ("disability_yes", 12),
            ("disability_no", 28),
            ("coped_asked", 18),
            ("coped_improved", 15),
        ] {
            f.counts.insert(c.to_string(), v);
        }
        f
    }

    #[test]
    fn a_balanced_return_passes() {
        assert_eq!(check(&balanced()), vec![]);
    }

    #[test]
    fn each_rule_names_its_fields() {
        let mut f = balanced();
        f.counts.insert("age_18_34".into(), 21);
        f.counts.insert("coped_improved".into(), 19);
        f.counts.insert("informed_asked".into(), 25);
        f.counts.insert("reported_active".into(), 40);
        f.counts.insert("gender_man".into(), -1);
        let findings = check(&f);
        let first_fields: Vec<&str> = findings.iter().map(|x| x.fields[0]).collect();
        assert_eq!(
            first_fields,
            vec![
                "gender_man",
                "age_17_under",
                "gender_woman",
                "coped_improved",
                "informed_asked",
                "reported_active"
            ]
        );
        assert!(findings[1].message.starts_with("age (age_17_under + "));
        assert!(findings[1]
            .message
            .contains("adds up to 41, but engaged_new + engaged_existing is 40"));
        assert_eq!(
            findings[3].message,
            "coped_improved: 19 reported improvement but only 18 were asked"
        );
        assert!(findings[4]
            .message
            .contains("more than the 20 who left the service"));
        assert!(findings.iter().all(|x| x.severity == Severity::Error));
    }

    #[test]
    fn large_swings_warn_but_small_bases_do_not() {
        let before = balanced();
        let mut after = balanced();
        after.counts.insert("engaged_new".into(), 60);
        after.counts.insert("gender_man".into(), 9);
        let warnings = swings(&before, &after);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].fields, vec!["engaged_new"]);
        assert_eq!(warnings[0].severity, Severity::Warning);
    }
}
