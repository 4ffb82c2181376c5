//! [`MemoryStore`]: a [`Store`] in memory, for native tests and for the page
//! when the browser refuses storage (private modes without IndexedDB).
//!
//! Clones share the same data, so several libraries over clones of one
//! store stand for several tabs of one browser. For tests it can refuse
//! writes beyond a quota (in bytes, like IndexedDB's) and stop answering
//! after a number of operations, as a tab closed or a browser crashing in
//! the middle of a migration would.

use super::store::{has_prefix, same_keys, Area, Key, Store, Write};
use super::StoreError;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::{ready, Future};
use std::rc::Rc;

/// Runs once before a write is applied (tests: another tab's write landing
/// between this tab's read and its write).
type Hook = Box<dyn FnOnce(&MemoryStore)>;

#[derive(Default)]
struct Inner {
    entries: BTreeMap<(Area, Key), Vec<u8>>,
    quota: Option<usize>,
    /// Operations left before the store stops answering (`None`: no limit).
    operations_left: Option<usize>,
    writes: usize,
    bytes_written: usize,
    before_next_write: Option<Hook>,
}

#[derive(Clone, Default)]
pub struct MemoryStore(Rc<RefCell<Inner>>);

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Refuses writes that would make keys and values exceed `bytes` in all.
    pub fn set_quota(&self, bytes: Option<usize>) {
        self.0.borrow_mut().quota = bytes;
    }

    /// After `operations` more reads or writes, every operation fails (as if
    /// the tab had been closed there); `None` lifts the limit.
    pub fn cut_after(&self, operations: Option<usize>) {
        self.0.borrow_mut().operations_left = operations;
    }

    /// Runs `hook` just before the next write is applied.
    pub fn before_next_write(&self, hook: impl FnOnce(&MemoryStore) + 'static) {
        self.0.borrow_mut().before_next_write = Some(Box::new(hook));
    }

    /// Bytes of keys and values stored.
    pub fn used(&self) -> usize {
        self.0.borrow().entries.iter().map(|((_, k), v)| key_size(k) + v.len()).sum()
    }

    /// Atomic writes done so far, and the bytes they sent.
    pub fn written(&self) -> (usize, usize) {
        let inner = self.0.borrow();
        (inner.writes, inner.bytes_written)
    }

    /// Every key of an area (for tests).
    pub fn keys_of(&self, area: Area) -> Vec<Key> {
        self.0.borrow().entries.keys().filter(|(a, _)| *a == area).map(|(_, k)| k.clone()).collect()
    }

    /// Reads a value synchronously (for tests).
    pub fn value(&self, area: Area, key: &[String]) -> Option<Vec<u8>> {
        self.0.borrow().entries.get(&(area, key.to_vec())).cloned()
    }

    /// Writes a value directly, bypassing quota and cuts (for tests that damage data).
    pub fn put_raw(&self, area: Area, key: Key, value: Vec<u8>) {
        self.0.borrow_mut().entries.insert((area, key), value);
    }

    fn operation(&self) -> Result<(), StoreError> {
        let mut inner = self.0.borrow_mut();
        match inner.operations_left {
            Some(0) => Err(StoreError::Unavailable("stockage interrompu".into())),
            Some(n) => {
                inner.operations_left = Some(n - 1);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Runs the hook set by [`before_next_write`](Self::before_next_write), once.
    fn run_hook(&self) {
        let hook = self.0.borrow_mut().before_next_write.take();
        if let Some(hook) = hook {
            hook(self);
        }
    }

    fn apply(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        self.operation()?;
        self.run_hook();
        let mut inner = self.0.borrow_mut();
        // Apply to a copy, so a refused write changes nothing.
        let mut entries = inner.entries.clone();
        let sent: usize = writes.iter().map(Write::size).sum();
        for write in writes {
            match write {
                Write::Put { area, key, value } => {
                    entries.insert((area, key), value);
                }
                Write::Delete { area, key } => {
                    entries.remove(&(area, key));
                }
                Write::DeletePrefix { area, prefix } => {
                    entries.retain(|(a, k), _| !(*a == area && has_prefix(k, &prefix)))
                }
            }
        }
        if let Some(quota) = inner.quota {
            let used: usize = entries.iter().map(|((_, k), v)| key_size(k) + v.len()).sum();
            if used > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        inner.entries = entries;
        inner.writes += 1;
        inner.bytes_written += sent;
        Ok(())
    }

    fn matching(&self, area: Area, prefix: &[String]) -> Result<Vec<(Key, Vec<u8>)>, StoreError> {
        self.operation()?;
        let inner = self.0.borrow();
        Ok(inner
            .entries
            .iter()
            .filter(|((a, k), _)| *a == area && has_prefix(k, prefix))
            .map(|((_, k), v)| (k.clone(), v.clone()))
            .collect())
    }
}

fn key_size(key: &Key) -> usize {
    key.iter().map(String::len).sum()
}

impl Store for MemoryStore {
    fn get(&self, area: Area, key: &[String]) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>> {
        ready(self.operation().map(|()| self.value(area, key)))
    }

    fn keys(&self, area: Area, prefix: &[String]) -> impl Future<Output = Result<Vec<Key>, StoreError>> {
        ready(self.matching(area, prefix).map(|entries| entries.into_iter().map(|(k, _)| k).collect()))
    }

    fn entries(&self, area: Area, prefix: &[String]) -> impl Future<Output = Result<Vec<(Key, Vec<u8>)>, StoreError>> {
        ready(self.matching(area, prefix))
    }

    fn write(&self, writes: Vec<Write>) -> impl Future<Output = Result<(), StoreError>> {
        ready(self.apply(writes))
    }

    fn write_if_keys(
        &self,
        area: Area,
        prefix: &[String],
        expected: &[Key],
        writes: Vec<Write>,
    ) -> impl Future<Output = Result<bool, StoreError>> {
        // Another tab's write lands before the check, never between it and
        // the write (one transaction in IndexedDB).
        self.run_hook();
        let checked = self.matching(area, prefix).and_then(|found| {
            let keys: Vec<Key> = found.into_iter().map(|(k, _)| k).collect();
            if same_keys(&keys, expected) {
                self.apply(writes).map(|()| true)
            } else {
                Ok(false)
            }
        });
        ready(checked)
    }
}
