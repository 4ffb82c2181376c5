//! Any bytes as an Automerge sync message, applied to a Gouvernail document
//! and to an empty replica fetching one: an error or a valid step, never a
//! panic, and a document whose header still reads.
#![no_main]

use gouvernail::model::document::sync::{IncomingReplica, SyncState};
use gouvernail::model::{ChangeContext, DocKind, Document};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The document, made once (a genesis per input would dominate the run).
fn saved_document(id: &str) -> &'static [u8] {
    static SAVED: OnceLock<Vec<u8>> = OnceLock::new();
    SAVED.get_or_init(|| {
        let ctx = ChangeContext::new("fuzz", 0, "genesis");
        Document::genesis(DocKind::Workspace, id.into(), "Commune", &ctx).unwrap().save()
    })
}

fuzz_target!(|message: &[u8]| {
    let id = "00010203-0405-0607-0809-0a0b0c0d0e0f";
    let mut doc = Document::load(saved_document(id)).unwrap();
    let mut state = SyncState::new();
    let _ = doc.generate_sync_message(&mut state);
    if doc.receive_sync_message(&mut state, message).is_ok() {
        let _ = doc.generate_sync_message(&mut state);
    }
    assert_eq!(doc.id(), id);
    doc.workspace().unwrap();

    let mut replica = IncomingReplica::new();
    let mut state = SyncState::new();
    let _ = replica.generate_sync_message(&mut state);
    if replica.receive_sync_message(&mut state, message).is_ok() && replica.is_complete(&state) {
        let _ = replica.into_document(id);
    }
});
