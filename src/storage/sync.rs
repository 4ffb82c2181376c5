//! Following other tabs: when another tab of this browser says it wrote a
//! document (`browser::tabs`, a BroadcastChannel message naming it), this
//! tab reads what is stored and merges the chunks it has not seen, picks up
//! a document the other tab added, or forgets one it removed. And changes
//! received from elsewhere (a sync relay) merged in and saved like edits:
//! as bytes ([`Library::receive_changes`]), or applied by a live-sync
//! session to the documents it is lent ([`Library::with_read_documents`],
//! then [`Library::received_live`]).

use super::chunks::ChunkKey;
use super::library::{DocSummary, Library, ViewSlot};
use super::loading::check_chunk;
use super::saving::SaveOutcome;
use super::store::{Area, Store};
use crate::model::{Document, Error, ErrorKind, MergeSummary, Result};
use std::collections::BTreeMap;

impl<S: Store> Library<S> {
    /// Brings in what another tab stored for document `id`. Returns the id
    /// when something changed here, with what a merge brought in (empty when
    /// the document was added, removed, or is not read yet).
    pub async fn sync_from_store(&self, id: &str) -> Option<(String, MergeSummary)> {
        let _writing = self.writer.lock().await;
        let read = self.state.borrow().docs.contains_key(id);
        if read {
            let mut outcome = SaveOutcome::default();
            let any = self.merge_stored(id, &mut outcome).await.ok()?;
            if !any {
                // Removed by another tab: follow, unless we hold unsaved edits
                // (the next save writes the document back).
                let mut state = self.state.borrow_mut();
                if state.pending.contains_key(id) {
                    return None;
                }
                state.forget(id);
                return Some((id.to_string(), MergeSummary::default()));
            }
            return outcome.merged_from_store.pop();
        }
        // Not read here: only the list and the known chunks change.
        let keys = self.store.keys(Area::Chunks, &[id.to_string()]).await.ok()?;
        let key = vec![id.to_string()];
        let entry = self.store.get(Area::Documents, &key).await.ok()?;
        let view = self.store.get(Area::Views, &key).await.ok()?;
        let mut state = self.state.borrow_mut();
        let summary = entry.and_then(|bytes| serde_json::from_slice::<DocSummary>(&bytes).ok());
        match summary {
            Some(summary) if !keys.is_empty() && !state.blocked.contains(id) => {
                let stored = state.stored.entry(id.to_string()).or_default();
                stored.known = keys.iter().filter_map(|k| ChunkKey::parse(k)).map(|(_, c)| (c, 0)).collect();
                state.unread.insert(id.to_string());
                state.index.insert(id.to_string(), summary);
                match view {
                    Some(bytes) => state.views.insert(id.to_string(), ViewSlot::Stored(bytes)),
                    None => state.views.remove(id),
                };
            }
            _ => {
                if !state.index.contains_key(id) {
                    return None;
                }
                state.forget(id);
            }
        }
        Some((id.to_string(), MergeSummary::default()))
    }

    /// Merges changes received from elsewhere (a sync relay or peer: one or
    /// more Automerge chunks, as `save_after` writes them) into document
    /// `id`, read first if needed. The next save stores them incrementally,
    /// like local edits. Bytes that are not well-formed Automerge chunks, or
    /// an unknown document, are refused and change nothing.
    pub async fn receive_changes(&self, id: &str, bytes: &[u8]) -> Result<MergeSummary> {
        check_chunk(bytes).map_err(|_| Error::new(ErrorKind::NotAutomerge))?;
        self.read(id).await;
        let mut state = self.state.borrow_mut();
        let doc = state.docs.get_mut(id).ok_or_else(|| Error::not_found("Document", id))?;
        let merged = doc.merge_pieces(bytes)?;
        if !merged.summary.is_empty() {
            let title = doc.meta().title.clone();
            if let Some(entry) = state.index.get_mut(id) {
                entry.title = title;
            }
            state.mark_pending(id);
        }
        Ok(merged.summary)
    }

    /// Lends the documents read in this session (a live-sync session
    /// receives into them). `f` must not call back into the library.
    pub fn with_read_documents<R>(&self, f: impl FnOnce(&mut BTreeMap<String, Document>) -> R) -> R {
        f(&mut self.state.borrow_mut().docs)
    }

    /// A document lent through [`with_read_documents`](Self::with_read_documents)
    /// received changes: it is saved at the next save (incrementally, like
    /// an edit) and its title in the list follows.
    pub fn received_live(&self, id: &str) {
        let mut state = self.state.borrow_mut();
        let Some(title) = state.docs.get(id).map(|doc| doc.meta().title.clone()) else { return };
        if let Some(entry) = state.index.get_mut(id) {
            entry.title = title;
        }
        state.mark_pending(id);
    }
}
