//! Each respondent link's last good view, kept in memory for a short while: when the database is
//! out of reach for a moment, the page a respondent posted can be shown again with everything
//! they typed without it. Keyed by the link's hash, never the link itself; bounded in size and
//! age.

use crate::crypto::{LinkToken, TokenHash};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many links are remembered at most; the oldest is forgotten first.
const CAPACITY: usize = 4_096;
/// How long a view is remembered.
const FOR: Duration = Duration::from_secs(2 * 60 * 60);

pub struct Remembered<T> {
    views: Mutex<HashMap<TokenHash, (Instant, T)>>,
}

impl<T> Default for Remembered<T> {
    fn default() -> Self {
        Self {
            views: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Clone> Remembered<T> {
    /// Keeps `view` as the latest of the link `token`.
    pub fn remember(&self, token: &LinkToken, view: &T) {
        let Ok(mut views) = self.views.lock() else {
            return;
        };
        views.retain(|_, (at, _)| at.elapsed() < FOR);
        if views.len() >= CAPACITY {
            let oldest = views
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(key, _)| key.clone());
            if let Some(key) = oldest {
                views.remove(&key);
            }
        }
        views.insert(token.hash(), (Instant::now(), view.clone()));
    }

    /// Forgets the link `token` (it is unknown, or its survey has closed).
    pub fn forget(&self, token: &LinkToken) {
        if let Ok(mut views) = self.views.lock() {
            views.remove(&token.hash());
        }
    }

    /// The latest view of the link `token`, if one is remembered and recent.
    pub fn recall(&self, token: &LinkToken) -> Option<T> {
        let views = self.views.lock().ok()?;
        let (at, view) = views.get(&token.hash())?;
        (at.elapsed() < FOR).then(|| view.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_recalled_by_itself_only_and_the_oldest_goes_first() {
        let remembered: Remembered<u32> = Remembered::default();
        let (a, b) = (LinkToken::generate(), LinkToken::generate());
        remembered.remember(&a, &1);
        assert_eq!(remembered.recall(&a), Some(1));
        assert_eq!(remembered.recall(&b), None);
        for n in 0..CAPACITY as u32 {
            remembered.remember(&LinkToken::generate(), &n);
        }
        assert_eq!(remembered.recall(&a), None, "the oldest was forgotten");
        remembered.remember(&b, &2);
        remembered.forget(&b);
        assert_eq!(remembered.recall(&b), None, "a closed link is forgotten");
    }
}
