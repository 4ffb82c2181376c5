//! Automerge's sync protocol on Gouvernail documents: what a live-sync
//! session (`exchange::relay`) needs, without letting it touch Automerge.
//!
//! * [`SyncState`] is what one replica knows of one peer (the relay);
//! * [`Document::generate_sync_message`] / [`Document::receive_sync_message`]
//!   run the protocol on a document we have. Received changes are checked
//!   like an import before they stay: if they leave the header unreadable,
//!   of a newer schema or of another id, the document is put back as it was
//!   (nothing changes locally) and the error says why;
//! * [`IncomingReplica`] is a document we asked a peer for and do not have
//!   yet: an *empty* Automerge replica (no root object: invariant 1, the
//!   document's genesis is the peer's), filled by the peer's sync messages and
//!   turned into a [`Document`] only once complete and validated.

use crate::model::document::core::{read_meta, Document};
use crate::model::document::diff::{changed_entities, MergeSummary};
use crate::model::document::note::parse_note;
use crate::model::error::{Error, ErrorKind, Result};
use automerge::sync::{self, SyncDoc};
use automerge::{AutoCommit, ChangeHash};
use std::collections::BTreeMap;

/// What this replica knows of one peer for one document: the heads both
/// sides share, what the peer last said it has, what is in flight.
#[derive(Debug, Clone, Default)]
pub struct SyncState(sync::State);

impl SyncState {
    pub fn new() -> SyncState {
        SyncState::default()
    }

    /// After the connection dropped: keeps what both sides are known to
    /// share and forgets what was in flight, so the next exchange starts
    /// cleanly (what automerge-repo does by encoding and decoding the state).
    pub fn reset_for_reconnection(&mut self) {
        let shared_heads = std::mem::take(&mut self.0.shared_heads);
        self.0 = sync::State::new();
        self.0.shared_heads = shared_heads;
    }
}

/// Where a document stands with one peer, as far as this replica knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncProgress {
    /// Nothing of ours is waiting, but the peer has not told us its heads
    /// yet in this connection (it may have more).
    Unknown,
    /// Both sides have exactly the same changes.
    InSync,
    /// We have changes the peer has not acknowledged yet (made offline, or in flight).
    LocalChangesPending,
    /// The peer announced changes we have not received yet.
    Receiving,
}

fn progress(doc: &mut AutoCommit, state: &sync::State) -> SyncProgress {
    let sorted = |heads: &[ChangeHash]| {
        let mut heads = heads.to_vec();
        heads.sort();
        heads
    };
    let ours = doc.get_heads();
    if let Some(theirs) = &state.their_heads {
        if theirs.iter().any(|head| doc.get_change_by_hash(head).is_none()) {
            return SyncProgress::Receiving;
        }
    }
    // `shared_heads` is what the peer acknowledged having: anything of ours
    // beyond it has not reached the peer yet. It survives a reconnection.
    if sorted(&ours) != sorted(&state.shared_heads) {
        return SyncProgress::LocalChangesPending;
    }
    match &state.their_heads {
        None => SyncProgress::Unknown,
        Some(_) => SyncProgress::InSync,
    }
}

/// The probes a peer may ask for per hash (Automerge uses 7).
const MAX_BLOOM_PROBES: u64 = 64;

/// Decodes a peer's sync message and refuses what Automerge 0.12 would
/// choke on later: a Bloom filter that claims entries but has no bits makes
/// the next `generate_sync_message` divide by zero, and one asking for
/// billions of probes allocates gigabytes (both found by `fuzz/`'s
/// `sync_message` target). Such a message changes nothing.
fn decode_message(bytes: &[u8]) -> Result<sync::Message> {
    let unreadable = || Error::new(ErrorKind::RelayProtocol("message de synchronisation illisible"));
    let message = sync::Message::decode(bytes).map_err(|_| unreadable())?;
    if message.have.iter().all(|have| bloom_is_sane(&have.bloom.to_bytes())) {
        Ok(message)
    } else {
        Err(unreadable())
    }
}

/// A Bloom filter as Automerge writes it: nothing for an empty one, else
/// LEB128 entries, bits per entry and probes, then the bits.
fn bloom_is_sane(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    if rest.is_empty() {
        return true;
    }
    let mut field = || leb128::read::unsigned(&mut rest).ok();
    let (Some(_entries), Some(_bits_per_entry), Some(probes)) = (field(), field(), field()) else { return false };
    // Automerge takes its modulo as `8 * bits` in a u32: 512 MiB of bits would wrap it to 0.
    !rest.is_empty() && rest.len() < 1 << 29 && probes <= MAX_BLOOM_PROBES
}

impl Document {
    /// The next sync message for the peer of `state`, if there is anything to say.
    pub fn generate_sync_message(&mut self, state: &mut SyncState) -> Option<Vec<u8>> {
        self.doc.sync().generate_sync_message(&mut state.0).map(sync::Message::encode)
    }

    /// Applies a peer's sync message. The changes it brings are kept only if
    /// the document is still a readable Gouvernail document with the same
    /// id; otherwise the document and `state` are put back as they were and
    /// the error says why (a newer schema, a header destroyed, another id,
    /// bytes that do not decode).
    pub fn receive_sync_message(&mut self, state: &mut SyncState, message: &[u8]) -> Result<MergeSummary> {
        let message = decode_message(message)?;
        let carries_changes = !message.changes.is_empty();
        let state_before = state.0.clone();
        let before = self.doc.get_heads();
        if carries_changes {
            // An index of the ops applied, so the diff below reads only them (as `merge`).
            self.doc.update_diff_cursor();
        }
        let received = self.doc.sync().receive_sync_message(&mut state.0, message);
        let after = self.doc.get_heads();
        if !carries_changes || before == after {
            self.doc.reset_diff_cursor();
            received.map_err(|_| Error::new(ErrorKind::RelayProtocol("modifications illisibles")))?;
            return Ok(MergeSummary::default());
        }
        let checked =
            received
                .map_err(|_| Error::new(ErrorKind::RelayProtocol("modifications illisibles")))
                .and_then(|()| read_meta(&self.doc))
                .and_then(|meta| {
                    if meta.id == self.meta.id {
                        Ok(meta)
                    } else {
                        Err(Error::new(ErrorKind::DifferentDocument))
                    }
                });
        match checked {
            Ok(meta) => {
                let changed = changed_entities(&mut self.doc, &before, &after);
                self.doc.reset_diff_cursor();
                let incoming = self.doc.get_changes(&before);
                let authors = incoming.iter().map(|c| parse_note(c.message()).0).collect();
                self.meta = meta;
                Ok(MergeSummary { new_changes: incoming.len(), authors, changed })
            }
            Err(error) => {
                self.doc.reset_diff_cursor();
                self.roll_back_to(&before)?;
                state.0 = state_before;
                Err(error)
            }
        }
    }

    /// Where this document stands with the peer of `state`.
    pub fn sync_progress(&mut self, state: &SyncState) -> SyncProgress {
        progress(&mut self.doc, &state.0)
    }

    /// Forgets every change after `heads` (a refused sync message). Costs a
    /// copy of the document, paid only when something is refused.
    fn roll_back_to(&mut self, heads: &[ChangeHash]) -> Result<()> {
        let actor = self.doc.get_actor().clone();
        let mut restored = self.doc.fork_at(heads)?;
        restored.set_actor(actor);
        self.doc = restored;
        self.fresh_series = BTreeMap::new();
        Ok(())
    }
}

/// A document asked of a peer and not received yet: an empty Automerge
/// replica that only the peer's sync messages fill. It never creates a root
/// object (invariant 1), and becomes a [`Document`] only through
/// [`IncomingReplica::into_document`], which checks it like an import.
#[derive(Debug, Default)]
pub struct IncomingReplica {
    doc: AutoCommit,
}

impl IncomingReplica {
    pub fn new() -> IncomingReplica {
        IncomingReplica::default()
    }

    /// Nothing received yet.
    pub fn is_empty(&mut self) -> bool {
        self.doc.get_heads().is_empty()
    }

    pub fn generate_sync_message(&mut self, state: &mut SyncState) -> Option<Vec<u8>> {
        self.doc.sync().generate_sync_message(&mut state.0).map(sync::Message::encode)
    }

    pub fn receive_sync_message(&mut self, state: &mut SyncState, message: &[u8]) -> Result<()> {
        let message = decode_message(message)?;
        self.doc
            .sync()
            .receive_sync_message(&mut state.0, message)
            .map_err(|_| Error::new(ErrorKind::RelayProtocol("modifications illisibles")))
    }

    /// The peer has sent everything it has (its heads are ours) and it had something.
    pub fn is_complete(&mut self, state: &SyncState) -> bool {
        !self.is_empty() && progress(&mut self.doc, &state.0) == SyncProgress::InSync
    }

    /// The received document, checked like an import: a Gouvernail header,
    /// a schema this version reads, and the id that was asked for. Like any
    /// loaded document, it gets this device's actor from the caller
    /// ([`Document::set_actor`], invariant 3).
    pub fn into_document(self, expected_id: &str) -> Result<Document> {
        let meta = read_meta(&self.doc)?;
        if meta.id != expected_id {
            return Err(Error::new(ErrorKind::RelayWrongDocument));
        }
        Ok(Document { doc: self.doc, meta, fresh_series: BTreeMap::new() })
    }
}
