//! Persistence of documents in browser storage, and nothing else.
//!
//! `src/storage` is the only code that touches browser storage (guarded by
//! `tests/architecture.rs`). The logic lives in [`Library`], generic over a
//! tiny [`KeyValueStore`] trait so it is tested natively with
//! [`MemoryStore`]; `browser` implements the trait over `localStorage` with
//! gloo-storage and adds what only a browser has (the `storage` event of
//! other tabs, debounced saving, `navigator.storage`).
//!
//! Guarantees (DESIGN.md, invariant 6, "nothing is lost"):
//! * saving a document first merges what is stored under its key (another
//!   tab may have written), then writes the union;
//! * a failed write keeps everything in memory, stays pending, and is
//!   reported so the UI can offer a backup download;
//! * a stored entry that does not decode is moved aside to a quarantine key,
//!   never overwritten, and reported.

mod backup;
mod keys;
mod library;
mod memory;
mod snapshot;
mod transfer;

#[cfg(target_arch = "wasm32")]
pub mod browser;

pub use backup::{Backup, BackupEntry};
pub use keys::StorageKey;
pub use library::{DocSummary, Library, OpenReport, Quarantined, SaveOutcome};
pub use memory::{MemoryStore, SharedMemoryStore};
pub use transfer::ImportOutcome;

use thiserror::Error;

/// Why a write to storage failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    #[error("L'espace de stockage du navigateur est plein : vos dernières modifications sont conservées dans cette page mais pas encore enregistrées. Téléchargez une sauvegarde, puis libérez de la place.")]
    QuotaExceeded,
    #[error("Le navigateur refuse l'enregistrement ({0}). Vos modifications restent dans cette page : téléchargez une sauvegarde.")]
    Unavailable(String),
}

/// A string key-value store: `localStorage` in the browser, a map in tests.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
}
