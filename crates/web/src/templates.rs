//! Page templates (minijinja), embedded in the binary so it runs from any folder.

use crate::error::{AppError, AppResult};
use minijinja::Environment;
use serde::Serialize;

/// Every template, by file name.
const TEMPLATES: [(&str, &str); 67] = [
    (
        "account_setup.html",
        include_str!("../templates/account_setup.html"),
    ),
    (
        "admin_audit.html",
        include_str!("../templates/admin_audit.html"),
    ),
    (
        "admin_cycle.html",
        include_str!("../templates/admin_cycle.html"),
    ),
    (
        "admin_estimates.html",
        include_str!("../templates/admin_estimates.html"),
    ),
    (
        "admin_feedback.html",
        include_str!("../templates/admin_feedback.html"),
    ),
    (
        "admin_home.html",
        include_str!("../templates/admin_home.html"),
    ),
    (
        "admin_publication.html",
        include_str!("../templates/admin_publication.html"),
    ),
    (
        "admin_wave.html",
        include_str!("../templates/admin_wave.html"),
    ),
    ("base.html", include_str!("../templates/base.html")),
    (
        "changelog.html",
        include_str!("../templates/changelog.html"),
    ),
    (
        "coding_agreement.html",
        include_str!("../templates/coding_agreement.html"),
    ),
    (
        "coding_codebook.html",
        include_str!("../templates/coding_codebook.html"),
    ),
    (
        "coding_cycle.html",
        include_str!("../templates/coding_cycle.html"),
    ),
    (
        "coding_cycles.html",
        include_str!("../templates/coding_cycles.html"),
    ),
    (
        "coding_quotes.html",
        include_str!("../templates/coding_quotes.html"),
    ),
    (
        "coding_results.html",
        include_str!("../templates/coding_results.html"),
    ),
    (
        "coding_segments.html",
        include_str!("../templates/coding_segments.html"),
    ),
    (
        "coding_workbench.html",
        include_str!("../templates/coding_workbench.html"),
    ),
    ("confirm.html", include_str!("../templates/confirm.html")),
    (
        "consultations.html",
        include_str!("../templates/consultations.html"),
    ),
    ("cycle.html", include_str!("../templates/cycle.html")),
    (
        "directory.html",
        include_str!("../templates/directory.html"),
    ),
    (
        "directory_entry.html",
        include_str!("../templates/directory_entry.html"),
    ),
    (
        "due_diligence.html",
        include_str!("../templates/due_diligence.html"),
    ),
    ("feedback.html", include_str!("../templates/feedback.html")),
    (
        "feedback_results.html",
        include_str!("../templates/feedback_results.html"),
    ),
    ("grant.html", include_str!("../templates/grant.html")),
    ("grants.html", include_str!("../templates/grants.html")),
    ("home.html", include_str!("../templates/home.html")),
    (
        "instrument_start.html",
        include_str!("../templates/instrument_start.html"),
    ),
    ("login.html", include_str!("../templates/login.html")),
    ("message.html", include_str!("../templates/message.html")),
    (
        "open_link.html",
        include_str!("../templates/open_link.html"),
    ),
    ("pack.html", include_str!("../templates/pack.html")),
    ("packs.html", include_str!("../templates/packs.html")),
    ("pager.html", include_str!("../templates/pager.html")),
    ("pcc_area.html", include_str!("../templates/pcc_area.html")),
    ("pcc_home.html", include_str!("../templates/pcc_home.html")),
    (
        "programme.html",
        include_str!("../templates/programme.html"),
    ),
    (
        "programme_area.html",
        include_str!("../templates/programme_area.html"),
    ),
    (
        "programmes.html",
        include_str!("../templates/programmes.html"),
    ),
    (
        "provision_area.html",
        include_str!("../templates/provision_area.html"),
    ),
    (
        "publication.html",
        include_str!("../templates/publication.html"),
    ),
    (
        "publication_directory.html",
        include_str!("../templates/publication_directory.html"),
    ),
    (
        "publication_instruments.html",
        include_str!("../templates/publication_instruments.html"),
    ),
    (
        "publication_packs.html",
        include_str!("../templates/publication_packs.html"),
    ),
    (
        "publication_qualitative.html",
        include_str!("../templates/publication_qualitative.html"),
    ),
    (
        "publication_versions.html",
        include_str!("../templates/publication_versions.html"),
    ),
    (
        "release_check.html",
        include_str!("../templates/release_check.html"),
    ),
    (
        "release_notes.html",
        include_str!("../templates/release_notes.html"),
    ),
    (
        "service_profile.html",
        include_str!("../templates/service_profile.html"),
    ),
    (
        "staff_nav.html",
        include_str!("../templates/staff_nav.html"),
    ),
    (
        "survey_check.html",
        include_str!("../templates/survey_check.html"),
    ),
    (
        "survey_done.html",
        include_str!("../templates/survey_done.html"),
    ),
    (
        "survey_header.html",
        include_str!("../templates/survey_header.html"),
    ),
    (
        "survey_questions.html",
        include_str!("../templates/survey_questions.html"),
    ),
    (
        "survey_section.html",
        include_str!("../templates/survey_section.html"),
    ),
    (
        "survey_start.html",
        include_str!("../templates/survey_start.html"),
    ),
    ("table.html", include_str!("../templates/table.html")),
    ("trends.html", include_str!("../templates/trends.html")),
    (
        "two_factor.html",
        include_str!("../templates/two_factor.html"),
    ),
    (
        "unsaved_echo.html",
        include_str!("../templates/unsaved_echo.html"),
    ),
    (
        "vacancies.html",
        include_str!("../templates/vacancies.html"),
    ),
    (
        "vacancies_manage.html",
        include_str!("../templates/vacancies_manage.html"),
    ),
    (
        "vacancies_service.html",
        include_str!("../templates/vacancies_service.html"),
    ),
    (
        "vacancy_link_made.html",
        include_str!("../templates/vacancy_link_made.html"),
    ),
    (
        "vfs_return.html",
        include_str!("../templates/vfs_return.html"),
    ),
];

pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    pub fn new() -> AppResult<Self> {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .map_err(|e| AppError::config(format!("template {name}: {e}")))?;
        }
        env.add_filter("thousands", thousands);
        // Figures go through the tables' one rounding function, as every CSV does.
        env.add_filter("whole", |v: f64| frontline_geo::tables::whole(v));
        env.add_filter("one_decimal", |v: f64| {
            frontline_geo::tables::one_decimal(v)
        });
        env.add_filter("percent", |v: Option<f64>| {
            frontline_geo::tables::percent(v)
        });
        env.add_filter("statistic", statistic);
        env.add_filter("heading", |name: String| {
            frontline_geo::columns::heading(&name)
        });
        env.add_filter("row_label", |key: String| row_label(&key));
        // Dates and moments as people read them: `7 December 2026`, `7 December 2026, 11:26 UTC`.
        // Anything not a text (none, say) is shown as it is.
        env.add_filter("day", |v: minijinja::Value| match v.as_str() {
            Some(text) => minijinja::Value::from(in_words(text, false)),
            None => v,
        });
        env.add_filter("when", |v: minijinja::Value| match v.as_str() {
            Some(text) => minijinja::Value::from(in_words(text, true)),
            None => v,
        });
        env.add_filter("numeric_column", |name: String| {
            frontline_geo::columns::is_numeric(&name)
        });
        env.add_filter("is_figure", |cell: minijinja::Value| match cell.as_str() {
            Some(text) => is_figure(text),
            None => cell.is_number(),
        });
        env.add_filter("figure", |cell: minijinja::Value| match cell.as_str() {
            Some(text) => figure(text),
            None => cell.to_string(),
        });
        Ok(Self { env })
    }

    /// The templates as built once for the whole process: for pages rendered where no request
    /// state is at hand (an error's page). `None` only if they fail to build, which the test of
    /// every template rules out.
    pub fn shared() -> Option<&'static Templates> {
        static SHARED: std::sync::OnceLock<Option<Templates>> = std::sync::OnceLock::new();
        SHARED.get_or_init(|| Templates::new().ok()).as_ref()
    }

    pub fn render(&self, name: &str, context: impl Serialize) -> AppResult<String> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(context))
            .map_err(|e| AppError::Task(format!("rendering {name}: {e}")))
    }
}

/// A table cell as readers see it: a whole number or decimal gains thousands separators
/// (762828 → 762,828; 1234.5 → 1,234.5); anything else (`[c]`, names, codes) is as given.
pub fn figure(cell: &str) -> String {
    let (sign, digits) = match cell.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", cell),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let is_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(whole) || fraction.is_some_and(|f| !is_digits(f)) || whole.len() < 4 {
        return cell.to_string();
    }
    let mut out = format!("{sign}{}", group_digits(whole));
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Whether a cell holds a figure (right-aligned where people read it): a number, perhaps with
/// `£`, `%` or thousands separators, or a suppressed `[c]`.
pub fn is_figure(cell: &str) -> bool {
    let bare: String = cell
        .trim()
        .trim_start_matches('£')
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    cell.trim() == frontline_disclosure::SUPPRESSED
        || (!bare.is_empty() && bare.parse::<f64>().is_ok_and(f64::is_finite))
}

/// An agreement statistic to three decimals, or "–" when it is undefined.
pub fn statistic(value: Option<f64>) -> String {
    value.map_or("–".to_string(), |v| format!("{v:.3}"))
}

/// 12345.6 → "12,346": whole numbers with thousands separators, as the report prints them,
/// rounded as every table rounds ([`frontline_geo::tables::whole_number`]).
pub fn thousands(value: f64) -> String {
    let n = frontline_geo::tables::whole_number(value);
    let out = group_digits(&n.unsigned_abs().to_string());
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// "762828" → "762,828": ASCII digits with a comma before every group of three from the right.
fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A stored `YYYY-MM-DD` (or RFC 3339 moment) in words; anything else as it is.
fn in_words(text: &str, with_time: bool) -> String {
    survey_engine::calendar::in_words(text, with_time).unwrap_or_else(|| text.to_string())
}

/// A changed row's key as a reader knows it: a police force area's code becomes its name
/// (`E23000034 / idva` → `Kent / idva`); other keys are shown as they are.
fn row_label(key: &str) -> String {
    static GEOGRAPHY: std::sync::OnceLock<frontline_geo::Geography> = std::sync::OnceLock::new();
    let geography = GEOGRAPHY.get_or_init(frontline_geo::Geography::reference);
    key.split(" / ")
        .map(|part| match geography.find(part) {
            Some(area) if area.code.as_str() == part => area.name.clone(),
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_gain_separators_and_nothing_else_changes() {
        assert_eq!(figure("762828"), "762,828");
        assert_eq!(figure("-1234.5"), "-1,234.5");
        assert_eq!(figure("999"), "999");
        for kept in [
            "[c]",
            "E23000032",
            "2017-09-01",
            "Kent",
            "",
            "12a4",
            "1.2.3",
        ] {
            assert_eq!(figure(kept), kept);
        }
    }

    #[test]
    fn every_template_file_is_embedded_and_compiles() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut on_disk: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".html"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = TEMPLATES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, embedded);
        assert!(Templates::new().is_ok());
    }
}
