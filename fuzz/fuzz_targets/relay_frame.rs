//! Any frame a relay may send: decoded, then handed to a joined session
//! that follows one document. Never a panic; the document changes only if
//! the frame is a well-formed sync message carrying its changes (which the
//! fuzzer cannot forge: it would need the document's change hashes).
#![no_main]

use gouvernail::model::exchange::relay::decode::decode;
use gouvernail::model::exchange::relay::message::Message;
use gouvernail::model::exchange::relay::session::Session;
use gouvernail::model::{ChangeContext, DocKind, Document};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const DOCUMENT_ID: &str = "00010203-0405-0607-0809-0a0b0c0d0e0f";

/// The followed document, made once (a genesis per input would dominate the run).
fn saved_document() -> &'static [u8] {
    static SAVED: OnceLock<Vec<u8>> = OnceLock::new();
    SAVED.get_or_init(|| {
        let ctx = ChangeContext::new("fuzz", 0, "genesis");
        Document::genesis(DocKind::Workspace, DOCUMENT_ID.into(), "Commune", &ctx).unwrap().save()
    })
}

fuzz_target!(|frame: &[u8]| {
    // Most frames a relay can send never get past the decoder.
    if decode(frame).is_err() {
        return;
    }
    let mut doc = Document::load(saved_document()).unwrap();
    let mut session = Session::new("gv");
    session.follow(&mut doc).unwrap();
    let mut docs = BTreeMap::new();
    docs.insert(DOCUMENT_ID.to_string(), doc);
    session.connected();
    // The fuzzer's peer ids: the session's own ("gv-1") and the relay's ("r").
    let peer = Message::Peer { sender_id: "r".into(), target_id: None, protocol_version: None };
    session.receive(&peer.encode(), &mut docs);
    let heads = docs.get_mut(DOCUMENT_ID).unwrap().heads();
    session.receive(frame, &mut docs);
    assert_eq!(docs.get_mut(DOCUMENT_ID).unwrap().heads(), heads);
});
