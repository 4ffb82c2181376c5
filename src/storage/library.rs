//! [`Library`]: the documents of this browser, kept in step with a
//! [`KeyValueStore`].
//!
//! Documents are read when first needed, not all at start: opening the app
//! reads the index (titles and kinds, enough for every list) and parses
//! only the entries the index does not know. A workspace shown before it is
//! edited comes from its snapshot when a fresh one is stored (see
//! `snapshot`); the UI reads the remaining documents one at a time after
//! the first screen ([`Library::open_next`]), and an entry found unreadable
//! then is put aside and reported like one found at start
//! ([`Library::take_unreadable`]).

use super::backup;
use super::keys::StorageKey;
use super::snapshot;
use super::{KeyValueStore, StoreError};
use crate::model::kinds::workspace::Workspace;
use crate::model::{ChangeContext, Command, DocKind, Document, Error, MergeSummary, Result};
use automerge::ActorId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A stored entry that could not be read, and where it was put aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarantined {
    pub original_key: String,
    /// Where the raw value now is; `None` if moving it failed, in which case
    /// it stays at its original key and is never written over.
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

/// What a save did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SaveOutcome {
    pub saved: Vec<String>,
    /// Documents in which changes written by another tab were found and merged.
    pub merged_from_store: Vec<(String, MergeSummary)>,
}

/// A line of the document list.
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

/// Preferences of this browser, not shared with anyone.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Settings {
    #[serde(default)]
    author: String,
}

pub struct Library<S: KeyValueStore> {
    pub(super) store: S,
    pub(super) actor: ActorId,
    /// Documents read from storage (or created, imported) in this session.
    pub(super) docs: BTreeMap<String, Document>,
    /// Documents stored and listed in the index, not read yet.
    pub(super) unopened: BTreeSet<String>,
    /// Unreadable entries found after `open`, not reported yet.
    pub(super) unreadable: Vec<Quarantined>,
    pub(super) pending: BTreeSet<String>,
    /// Keys holding unreadable data we could not move aside: never written.
    pub(super) blocked: BTreeSet<String>,
    pub(super) index: BTreeMap<String, DocSummary>,
}

impl<S: KeyValueStore> Library<S> {
    /// Opens the stored documents: those in the index are read on first
    /// use, the others now (their title is needed). Unreadable entries are
    /// moved aside and reported; nothing is overwritten.
    pub fn open(store: S) -> (Library<S>, OpenReport) {
        let mut library = Library {
            actor: ActorId::random(),
            store,
            docs: BTreeMap::new(),
            unopened: BTreeSet::new(),
            unreadable: Vec::new(),
            pending: BTreeSet::new(),
            blocked: BTreeSet::new(),
            index: BTreeMap::new(),
        };
        library.actor = library.session_actor();
        library.index = library
            .store
            .get(&StorageKey::Index.to_key())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let mut report = OpenReport::default();
        for key in library.store.keys() {
            let Some(StorageKey::Doc(id)) = StorageKey::parse(&key) else { continue };
            if library.index.contains_key(&id) {
                library.unopened.insert(id);
                report.found += 1;
                continue;
            }
            match library.read_stored(&id) {
                Ok(Some(doc)) => {
                    library.insert(doc);
                    report.found += 1;
                }
                Ok(None) => {}
                Err(reason) => report.quarantined.push(library.quarantine(&id, reason)),
            }
        }
        library.index.retain(|id, _| library.docs.contains_key(id) || library.unopened.contains(id));
        (library, report)
    }

    /// Reads one more document not read yet; returns whether others remain.
    /// The UI calls it in the background after the first screen.
    pub fn open_next(&mut self) -> bool {
        if let Some(id) = self.unopened.first().cloned() {
            self.loaded(&id);
        }
        !self.unopened.is_empty()
    }

    /// Reads every document not read yet.
    pub(super) fn open_all(&mut self) {
        while self.open_next() {}
    }

    /// Unreadable entries found since the last call (after `open`, whose
    /// report lists those found at start).
    pub fn take_unreadable(&mut self) -> Vec<Quarantined> {
        std::mem::take(&mut self.unreadable)
    }

    /// The document, read from storage now if it was not yet; `None` if it
    /// is unknown or turns out unreadable (then put aside and reported).
    pub(super) fn loaded(&mut self, id: &str) -> Option<&mut Document> {
        if self.unopened.remove(id) {
            match self.read_stored(id) {
                Ok(Some(doc)) => self.insert(doc),
                Ok(None) => {
                    self.index.remove(id);
                }
                Err(reason) => {
                    self.index.remove(id);
                    let quarantined = self.quarantine(id, reason);
                    self.unreadable.push(quarantined);
                }
            }
        }
        self.docs.get_mut(id)
    }

    /// The actor id for this session: this device's stable id followed by a
    /// per-session suffix. The device part is created once and stored; the
    /// suffix keeps two tabs of the same device from ever writing two
    /// different changes under the same (actor, sequence number), which
    /// Automerge could not merge (see ARCHITECTURE.md).
    fn session_actor(&mut self) -> ActorId {
        let key = StorageKey::Device.to_key();
        let device = match self.store.get(&key).and_then(|hex| decode_hex(&hex)) {
            Some(bytes) if bytes.len() == 16 => bytes,
            _ => {
                let bytes = uuid::Uuid::new_v4().as_bytes().to_vec();
                // If this fails (storage full) the next session will try again.
                let _ = self.store.set(&key, &encode_hex(&bytes));
                bytes
            }
        };
        let mut bytes = device;
        bytes.extend_from_slice(&uuid::Uuid::new_v4().as_bytes()[..4]);
        ActorId::from(bytes)
    }

    /// The stable id of this device (hex), shared by all its sessions.
    pub fn device_id(&self) -> String {
        encode_hex(&self.actor.to_bytes()[..16.min(self.actor.to_bytes().len())])
    }

    pub fn actor(&self) -> &ActorId {
        &self.actor
    }

    pub(super) fn insert(&mut self, mut doc: Document) {
        doc.set_actor(&self.actor);
        let id = doc.id().to_string();
        let meta = doc.meta().clone();
        let saved_at = self.index.get(&id).map(|s| s.saved_at).unwrap_or_default();
        self.index.insert(
            id.clone(),
            DocSummary { id: id.clone(), kind: meta.kind, title: meta.title, demo: meta.demo, saved_at },
        );
        self.docs.insert(id, doc);
    }

    /// Reads the stored copy of a document: `Ok(None)` if absent, `Err` with a
    /// reason if present but unreadable.
    fn read_stored(&self, id: &str) -> std::result::Result<Option<Document>, String> {
        let Some(text) = self.store.get(&StorageKey::Doc(id.to_string()).to_key()) else { return Ok(None) };
        let bytes = backup::decode(&text).ok_or_else(|| "contenu non décodable (base64 invalide)".to_string())?;
        let doc = Document::load(&bytes).map_err(|e| e.message().to_string())?;
        if doc.id() != id {
            return Err(format!("l'entrée contient un autre document ({})", doc.id()));
        }
        Ok(Some(doc))
    }

    fn quarantine(&mut self, id: &str, reason: String) -> Quarantined {
        self.store.remove(&StorageKey::Snapshot(id.to_string()).to_key());
        let original_key = StorageKey::Doc(id.to_string()).to_key();
        let raw = self.store.get(&original_key).unwrap_or_default();
        let free = (0..).find(|n| self.store.get(&StorageKey::Quarantine(id.to_string(), *n).to_key()).is_none());
        let target = StorageKey::Quarantine(id.to_string(), free.unwrap_or(0)).to_key();
        let kept_at = match self.store.set(&target, &raw) {
            Ok(()) => {
                self.store.remove(&original_key);
                Some(target)
            }
            Err(_) => {
                self.blocked.insert(original_key.clone());
                None
            }
        };
        Quarantined { original_key, kept_at, reason }
    }

    /// Entries put aside by this or an earlier session.
    pub fn quarantined_keys(&self) -> Vec<String> {
        self.store
            .keys()
            .into_iter()
            .filter(|k| matches!(StorageKey::parse(k), Some(StorageKey::Quarantine(..))))
            .collect()
    }

    /// The raw content of a quarantined entry, to let the user download it.
    pub fn quarantined_value(&self, key: &str) -> Option<String> {
        self.store.get(key)
    }

    pub fn documents(&self) -> Vec<DocSummary> {
        let mut list: Vec<DocSummary> = self.index.values().cloned().collect();
        list.sort_by(|a, b| (a.kind as u8, &a.title).cmp(&(b.kind as u8, &b.title)));
        list
    }

    /// Whether this browser holds the document (read or not yet).
    pub fn contains(&self, id: &str) -> bool {
        self.docs.contains_key(id) || self.unopened.contains(id)
    }

    /// The document, read from storage if needed.
    pub fn document(&mut self, id: &str) -> Option<&Document> {
        self.loaded(id).map(|doc| &*doc)
    }

    pub fn document_mut(&mut self, id: &str) -> Option<&mut Document> {
        self.loaded(id)
    }

    /// A snapshot of a workspace, with the time of its latest change: from
    /// its stored snapshot while the document is not read yet and the
    /// snapshot was made from exactly what is stored, else from the document.
    pub fn workspace(&mut self, id: &str) -> Option<(Workspace, i64)> {
        if self.unopened.contains(id) {
            if let Some(snapshot) = self.stored_snapshot(id) {
                return Some((snapshot.workspace, snapshot.last_change_ms));
            }
        }
        let doc = self.loaded(id)?;
        let workspace = doc.workspace().ok()?;
        Some((workspace, doc.last_change_ms()))
    }

    fn stored_snapshot(&self, id: &str) -> Option<snapshot::Snapshot> {
        let text = self.store.get(&StorageKey::Snapshot(id.to_string()).to_key())?;
        let doc_text = self.store.get(&StorageKey::Doc(id.to_string()).to_key())?;
        snapshot::decode(&text, &doc_text)
    }

    /// Stores the snapshot of a workspace just saved as `doc_text`, or
    /// removes the old one when none fits. Best effort: a snapshot that
    /// cannot be written (storage full) is only a slower next start.
    fn write_snapshot(&mut self, id: &str, doc_text: &str) {
        let key = StorageKey::Snapshot(id.to_string()).to_key();
        let Some(doc) = self.docs.get_mut(id) else { return };
        // A document stored in more than MAX_CHARS almost always has a larger
        // snapshot still: not worth hydrating it at every save to find out.
        let encoded = if doc_text.len() <= snapshot::MAX_CHARS {
            doc.workspace().ok().and_then(|workspace| snapshot::encode(doc_text, doc.last_change_ms(), &workspace))
        } else {
            None
        };
        match encoded.map(|text| self.store.set(&key, &text)) {
            Some(Ok(())) => {}
            _ => self.store.remove(&key),
        }
    }

    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Creates a new document (its genesis happens here, once) and returns its id.
    pub fn create(&mut self, kind: DocKind, title: &str, ctx: &ChangeContext) -> Result<String> {
        let mut doc = Document::genesis(kind, crate::model::new_id(), title, ctx)?;
        doc.set_actor(&self.actor);
        let id = doc.id().to_string();
        self.insert(doc);
        self.pending.insert(id.clone());
        Ok(id)
    }

    /// Applies a command to a document; it is saved at the next [`save_pending`](Self::save_pending).
    pub fn apply(&mut self, id: &str, command: &Command, ctx: &ChangeContext) -> Result<()> {
        let doc = self.loaded(id).ok_or_else(|| Error::not_found("Document", id))?;
        doc.apply(command, ctx)?;
        if let Command::SetTitle(title) = command {
            if let Some(summary) = self.index.get_mut(id) {
                summary.title = title.clone();
            }
        }
        self.pending.insert(id.to_string());
        Ok(())
    }

    /// Writes every document changed since the last save, after merging what
    /// another tab may have stored meanwhile. On a failed write the document
    /// stays pending (and in memory) and the error is returned.
    pub fn save_pending(&mut self, now_ms: i64) -> std::result::Result<SaveOutcome, StoreError> {
        let mut outcome = SaveOutcome::default();
        let ids: Vec<String> = self.pending.iter().cloned().collect();
        for id in ids {
            let key = StorageKey::Doc(id.clone()).to_key();
            if self.blocked.contains(&key) {
                continue;
            }
            match self.read_stored(&id) {
                Ok(Some(mut stored)) => {
                    if let Some(doc) = self.docs.get_mut(&id) {
                        if let Ok(summary) = doc.merge(&mut stored) {
                            if !summary.is_empty() {
                                outcome.merged_from_store.push((id.clone(), summary));
                            }
                        }
                    }
                }
                Ok(None) => {}
                Err(reason) => {
                    let q = self.quarantine(&id, reason);
                    if q.kept_at.is_none() {
                        continue;
                    }
                }
            }
            let Some(doc) = self.docs.get_mut(&id) else {
                self.pending.remove(&id);
                continue;
            };
            let is_workspace = doc.kind() == DocKind::Workspace;
            let text = backup::encode(&doc.save());
            self.store.set(&key, &text)?;
            if is_workspace {
                self.write_snapshot(&id, &text);
            }
            self.pending.remove(&id);
            if let Some(summary) = self.index.get_mut(&id) {
                summary.saved_at = now_ms;
            }
            outcome.saved.push(id);
        }
        if !outcome.saved.is_empty() {
            self.write_index()?;
        }
        Ok(outcome)
    }

    fn write_index(&mut self) -> std::result::Result<(), StoreError> {
        let text = serde_json::to_string(&self.index).unwrap_or_default();
        self.store.set(&StorageKey::Index.to_key(), &text)
    }

    /// Brings in what another tab wrote under `key` (from a `storage` event).
    /// Returns the id of the document that changed, if any.
    pub fn sync_from_store(&mut self, key: &str) -> Option<(String, MergeSummary)> {
        let Some(StorageKey::Doc(id)) = StorageKey::parse(key) else { return None };
        if self.unopened.contains(&id) {
            // Nothing of ours to merge: it will be read as stored now.
            if self.store.get(key).is_none() {
                self.unopened.remove(&id);
                self.index.remove(&id);
            }
            return Some((id, MergeSummary::default()));
        }
        match self.read_stored(&id) {
            Ok(Some(mut stored)) => match self.docs.get_mut(&id) {
                Some(doc) => {
                    let stored_heads: BTreeSet<_> = stored.heads().into_iter().collect();
                    let summary = doc.merge(&mut stored).ok()?;
                    // Two tabs can read-then-write at the same time, and the
                    // later write may lack the other's changes. Whoever sees
                    // a stored copy missing some of its changes writes back.
                    let ours: BTreeSet<_> = doc.heads().into_iter().collect();
                    if ours != stored_heads {
                        self.pending.insert(id.clone());
                    }
                    (!summary.is_empty()).then_some((id, summary))
                }
                None => {
                    self.insert(stored);
                    Some((id, MergeSummary::default()))
                }
            },
            // Removed by another tab: follow, unless we hold unsaved edits.
            Ok(None) => {
                if self.docs.contains_key(&id) && !self.pending.contains(&id) {
                    self.docs.remove(&id);
                    self.index.remove(&id);
                    Some((id, MergeSummary::default()))
                } else {
                    None
                }
            }
            // Half-written or corrupt: ignore, our next save will merge again.
            Err(_) => None,
        }
    }

    /// Forgets a document in this browser (memory and storage).
    pub fn remove(&mut self, id: &str) -> std::result::Result<(), StoreError> {
        self.docs.remove(id);
        self.unopened.remove(id);
        self.pending.remove(id);
        self.index.remove(id);
        self.store.remove(&StorageKey::Doc(id.to_string()).to_key());
        self.store.remove(&StorageKey::Snapshot(id.to_string()).to_key());
        self.write_index()
    }

    /// Marks a document changed outside [`apply`](Self::apply) (batch edits).
    pub fn mark_pending(&mut self, id: &str) {
        if self.docs.contains_key(id) {
            self.pending.insert(id.to_string());
        }
    }

    /// The name this browser records as author of its changes.
    pub fn author(&self) -> String {
        self.settings().author
    }

    pub fn set_author(&mut self, name: &str) -> std::result::Result<(), StoreError> {
        let mut settings = self.settings();
        settings.author = name.trim().to_string();
        let text = serde_json::to_string(&settings).unwrap_or_default();
        self.store.set(&StorageKey::Settings.to_key(), &text)
    }

    fn settings(&self) -> Settings {
        self.store
            .get(&StorageKey::Settings.to_key())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Characters used by Gouvernail in the store (keys and values).
    pub fn used_chars(&self) -> usize {
        self.store
            .keys()
            .iter()
            .filter(|k| StorageKey::parse(k).is_some())
            .map(|k| k.len() + self.store.get(k).map(|v| v.len()).unwrap_or(0))
            .sum()
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }
}

fn encode_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}
