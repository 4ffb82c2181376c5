//! The live-sync core without a network: relay ids, the relay's address,
//! the wire decoder (including the bytes the real relay sends, and hostile
//! ones), the session's state machine, and Automerge's sync protocol on
//! Gouvernail documents.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{create_indicator, ctx, new_workspace, record};
use gouvernail::model::document::sync::{IncomingReplica, SyncProgress, SyncState};
use gouvernail::model::exchange::relay::address::RelayAddress;
use gouvernail::model::exchange::relay::backoff::{Backoff, MAX_DELAY_MS};
use gouvernail::model::exchange::relay::decode::{decode, WireError, MAX_DEPTH};
use gouvernail::model::exchange::relay::document_id::RelayDocumentId;
use gouvernail::model::exchange::relay::link::{is_relay_link, parse_relay_link, relay_link_fragment, RelayLink};
use gouvernail::model::exchange::relay::message::{DocumentMessage, Message};
use gouvernail::model::exchange::relay::session::{Disconnection, Event, Session};
use gouvernail::model::exchange::relay::status::{ConnectionStatus, DocumentStatus};
use gouvernail::model::{Command, Document, ErrorKind, MergeSummary};
use std::collections::BTreeMap;

fn hex(text: &str) -> Vec<u8> {
    let text: String = text.split_whitespace().collect();
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

// ------------------------------------------------------------------ ids

#[test]
fn relay_ids_are_bs58check_of_the_uuid_as_automerge_repo_writes_them() {
    // The vector automerge-repo's bs58check gives for the bytes 00 01 … 0f.
    let id = RelayDocumentId::from_document_id("00010203-0405-0607-0809-0a0b0c0d0e0f").unwrap();
    assert_eq!(id.as_str(), "1Bhh3pU9gLXZiNDL6PEa1Gs9fh");
    assert_eq!(id.automerge_url(), "automerge:1Bhh3pU9gLXZiNDL6PEa1Gs9fh");
    let back = RelayDocumentId::parse("1Bhh3pU9gLXZiNDL6PEa1Gs9fh").unwrap();
    assert_eq!(back.document_id(), "00010203-0405-0607-0809-0a0b0c0d0e0f");
    assert_eq!(RelayDocumentId::from_document_id(&"0".repeat(0)).unwrap_err().kind, ErrorKind::RelayDocumentId);

    let doc = new_workspace("Commune");
    let id = RelayDocumentId::from_document_id(doc.id()).unwrap();
    assert_eq!(RelayDocumentId::parse(id.as_str()).unwrap().document_id(), doc.id());
}

#[test]
fn a_damaged_relay_id_is_refused_with_a_french_message() {
    for bad in ["", "1Bhh3pU9gLXZiNDL6PEa1Gs9fi", "1Bhh3pU9gLXZiNDL6PEa1Gs9f", "0OIl", &"z".repeat(500), "é"] {
        let error = RelayDocumentId::parse(bad).unwrap_err();
        assert_eq!(error.kind, ErrorKind::RelayDocumentId, "{bad}");
        assert!(error.message().contains("identifiant"));
    }
    // A valid checksum over 8 bytes: not a document id.
    let short = RelayDocumentId::parse("3vQB7B6MrGQZaxCuFg4oh");
    assert!(short.is_err());
}

// ------------------------------------------------------------------ address

#[test]
fn the_relay_address_is_checked_once_and_carries_the_key_as_a_parameter() {
    let address = RelayAddress::parse("  wss://relais.cc-exemple.fr/sync/ ", "s3cret&=é").unwrap();
    assert_eq!(address.url(), "wss://relais.cc-exemple.fr/sync");
    assert_eq!(address.connection_url(), "wss://relais.cc-exemple.fr/sync/?key=s3cret%26%3D%C3%A9");
    assert_eq!(address.key_check_url(), "https://relais.cc-exemple.fr/sync/?key=s3cret%26%3D%C3%A9");
    // The web address people copy works too.
    assert_eq!(RelayAddress::parse("https://relais.fr", "k").unwrap().url(), "wss://relais.fr");
    // Unencrypted only on this machine.
    assert_eq!(
        RelayAddress::parse("ws://127.0.0.1:3030", "k").unwrap().key_check_url(),
        "http://127.0.0.1:3030/?key=k"
    );
    assert!(RelayAddress::parse("ws://localhost:3030", "k").is_ok());
}

#[test]
fn a_wrong_relay_address_or_key_gets_a_clear_french_message() {
    let cases = [
        ("", "k", "indiquez l'adresse"),
        ("relais.fr", "k", "wss://"),
        ("ftp://relais.fr", "k", "wss://"),
        ("ws://relais.fr", "k", "en clair"),
        ("wss://", "k", "serveur manque"),
        ("wss://relais fr", "k", "espaces"),
        ("wss://relais.fr/?key=k", "k", "la clé se saisit à part"),
        ("wss://relais.fr", "", "clé d'accès manque"),
        ("wss://relais.fr", "a\u{7}b", "pas lisible"),
    ];
    for (address, key, expected) in cases {
        let error = RelayAddress::parse(address, key).unwrap_err();
        assert!(matches!(error.kind, ErrorKind::RelayAddress(_)), "{address}");
        assert!(error.message().starts_with("Adresse du relais invalide"), "{}", error.message());
        assert!(error.message().contains(expected), "{address}: {}", error.message());
    }
}

#[test]
fn reconnection_waits_longer_after_each_failure_up_to_a_ceiling() {
    let mut backoff = Backoff::new();
    let delays: Vec<u32> = (0..8).map(|_| backoff.next_delay_ms(1.0)).collect();
    assert_eq!(delays, [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    backoff.reset();
    assert_eq!(backoff.next_delay_ms(0.0), 500, "jitter spreads over the upper half");
    for _ in 0..100 {
        assert!(backoff.next_delay_ms(f64::NAN) <= MAX_DELAY_MS);
    }
}

// ------------------------------------------------------------------ wire

/// `peer` as the relay (cbor-x) sends it: `b9 0005` map head, `undefined`
/// nowhere here but non-minimal heads and its own key order.
const RELAY_PEER: &str = "b90005647479706564706565726873656e64657249646872656c61792d766d6c706565724d65746164617461b900026973746f726167654964782435323432356265302d323133312d346639322d626533322d6466663637623836343431396b6973457068656d6572616cf47773656c656374656450726f746f636f6c56657273696f6e6131687461726765744964627031";

#[test]
fn the_decoder_reads_what_the_relay_sends() {
    assert_eq!(
        decode(&hex(RELAY_PEER)).unwrap(),
        Message::Peer {
            sender_id: "relay-vm".into(),
            target_id: Some("p1".into()),
            protocol_version: Some("1".into())
        }
    );
    // A JS client's `join`: storageId present as `undefined` (f7).
    let join = hex("b90004 6474797065 646a6f696e 6873656e6465724964 66706565722d41
         6c706565724d65746164617461 b90002 6973746f726167654964 f7 6b6973457068656d6572616c f5
         7819737570706f7274656450726f746f636f6c56657273696f6e73 816131");
    assert_eq!(
        decode(&join).unwrap(),
        Message::Join { sender_id: "peer-A".into(), storage_id: None, protocol_versions: vec!["1".into()] }
    );
    // An `ephemeral` message is read far enough to be ignored.
    let ephemeral = Message::Ignored { kind: "ephemeral".into() }.encode();
    assert_eq!(decode(&ephemeral).unwrap(), Message::Ignored { kind: "ephemeral".into() });
}

fn every_message() -> Vec<Message> {
    let doc = DocumentMessage {
        document_id: "1Bhh3pU9gLXZiNDL6PEa1Gs9fh".into(),
        sender_id: "a".into(),
        target_id: "b".into(),
        data: vec![0x42, 0, 1, 2],
    };
    vec![
        Message::Join { sender_id: "a".into(), storage_id: None, protocol_versions: vec!["1".into()] },
        Message::Join { sender_id: "a".into(), storage_id: Some("s".into()), protocol_versions: vec![] },
        Message::Peer { sender_id: "r".into(), target_id: Some("a".into()), protocol_version: Some("1".into()) },
        Message::Peer { sender_id: "r".into(), target_id: None, protocol_version: None },
        Message::Error { message: "unsupported protocol version".into() },
        Message::Request(doc.clone()),
        Message::Sync(doc),
        Message::DocUnavailable { document_id: "x".into(), sender_id: "a".into(), target_id: "b".into() },
        Message::Ignored { kind: "remote-heads-changed".into() },
    ]
}

#[test]
fn every_message_reads_back_as_written() {
    for message in every_message() {
        assert_eq!(decode(&message.encode()).unwrap(), message);
    }
}

#[test]
fn every_truncation_of_a_message_is_an_error_not_a_panic() {
    for message in every_message() {
        let frame = message.encode();
        for len in 0..frame.len() {
            assert!(decode(&frame[..len]).is_err(), "{message:?} cut at {len}");
        }
        let mut longer = frame.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(WireError::TrailingBytes));
    }
}

#[test]
fn malformed_or_hostile_frames_are_refused() {
    let refused = |bytes: &[u8]| decode(bytes).unwrap_err();
    assert_eq!(refused(&hex("83010203")), WireError::NotAMap);
    assert_eq!(refused(&hex("bf 6474797065 6473796e63 ff")), WireError::NotAMap); // indefinite map
    assert!(matches!(refused(&hex("b8ff")), WireError::TooManyEntries(255)));
    assert!(matches!(refused(&hex("bb ffffffffffffffff")), WireError::TooManyEntries(_)));
    // A key twice.
    assert!(matches!(refused(&hex("a2 6474797065 6473796e63 6474797065 6473796e63")), WireError::DuplicateKey(_)));
    // A non-text key.
    assert!(matches!(refused(&hex("a1 01 02")), WireError::Malformed(_)));
    // `type` missing, or not text.
    assert_eq!(refused(&hex("a1 68 73656e6465724964 6161")), WireError::Missing("type"));
    assert_eq!(refused(&hex("a1 6474797065 01")), WireError::WrongType("type"));
    // A `sync` without data, or with data as text.
    let mut sync = BTreeMap::new();
    sync.insert("type", "sync");
    sync.insert("documentId", "x");
    sync.insert("senderId", "a");
    sync.insert("targetId", "b");
    assert_eq!(refused(&text_map(&sync, None)), WireError::Missing("data"));
    assert_eq!(refused(&text_map(&sync, Some(("data", "texte")))), WireError::WrongType("data"));
    // A byte string claiming 4 GiB in a 10-byte frame.
    assert!(matches!(refused(&hex("a1 6464617461 5a ffffffff 00")), WireError::Malformed(_)));
    // Invalid UTF-8 in a key.
    assert!(matches!(refused(&hex("a1 62 fffe 01")), WireError::Malformed(_)));
    // A frame over the size limit is refused before it is read.
    assert!(matches!(refused(&vec![0xa0; 65 << 20]), WireError::TooLarge(_)));
}

fn text_map(fields: &BTreeMap<&str, &str>, extra: Option<(&str, &str)>) -> Vec<u8> {
    let mut encoder = minicbor::Encoder::new(Vec::new());
    encoder.map((fields.len() + usize::from(extra.is_some())) as u64).unwrap();
    for (k, v) in fields.iter().map(|(k, v)| (*k, *v)).chain(extra) {
        encoder.str(k).unwrap().str(v).unwrap();
    }
    encoder.into_writer()
}

#[test]
fn unknown_values_nested_deeper_than_the_limit_are_refused_without_deep_recursion() {
    // {"type": "x", "junk": [[[[…]]]]}, definite then indefinite arrays.
    for (open, close) in [("81", ""), ("9f", "ff")] {
        let nest = |depth: usize| {
            let mut frame = hex("a2 6474797065 6178 646a756e6b");
            frame.extend(std::iter::repeat_n(hex(open), depth).flatten());
            frame.push(0x00);
            frame.extend(std::iter::repeat_n(hex(close), depth).flatten());
            frame
        };
        assert_eq!(decode(&nest(MAX_DEPTH)).unwrap(), Message::Ignored { kind: "x".into() });
        assert_eq!(decode(&nest(MAX_DEPTH + 1)), Err(WireError::TooDeep));
        assert_eq!(decode(&nest(1_000_000)), Err(WireError::TooDeep));
    }
    // Maps, tags and byte strings among the junk are skipped too.
    let frame = hex("a2 6474797065 6178 646a756e6b a2 01 c1 1a00000001 02 bf 42 0102 5f 41 01 ff ff");
    assert_eq!(decode(&frame).unwrap(), Message::Ignored { kind: "x".into() });
}

// ------------------------------------------------------------------ Automerge sync on documents

/// Runs the sync protocol between two documents until both are quiet.
fn sync_pair(a: &mut Document, b: &mut Document) {
    let (mut state_a, mut state_b) = (SyncState::new(), SyncState::new());
    for _ in 0..20 {
        let to_b = a.generate_sync_message(&mut state_a);
        let to_a = b.generate_sync_message(&mut state_b);
        if to_b.is_none() && to_a.is_none() {
            return;
        }
        if let Some(m) = to_b {
            b.receive_sync_message(&mut state_b, &m).unwrap();
        }
        if let Some(m) = to_a {
            a.receive_sync_message(&mut state_a, &m).unwrap();
        }
    }
    panic!("no convergence");
}

#[test]
fn two_replicas_converge_through_sync_messages_and_say_what_arrived() {
    let mut a = new_workspace("Commune");
    create_indicator(&mut a, "ind-1", "Démarches");
    let mut b = Document::load(&a.save()).unwrap();
    b.set_actor(&gouvernail::model::new_actor());
    record(&mut a, "ind-1", "2026-01", 1.0, "A");
    record(&mut b, "ind-1", "2026-02", 2.0, "B");
    sync_pair(&mut a, &mut b);
    assert_eq!(a.heads(), b.heads());
    assert_eq!(a.workspace().unwrap(), b.workspace().unwrap());

    // What one message brought in, as a merge reports it.
    let mut state_a = SyncState::new();
    let mut state_b = SyncState::new();
    sync_states_once(&mut a, &mut state_a, &mut b, &mut state_b);
    record(&mut a, "ind-1", "2026-03", 3.0, "Alice");
    // The first message usually carries the change, but b's Bloom filter can
    // claim it by a false positive (about 1 %), and then b asks for it by hash
    // on the next round: exchange until quiet and keep what arrived.
    let arrivals = sync_states_once(&mut a, &mut state_a, &mut b, &mut state_b);
    let [summary] = arrivals.as_slice() else { panic!("the change arrived in {} merges", arrivals.len()) };
    assert_eq!(summary.new_changes, 1);
    assert_eq!(a.heads(), b.heads());
    assert!(summary.authors.contains("Alice"));
    assert!(summary.changed["measurements"].contains("ind-1"));
}

/// Brings two states to where both sides know each other's heads; returns
/// what each of b's merges that brought something reported.
fn sync_states_once(a: &mut Document, sa: &mut SyncState, b: &mut Document, sb: &mut SyncState) -> Vec<MergeSummary> {
    let mut arrivals = Vec::new();
    for _ in 0..10 {
        let m1 = a.generate_sync_message(sa);
        let m2 = b.generate_sync_message(sb);
        if m1.is_none() && m2.is_none() {
            break;
        }
        if let Some(m) = m1 {
            let summary = b.receive_sync_message(sb, &m).unwrap();
            if !summary.is_empty() {
                arrivals.push(summary);
            }
        }
        if let Some(m) = m2 {
            a.receive_sync_message(sa, &m).unwrap();
        }
    }
    arrivals
}

#[test]
fn sync_progress_tells_pending_local_changes_apart_from_in_sync() {
    let mut a = new_workspace("Commune");
    let mut b = Document::load(&a.save()).unwrap();
    let (mut sa, mut sb) = (SyncState::new(), SyncState::new());
    assert_eq!(a.sync_progress(&sa), SyncProgress::LocalChangesPending, "the peer acknowledged nothing yet");
    sync_states_once(&mut a, &mut sa, &mut b, &mut sb);
    assert_eq!(a.sync_progress(&sa), SyncProgress::InSync);
    create_indicator(&mut a, "ind-1", "Nouveau");
    assert_eq!(a.sync_progress(&sa), SyncProgress::LocalChangesPending);
    // A reconnection keeps what both share: still pending, not forgotten.
    sa.reset_for_reconnection();
    assert_eq!(a.sync_progress(&sa), SyncProgress::LocalChangesPending);
    sync_states_once(&mut a, &mut sa, &mut b, &mut sb);
    assert_eq!(a.sync_progress(&sa), SyncProgress::InSync);
    assert_eq!(b.sync_progress(&sb), SyncProgress::InSync);
}

#[test]
fn a_document_is_received_into_an_empty_replica_and_checked_like_an_import() {
    let mut original = new_workspace("Commune de Saint-Martin");
    create_indicator(&mut original, "ind-1", "Démarches");
    let (mut so, mut sr) = (SyncState::new(), SyncState::new());
    let mut replica = IncomingReplica::new();
    assert!(replica.is_empty());
    for _ in 0..10 {
        if let Some(m) = replica.generate_sync_message(&mut sr) {
            original.receive_sync_message(&mut so, &m).unwrap();
        }
        if let Some(m) = original.generate_sync_message(&mut so) {
            replica.receive_sync_message(&mut sr, &m).unwrap();
        }
        if replica.is_complete(&sr) {
            break;
        }
    }
    assert!(replica.is_complete(&sr));
    let id = original.id().to_string();
    let mut received = replica.into_document(&id).unwrap();
    assert_eq!(received.heads(), original.heads(), "the original's genesis, not a new one");
    assert_eq!(received.workspace().unwrap(), original.workspace().unwrap());
}

#[test]
fn garbage_sync_data_changes_nothing() {
    let mut doc = new_workspace("Commune");
    let heads = doc.heads();
    let mut state = SyncState::new();
    for garbage in [&b""[..], b"\x42", b"\x42\x00\x00\x01garbage", &[0xff; 64]] {
        let error = doc.receive_sync_message(&mut state, garbage).unwrap_err();
        assert!(matches!(error.kind, ErrorKind::RelayProtocol(_)));
        assert!(error.message().contains("rien n'a changé"));
        assert_eq!(doc.heads(), heads);
        assert!(IncomingReplica::new().receive_sync_message(&mut SyncState::new(), garbage).is_err());
    }
}

#[test]
fn sync_messages_with_a_bloom_filter_automerge_would_choke_on_are_refused() {
    // Found by fuzz/ (sync_message): a filter claiming entries without bits
    // made the next generate_sync_message divide by zero (a panic: the app
    // would abort); the second asks for 2³² − 1 probes a hash (16 GiB).
    let crash = [67, 0, 0, 1, 0, 4, 67, 0, 0, 1, 0];
    let probes = hex("43 00 00 01 00 08 01 08 ffffffff0f 00 00");
    for message in [&crash[..], &probes] {
        assert!(automerge::sync::Message::decode(message).is_ok(), "Automerge itself accepts it");
        let mut doc = new_workspace("Commune");
        let heads = doc.heads();
        let mut state = SyncState::new();
        doc.generate_sync_message(&mut state);
        let error = doc.receive_sync_message(&mut state, message).expect_err(&format!("{message:02x?}"));
        assert!(matches!(error.kind, ErrorKind::RelayProtocol(_)));
        assert!(doc.generate_sync_message(&mut state).is_some() || doc.heads() == heads);
        assert_eq!(doc.heads(), heads);
        let mut replica = IncomingReplica::new();
        let mut state = SyncState::new();
        replica.generate_sync_message(&mut state);
        assert!(replica.receive_sync_message(&mut state, message).is_err());
        replica.generate_sync_message(&mut state);
    }
}

#[test]
fn changes_to_a_newer_schema_or_another_id_are_rolled_back() {
    use automerge::transaction::Transactable;
    for (key, value, expected) in [
        ("schema_version", automerge::ScalarValue::Uint(99), "plus récente"),
        ("id", automerge::ScalarValue::Str("autre".into()), "n'ont pas la même origine"),
    ] {
        let mut doc = new_workspace("Commune");
        record_one(&mut doc);
        let heads = doc.heads();
        let actor = doc.actor().clone();
        // Another app edits the same document's header.
        let mut other = automerge::AutoCommit::load(&doc.save()).unwrap();
        let meta = match automerge::ReadDoc::get(&other, automerge::ROOT, "meta").unwrap() {
            Some((_, meta)) => meta,
            None => unreachable!(),
        };
        other.put(&meta, key, value).unwrap();
        // The other side as a raw sync peer.
        let (mut s_doc, mut s_other) = (SyncState::new(), automerge::sync::State::new());
        let mut error = None;
        for _ in 0..10 {
            use automerge::sync::SyncDoc;
            if let Some(m) = doc.generate_sync_message(&mut s_doc) {
                let m = automerge::sync::Message::decode(&m).unwrap();
                other.sync().receive_sync_message(&mut s_other, m).unwrap();
            }
            if let Some(m) = other.sync().generate_sync_message(&mut s_other) {
                if let Err(e) = doc.receive_sync_message(&mut s_doc, &m.encode()) {
                    error = Some(e);
                    break;
                }
            }
        }
        let error = error.expect("a refusal");
        assert!(error.message().contains(expected), "{}", error.message());
        assert_eq!(doc.heads(), heads, "nothing changed here");
        assert_eq!(doc.actor(), &actor, "the device keeps its actor");
        assert_eq!(doc.meta().schema_version, gouvernail::model::SCHEMA_VERSION);
        record(&mut doc, "ind-1", "2026-05", 5.0, "Après");
        assert_eq!(doc.workspace().unwrap().measurements["ind-1"].len(), 2);
    }
}

fn record_one(doc: &mut Document) {
    create_indicator(doc, "ind-1", "Démarches");
    record(doc, "ind-1", "2026-01", 1.0, "A");
}

// ------------------------------------------------------------------ session

const RELAY: &str = "relay-test";

/// A session that joined a relay (fake: we write its frames by hand).
fn joined(docs: &mut BTreeMap<String, Document>) -> Session {
    let mut session = Session::new("gv");
    let out = session.connected();
    assert!(matches!(decode(&out.frames[0]).unwrap(), Message::Join { .. }));
    let peer = Message::Peer {
        sender_id: RELAY.into(),
        target_id: Some(session.peer_id().into()),
        protocol_version: Some("1".into()),
    };
    let out = session.receive(&peer.encode(), docs);
    assert!(matches!(out.events[..], [Event::Connected]));
    session
}

fn to_us(session: &Session, relay_id: &str, data: Vec<u8>) -> DocumentMessage {
    DocumentMessage { document_id: relay_id.into(), sender_id: RELAY.into(), target_id: session.peer_id().into(), data }
}

#[test]
fn a_request_for_a_document_we_do_not_share_is_answered_unavailable_at_once() {
    let mut docs = BTreeMap::new();
    let mut session = joined(&mut docs);
    let empty = IncomingReplica::new().generate_sync_message(&mut SyncState::new()).unwrap();
    let request = Message::Request(to_us(&session, "1Bhh3pU9gLXZiNDL6PEa1Gs9fh", empty.clone()));
    let out = session.receive(&request.encode(), &mut docs);
    assert_eq!(
        decode(&out.frames[0]).unwrap(),
        Message::DocUnavailable {
            document_id: "1Bhh3pU9gLXZiNDL6PEa1Gs9fh".into(),
            sender_id: session.peer_id().into(),
            target_id: RELAY.into()
        }
    );
    // A `sync` for it is ignored (nobody waits on that).
    let out = session.receive(&Message::Sync(to_us(&session, "1Bhh3pU9gLXZiNDL6PEa1Gs9fh", empty)).encode(), &mut docs);
    assert!(out.frames.is_empty() && out.events.is_empty());
}

#[test]
fn the_session_follows_documents_across_connections() {
    let mut docs = BTreeMap::new();
    let mut session = Session::new("gv");
    let mut doc = new_workspace("Commune");
    let id = doc.id().to_string();
    // Followed before connecting: nothing to send yet.
    assert!(session.follow(&mut doc).unwrap().frames.is_empty());
    docs.insert(id.clone(), doc);
    let first_peer_id = {
        session.connected();
        session.peer_id().to_string()
    };
    let peer =
        Message::Peer { sender_id: RELAY.into(), target_id: Some(first_peer_id.clone()), protocol_version: None };
    let out = session.receive(&peer.encode(), &mut docs);
    // On `peer`, the document is pushed with `sync` (we have it).
    assert!(matches!(decode(&out.frames[0]).unwrap(), Message::Sync(m) if m.target_id == RELAY));
    assert_eq!(session.document_status(&id, &mut docs), Some(DocumentStatus::ChangesPending), "not acknowledged yet");
    session.disconnected(Disconnection::Offline);
    assert_eq!(session.connection_status(), ConnectionStatus::Offline);
    assert_eq!(
        session.document_status(&id, &mut docs),
        Some(DocumentStatus::Disconnected { connection: ConnectionStatus::Offline, pending: true })
    );
    assert_eq!(session.document_status(&id, &mut docs).unwrap().label(), "hors ligne — modifications en attente");
    // An edit while offline sends nothing…
    let doc = docs.get_mut(&id).unwrap();
    doc.apply(&Command::SetTitle("Hors ligne".into()), &ctx("A", "t")).unwrap();
    assert!(session.local_change(doc).frames.is_empty());
    // …and a new connection joins under a new peer id and pushes again.
    let out = session.connected();
    assert_ne!(session.peer_id(), first_peer_id);
    assert!(
        matches!(decode(&out.frames[0]).unwrap(), Message::Join { sender_id, .. } if sender_id == session.peer_id())
    );
    let peer =
        Message::Peer { sender_id: RELAY.into(), target_id: Some(session.peer_id().into()), protocol_version: None };
    let out = session.receive(&peer.encode(), &mut docs);
    assert_eq!(out.frames.len(), 1);
    session.unfollow(&id);
    assert_eq!(session.document_status(&id, &mut docs), None);
}

#[test]
fn what_does_not_fit_the_protocol_is_ignored_and_changes_nothing() {
    let mut docs = BTreeMap::new();
    let mut doc = new_workspace("Commune");
    let id = doc.id().to_string();
    let relay_id = RelayDocumentId::from_document_id(&id).unwrap();
    let mut session = Session::new("gv");
    session.follow(&mut doc).unwrap();
    docs.insert(id.clone(), doc);
    // Before `peer`, a sync is dropped (as the relay drops ours before `join`).
    session.connected();
    let early = Message::Sync(to_us(&session, relay_id.as_str(), vec![0x42]));
    assert!(session.receive(&early.encode(), &mut docs).frames.is_empty());
    let mut session = joined(&mut docs);
    session.follow(docs.get_mut(&id).unwrap()).unwrap();
    let heads = docs.get_mut(&id).unwrap().heads();
    let hostile = [
        vec![0xff, 0x00],
        Message::Sync(to_us(&session, relay_id.as_str(), b"pas automerge".to_vec())).encode(),
        Message::Sync(to_us(&session, "pas-un-id", vec![0x42])).encode(),
        Message::Sync(DocumentMessage {
            target_id: "quelqu'un d'autre".into(),
            ..to_us(&session, relay_id.as_str(), vec![0x42])
        })
        .encode(),
        Message::Ignored { kind: "ephemeral".into() }.encode(),
        Message::Join { sender_id: "x".into(), storage_id: None, protocol_versions: vec![] }.encode(),
        Message::DocUnavailable { document_id: "???".into(), sender_id: RELAY.into(), target_id: "gv".into() }.encode(),
    ];
    for frame in hostile {
        let out = session.receive(&frame, &mut docs);
        assert!(out.frames.is_empty(), "nothing answered to {frame:?}");
        assert!(out.events.iter().all(|e| matches!(e, Event::Ignored(_))));
        assert_eq!(docs.get_mut(&id).unwrap().heads(), heads);
    }
    assert!(session.is_ready());
}

#[test]
fn a_relay_of_another_protocol_version_is_reported() {
    let mut docs = BTreeMap::new();
    let mut session = Session::new("gv");
    session.connected();
    let out = session.receive(&Message::Error { message: "unsupported protocol version".into() }.encode(), &mut docs);
    assert!(
        matches!(&out.events[..], [Event::RelayRefused(e)] if e.message().contains("unsupported protocol version"))
    );
    assert_eq!(session.connection_status().label(), "relais incompatible");

    let mut session = Session::new("gv");
    session.connected();
    let peer = Message::Peer { sender_id: RELAY.into(), target_id: None, protocol_version: Some("2".into()) };
    let out = session.receive(&peer.encode(), &mut docs);
    assert!(matches!(&out.events[..], [Event::RelayRefused(_)]));
    assert!(!session.is_ready());
}

#[test]
fn every_status_has_a_label_in_french() {
    let labels: Vec<String> = [
        DocumentStatus::Synced,
        DocumentStatus::ChangesPending,
        DocumentStatus::Disconnected { connection: ConnectionStatus::Offline, pending: false },
        DocumentStatus::Disconnected { connection: ConnectionStatus::Unreachable, pending: false },
        DocumentStatus::Disconnected { connection: ConnectionStatus::KeyRefused, pending: false },
    ]
    .iter()
    .map(DocumentStatus::label)
    .collect();
    assert_eq!(labels, ["synchronisé", "modifications en attente", "hors ligne", "relais injoignable", "clé refusée"]);
}

#[test]
fn relay_failures_have_french_messages() {
    for kind in [ErrorKind::RelayKeyRefused, ErrorKind::RelayUnreachable, ErrorKind::RelayUnavailable] {
        let message = gouvernail::model::Error::new(kind).message().to_string();
        assert!(message.contains("relais"), "{message}");
    }
}

#[test]
fn a_live_sync_link_carries_the_relay_and_the_id_never_the_key() {
    let address = RelayAddress::parse("https://relais.interco.fr/", "clé secrète").unwrap();
    let id = RelayDocumentId::from_document_id("00010203-0405-0607-0809-0a0b0c0d0e0f").unwrap();
    let fragment = relay_link_fragment(&address, &id);
    assert!(is_relay_link(&format!("#{fragment}")));
    assert!(!fragment.contains("secr") && !fragment.contains("cl%C3%A9") && fragment.len() < 120, "{fragment}");
    let link = parse_relay_link(&format!("#{fragment}")).unwrap();
    assert_eq!(link, RelayLink { relay_url: "wss://relais.interco.fr".into(), relay_id: id.clone() });
    assert_eq!(link.relay_id.document_id(), "00010203-0405-0607-0809-0a0b0c0d0e0f");
}

#[test]
fn a_damaged_live_sync_link_gets_a_french_message() {
    let address = RelayAddress::parse("wss://relais.interco.fr", "k").unwrap();
    let id = RelayDocumentId::from_document_id("00010203-0405-0607-0809-0a0b0c0d0e0f").unwrap();
    let good = relay_link_fragment(&address, &id);
    let cut = &good[..good.len() - 3];
    let ftp = format!("r1.{}.{}", base64_url("ftp://ailleurs"), id.as_str());
    let plain_ws = format!("r1.{}.{}", base64_url("ws://relais.interco.fr"), id.as_str());
    for bad in ["", "r1.", "g1.abc", "r1.pas-du-base64!.x", cut, &ftp, &plain_ws, &"r1.".repeat(1000)] {
        let error = parse_relay_link(bad).unwrap_err();
        let message = error.message();
        assert!(message.chars().next().unwrap().is_uppercase() && message.ends_with('.'), "{bad}: {message}");
    }
    assert!(matches!(parse_relay_link(cut).unwrap_err().kind, ErrorKind::RelayDocumentId));
    assert!(matches!(parse_relay_link(&plain_ws).unwrap_err().kind, ErrorKind::RelayAddress(_)));
}

fn base64_url(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}
