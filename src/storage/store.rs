//! [`Store`]: what the library needs from a storage engine — a few areas of
//! binary values under array keys, read by prefix, written atomically.
//!
//! In the browser it is IndexedDB (`browser::indexed_db`, one object store
//! per [`Area`]); in tests and when the browser refuses storage it is
//! [`MemoryStore`](super::MemoryStore). Keys are paths of strings
//! (`[document id, "incremental", hash]`), so "every chunk of a document"
//! is a prefix read and deleting a document is a prefix delete.
//!
//! Two rules make it safe to use from an async library that the page keeps
//! reading while a write is in flight:
//! * [`Store::write`] applies all of its writes or none of them (one
//!   IndexedDB transaction), and issues them before it returns: the future
//!   only waits for the commit. A page that is being closed can still issue
//!   its last writes synchronously (`Library::flush`).
//! * the future of a write resolves when the data is stored (the
//!   transaction committed), not when a request was accepted: a full disk
//!   shows up there, as [`StoreError::QuotaExceeded`](super::StoreError).

use super::StoreError;
use std::future::Future;

/// The areas of the store (IndexedDB object stores).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// Automerge chunks of every document: `[id, "snapshot" | "incremental", hash]`.
    Chunks,
    /// The index of documents: `[id]` → JSON of its [`DocSummary`](super::DocSummary).
    Documents,
    /// Workspace views (hydrated snapshots, compressed): `[id]`.
    Views,
    /// Data put aside because it could not be read: `[id, where it was]`.
    Quarantine,
}

impl Area {
    pub const ALL: [Area; 4] = [Area::Chunks, Area::Documents, Area::Views, Area::Quarantine];

    /// The object store's name in IndexedDB.
    pub fn name(self) -> &'static str {
        match self {
            Area::Chunks => "chunks",
            Area::Documents => "documents",
            Area::Views => "views",
            Area::Quarantine => "quarantine",
        }
    }
}

/// A key: a path of strings.
pub type Key = Vec<String>;

/// One write of an atomic [`Store::write`].
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    Put {
        area: Area,
        key: Key,
        value: Vec<u8>,
    },
    Delete {
        area: Area,
        key: Key,
    },
    /// Every key that starts with `prefix`.
    DeletePrefix {
        area: Area,
        prefix: Key,
    },
}

impl Write {
    /// How many bytes this write sends to storage (keys and values).
    pub fn size(&self) -> usize {
        let key_len = |key: &Key| key.iter().map(String::len).sum::<usize>();
        match self {
            Write::Put { key, value, .. } => key_len(key) + value.len(),
            Write::Delete { key, .. } => key_len(key),
            Write::DeletePrefix { prefix, .. } => key_len(prefix),
        }
    }
}

/// A storage engine (see the module documentation for its two rules).
pub trait Store {
    /// The value under exactly `key`.
    fn get(&self, area: Area, key: &[String]) -> impl Future<Output = Result<Option<Vec<u8>>, StoreError>>;

    /// The keys that start with `prefix`, in key order.
    fn keys(&self, area: Area, prefix: &[String]) -> impl Future<Output = Result<Vec<Key>, StoreError>>;

    /// The keys that start with `prefix` and their values, in key order.
    fn entries(&self, area: Area, prefix: &[String]) -> impl Future<Output = Result<Vec<(Key, Vec<u8>)>, StoreError>>;

    /// Applies every write, or none (then the error says why). The writes are
    /// issued before this returns; the future waits for them to be stored.
    fn write(&self, writes: Vec<Write>) -> impl Future<Output = Result<(), StoreError>>;

    /// Applies `writes` only if the keys under `prefix` in `area` are exactly
    /// `expected`, read in the same transaction: nothing can land between
    /// the check and the write. `Ok(false)` (nothing written) when they differ.
    fn write_if_keys(
        &self,
        area: Area,
        prefix: &[String],
        expected: &[Key],
        writes: Vec<Write>,
    ) -> impl Future<Output = Result<bool, StoreError>>;
}

/// Whether two lists hold the same keys, whatever their order.
pub fn same_keys(a: &[Key], b: &[Key]) -> bool {
    let mut a: Vec<&Key> = a.iter().collect();
    let mut b: Vec<&Key> = b.iter().collect();
    a.sort();
    b.sort();
    a == b
}

/// Whether `key` starts with `prefix`.
pub fn has_prefix(key: &[String], prefix: &[String]) -> bool {
    key.len() >= prefix.len() && key[..prefix.len()] == *prefix
}

/// Reads a value back and checks it is exactly what was written: data moved
/// from elsewhere is removed there only once its copy is here, intact.
pub async fn read_back(store: &impl Store, area: Area, key: &[String], expected: &[u8]) -> Result<(), StoreError> {
    match store.get(area, key).await? {
        Some(stored) if stored == expected => Ok(()),
        _ => Err(StoreError::Unavailable("copie non relue à l'identique".into())),
    }
}
