//! How a document is laid out in storage, as automerge-repo lays it out: a
//! snapshot chunk (the whole document, `save()`) and incremental chunks (the
//! changes saved after it, `save_after`), each under its own key
//! `[document id, "snapshot" | "incremental", hash]`. Loading concatenates
//! them, snapshots first.
//!
//! Keys name their content: an incremental chunk by the SHA-256 of its
//! bytes, a snapshot by the SHA-256 of the heads it holds. Two tabs writing
//! the same changes write the same key; a write never replaces different
//! data. What this tab knows of a document's chunks ([`Stored`]) decides
//! what the next save writes and when to compact: once the incremental
//! chunks outweigh the snapshot, a new snapshot replaces every chunk this
//! tab has read or written — never one it has not seen, which another tab
//! may just have added.

use super::store::Key;
use automerge::ChangeHash;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChunkKind {
    Snapshot,
    Incremental,
}

impl ChunkKind {
    pub fn name(self) -> &'static str {
        match self {
            ChunkKind::Snapshot => "snapshot",
            ChunkKind::Incremental => "incremental",
        }
    }
}

/// One chunk of a document: its kind and the hash naming it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChunkKey {
    pub kind: ChunkKind,
    pub hash: String,
}

impl ChunkKey {
    pub fn incremental(bytes: &[u8]) -> ChunkKey {
        ChunkKey { kind: ChunkKind::Incremental, hash: hex_sha256([bytes]) }
    }

    /// automerge-repo's `headsHash`: the SHA-256 of the heads' hex strings.
    pub fn snapshot(heads: &[ChangeHash]) -> ChunkKey {
        let hex: Vec<String> = heads.iter().map(ToString::to_string).collect();
        ChunkKey { kind: ChunkKind::Snapshot, hash: hex_sha256(hex.iter().map(String::as_bytes)) }
    }

    /// A snapshot named by its bytes (documents moved from `localStorage`,
    /// copied without being parsed).
    pub fn snapshot_of_bytes(bytes: &[u8]) -> ChunkKey {
        ChunkKey { kind: ChunkKind::Snapshot, hash: hex_sha256([bytes]) }
    }

    /// The store key of this chunk of document `doc`.
    pub fn key(&self, doc: &str) -> Key {
        vec![doc.to_string(), self.kind.name().to_string(), self.hash.clone()]
    }

    /// Where it is, in words (quarantine labels): `incremental/3fa2…`.
    pub fn label(&self) -> String {
        format!("{}/{}", self.kind.name(), self.hash)
    }

    /// The document and chunk of a store key.
    pub fn parse(key: &[String]) -> Option<(String, ChunkKey)> {
        let [doc, kind, hash] = key else { return None };
        let kind = match kind.as_str() {
            "snapshot" => ChunkKind::Snapshot,
            "incremental" => ChunkKind::Incremental,
            _ => return None,
        };
        Some((doc.clone(), ChunkKey { kind, hash: hash.clone() }))
    }
}

fn hex_sha256<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Below this many bytes of incremental chunks a document is never compacted:
/// rewriting a small document at every save would cost more than it saves.
pub const COMPACT_AFTER_BYTES: usize = 4 * 1024;

/// Or after this many incremental chunks, whatever their size (each costs a
/// little at every load).
pub const COMPACT_AFTER_CHUNKS: usize = 256;

/// What this tab knows of one document's chunks in storage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stored {
    /// The chunks read or written by this tab, with their size in bytes
    /// (0 when only their key was seen).
    pub known: BTreeMap<ChunkKey, usize>,
    /// Every change that is an ancestor of one of these is stored. Not
    /// always heads: after merging another tab's chunks, their changes are
    /// added, which `save_after` accepts as well.
    pub saved: Vec<ChangeHash>,
    /// The order of the write that set `saved` (see `saving`).
    pub saved_seq: u64,
}

impl Stored {
    /// Whether a new snapshot should replace the known chunks: the
    /// incremental chunks outweigh the snapshot (automerge-repo's rule),
    /// with a floor for small documents, or are many.
    pub fn should_compact(&self) -> bool {
        let (mut snapshots, mut incrementals, mut count) = (0, 0, 0);
        for (key, size) in &self.known {
            match key.kind {
                ChunkKind::Snapshot => snapshots += size,
                ChunkKind::Incremental => {
                    incrementals += size;
                    count += 1;
                }
            }
        }
        (incrementals >= snapshots.max(COMPACT_AFTER_BYTES)) || count >= COMPACT_AFTER_CHUNKS
    }

    /// Whether nothing of this document is stored yet (its first save
    /// writes a snapshot).
    pub fn is_new(&self) -> bool {
        self.known.is_empty()
    }
}

/// A digest of a set of chunk keys: a workspace view is trusted only for the
/// exact set of chunks it was made from (see `views`).
pub fn fingerprint<'a>(keys: impl IntoIterator<Item = &'a ChunkKey>) -> String {
    let mut names: Vec<String> = keys.into_iter().map(ChunkKey::label).collect();
    names.sort();
    names.dedup();
    hex_sha256(names.iter().map(String::as_bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_name_their_content() {
        let key = ChunkKey::incremental(b"abc");
        assert_eq!(key.hash, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(ChunkKey::parse(&key.key("doc")), Some(("doc".to_string(), key.clone())));
        assert_eq!(ChunkKey::parse(&["doc".into(), "sync-state".into(), "x".into()]), None);
        assert_eq!(ChunkKey::snapshot(&[]).kind, ChunkKind::Snapshot);
        assert_ne!(ChunkKey::snapshot_of_bytes(b"abc").hash, ChunkKey::snapshot(&[]).hash);
    }

    #[test]
    fn a_document_compacts_once_its_changes_outweigh_its_snapshot() {
        let mut stored = Stored::default();
        stored.known.insert(ChunkKey::snapshot(&[]), 10_000);
        for i in 0..99u32 {
            stored.known.insert(ChunkKey::incremental(&i.to_le_bytes()), 100);
        }
        assert!(!stored.should_compact());
        stored.known.insert(ChunkKey::incremental(b"last"), 100);
        assert!(stored.should_compact());
        // A small document: not before 4 KB of changes.
        let mut small = Stored::default();
        small.known.insert(ChunkKey::snapshot(&[]), 500);
        small.known.insert(ChunkKey::incremental(b"a"), 3_000);
        assert!(!small.should_compact());
    }

    #[test]
    fn a_fingerprint_depends_on_the_set_of_keys_only() {
        let (a, b) = (ChunkKey::incremental(b"a"), ChunkKey::incremental(b"b"));
        assert_eq!(fingerprint([&a, &b]), fingerprint([&b, &a]));
        assert_ne!(fingerprint([&a]), fingerprint([&a, &b]));
    }
}
