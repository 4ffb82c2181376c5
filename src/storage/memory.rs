//! An in-memory [`KeyValueStore`] for native tests, with an optional quota
//! (in characters, like `localStorage`) to exercise the "storage full" path.

use super::{KeyValueStore, StoreError};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    entries: BTreeMap<String, String>,
    quota: Option<usize>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Refuses writes once keys and values together exceed `chars`.
    pub fn with_quota(chars: usize) -> Self {
        MemoryStore { entries: BTreeMap::new(), quota: Some(chars) }
    }

    pub fn set_quota(&mut self, quota: Option<usize>) {
        self.quota = quota;
    }

    fn used_without(&self, key: &str) -> usize {
        self.entries.iter().filter(|(k, _)| k.as_str() != key).map(|(k, v)| k.len() + v.len()).sum()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = self.quota {
            if self.used_without(key) + key.len() + value.len() > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.entries.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.entries.remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }
}

/// A [`MemoryStore`] shared by several libraries, standing for several tabs
/// of one browser writing to the same `localStorage`.
#[derive(Debug, Clone, Default)]
pub struct SharedMemoryStore(pub std::rc::Rc<std::cell::RefCell<MemoryStore>>);

impl KeyValueStore for SharedMemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.borrow_mut().set(key, value)
    }

    fn remove(&mut self, key: &str) {
        self.0.borrow_mut().remove(key)
    }

    fn keys(&self) -> Vec<String> {
        self.0.borrow().keys()
    }
}
