//! Writing documents: a save after an edit writes only the changes since the
//! last save (one incremental chunk and the index entry, in one write); once
//! the incremental chunks outweigh the snapshot, a compaction writes a new
//! snapshot and removes, in the same write, the chunks it replaces.
//!
//! Nothing is lost (ARCHITECTURE.md, invariant 6):
//! * a save writes only if the document's chunks in storage are the ones
//!   this tab knows, checked in the same transaction; otherwise it reads
//!   and merges what another tab added, then writes (a write never replaces
//!   stored data anyway: keys name their content, and a compaction removes
//!   only chunks this tab has read or written, whose changes its new
//!   snapshot holds);
//! * a failed write (storage full, storage gone) leaves the document pending
//!   and in memory, and the error is returned for the page to show;
//! * [`Library::flush`], for a page being closed, skips the read: it must
//!   issue its writes before the page goes, and an incremental chunk never
//!   replaces anything.

use super::chunks::{fingerprint, ChunkKey, ChunkKind};
use super::library::{Library, State};
use super::loading::{check_chunk, concatenate};
use super::store::{Area, Key, Store, Write};
use super::strings::StringStore;
use super::views;
use super::{journal, StoreError};
use crate::model::{DocKind, MergeSummary};
use automerge::ChangeHash;
use std::collections::BTreeSet;

/// What a save did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaveOutcome {
    pub saved: Vec<String>,
    /// Documents in which changes written by another tab were found and merged.
    pub merged_from_store: Vec<(String, MergeSummary)>,
    /// Bytes sent to storage (keys and values).
    pub bytes_written: usize,
}

/// One document's write, prepared from memory, applied when stored.
pub(super) struct Plan {
    id: String,
    writes: Vec<Write>,
    chunk: Option<(ChunkKey, usize)>,
    /// Chunks the new snapshot replaces.
    replaces: Vec<ChunkKey>,
    heads: Vec<ChangeHash>,
    /// The edit the plan includes, and its order among plans.
    edit: u64,
    seq: u64,
    view_source: Option<String>,
}

impl Plan {
    /// Writes the plan's chunk to the journal; returns its journal key.
    fn record(&self, strings: &mut impl StringStore) -> Option<String> {
        let (chunk, _) = self.chunk.as_ref()?;
        let bytes = self.writes.iter().find_map(|w| match w {
            Write::Put { area: Area::Chunks, value, .. } => Some(value),
            _ => None,
        })?;
        // A snapshot is a document not stored yet: its index entry goes along.
        let summary = self.writes.iter().find_map(|w| match w {
            Write::Put { area: Area::Documents, value, .. } if chunk.kind == ChunkKind::Snapshot => {
                serde_json::from_slice(value).ok()
            }
            _ => None,
        });
        journal::record(strings, &self.id, chunk, bytes, summary).then(|| journal::key(&self.id, chunk))
    }
}

/// How a document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// The changes since the last save.
    Incremental,
    /// The whole document, replacing every chunk this tab knows.
    Snapshot,
}

impl<S: Store> Library<S> {
    /// Writes every document changed since the last save, after merging what
    /// another tab may have stored meanwhile. On a failed write the document
    /// stays pending (and in memory) and the error is returned.
    pub async fn save_pending(&self, now_ms: i64) -> Result<SaveOutcome, StoreError> {
        let _writing = self.writer.lock().await;
        let mut outcome = SaveOutcome::default();
        let ids = self.state.borrow().pending_ids();
        for id in ids {
            // Usually nothing was added since this tab last looked: the check
            // and the write are one transaction.
            let planned = {
                let mut state = self.state.borrow_mut();
                let known: Vec<Key> =
                    state.stored.get(&id).map(|s| s.known.keys().map(|k| k.key(&id)).collect()).unwrap_or_default();
                let shape = if known.is_empty() { Shape::Snapshot } else { Shape::Incremental };
                state.plan(&id, shape, now_ms).map(|plan| (plan, known))
            };
            let Some((plan, known)) = planned else { continue };
            let sent: usize = plan.writes.iter().map(Write::size).sum();
            let prefix = [id.clone()];
            if self.store.write_if_keys(Area::Chunks, &prefix, &known, plan.writes.clone()).await? {
                outcome.saved.push(id.clone());
                outcome.bytes_written += sent;
                self.state.borrow_mut().saved(plan, now_ms);
                continue;
            }
            // Another tab wrote meanwhile: merge what it stored, then write.
            let any_stored = self.merge_stored(&id, &mut outcome).await?;
            let shape = if any_stored { Shape::Incremental } else { Shape::Snapshot };
            let plan = self.state.borrow_mut().plan(&id, shape, now_ms);
            if let Some(plan) = plan {
                self.apply_plans(vec![plan], now_ms, &mut outcome).await?;
            }
        }
        Ok(outcome)
    }

    /// Issues the writes of every pending document at once, without reading
    /// first: for a page being hidden or closed, which may not live to see a
    /// read answered. Each chunk also goes to the `journal` (synchronous
    /// `localStorage`), removed once IndexedDB has it. The writes are issued
    /// before the first `await`.
    pub async fn flush(&self, now_ms: i64, journal: &mut impl StringStore) -> Result<SaveOutcome, StoreError> {
        let plans: Vec<Plan> = {
            let mut state = self.state.borrow_mut();
            let ids = state.pending_ids();
            ids.iter()
                .filter_map(|id| {
                    let shape = if state.stored.get(id).is_none_or(|s| s.is_new()) {
                        Shape::Snapshot
                    } else {
                        Shape::Incremental
                    };
                    state.plan(id, shape, now_ms)
                })
                .collect()
        };
        let recorded: Vec<String> = plans.iter().filter_map(|plan| plan.record(journal)).collect();
        let mut outcome = SaveOutcome::default();
        self.apply_plans(plans, now_ms, &mut outcome).await?;
        for key in recorded {
            journal.remove(&key);
        }
        Ok(outcome)
    }

    /// Compacts the documents whose incremental chunks outgrew their
    /// snapshot: the new snapshot is written and the chunks it replaces
    /// removed in one write. Returns the documents compacted.
    pub async fn compact_due(&self, now_ms: i64) -> Result<Vec<String>, StoreError> {
        let _writing = self.writer.lock().await;
        let due: Vec<String> = {
            let state = self.state.borrow();
            state
                .stored
                .iter()
                .filter(|(id, s)| state.docs.contains_key(*id) && !state.blocked.contains(*id) && s.should_compact())
                .map(|(id, _)| id.clone())
                .collect()
        };
        let mut outcome = SaveOutcome::default();
        for id in &due {
            self.merge_stored(id, &mut outcome).await?;
            let plan = self.state.borrow_mut().plan(id, Shape::Snapshot, now_ms);
            if let Some(plan) = plan {
                self.apply_plans(vec![plan], now_ms, &mut outcome).await?;
            }
        }
        Ok(due)
    }

    /// Stores a fresh view of every workspace read whose stored view (if any)
    /// was made from other chunks than those stored now. Done when the page
    /// is hidden, not at every save: a view is as large as the document.
    pub async fn refresh_views(&self) -> Result<usize, StoreError> {
        let _writing = self.writer.lock().await;
        let (writes, sources) = {
            let mut state = self.state.borrow_mut();
            let State { docs, stored, pending, blocked, view_sources, .. } = &mut *state;
            let mut writes = Vec::new();
            let mut sources = Vec::new();
            for (id, doc) in docs.iter_mut() {
                let Some(known) = stored.get(id) else { continue };
                let source = fingerprint(known.known.keys());
                let stale = view_sources.get(id) != Some(&source);
                if doc.kind() != DocKind::Workspace || pending.contains_key(id) || blocked.contains(id) || !stale {
                    continue;
                }
                writes.push(view_write(id, doc, &source));
                sources.push((id.clone(), source));
            }
            (writes, sources)
        };
        if writes.is_empty() {
            return Ok(0);
        }
        self.store.write(writes).await?;
        let mut state = self.state.borrow_mut();
        for (id, source) in &sources {
            state.view_sources.insert(id.clone(), source.clone());
        }
        Ok(sources.len())
    }

    /// Forgets a document in this browser (memory and storage).
    pub async fn remove(&self, id: &str) -> Result<(), StoreError> {
        // Gone from the lists at once; from storage after any write in flight.
        self.state.borrow_mut().forget(id);
        let _writing = self.writer.lock().await;
        let key = vec![id.to_string()];
        self.store
            .write(vec![
                Write::DeletePrefix { area: Area::Chunks, prefix: key.clone() },
                Write::Delete { area: Area::Documents, key: key.clone() },
                Write::Delete { area: Area::Views, key },
            ])
            .await
    }

    /// Reads which chunks of a document are stored and merges those this tab
    /// has not seen (another tab's). Returns whether any chunk is stored.
    pub(super) async fn merge_stored(&self, id: &str, outcome: &mut SaveOutcome) -> Result<bool, StoreError> {
        let keys = self.store.keys(Area::Chunks, &[id.to_string()]).await?;
        let present: BTreeSet<ChunkKey> =
            keys.iter().filter_map(|k| ChunkKey::parse(k)).filter(|(doc, _)| doc == id).map(|(_, c)| c).collect();
        let unknown: Vec<ChunkKey> = {
            let state = self.state.borrow();
            let known = state.stored.get(id).map(|s| &s.known);
            present.iter().filter(|k| known.is_none_or(|known| !known.contains_key(*k))).cloned().collect()
        };
        let mut chunks = Vec::new();
        for key in unknown {
            if let Some(bytes) = self.store.get(Area::Chunks, &key.key(id)).await? {
                // A damaged chunk is left alone: the next read of the document
                // will put it aside with its document.
                if check_chunk(&bytes).is_ok() {
                    chunks.push((key, bytes));
                }
            }
        }
        let mut state = self.state.borrow_mut();
        if let Some(summary) = state.merge_chunks(id, &present, chunks) {
            if !summary.is_empty() {
                outcome.merged_from_store.push((id.to_string(), summary));
            }
        }
        Ok(!present.is_empty())
    }

    /// Writes the plans in one write; once stored, records what they wrote.
    async fn apply_plans(&self, plans: Vec<Plan>, now_ms: i64, outcome: &mut SaveOutcome) -> Result<(), StoreError> {
        if plans.is_empty() {
            return Ok(());
        }
        let writes: Vec<Write> = plans.iter().flat_map(|p| p.writes.iter().cloned()).collect();
        let sent: usize = writes.iter().map(Write::size).sum();
        self.store.write(writes).await?;
        let mut state = self.state.borrow_mut();
        for plan in plans {
            outcome.saved.push(plan.id.clone());
            state.saved(plan, now_ms);
        }
        outcome.bytes_written += sent;
        Ok(())
    }
}

/// The write storing a fresh view of a workspace made from chunks `source`
/// (or removing the stored one when the view would be too large).
fn view_write(id: &str, doc: &mut crate::model::Document, source: &str) -> Write {
    let key = vec![id.to_string()];
    let view = doc.workspace().ok().and_then(|workspace| views::encode(source, doc.last_change_ms(), &workspace));
    match view {
        Some(value) => Write::Put { area: Area::Views, key, value },
        None => Write::Delete { area: Area::Views, key },
    }
}

impl State {
    pub(super) fn pending_ids(&self) -> Vec<String> {
        self.pending.keys().filter(|id| !self.blocked.contains(*id)).cloned().collect()
    }

    /// Prepares the write of one document; `None` when there is nothing to write.
    pub(super) fn plan(&mut self, id: &str, shape: Shape, now_ms: i64) -> Option<Plan> {
        if !self.docs.contains_key(id) {
            self.pending.remove(id);
            return None;
        }
        self.clock += 1;
        let seq = self.clock;
        let edit = self.pending.get(id).copied().unwrap_or(0);
        let stored = self.stored.entry(id.to_string()).or_default();
        let saved = stored.saved.clone();
        let replaces: Vec<ChunkKey> = stored.known.keys().cloned().collect();
        let doc = self.docs.get_mut(id)?;
        let heads = doc.heads();
        let (chunk, bytes) = match shape {
            Shape::Snapshot => (ChunkKey::snapshot(&heads), doc.save()),
            Shape::Incremental => {
                let bytes = doc.save_after(&saved);
                if bytes.is_empty() {
                    // Everything is stored already (merged from another tab).
                    self.pending.remove(id);
                    return None;
                }
                (ChunkKey::incremental(&bytes), bytes)
            }
        };
        let len = bytes.len();
        let mut writes = vec![Write::Put { area: Area::Chunks, key: chunk.key(id), value: bytes }];
        let mut view_source = None;
        let replaces = if shape == Shape::Snapshot {
            for old in replaces.iter().filter(|k| **k != chunk) {
                writes.push(Write::Delete { area: Area::Chunks, key: old.key(id) });
            }
            if doc.kind() == DocKind::Workspace {
                let source = fingerprint([&chunk]);
                writes.push(view_write(id, doc, &source));
                view_source = Some(source);
            }
            replaces
        } else {
            Vec::new()
        };
        if let Some(summary) = self.index.get_mut(id) {
            summary.saved_at = now_ms;
        }
        writes.push(Write::Put { area: Area::Documents, key: vec![id.to_string()], value: self.summary_bytes(id) });
        Some(Plan { id: id.to_string(), writes, chunk: Some((chunk, len)), replaces, heads, edit, seq, view_source })
    }

    /// Records a plan once stored.
    fn saved(&mut self, plan: Plan, now_ms: i64) {
        let stored = self.stored.entry(plan.id.clone()).or_default();
        for old in &plan.replaces {
            stored.known.remove(old);
        }
        if let Some((chunk, len)) = plan.chunk {
            stored.known.insert(chunk, len);
        }
        // Plans are made in order, each holding what the earlier ones did:
        // a slower earlier write must not move the saved heads back.
        if plan.seq >= stored.saved_seq {
            stored.saved = plan.heads;
            stored.saved_seq = plan.seq;
        }
        if self.pending.get(&plan.id) == Some(&plan.edit) {
            self.pending.remove(&plan.id);
        }
        if let Some(source) = plan.view_source {
            self.view_sources.insert(plan.id.clone(), source);
        }
        if let Some(summary) = self.index.get_mut(&plan.id) {
            summary.saved_at = now_ms;
        }
    }

    /// Merges chunks read from storage into a read document and records
    /// them as known; the chunks no longer `present` are forgotten (another
    /// tab compacted them into a snapshot among the new ones).
    pub(super) fn merge_chunks(
        &mut self,
        id: &str,
        present: &BTreeSet<ChunkKey>,
        chunks: Vec<(ChunkKey, Vec<u8>)>,
    ) -> Option<MergeSummary> {
        let doc = self.docs.get_mut(id)?;
        let merged =
            if chunks.is_empty() { Default::default() } else { doc.merge_pieces(&concatenate(&chunks)).ok()? };
        let title = doc.meta().title.clone();
        if let Some(summary) = self.index.get_mut(id) {
            summary.title = title;
        }
        let stored = self.stored.entry(id.to_string()).or_default();
        stored.known.retain(|k, _| present.contains(k));
        for (key, bytes) in &chunks {
            stored.known.insert(key.clone(), bytes.len());
        }
        stored.saved.extend(merged.heads);
        Some(merged.summary)
    }
}
