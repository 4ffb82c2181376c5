//! [`StringStore`]: synchronous storage of strings — `localStorage` in the
//! browser ([`LocalStrings`](super::browser::LocalStrings)), a map in tests.
//! Used for what must be written before a page goes (the `journal`) and to
//! read the previous versions' data (`legacy`).

use super::StoreError;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

pub trait StringStore {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}

/// A [`StringStore`] in memory (tests), shared by its clones.
#[derive(Debug, Clone, Default)]
pub struct MemoryStrings(pub Rc<RefCell<BTreeMap<String, String>>>);

impl MemoryStrings {
    /// Sets a value (tests).
    pub fn insert(&self, key: &str, value: &str) {
        self.0.borrow_mut().insert(key.to_string(), value.to_string());
    }
}

impl StringStore for MemoryStrings {
    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.0.borrow_mut().remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.0.borrow().keys().cloned().collect()
    }
}
