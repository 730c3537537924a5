//! Limits on automated abuse of a feedback link that track no one: no address, cookie or device
//! is read or kept.
//!
//! - A field people never see ([`HONEYPOT`]): a form that fills it in is a program.
//! - A [`FormStamp`] in the form says when the page was served, signed so it cannot be forged; a
//!   form sent back sooner than a person could fill it in is discarded, one too old is shown
//!   again to be sent once more (the server may have restarted with a new key).
//! - A [`LinkWindow`] caps the responses one link takes in an hour, whoever sends them.
//! - [`UsedStamps`]: each stamp is taken once, so one page served cannot be sent again and again
//!   (a double tap, Back then Send, or a script replaying it).
//!
//! Discarded forms get the same thank-you page as real ones, so a program learns nothing.

use data_encoding::{HEXLOWER, HEXLOWER_PERMISSIVE};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::{BTreeMap, VecDeque};

/// The name of the hidden field that people never fill in.
pub const HONEYPOT: &str = "contact_me_by_fax_only";

/// The name of the field carrying the [`FormStamp`].
pub const STAMP: &str = "started";

/// What to do with a posted form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Read and keep it.
    Accept,
    /// A program sent it: keep nothing, answer as if kept.
    Discard,
    /// The stamp is missing, forged or stale: show the form again with the answers to send once
    /// more.
    AskAgain,
}

/// The rules of [`judge`].
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// No person answers the form faster than this, in seconds.
    pub min_fill_secs: i64,
    /// A stamp older than this, in seconds, is stale.
    pub max_age_secs: i64,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            min_fill_secs: 4,
            max_age_secs: 24 * 60 * 60,
        }
    }
}

/// Judges a posted form by its honeypot and the seconds since its stamp (none when the stamp
/// is missing or forged).
pub fn judge(honeypot: &str, elapsed_secs: Option<i64>, timing: Timing) -> Verdict {
    if !honeypot.trim().is_empty() {
        return Verdict::Discard;
    }
    match elapsed_secs {
        Some(s) if (0..timing.min_fill_secs).contains(&s) => Verdict::Discard,
        Some(s) if (timing.min_fill_secs..=timing.max_age_secs).contains(&s) => Verdict::Accept,
        _ => Verdict::AskAgain,
    }
}

/// When a form was served, signed with the server's key. It says nothing about the person.
pub struct FormStamp<'k> {
    key: &'k [u8],
}

impl<'k> FormStamp<'k> {
    pub fn new(key: &'k [u8]) -> Self {
        FormStamp { key }
    }

    /// The stamp for a form served at `now` (seconds since the epoch) through `link`; `nonce`
    /// (random, from the caller) tells apart forms served in the same second, so two people who
    /// press Start together both have their answers kept.
    pub fn issue(&self, link: &str, now: i64, nonce: u64) -> String {
        let nonce = format!("{nonce:016x}");
        format!("{now}.{nonce}.{}", self.signature(link, now, &nonce))
    }

    /// Seconds since the stamp was issued, if it is this server's stamp for `link`.
    pub fn elapsed(&self, link: &str, stamp: &str, now: i64) -> Option<i64> {
        let mut parts = stamp.splitn(3, '.');
        let (at, nonce, signature) = (parts.next()?, parts.next()?, parts.next()?);
        let at: i64 = at.parse().ok()?;
        let mac = self.mac(link, at, nonce)?;
        let signature = HEXLOWER_PERMISSIVE.decode(signature.as_bytes()).ok()?;
        mac.verify_slice(&signature).ok()?;
        Some(now - at)
    }

    fn mac(&self, link: &str, at: i64, nonce: &str) -> Option<Hmac<Sha256>> {
        let mut mac = Hmac::<Sha256>::new_from_slice(self.key).ok()?;
        mac.update(link.as_bytes());
        mac.update(b"|");
        mac.update(at.to_string().as_bytes());
        mac.update(b"|");
        mac.update(nonce.as_bytes());
        Some(mac)
    }

    fn signature(&self, link: &str, at: i64, nonce: &str) -> String {
        self.mac(link, at, nonce)
            .map(|m| HEXLOWER.encode(&m.finalize().into_bytes()))
            .unwrap_or_default()
    }
}

/// Stamps already taken, each kept until it could no longer be accepted anyway: in memory only.
#[derive(Debug, Default)]
pub struct UsedStamps {
    max_age_secs: i64,
    taken: BTreeMap<String, i64>,
}

impl UsedStamps {
    pub fn new(timing: Timing) -> Self {
        UsedStamps {
            max_age_secs: timing.max_age_secs,
            taken: BTreeMap::new(),
        }
    }

    /// Takes `stamp` at `now` (seconds); false when it was taken before.
    pub fn take(&mut self, stamp: &str, now: i64) -> bool {
        let max_age = self.max_age_secs;
        self.taken.retain(|_, at| now - *at <= max_age);
        match self.taken.entry(stamp.to_string()) {
            std::collections::btree_map::Entry::Occupied(_) => false,
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(now);
                true
            }
        }
    }
}

/// Responses accepted per link in the last hour, kept in memory only: times, never who.
#[derive(Debug, Default)]
pub struct LinkWindow {
    per_hour: usize,
    seen: BTreeMap<i64, VecDeque<i64>>,
}

impl LinkWindow {
    pub fn new(per_hour: usize) -> Self {
        LinkWindow {
            per_hour,
            seen: BTreeMap::new(),
        }
    }

    /// Takes one response through `link` at `now` (seconds) if the link has room this hour.
    pub fn admit(&mut self, link: i64, now: i64) -> bool {
        let times = self.seen.entry(link).or_default();
        while times.front().is_some_and(|t| now - t >= 3_600) {
            times.pop_front();
        }
        if times.len() >= self.per_hour {
            return false;
        }
        times.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_filled_honeypot_or_a_form_sent_too_soon_is_discarded() {
        let timing = Timing::default();
        assert_eq!(judge("http://spam", Some(60), timing), Verdict::Discard);
        assert_eq!(judge("", Some(1), timing), Verdict::Discard);
        assert_eq!(judge("", Some(60), timing), Verdict::Accept);
        assert_eq!(judge("", None, timing), Verdict::AskAgain);
        assert_eq!(judge("", Some(2 * 24 * 3_600), timing), Verdict::AskAgain);
        assert_eq!(judge("", Some(-5), timing), Verdict::AskAgain);
    }

    #[test]
    fn a_stamp_cannot_be_forged_moved_to_another_link_or_back_dated() {
        let stamp = FormStamp::new(b"server key");
        let issued = stamp.issue("link-a", 1_000, 42);
        assert_ne!(
            issued,
            stamp.issue("link-a", 1_000, 43),
            "forms of the same second differ"
        );
        assert_eq!(stamp.elapsed("link-a", &issued, 1_030), Some(30));
        assert_eq!(stamp.elapsed("link-b", &issued, 1_030), None);
        let back_dated = issued.replacen("1000", "0900", 1);
        assert_eq!(stamp.elapsed("link-a", &back_dated, 1_030), None);
        assert_eq!(
            FormStamp::new(b"other key").elapsed("link-a", &issued, 1_030),
            None
        );
        assert_eq!(stamp.elapsed("link-a", "garbage", 1_030), None);
        assert_eq!(stamp.elapsed("link-a", "1000.zz", 1_030), None);
    }

    #[test]
    fn a_stamp_is_taken_once_and_forgotten_once_it_could_not_be_accepted() {
        let mut used = UsedStamps::new(Timing::default());
        assert!(used.take("100.ab", 200));
        assert!(!used.take("100.ab", 260), "a second send of the same page");
        assert!(used.take("150.cd", 260));
        assert!(
            used.take("100.ab", 200 + 24 * 3_600 + 1),
            "gone after a day"
        );
    }

    #[test]
    fn a_link_takes_its_hourly_cap_and_then_waits() {
        let mut window = LinkWindow::new(2);
        assert!(window.admit(1, 0));
        assert!(window.admit(1, 10));
        assert!(!window.admit(1, 20));
        assert!(window.admit(2, 20), "another link has its own cap");
        assert!(
            window.admit(1, 3_600),
            "the first response has left the hour"
        );
    }

    proptest! {
        #[test]
        fn a_link_never_takes_more_than_its_cap_in_any_hour(
            gaps in proptest::collection::vec(0i64..900, 1..200),
            cap in 1usize..10,
        ) {
            let mut window = LinkWindow::new(cap);
            let mut now = 0;
            let mut accepted: Vec<i64> = Vec::new();
            for gap in gaps {
                now += gap;
                if window.admit(7, now) {
                    accepted.push(now);
                }
            }
            for (i, start) in accepted.iter().enumerate() {
                let within = accepted[i..].iter().take_while(|t| **t - start < 3_600).count();
                prop_assert!(within <= cap);
            }
        }
    }
}
