//! What a service sees of its own feedback: its finished quarters, each outcome and kind of
//! support as a share rounded to the nearest 10% — computed from counts with random noise added
//! (the Laplace mechanism of differential privacy) — and never a count, not even in words.
//!
//! Why noise: a service holds its own feedback link, so it can send answers of its own and know
//! them. Any exact figure then gives away the one real person among its own fakes, however it is
//! rounded or gated. Every count behind the page carries noise of scale [`SCALE`] — the
//! responses in each quarter since the service's first link (empty quarters too, so a quarter
//! showing says nothing exact about whether anyone answered), those who answered each question,
//! those who said yes — so one answer changes what the page shows by a factor of at most
//! e^(2/[`SCALE`]) = e^0.5, fakes or no fakes. A person answering every question of a quarter
//! is in up to 23 counts: the bound for their whole response is e^5.75 — not nothing, but a
//! guess at any one answer stays a guess. The noise for a service, quarter and question is drawn
//! once from a secret key ([`Noise`]), so looking again shows the same page and a finished
//! quarter cannot be asked twice. Services with many responses see shares close to the truth;
//! small ones see rough ones, or none: that is the price of keeping each person's answer theirs.

use crate::feedback::Feedback;
use crate::vocabulary::{Outcome, OutcomeAnswer, SupportKind};
use data_encoding::HEXLOWER;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::BTreeMap;
use survey_engine::calendar::check_month;

/// The fewest responses (with noise) in a quarter for a service to see that quarter.
pub const SERVICE_MINIMUM: f64 = 10.0;

/// The fewest who answered a question (with noise) for its share to show.
pub const QUESTION_MINIMUM: f64 = 5.0;

/// The Laplace scale of the noise on each count: ε = 1/4 for each count one person is in, so
/// ε = 1/2 for each share (its part and its whole).
pub const SCALE: f64 = 4.0;

/// A source of noise: the same key always gives the same draw.
pub trait Noise {
    /// A draw from the Laplace distribution of scale `scale`, centred on zero, for `key`.
    fn laplace(&self, key: &str, scale: f64) -> f64;
}

/// Noise drawn from a secret key with HMAC-SHA256: unpredictable without the key, the same for
/// the same question every time.
pub struct KeyedNoise<'k> {
    key: &'k [u8],
}

impl<'k> KeyedNoise<'k> {
    pub fn new(key: &'k [u8]) -> Self {
        KeyedNoise { key }
    }

    /// A uniform draw in (0, 1) for `key`.
    fn uniform(&self, key: &str) -> f64 {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(self.key) else {
            return 0.5;
        };
        mac.update(key.as_bytes());
        let bytes = mac.finalize().into_bytes();
        let mut first = [0u8; 8];
        first.copy_from_slice(&bytes[..8]);
        // 52 bits of the hash, nudged off both ends (2^52 − 1/2 is exact in an f64, so the draw
        // is never 1).
        ((u64::from_be_bytes(first) >> 12) as f64 + 0.5) / (1u64 << 52) as f64
    }
}

impl Noise for KeyedNoise<'_> {
    fn laplace(&self, key: &str, scale: f64) -> f64 {
        let u = self.uniform(key) - 0.5;
        -scale * u.signum() * (1.0 - 2.0 * u.abs()).ln()
    }
}

/// What a service sees of one finished quarter that had enough responses (with noise) to show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ServiceQuarter {
    /// `2026-Q3`.
    pub quarter: String,
    /// Each outcome and kind of support whose share shows: (what, "about 70% said yes").
    pub shares: Vec<(String, String)>,
}

/// The quarter a month `YYYY-MM` is in, counted from year 0 (none for anything but a month).
fn quarter_index(month: &str) -> Option<i64> {
    let (year, m) = check_month(month).ok()?;
    Some(i64::from(year) * 4 + i64::from(m - 1) / 3)
}

/// A quarter counted from year 0, as `YYYY-Qn`.
fn quarter_name(index: i64) -> String {
    format!("{}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
}

/// The quarter of a month `YYYY-MM`: `YYYY-Qn`.
pub fn quarter_of(month: &str) -> Option<String> {
    quarter_index(month).map(quarter_name)
}

/// The first month of the quarter `month` (`YYYY-MM`) is in: responses before it are in
/// finished quarters.
pub fn quarter_start(month: &str) -> Option<String> {
    let q = quarter_index(month)?;
    Some(format!(
        "{}-{:02}",
        q.div_euclid(4),
        q.rem_euclid(4) * 3 + 1
    ))
}

/// A share of noisy counts as shown: a percentage rounded to the nearest 10, kept within 0–100.
fn rounded_share(part: f64, whole: f64) -> u32 {
    let share = (part / whole).clamp(0.0, 1.0) * 100.0;
    ((share / 10.0).round() * 10.0) as u32
}

/// The key of one noisy count: the service, quarter, question and which count.
fn key(service: i64, quarter: &str, question: &str, count: &str) -> String {
    format!("{service}|{quarter}|{question}|{count}")
}

/// The quarters from the one `first` (`YYYY-MM`) is in to the last before `this_month`'s, in
/// order, as `YYYY-Qn`.
fn finished_quarters(first: &str, this_month: &str) -> Vec<String> {
    match (quarter_index(first), quarter_index(this_month)) {
        (Some(from), Some(now)) => (from..now).map(quarter_name).collect(),
        _ => Vec::new(),
    }
}

/// Service `service`'s finished quarters that show, oldest first: every quarter from the one its
/// first link was made in (`since`, `YYYY-MM`) to the last before `this_month`'s is weighed,
/// empty or not, and a quarter shows only when its responses with noise reach
/// [`SERVICE_MINIMUM`].
pub fn service_quarters(
    service: i64,
    since: &str,
    responses: &[(&str, &Feedback)],
    this_month: &str,
    noise: &dyn Noise,
) -> Vec<ServiceQuarter> {
    let mut by_quarter: BTreeMap<String, Vec<&Feedback>> = finished_quarters(since, this_month)
        .into_iter()
        .map(|q| (q, Vec::new()))
        .collect();
    for (month, feedback) in responses {
        if let Some(answers) = quarter_of(month).and_then(|q| by_quarter.get_mut(&q)) {
            answers.push(feedback);
        }
    }
    by_quarter
        .into_iter()
        .filter_map(|(quarter, answers)| one_quarter(service, quarter, &answers, noise))
        .collect()
}

fn one_quarter(
    service: i64,
    quarter: String,
    answers: &[&Feedback],
    noise: &dyn Noise,
) -> Option<ServiceQuarter> {
    let noisy = |question: &str, count: &str, value: usize| {
        value as f64 + noise.laplace(&key(service, &quarter, question, count), SCALE)
    };
    if noisy("all", "responses", answers.len()) < SERVICE_MINIMUM {
        return None;
    }
    let mut shares = Vec::new();
    let mut share = |question: &str, label: &str, part: usize, whole: usize, said: &str| {
        let whole = noisy(question, "whole", whole);
        if whole >= QUESTION_MINIMUM {
            let part = noisy(question, "part", part);
            let pct = rounded_share(part, whole);
            shares.push((label.to_string(), format!("about {pct}% {said}")));
        }
    };
    for outcome in Outcome::ALL {
        let answered: Vec<OutcomeAnswer> = answers
            .iter()
            .filter_map(|a| a.outcomes.get(outcome).copied())
            .collect();
        let yes = answered
            .iter()
            .filter(|a| **a == OutcomeAnswer::Yes)
            .count();
        share(
            outcome.code(),
            outcome.label(),
            yes,
            answered.len(),
            "said yes",
        );
    }
    for kind in SupportKind::ALL {
        let wanted: Vec<bool> = answers
            .iter()
            .filter_map(|a| a.support.get(kind))
            .filter(|r| r.wanted())
            .map(|r| r.got())
            .collect();
        let got = wanted.iter().filter(|g| **g).count();
        share(
            kind.code(),
            kind.label(),
            got,
            wanted.len(),
            "of those who wanted it got it",
        );
    }
    Some(ServiceQuarter { quarter, shares })
}

/// A fresh secret key for [`KeyedNoise`], as text to keep.
pub fn new_key(random: [u8; 32]) -> String {
    HEXLOWER.encode(&random)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::SupportReport;

    fn answer(feel_safer: OutcomeAnswer) -> Feedback {
        let mut f = Feedback::default();
        f.outcomes.insert(Outcome::FeelSafer, feel_safer);
        f
    }

    /// No noise: what the shares would be with none.
    struct Exact;
    impl Noise for Exact {
        fn laplace(&self, _: &str, _: f64) -> f64 {
            0.0
        }
    }

    #[test]
    fn finished_quarters_only_as_rounded_shares_and_never_a_count() {
        let (yes, no) = (answer(OutcomeAnswer::Yes), answer(OutcomeAnswer::No));
        let mut got = Feedback::default();
        got.support
            .insert(SupportKind::Counselling, SupportReport::WantedAndGot);
        let mut responses: Vec<(&str, &Feedback)> = vec![("2026-07", &yes); 7];
        responses.extend(vec![("2026-08", &no); 4]);
        responses.extend(vec![("2026-04", &yes); 9]);
        responses.extend(vec![("2026-11", &got); 30]);
        let quarters = service_quarters(1, "2026-02", &responses, "2026-12", &Exact);
        assert_eq!(
            quarters.len(),
            1,
            "Q1 had none, Q2 too few, Q4 is still going"
        );
        assert_eq!(quarters[0].quarter, "2026-Q3");
        assert_eq!(
            quarters[0].shares,
            [("Feel safer".to_string(), "about 60% said yes".to_string())],
            "7 of 11; counselling was wanted in the quarter still going only"
        );
        let said = format!("{quarters:?}");
        assert!(
            !said.contains("11") && !said.contains(" 7 "),
            "no count: {said}"
        );
    }

    #[test]
    fn every_finished_quarter_since_the_first_link_is_weighed() {
        assert_eq!(
            finished_quarters("2025-11", "2026-05"),
            ["2025-Q4", "2026-Q1"],
            "the quarter still going is not"
        );
        assert!(finished_quarters("2026-04", "2026-05").is_empty());
    }

    #[test]
    fn months_fall_in_their_quarters_and_shares_round_to_ten() {
        assert_eq!(quarter_of("2026-12").as_deref(), Some("2026-Q4"));
        // Only real months, as responses are dated (the store refuses the same with the same
        // check).
        for bad in ["2026-13", "2026-1", "202a-01", "2026/01", "2026-00"] {
            assert_eq!(quarter_of(bad), None, "{bad}");
        }
        assert_eq!(quarter_start("2026-12").as_deref(), Some("2026-10"));
        assert_eq!(quarter_start("2026-03").as_deref(), Some("2026-01"));
        assert_eq!(rounded_share(7.0, 11.0), 60);
        assert_eq!(
            rounded_share(-1.0, 6.0),
            0,
            "noise never shows a share below 0"
        );
        assert_eq!(rounded_share(12.0, 11.0), 100, "nor above 100");
    }

    #[test]
    fn the_same_key_draws_the_same_noise_and_the_noise_is_laplace() {
        let noise = KeyedNoise::new(b"a secret key");
        assert_eq!(
            noise.laplace("1|2026-Q3|x|part", SCALE),
            noise.laplace("1|2026-Q3|x|part", SCALE)
        );
        let draws: Vec<f64> = (0..20_000)
            .map(|i| noise.laplace(&format!("k{i}"), SCALE))
            .collect();
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let mean_abs = draws.iter().map(|d| d.abs()).sum::<f64>() / draws.len() as f64;
        assert!(mean.abs() < 0.1, "centred: {mean}");
        assert!(
            (mean_abs - SCALE).abs() < 0.1,
            "E|X| is the scale: {mean_abs}"
        );
    }

    /// The attack a service can make: nine answers of its own and one real person's. Over many
    /// keys, every page it could see is at most about e^0.5 times likelier under one answer than
    /// under the other.
    #[test]
    fn nine_fakes_learn_little_of_the_one_real_answer() {
        let fake = answer(OutcomeAnswer::No);
        let page = |real: OutcomeAnswer, key: u32| {
            let real = answer(real);
            let mut responses: Vec<(&str, &Feedback)> = vec![("2026-07", &fake); 9];
            responses.push(("2026-07", &real));
            let secret = key.to_be_bytes();
            let quarters = service_quarters(
                7,
                "2026-07",
                &responses,
                "2026-12",
                &KeyedNoise::new(&secret),
            );
            format!("{quarters:?}")
        };
        let tally = |real: OutcomeAnswer| {
            let mut seen: BTreeMap<String, u32> = BTreeMap::new();
            for key in 0..6_000 {
                *seen.entry(page(real, key)).or_default() += 1;
            }
            seen
        };
        let (yes, no) = (tally(OutcomeAnswer::Yes), tally(OutcomeAnswer::No));
        for (shown, &n_yes) in &yes {
            let n_no = no.get(shown).copied().unwrap_or(0);
            if n_yes.max(n_no) >= 300 {
                let ratio = f64::from(n_yes.max(n_no)) / f64::from(n_yes.min(n_no).max(1));
                // e^0.5 ≈ 1.65 for the answer, with room for sampling.
                assert!(ratio < 2.0, "{shown}: {n_yes} against {n_no}");
            }
        }
    }
}
