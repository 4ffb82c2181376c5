//! [`Library`]: the documents of this browser, kept in step with a [`Store`].
//!
//! Opening reads the index of documents, the keys of their chunks and the
//! workspace views, never a whole document: a workspace is shown from its
//! view while its chunks are the ones the view was made from, and a
//! document is read ([`Library::read`]) when first needed. An unreadable
//! one is then put aside whole and reported ([`Library::take_unreadable`]).
//!
//! The library is used from an async page that keeps reading it while a
//! read or a write is in flight: its state sits in a `RefCell` that no
//! method holds across an `await`, and the methods that write take one
//! lock, so two saves never interleave (`saving`). Its logic is generic
//! over the store and tested natively with [`MemoryStore`](super::MemoryStore).

use super::chunks::{fingerprint, ChunkKey, Stored};
use super::loading::{self, Read};
use super::store::{Area, Key, Store, Write};
use super::views::{self, View};
use super::StoreError;
use crate::model::kinds::workspace::Workspace;
use crate::model::{ChangeContext, Command, DocKind, Document, Error, Result};
use automerge::ActorId;
use futures_util::lock::Mutex;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// Stored data that could not be read, and where it was put aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarantined {
    /// Where it was (a document id, or a key of the previous versions' storage).
    pub original_key: String,
    /// Where it now is; `None` if moving it failed, in which case it stays
    /// where it was and is never written over.
    pub kept_at: Option<String>,
    pub reason: String,
}

/// What opening the library found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Documents available: read already, or to be read on first use.
    pub found: usize,
    pub quarantined: Vec<Quarantined>,
}

/// A line of the document list, also the document's entry in the store's index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSummary {
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    pub demo: bool,
    /// Unix milliseconds of the last successful save from this browser.
    #[serde(default)]
    pub saved_at: i64,
}

/// A stored view, decoded on first use.
pub(super) enum ViewSlot {
    Stored(Vec<u8>),
    Fresh(Box<View>),
    Stale,
}

pub(super) struct State {
    pub actor: ActorId,
    pub index: BTreeMap<String, DocSummary>,
    /// Documents read (or created, imported) in this session.
    pub docs: BTreeMap<String, Document>,
    /// What this tab knows of each stored document's chunks.
    pub stored: BTreeMap<String, Stored>,
    /// Documents stored and listed, not read yet.
    pub unread: BTreeSet<String>,
    /// Views of workspaces not read yet.
    pub views: BTreeMap<String, ViewSlot>,
    /// The chunk fingerprint of the view stored for a document, when known.
    pub view_sources: BTreeMap<String, String>,
    /// Documents with changes not stored yet → when they last changed.
    pub pending: BTreeMap<String, u64>,
    /// Orders edits and planned writes (see `saving`).
    pub clock: u64,
    /// Documents holding unreadable data we could not move aside: never written.
    pub blocked: BTreeSet<String>,
    /// Unreadable documents found after `open`, not reported yet.
    pub unreadable: Vec<Quarantined>,
    /// Keys of the quarantine area.
    pub quarantine: BTreeSet<Key>,
}

pub struct Library<S: Store> {
    pub(super) store: S,
    pub(super) state: RefCell<State>,
    /// Held by every method that writes, so writes never interleave.
    pub(super) writer: Mutex<()>,
}

impl<S: Store> Library<S> {
    /// Opens the stored documents: those in the index are read on first
    /// use, the others now (their title is needed). Unreadable ones are put
    /// aside and reported; nothing is overwritten.
    pub async fn open(store: S, actor: ActorId) -> std::result::Result<(Library<S>, OpenReport), StoreError> {
        // The four reads at once: one wait for the browser instead of four.
        let (entries, chunk_keys, stored_views, quarantine) = futures_util::future::join4(
            store.entries(Area::Documents, &[]),
            store.keys(Area::Chunks, &[]),
            store.entries(Area::Views, &[]),
            store.keys(Area::Quarantine, &[]),
        )
        .await;
        let (entries, chunk_keys, stored_views, quarantine) = (entries?, chunk_keys?, stored_views?, quarantine?);
        let mut state = State {
            actor,
            index: BTreeMap::new(),
            docs: BTreeMap::new(),
            stored: BTreeMap::new(),
            unread: BTreeSet::new(),
            views: BTreeMap::new(),
            view_sources: BTreeMap::new(),
            pending: BTreeMap::new(),
            clock: 0,
            blocked: BTreeSet::new(),
            unreadable: Vec::new(),
            quarantine: quarantine.into_iter().collect(),
        };
        for key in chunk_keys {
            if let Some((id, chunk)) = ChunkKey::parse(&key) {
                state.stored.entry(id).or_default().known.insert(chunk, 0);
            }
        }
        for (key, bytes) in entries {
            let Some(summary) = serde_json::from_slice::<DocSummary>(&bytes).ok() else { continue };
            if key.first() == Some(&summary.id) && state.stored.contains_key(&summary.id) {
                state.unread.insert(summary.id.clone());
                state.index.insert(summary.id.clone(), summary);
            }
        }
        for (key, bytes) in stored_views {
            if let [id] = key.as_slice() {
                state.views.insert(id.clone(), ViewSlot::Stored(bytes));
            }
        }
        let unlisted: Vec<String> = state.stored.keys().filter(|id| !state.index.contains_key(*id)).cloned().collect();
        let library = Library { store, state: RefCell::new(state), writer: Mutex::new(()) };
        // Chunks without an index entry: read now, their title is needed.
        let mut report = OpenReport::default();
        for id in unlisted {
            library.state.borrow_mut().unread.insert(id.clone());
            library.read(&id).await;
        }
        report.quarantined = library.take_unreadable();
        report.found = library.state.borrow().index.len();
        Ok((library, report))
    }

    /// Reads a document not read yet from its chunks. Returns whether it is
    /// now in memory; an unreadable one is put aside and reported.
    pub async fn read(&self, id: &str) -> bool {
        if !self.state.borrow().unread.contains(id) {
            return self.state.borrow().docs.contains_key(id);
        }
        let Ok(entries) = self.store.entries(Area::Chunks, &[id.to_string()]).await else { return false };
        // Another read of the same document may have finished meanwhile.
        if !self.state.borrow().unread.contains(id) {
            return self.state.borrow().docs.contains_key(id);
        }
        match loading::load(id, loading::chunks_of(id, entries)) {
            Read::Loaded { mut doc, sizes } => {
                let saved = doc.heads();
                let mut state = self.state.borrow_mut();
                // Remember what the stored view was made from, to refresh it when stale.
                let source = match state.views.get(id) {
                    Some(ViewSlot::Stored(bytes)) => views::source_of(bytes),
                    Some(ViewSlot::Fresh(view)) => Some(view.chunks().to_string()),
                    _ => None,
                };
                if let Some(source) = source {
                    state.view_sources.insert(id.to_string(), source);
                }
                state.stored.insert(id.to_string(), Stored { known: sizes, saved, saved_seq: 0 });
                state.insert(*doc);
                true
            }
            Read::Absent => {
                self.state.borrow_mut().forget(id);
                false
            }
            Read::Damaged { chunks, reason } => {
                let quarantined = self.quarantine(id, chunks, reason).await;
                self.state.borrow_mut().unreadable.push(quarantined);
                false
            }
        }
    }

    /// Reads every document not read yet.
    pub async fn read_all(&self) {
        let unread: Vec<String> = self.state.borrow().unread.iter().cloned().collect();
        for id in unread {
            self.read(&id).await;
        }
    }

    /// Unreadable documents found since the last call (after `open`, whose
    /// report lists those found at start).
    pub fn take_unreadable(&self) -> Vec<Quarantined> {
        std::mem::take(&mut self.state.borrow_mut().unreadable)
    }

    pub fn actor(&self) -> ActorId {
        self.state.borrow().actor.clone()
    }

    pub fn documents(&self) -> Vec<DocSummary> {
        let mut list: Vec<DocSummary> = self.state.borrow().index.values().cloned().collect();
        list.sort_by(|a, b| (a.kind as u8, &a.title).cmp(&(b.kind as u8, &b.title)));
        list
    }

    /// Whether this browser holds the document (read or not yet).
    pub fn contains(&self, id: &str) -> bool {
        let state = self.state.borrow();
        state.docs.contains_key(id) || state.unread.contains(id)
    }

    /// Whether the document is stored but not read yet (see [`Library::read`]).
    pub fn is_unread(&self, id: &str) -> bool {
        self.state.borrow().unread.contains(id)
    }

    /// Runs `f` on the document, if it is read.
    pub fn with_document<R>(&self, id: &str, f: impl FnOnce(&mut Document) -> R) -> Option<R> {
        self.state.borrow_mut().docs.get_mut(id).map(f)
    }

    /// A snapshot of a workspace, with the time of its latest change: from
    /// the document if it is read, else from its view if the view was made
    /// from exactly the stored chunks; `None` when it must be read first.
    pub fn workspace(&self, id: &str) -> Option<(Workspace, i64)> {
        let mut state = self.state.borrow_mut();
        if let Some(doc) = state.docs.get_mut(id) {
            let workspace = doc.workspace().ok()?;
            return Some((workspace, doc.last_change_ms()));
        }
        let chunks = fingerprint(state.stored.get(id)?.known.keys());
        let slot = state.views.get_mut(id)?;
        if let ViewSlot::Stored(bytes) = slot {
            *slot = match views::decode(bytes, &chunks) {
                Some(view) => ViewSlot::Fresh(Box::new(view)),
                None => ViewSlot::Stale,
            };
        }
        match slot {
            ViewSlot::Fresh(view) => Some((view.workspace.clone(), view.last_change_ms)),
            _ => None,
        }
    }

    pub fn has_pending(&self) -> bool {
        !self.state.borrow().pending.is_empty()
    }

    /// Creates a new document (its genesis happens here, once) and returns its id.
    pub fn create(&self, kind: DocKind, title: &str, ctx: &ChangeContext) -> Result<String> {
        let doc = Document::genesis(kind, crate::model::new_id(), title, ctx)?;
        let id = doc.id().to_string();
        let mut state = self.state.borrow_mut();
        state.insert(doc);
        state.mark_pending(&id);
        Ok(id)
    }

    /// Applies a command to a read document; it is saved at the next
    /// [`save_pending`](Self::save_pending).
    pub fn apply(&self, id: &str, command: &Command, ctx: &ChangeContext) -> Result<()> {
        let mut state = self.state.borrow_mut();
        let Some(doc) = state.docs.get_mut(id) else {
            return Err(if state.unread.contains(id) {
                Error::invalid("Ce document est encore en cours de lecture : réessayez dans un instant.")
            } else {
                Error::not_found("Document", id)
            });
        };
        doc.apply(command, ctx)?;
        if let Command::SetTitle(title) = command {
            if let Some(summary) = state.index.get_mut(id) {
                summary.title = title.clone();
            }
        }
        state.mark_pending(id);
        Ok(())
    }

    /// Marks a read document changed outside [`apply`](Self::apply) (batch edits).
    pub fn mark_pending(&self, id: &str) {
        let mut state = self.state.borrow_mut();
        if state.docs.contains_key(id) {
            state.mark_pending(id);
        }
    }

    /// Keys of the data put aside, by this session or an earlier one.
    pub fn quarantined(&self) -> Vec<Key> {
        self.state.borrow().quarantine.iter().cloned().collect()
    }

    /// The raw content of data put aside, to let the user download it.
    pub async fn quarantined_value(&self, key: &[String]) -> Option<Vec<u8>> {
        self.store.get(Area::Quarantine, key).await.ok().flatten()
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    /// Moves every chunk of a document aside, with its index entry and view,
    /// in one write. If that fails the document is left exactly as it is and
    /// never written to again in this session.
    pub(super) async fn quarantine(&self, id: &str, chunks: loading::Chunks, reason: String) -> Quarantined {
        let mut writes = Vec::new();
        for (chunk, bytes) in &chunks {
            let aside = vec![id.to_string(), chunk.label()];
            writes.push(Write::Put { area: Area::Quarantine, key: aside, value: bytes.clone() });
            writes.push(Write::Delete { area: Area::Chunks, key: chunk.key(id) });
        }
        writes.push(Write::Delete { area: Area::Documents, key: vec![id.to_string()] });
        writes.push(Write::Delete { area: Area::Views, key: vec![id.to_string()] });
        let moved = self.store.write(writes).await;
        let mut state = self.state.borrow_mut();
        state.forget(id);
        let kept_at = match moved {
            Ok(()) => {
                for (chunk, _) in &chunks {
                    state.quarantine.insert(vec![id.to_string(), chunk.label()]);
                }
                Some(format!("{id}/…"))
            }
            Err(_) => {
                state.blocked.insert(id.to_string());
                None
            }
        };
        Quarantined { original_key: id.to_string(), kept_at, reason }
    }
}

impl State {
    /// Adds a document read, created or received, under this session's actor.
    pub(super) fn insert(&mut self, mut doc: Document) {
        doc.set_actor(&self.actor);
        let id = doc.id().to_string();
        let meta = doc.meta().clone();
        let saved_at = self.index.get(&id).map(|s| s.saved_at).unwrap_or_default();
        self.index.insert(
            id.clone(),
            DocSummary { id: id.clone(), kind: meta.kind, title: meta.title, demo: meta.demo, saved_at },
        );
        self.unread.remove(&id);
        self.views.remove(&id);
        self.docs.insert(id, doc);
    }

    /// Forgets a document in memory (it is no longer stored, or was put aside).
    pub(super) fn forget(&mut self, id: &str) {
        self.index.remove(id);
        self.docs.remove(id);
        self.unread.remove(id);
        self.stored.remove(id);
        self.views.remove(id);
        self.view_sources.remove(id);
        self.pending.remove(id);
    }

    pub(super) fn mark_pending(&mut self, id: &str) {
        self.clock += 1;
        self.pending.insert(id.to_string(), self.clock);
    }

    /// The index entry of a document, as stored.
    pub(super) fn summary_bytes(&self, id: &str) -> Vec<u8> {
        self.index.get(id).and_then(|s| serde_json::to_vec(s).ok()).unwrap_or_default()
    }
}
