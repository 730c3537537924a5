//! A service's profile as the provision map reads it from the service-profile answers: what it
//! offers, to whom, who leads it and how people reach it. Unknown codes are skipped, so a
//! profile given under an older wording still counts for what it says.

use crate::gaps::ServiceProfile;
use crate::vocabulary::{Community, Gender, ReferralRoute, ServiceType};
use std::collections::BTreeSet;
use survey_engine::Answers;

fn codes<T: Ord>(
    answers: &Answers,
    question: &str,
    parse: fn(&str) -> Result<T, String>,
) -> BTreeSet<T> {
    answers
        .choices(question)
        .into_iter()
        .filter_map(|code| parse(code).ok())
        .collect()
}

impl ServiceProfile {
    /// Reads the questions `services_offered`, `genders_served`, `by_and_for` and
    /// `referral_routes` of a service-profile answer set.
    pub fn from_answers(answers: &Answers) -> Self {
        Self {
            offers: codes(answers, "services_offered", ServiceType::parse),
            genders: codes(answers, "genders_served", Gender::parse),
            by_and_for: codes(answers, "by_and_for", Community::parse),
            referral_routes: codes(answers, "referral_routes", ReferralRoute::parse),
        }
    }

    /// Whether the service offers refuge, whose location is never published.
    pub fn is_refuge(&self) -> bool {
        self.offers.contains(&ServiceType::Refuge)
    }
}

/// Whether `text` holds something shaped like a UK postcode (`CT1 2AB`, `SW1A1AA`): a refuge's
/// public contact must never locate it.
pub fn has_postcode(text: &str) -> bool {
    let outward = |t: &str| {
        let b = t.as_bytes();
        let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        (1..=2).contains(&letters)
            && b.len() > letters
            && b[letters].is_ascii_digit()
            && b.len() - letters <= 2 + usize::from(letters == 1)
            && b[letters..].iter().all(u8::is_ascii_alphanumeric)
            && (2..=4).contains(&b.len())
    };
    let inward = |t: &str| {
        let b = t.as_bytes();
        b.len() == 3 && b[0].is_ascii_digit() && b[1..].iter().all(u8::is_ascii_alphabetic)
    };
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    let joined = words.iter().any(|w| {
        (5..=7).contains(&w.len())
            && w.is_char_boundary(w.len() - 3)
            && outward(&w[..w.len() - 3])
            && inward(&w[w.len() - 3..])
    });
    joined || words.windows(2).any(|p| outward(&p[0]) && inward(&p[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_are_recognised_and_phone_numbers_are_not() {
        for text in [
            "1 High St, Canterbury CT1 2AB",
            "sw1a 1aa",
            "at M11AE please",
            "EC1V 9HX",
        ] {
            assert!(has_postcode(text), "{text}");
        }
        for text in [
            "0808 000 0000",
            "www.example.org/help",
            "help@example.org",
            "Call 0300 123 4567 (24 hours)",
        ] {
            assert!(!has_postcode(text), "{text}");
        }
    }

    #[test]
    fn answers_become_a_profile_and_unknown_codes_are_skipped() {
        let answers = Answers::from_json(
            r#"{"services_offered": ["idva", "refuge", "retired_code"], "genders_served": ["women"],
                "by_and_for": ["black_and_minoritised"], "referral_routes": ["self", "police"]}"#,
        )
        .expect("answers");
        let p = ServiceProfile::from_answers(&answers);
        assert_eq!(
            p.offers,
            [ServiceType::Idva, ServiceType::Refuge]
                .into_iter()
                .collect()
        );
        assert!(p.is_refuge());
        assert!(p.genders.contains(&Gender::Women));
        assert!(p.by_and_for.contains(&Community::BlackAndMinoritised));
        assert_eq!(p.referral_routes.len(), 2);
        assert_eq!(
            ServiceProfile::from_answers(&Answers::new()),
            ServiceProfile::default()
        );
    }
}
