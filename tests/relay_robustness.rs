//! Robustness of the live-sync decoder and session against whatever a relay
//! may send (property tests; `fuzz/` has the coverage-guided fuzzer of the
//! same entry points). Never a panic, and nothing changes locally unless a
//! well-formed sync message for a followed document carries changes.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::new_workspace;
use gouvernail::model::exchange::relay::decode::decode;
use gouvernail::model::exchange::relay::document_id::RelayDocumentId;
use gouvernail::model::exchange::relay::message::{DocumentMessage, Message};
use gouvernail::model::exchange::relay::session::Session;
use gouvernail::model::Document;
use minicbor::Encoder;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// A CBOR value of any shape, nested, to encode.
#[derive(Debug, Clone)]
enum Cbor {
    Uint(u64),
    Neg(i64),
    Bytes(Vec<u8>),
    Text(String),
    Bool(bool),
    Null,
    Undefined,
    Float(f64),
    Array(Vec<Cbor>),
    Map(Vec<(Cbor, Cbor)>),
    Tagged(u64, Box<Cbor>),
}

fn cbor() -> impl Strategy<Value = Cbor> {
    let leaf = prop_oneof![
        any::<u64>().prop_map(Cbor::Uint),
        (i64::MIN..0).prop_map(Cbor::Neg),
        proptest::collection::vec(any::<u8>(), 0..16).prop_map(Cbor::Bytes),
        prop_oneof![
            Just("type".to_string()),
            Just("sync".to_string()),
            Just("data".to_string()),
            Just("documentId".to_string()),
            Just("senderId".to_string()),
            Just("targetId".to_string()),
            Just("peer".to_string()),
            ".{0,8}"
        ]
        .prop_map(Cbor::Text),
        any::<bool>().prop_map(Cbor::Bool),
        Just(Cbor::Null),
        Just(Cbor::Undefined),
        any::<f64>().prop_map(Cbor::Float),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Cbor::Array),
            proptest::collection::vec((inner.clone(), inner.clone()), 0..6).prop_map(Cbor::Map),
            (0u64..300, inner).prop_map(|(tag, value)| Cbor::Tagged(tag, Box::new(value))),
        ]
    })
}

fn write(value: &Cbor, e: &mut Encoder<Vec<u8>>) {
    match value {
        Cbor::Uint(n) => drop(e.u64(*n)),
        Cbor::Neg(n) => drop(e.i64(*n)),
        Cbor::Bytes(b) => drop(e.bytes(b)),
        Cbor::Text(t) => drop(e.str(t)),
        Cbor::Bool(b) => drop(e.bool(*b)),
        Cbor::Null => drop(e.null()),
        Cbor::Undefined => drop(e.undefined()),
        Cbor::Float(f) => drop(e.f64(*f)),
        Cbor::Array(items) => {
            let _ = e.array(items.len() as u64);
            items.iter().for_each(|item| write(item, e));
        }
        Cbor::Map(entries) => {
            let _ = e.map(entries.len() as u64);
            for (k, v) in entries {
                write(k, e);
                write(v, e);
            }
        }
        Cbor::Tagged(tag, value) => {
            let _ = e.tag(minicbor::data::Tag::new(*tag));
            write(value, e);
        }
    }
}

fn encode(value: &Cbor) -> Vec<u8> {
    let mut e = Encoder::new(Vec::new());
    write(value, &mut e);
    e.into_writer()
}

/// A followed document, a joined session, and valid frames to mutate.
fn setup() -> (Session, BTreeMap<String, Document>, String, Vec<Vec<u8>>) {
    let mut docs = BTreeMap::new();
    let mut doc = new_workspace("Commune");
    let id = doc.id().to_string();
    let relay_id = RelayDocumentId::from_document_id(&id).unwrap().as_str().to_string();
    let mut session = Session::new("gv");
    session.follow(&mut doc).unwrap();
    docs.insert(id.clone(), doc);
    session.connected();
    let peer_id = session.peer_id().to_string();
    let peer = Message::Peer { sender_id: "relay".into(), target_id: Some(peer_id.clone()), protocol_version: None };
    session.receive(&peer.encode(), &mut docs);
    let message = |data: Vec<u8>| DocumentMessage {
        document_id: relay_id.clone(),
        sender_id: "relay".into(),
        target_id: peer_id.clone(),
        data,
    };
    let frames = vec![
        peer.encode(),
        Message::Sync(message(vec![0x42, 0, 0, 1, 0, 0, 0, 2, 2, 0x84])).encode(),
        Message::Request(message(vec![0x42, 0, 0, 1, 0, 0, 0, 2, 2, 0x84])).encode(),
        Message::DocUnavailable { document_id: relay_id.clone(), sender_id: "relay".into(), target_id: peer_id }
            .encode(),
    ];
    (session, docs, id, frames)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_decode_to_a_message_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn any_cbor_value_decodes_to_a_message_or_an_error(value in cbor()) {
        let _ = decode(&encode(&value));
    }

    #[test]
    fn a_valid_message_with_junk_or_wrong_types_in_its_fields_never_panics(
        fields in proptest::collection::vec((prop_oneof![
            Just("type"), Just("senderId"), Just("targetId"), Just("documentId"), Just("data"),
            Just("peerMetadata"), Just("supportedProtocolVersions"), Just("selectedProtocolVersion"), Just("x")
        ], cbor()), 0..8)
    ) {
        let entries = fields.into_iter().map(|(k, v)| (Cbor::Text(k.to_string()), v)).collect();
        let _ = decode(&encode(&Cbor::Map(entries)));
    }

    #[test]
    fn mutated_frames_never_panic_the_session_nor_change_the_document(
        which in 0usize..4,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let (mut session, mut docs, id, frames) = setup();
        let heads = docs.get_mut(&id).unwrap().heads();
        let mut frame = frames[which].clone();
        for (at, byte, how) in edits {
            if frame.is_empty() {
                frame.push(byte);
                continue;
            }
            let at = at.index(frame.len());
            match how {
                0 => frame[at] = byte,
                1 => frame.insert(at, byte),
                _ => { frame.remove(at); }
            }
        }
        let _ = session.receive(&frame, &mut docs);
        // The frames carry no changes (an empty document's sync message), so
        // whatever the mutation, nothing may change here.
        prop_assert_eq!(docs.get_mut(&id).unwrap().heads(), heads);
    }
}
