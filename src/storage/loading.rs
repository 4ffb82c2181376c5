//! Reading a document back from its chunks.
//!
//! The fast path concatenates every chunk, snapshots first, and loads them
//! in one call (chunk by chunk would cost a full load each). When that
//! fails, each chunk is checked on its own to say which one is damaged: the
//! document is then put aside whole (`quarantine`), because its other
//! changes may depend on the damaged ones, and a document missing some of
//! its history must never be saved back over the chunks that hold it.

use super::chunks::{ChunkKey, ChunkKind};
use super::store::Key;
use crate::model::Document;
use automerge::{AutoCommit, AutomergeError, LoadOptions, VerificationMode};
use std::collections::BTreeMap;

/// The chunks of one document as read from the store.
pub type Chunks = Vec<(ChunkKey, Vec<u8>)>;

/// What reading a document's chunks gave.
pub enum Read {
    /// No chunk: the document is not (or no longer) stored.
    Absent,
    Loaded {
        doc: Box<Document>,
        sizes: BTreeMap<ChunkKey, usize>,
    },
    /// Unreadable: every chunk, to put aside, and why in French.
    Damaged {
        chunks: Chunks,
        reason: String,
    },
}

/// The chunks of document `id` among store entries (others are ignored).
pub fn chunks_of(id: &str, entries: Vec<(Key, Vec<u8>)>) -> Chunks {
    let mut chunks: Chunks = entries
        .into_iter()
        .filter_map(|(key, bytes)| {
            let (doc, chunk) = ChunkKey::parse(&key)?;
            (doc == id).then_some((chunk, bytes))
        })
        .collect();
    // Snapshots first (`ChunkKind` orders them so), as automerge-repo loads.
    chunks.sort_by(|a, b| a.0.cmp(&b.0));
    chunks
}

/// The chunks one after the other, snapshots first.
pub fn concatenate(chunks: &Chunks) -> Vec<u8> {
    let mut ordered: Vec<&(ChunkKey, Vec<u8>)> = chunks.iter().collect();
    ordered.sort_by_key(|(key, _)| key.kind != ChunkKind::Snapshot);
    ordered.into_iter().flat_map(|(_, bytes)| bytes.iter().copied()).collect()
}

/// Loads document `id` from its chunks.
pub fn load(id: &str, chunks: Chunks) -> Read {
    if chunks.is_empty() {
        return Read::Absent;
    }
    let reason = match Document::load(&concatenate(&chunks)) {
        Ok(doc) if doc.id() != id => format!("l'entrée contient un autre document ({})", doc.id()),
        Ok(mut doc) => {
            if !doc.lacks_changes() {
                let sizes = chunks.iter().map(|(key, bytes)| (key.clone(), bytes.len())).collect();
                return Read::Loaded { doc: Box::new(doc), sizes };
            }
            "des modifications enregistrées dépendent d'autres qui manquent".to_string()
        }
        Err(error) => match first_damaged(&chunks) {
            Some((key, why)) => format!("morceau {} abîmé ({why})", key.label()),
            None => error.message().to_string(),
        },
    };
    Read::Damaged { chunks, reason }
}

/// The first chunk that is not a well-formed Automerge chunk, and why.
pub fn first_damaged(chunks: &Chunks) -> Option<(ChunkKey, String)> {
    chunks.iter().find_map(|(key, bytes)| check_chunk(bytes).err().map(|why| (key.clone(), why)))
}

/// Whether `bytes` are well-formed Automerge chunks. Checked alone, changes
/// miss their ancestors: that is fine here, only damage is an error.
pub fn check_chunk(bytes: &[u8]) -> Result<(), String> {
    if bytes.is_empty() {
        return Err("vide".into());
    }
    let options = LoadOptions::new().verification_mode(VerificationMode::DontCheck);
    match AutoCommit::load_with_options(bytes, options) {
        Ok(_) | Err(AutomergeError::MissingDeps) => Ok(()),
        Err(error) => Err(error.to_string()),
    }
}
