//! Limits failed sign-in attempts per account and per client address, in memory.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct LoginLimiter {
    window: Duration,
    max_failures: u32,
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginLimiter {
    pub fn new(max_failures: u32, window: Duration) -> Self {
        Self {
            window,
            max_failures,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether any of `keys` has had too many recent failures.
    pub fn is_blocked(&self, keys: &[String]) -> bool {
        let now = Instant::now();
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter().any(|k| {
            map.get(k).is_some_and(|(count, since)| {
                *count >= self.max_failures && now.duration_since(*since) < self.window
            })
        })
    }

    pub fn record_failure(&self, keys: &[String]) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, (_, since)| now.duration_since(*since) < self.window);
        for k in keys {
            let entry = map.entry(k.clone()).or_insert((0, now));
            entry.0 += 1;
        }
    }

    pub fn clear(&self, keys: &[String]) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for k in keys {
            map.remove(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_until_cleared() {
        let limiter = LoginLimiter::new(3, Duration::from_secs(60));
        let keys = vec!["a@example.org".to_string()];
        for _ in 0..3 {
            assert!(!limiter.is_blocked(&keys));
            limiter.record_failure(&keys);
        }
        assert!(limiter.is_blocked(&keys));
        assert!(!limiter.is_blocked(&["b@example.org".to_string()]));
        limiter.clear(&keys);
        assert!(!limiter.is_blocked(&keys));
    }
}
