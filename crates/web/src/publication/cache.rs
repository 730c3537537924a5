//! Unreleased builds kept per data revision: a draft preview or draft pack is built once for the
//! revision the data is at and served from memory — its page and every map and file it links —
//! until any change moves the revision (`store::revision`). One build per key at a time: those
//! asking for the same key meanwhile wait for it instead of building it again.

use crate::error::AppResult;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// How many builds a cache keeps unless told otherwise (the least recently used goes first).
pub const KEPT: usize = 12;

/// Builds of `V` by key (the year and edition, or the year, area and scope), each with the data
/// revision it was built at.
pub struct BuildCache<V> {
    slots: Mutex<HashMap<String, Arc<Slot<V>>>>,
    clock: AtomicU64,
    /// How many builds are kept.
    capacity: usize,
}

struct Slot<V> {
    built: Mutex<Option<(i64, Arc<V>)>>,
    used: AtomicU64,
}

impl<V> Default for BuildCache<V> {
    fn default() -> Self {
        BuildCache::keeping(KEPT)
    }
}

/// A poisoned lock only means another build panicked; what it guards is still whole.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<V> BuildCache<V> {
    /// A cache keeping at most `capacity` builds (at least one): small values (counts, lists
    /// for one programme) may keep many, whole sites few.
    pub fn keeping(capacity: usize) -> Self {
        BuildCache {
            slots: Mutex::new(HashMap::new()),
            clock: AtomicU64::new(0),
            capacity: capacity.max(1),
        }
    }

    /// The build for `key` at `revision`: the kept one if it was built at that revision or a
    /// later one, else `build`'s (kept unless it failed).
    pub fn get_or_build(
        &self,
        key: &str,
        revision: i64,
        build: impl FnOnce() -> AppResult<V>,
    ) -> AppResult<Arc<V>> {
        let slot = self.slot(key);
        let mut built = lock(&slot.built);
        // A build at a later revision than the one asked for holds every change up to it too.
        if let Some((at, kept)) = built.as_ref() {
            if *at >= revision {
                return Ok(Arc::clone(kept));
            }
        }
        *built = None;
        match build() {
            Ok(fresh) => {
                let fresh = Arc::new(fresh);
                *built = Some((revision, Arc::clone(&fresh)));
                drop(built);
                // Only a build that succeeded makes room: the least recently used others go.
                self.trim(key);
                Ok(fresh)
            }
            Err(e) => {
                // A failed build keeps no place: asking for what does not exist never pushes
                // out what does.
                drop(built);
                lock(&self.slots).remove(key);
                Err(e)
            }
        }
    }

    /// How many builds are kept.
    pub fn len(&self) -> usize {
        lock(&self.slots).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The key's slot, made if new.
    fn slot(&self, key: &str) -> Arc<Slot<V>> {
        let now = self.clock.fetch_add(1, Ordering::Relaxed);
        let mut slots = lock(&self.slots);
        if let Some(slot) = slots.get(key) {
            slot.used.store(now, Ordering::Relaxed);
            return Arc::clone(slot);
        }
        let slot = Arc::new(Slot {
            built: Mutex::new(None),
            used: AtomicU64::new(now),
        });
        slots.insert(key.to_string(), Arc::clone(&slot));
        slot
    }

    /// Drops the least recently used slots other than `key`'s until the capacity is kept.
    fn trim(&self, key: &str) {
        let mut slots = lock(&self.slots);
        while slots.len() > self.capacity {
            let oldest = slots
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .min_by_key(|(_, s)| s.used.load(Ordering::Relaxed))
                .map(|(k, _)| k.clone());
            match oldest {
                Some(oldest) => slots.remove(&oldest),
                None => break,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn a_build_is_kept_until_the_revision_moves() {
        let cache = BuildCache::default();
        let builds = AtomicUsize::new(0);
        let build = |n: &str| {
            let n = n.to_string();
            let builds = &builds;
            move || {
                builds.fetch_add(1, Ordering::SeqCst);
                Ok::<_, AppError>(n)
            }
        };
        assert_eq!(
            *cache.get_or_build("2017/draft", 7, build("a")).unwrap(),
            "a"
        );
        assert_eq!(
            *cache.get_or_build("2017/draft", 7, build("b")).unwrap(),
            "a"
        );
        assert_eq!(builds.load(Ordering::SeqCst), 1);
        assert_eq!(
            *cache.get_or_build("2017/draft", 8, build("c")).unwrap(),
            "c"
        );
        // Asked at an older revision than the kept build's: the kept one holds its changes.
        assert_eq!(
            *cache.get_or_build("2017/draft", 7, build("x")).unwrap(),
            "c"
        );
        assert_eq!(
            *cache.get_or_build("2016/draft", 8, build("d")).unwrap(),
            "d"
        );
        assert_eq!(builds.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_failed_build_is_not_kept_and_the_oldest_goes_first() {
        let cache: BuildCache<usize> = BuildCache::default();
        let failed = cache.get_or_build("k", 1, || Err(AppError::Task("no".into())));
        assert!(failed.is_err());
        assert!(cache.is_empty(), "a failed build keeps no place");
        assert_eq!(*cache.get_or_build("k", 1, || Ok(1)).unwrap(), 1);
        for i in 0..KEPT + 3 {
            cache.get_or_build(&i.to_string(), 1, || Ok(i)).unwrap();
            // "k" stays in use, so it is never the least recently used.
            cache.get_or_build("k", 1, || Ok(99)).unwrap();
        }
        assert_eq!(cache.len(), KEPT);
        assert_eq!(*cache.get_or_build("k", 1, || Ok(99)).unwrap(), 1);
        // A full cache asked for what cannot be built keeps every build it had.
        let failed = cache.get_or_build("missing", 1, || Err(AppError::Task("no".into())));
        assert!(failed.is_err());
        assert_eq!(cache.len(), KEPT);
        assert_eq!(*cache.get_or_build("k", 1, || Ok(99)).unwrap(), 1);
        let small: BuildCache<usize> = BuildCache::keeping(2);
        for i in 0..5 {
            small.get_or_build(&i.to_string(), 1, || Ok(i)).unwrap();
        }
        assert_eq!(small.len(), 2);
        assert_eq!(*small.get_or_build("4", 1, || Ok(0)).unwrap(), 4);
    }

    #[test]
    fn those_asking_at_once_share_one_build() {
        let cache: Arc<BuildCache<usize>> = Arc::new(BuildCache::default());
        let builds = Arc::new(AtomicUsize::new(0));
        let askers: Vec<_> = (0..5)
            .map(|_| {
                let (cache, builds) = (Arc::clone(&cache), Arc::clone(&builds));
                std::thread::spawn(move || {
                    *cache
                        .get_or_build("2017/draft", 3, || {
                            builds.fetch_add(1, Ordering::SeqCst);
                            std::thread::sleep(std::time::Duration::from_millis(50));
                            Ok(5)
                        })
                        .unwrap()
                })
            })
            .collect();
        for asker in askers {
            assert_eq!(asker.join().unwrap(), 5);
        }
        assert_eq!(builds.load(Ordering::SeqCst), 1);
    }
}
