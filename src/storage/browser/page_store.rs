//! [`PageStore`]: the store the page uses — IndexedDB, or memory when the
//! browser refuses it (some private modes): the app still works, says
//! nothing will be kept, and offers the backup.

use super::indexed_db::IndexedDb;
use crate::storage::store::{Area, Key, Store, Write};
use crate::storage::{MemoryStore, StoreError};
use futures_util::future::Either;
use std::future::Future;

#[derive(Clone)]
pub enum PageStore {
    IndexedDb(IndexedDb),
    Memory(MemoryStore),
}

impl PageStore {
    /// IndexedDB if the browser grants it, else memory with the reason.
    pub async fn open() -> (PageStore, Option<StoreError>) {
        match IndexedDb::open().await {
            Ok(db) => (PageStore::IndexedDb(db), None),
            Err(error) => (PageStore::Memory(MemoryStore::new()), Some(error)),
        }
    }

    pub fn is_persistent(&self) -> bool {
        matches!(self, PageStore::IndexedDb(_))
    }
}

impl Store for PageStore {
    async fn get(&self, area: Area, key: &[String]) -> Result<Option<Vec<u8>>, StoreError> {
        match self {
            PageStore::IndexedDb(s) => s.get(area, key).await,
            PageStore::Memory(s) => s.get(area, key).await,
        }
    }

    async fn keys(&self, area: Area, prefix: &[String]) -> Result<Vec<Key>, StoreError> {
        match self {
            PageStore::IndexedDb(s) => s.keys(area, prefix).await,
            PageStore::Memory(s) => s.keys(area, prefix).await,
        }
    }

    async fn entries(&self, area: Area, prefix: &[String]) -> Result<Vec<(Key, Vec<u8>)>, StoreError> {
        match self {
            PageStore::IndexedDb(s) => s.entries(area, prefix).await,
            PageStore::Memory(s) => s.entries(area, prefix).await,
        }
    }

    async fn write_if_keys(
        &self,
        area: Area,
        prefix: &[String],
        expected: &[Key],
        writes: Vec<Write>,
    ) -> Result<bool, StoreError> {
        match self {
            PageStore::IndexedDb(s) => s.write_if_keys(area, prefix, expected, writes).await,
            PageStore::Memory(s) => s.write_if_keys(area, prefix, expected, writes).await,
        }
    }

    fn write(&self, writes: Vec<Write>) -> impl Future<Output = Result<(), StoreError>> {
        // Not an `async fn`: the writes must be issued now, not at the first poll.
        match self {
            PageStore::IndexedDb(s) => Either::Left(s.write(writes)),
            PageStore::Memory(s) => Either::Right(s.write(writes)),
        }
    }
}
