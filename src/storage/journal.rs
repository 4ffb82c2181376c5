//! The journal: the last changes of a page being closed, written to
//! `localStorage` synchronously next to their IndexedDB write.
//!
//! A page that is closed, reloaded or navigated away cannot wait for an
//! IndexedDB transaction: the browser may tear the page down before it
//! commits, and an edit made in the last moments (within the save delay)
//! would be lost. `localStorage` is written at once. So when the page is
//! hidden or left, `Library::flush` writes each pending chunk to both: to
//! the journal first (a few hundred bytes for an edit), then to IndexedDB;
//! once IndexedDB has it, the journal entry is removed. An entry still there
//! at the next start (of this tab or another) is moved into the store the
//! way the previous versions' documents are: copied under the same key the
//! lost write would have used, read back, then removed.

use super::backup;
use super::chunks::{ChunkKey, ChunkKind};
use super::library::DocSummary;
use super::store::{read_back, Area, Store, Write};
use super::strings::StringStore;
use super::StoreError;
use serde::{Deserialize, Serialize};

const PREFIX: &str = "gouvernail/journal/";

/// One chunk kept in the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The chunk's bytes, base64.
    pub data: String,
    /// The document's index entry, for a document not stored yet.
    #[serde(default)]
    pub summary: Option<DocSummary>,
}

/// The journal key of a chunk of document `doc`.
pub fn key(doc: &str, chunk: &ChunkKey) -> String {
    format!("{PREFIX}{doc}/{}/{}", chunk.kind.name(), chunk.hash)
}

/// The document and chunk of a journal key.
pub fn parse(key: &str) -> Option<(String, ChunkKey)> {
    let rest = key.strip_prefix(PREFIX)?;
    let mut parts = rest.rsplitn(3, '/');
    let (hash, kind, doc) = (parts.next()?, parts.next()?, parts.next()?);
    ChunkKey::parse(&[doc.to_string(), kind.to_string(), hash.to_string()])
}

/// Writes a chunk to the journal; `false` when `localStorage` refuses it.
pub fn record(
    strings: &mut impl StringStore,
    doc: &str,
    chunk: &ChunkKey,
    bytes: &[u8],
    summary: Option<DocSummary>,
) -> bool {
    let entry = Entry { data: backup::encode(bytes), summary };
    let Ok(text) = serde_json::to_string(&entry) else { return false };
    strings.set(&key(doc, chunk), &text).is_ok()
}

/// Whether the journal holds anything.
pub fn has_entries(strings: &impl StringStore) -> bool {
    strings.keys().iter().any(|k| parse(k).is_some())
}

/// Moves every journal entry into the store. Returns the documents it
/// touched; on an error the rest stays in the journal for the next start.
pub async fn replay(strings: &mut impl StringStore, store: &impl Store) -> Result<Vec<String>, StoreError> {
    let mut documents = Vec::new();
    for key in strings.keys() {
        let Some((doc, chunk)) = parse(&key) else { continue };
        let entry = strings.get(&key).and_then(|text| serde_json::from_str::<Entry>(&text).ok());
        let bytes = entry.as_ref().and_then(|e| backup::decode(&e.data));
        let (Some(entry), Some(bytes)) = (entry, bytes) else {
            // Not ours to read (a write cut in the middle): nothing to keep.
            strings.remove(&key);
            continue;
        };
        let mut writes = vec![Write::Put { area: Area::Chunks, key: chunk.key(&doc), value: bytes.clone() }];
        let index_key = vec![doc.clone()];
        let listed = store.get(Area::Documents, &index_key).await?.is_some();
        match entry.summary {
            Some(summary) if !listed => {
                let value = serde_json::to_vec(&summary).unwrap_or_default();
                writes.push(Write::Put { area: Area::Documents, key: index_key, value });
            }
            // An incremental chunk of a document no longer listed (removed
            // meanwhile) would lack its history: the removal wins.
            None if !listed && chunk.kind == ChunkKind::Incremental => {
                strings.remove(&key);
                continue;
            }
            _ => {}
        }
        store.write(writes).await?;
        read_back(store, Area::Chunks, &chunk.key(&doc), &bytes).await?;
        strings.remove(&key);
        if !documents.contains(&doc) {
            documents.push(doc);
        }
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_other_keys_are_not_the_journal() {
        let chunk = ChunkKey::incremental(b"x");
        assert_eq!(parse(&key("a/b", &chunk)), Some(("a/b".to_string(), chunk)));
        assert_eq!(parse("gouvernail/v1/doc/x"), None);
        assert_eq!(parse("gouvernail/journal/x/sync-state/y"), None);
    }
}
