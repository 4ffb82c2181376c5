//! Live sync against the real relay (`relay/relay.mjs`, the stock
//! automerge-repo 2.5 server components) and a JavaScript automerge-repo
//! client (`relay/peer.mjs`): Gouvernail's protocol core over a native
//! WebSocket, each test with its own relay on a free port.
#![cfg(not(target_arch = "wasm32"))]

mod common;
mod relay_support;

use common::{create_indicator, ctx, new_workspace, record};
use gouvernail::model::exchange::relay::document_id::RelayDocumentId;
use gouvernail::model::exchange::relay::session::Event;
use gouvernail::model::exchange::relay::status::{ConnectionStatus, DocumentStatus};
use gouvernail::model::{Command, Document, ErrorKind};
use relay_support::{Client, JsPeer, Refusal, Relay};
use serde_json::json;

fn value(doc: &Document, indicator: &str, period: &str) -> Option<f64> {
    doc.workspace().unwrap().measurements.get(indicator)?.get(period).map(|m| m.value)
}

fn relay_id(doc_id: &str) -> String {
    RelayDocumentId::from_document_id(doc_id).unwrap().as_str().to_string()
}

/// A new client that asks the relay for a document and waits until it has it.
fn newcomer(relay: &Relay, id: &str) -> Client {
    let mut client = Client::new("nouveau");
    client.connect(&relay.url());
    client.fetch(id);
    client.wait_until("the document", |c| c.docs.contains_key(id));
    client
}

/// A workspace with one indicator and one value, shared by a connected client.
fn shared_workspace(relay: &Relay, name: &str) -> (Client, String) {
    let mut client = Client::new(name);
    client.connect(&relay.url());
    let mut doc = new_workspace("Commune de Saint-Martin");
    create_indicator(&mut doc, "ind-1", "Démarches en ligne");
    record(&mut doc, "ind-1", "2026-01", 12.5, "Secrétaire");
    let id = client.share(doc);
    client.wait_synced(&id);
    (client, id)
}

#[test]
fn a_rust_document_reaches_a_js_repo_and_their_edits_cross_both_ways() {
    let relay = Relay::start();
    let (mut rust, id) = shared_workspace(&relay, "rust");
    let rid = relay_id(&id);

    let mut js = JsPeer::start(&relay.url());
    let found = js.ask(json!({"cmd": "find", "id": rid})).expect("the JS repo finds the document");
    assert_eq!(found["content"]["meta"]["id"], id.as_str());
    assert_eq!(found["content"]["meta"]["title"], "Commune de Saint-Martin");
    assert_eq!(found["content"]["measurements"]["ind-1"]["2026-01"], 12.5);

    // JS → Rust.
    js.ask(json!({"cmd": "set", "id": rid, "path": ["measurements", "ind-1", "2026-02"], "value": 42})).unwrap();
    rust.wait_until("the JS edit", |c| value(&c.docs[&id], "ind-1", "2026-02") == Some(42.0));
    assert!(rust.events.iter().any(|e| matches!(e, Event::Changed { document_id, summary }
        if *document_id == id && summary.changed.get("measurements").is_some_and(|m| m.contains("ind-1")))));

    // Rust → JS.
    rust.edit(&id, |doc| record(doc, "ind-1", "2026-03", 7.0, "Secrétaire"));
    js.ask(json!({"cmd": "wait", "id": rid, "path": ["measurements", "ind-1", "2026-03"], "value": 7})).unwrap();

    // Both converge on the same content.
    rust.wait_synced(&id);
    let seen_by_js = js.ask(json!({"cmd": "get", "id": rid})).unwrap()["content"].clone();
    let ours = &rust.docs[&id].workspace().unwrap().measurements["ind-1"];
    let theirs = seen_by_js["measurements"]["ind-1"].as_object().unwrap();
    assert_eq!(ours.len(), theirs.len());
    for (period, m) in ours {
        assert_eq!(theirs[period].as_f64(), Some(m.value), "{period}");
    }
}

#[test]
fn a_gouvernail_document_created_by_a_js_repo_is_fetched_and_followed() {
    let relay = Relay::start();
    let mut js = JsPeer::start(&relay.url());
    let made = js
        .ask(json!({"cmd": "create", "content": {"indicators": {}, "measurements": {}}, "gouvernail": {"schema": 2}}))
        .unwrap();
    let rid = made["id"].as_str().unwrap().to_string();

    let mut rust = Client::new("rust");
    rust.connect(&relay.url());
    let out = rust.session.fetch(RelayDocumentId::parse(&rid).unwrap());
    rust.handle(out);
    rust.wait_until("the document", |c| !c.docs.is_empty());
    let id = RelayDocumentId::parse(&rid).unwrap().document_id();
    assert_eq!(rust.docs[&id].meta().title, "JS");

    // Followed from now on: the next JS edit arrives.
    js.ask(json!({"cmd": "set", "id": rid, "path": ["meta", "title"], "value": "Renommé en JS"})).unwrap();
    rust.wait_until("the new title", |c| c.docs[&id].meta().title == "Renommé en JS");
}

#[test]
fn two_rust_clients_converge_through_the_relay() {
    let relay = Relay::start();
    let (mut a, id) = shared_workspace(&relay, "a");
    let mut b = newcomer(&relay, &id);
    assert!(b.events.iter().any(|e| matches!(e, Event::Fetched(_))));

    a.edit(&id, |doc| record(doc, "ind-1", "2026-02", 20.0, "A"));
    b.edit(&id, |doc| record(doc, "ind-1", "2026-03", 30.0, "B"));
    b.wait_until("A's value", |c| value(&c.docs[&id], "ind-1", "2026-02") == Some(20.0));
    a.wait_until("B's value", |c| value(&c.docs[&id], "ind-1", "2026-03") == Some(30.0));
    a.wait_synced(&id);
    b.wait_synced(&id);
    assert_eq!(a.docs.get_mut(&id).unwrap().heads(), b.docs.get_mut(&id).unwrap().heads());
    assert_eq!(a.docs[&id].workspace().unwrap(), b.docs[&id].workspace().unwrap());
}

#[test]
fn a_wrong_or_missing_key_is_refused_on_the_upgrade() {
    let relay = Relay::start();
    let mut client = Client::new("intrus");
    assert_eq!(client.try_connect(&relay.url_with_key(Some("mauvaise"))), Err(Refusal::Status(403)));
    assert_eq!(client.session.connection_status(), ConnectionStatus::KeyRefused);
    assert_eq!(client.try_connect(&relay.url_with_key(None)), Err(Refusal::Status(401)));
    assert!(!client.is_connected());
    // A relay that is not there.
    let mut lost = Client::new("perdu");
    let port = relay.port;
    drop(relay);
    assert_eq!(lost.try_connect(&format!("ws://127.0.0.1:{port}/?key=x")), Err(Refusal::Unreachable));
    assert_eq!(lost.session.connection_status(), ConnectionStatus::Unreachable);
}

#[test]
fn an_id_unknown_to_the_relay_is_unavailable_until_someone_pushes_it() {
    let relay = Relay::start();
    let mut a = Client::new("a");
    a.connect(&relay.url());
    let later = new_workspace("Pas encore partagé");
    let id = later.id().to_string();
    let out = a.session.fetch(RelayDocumentId::from_document_id(&id).unwrap());
    a.handle(out);
    a.wait_until("doc-unavailable", |c| c.events.iter().any(|e| matches!(e, Event::Unavailable { .. })));
    assert_eq!(a.session.document_status(&id, &mut a.docs), Some(DocumentStatus::NotOnRelay));
    assert!(a.docs.is_empty());
    let message = gouvernail::model::Error::new(ErrorKind::RelayUnavailable).message().to_string();
    assert!(message.contains("pas sur le relais"), "{message}");

    // Someone pushes it: the relay passes it on to who asked.
    let mut b = Client::new("b");
    b.connect(&relay.url());
    b.share(later);
    b.wait_synced(&id);
    a.wait_until("the document pushed meanwhile", |c| c.docs.contains_key(&id));
    assert_eq!(a.session.document_status(&id, &mut a.docs), Some(DocumentStatus::Synced));
}

fn fetch_refused(relay: &Relay, rid: &str) -> (Client, ErrorKind) {
    let mut rust = Client::new("rust");
    rust.connect(&relay.url());
    let out = rust.session.fetch(RelayDocumentId::parse(rid).unwrap());
    rust.handle(out);
    rust.wait_until("a refusal", |c| c.events.iter().any(|e| matches!(e, Event::Refused { .. })));
    assert!(rust.docs.is_empty(), "nothing is kept");
    let kind = rust
        .events
        .iter()
        .find_map(|e| match e {
            Event::Refused { error, .. } => Some(error.kind.clone()),
            _ => None,
        })
        .unwrap();
    (rust, kind)
}

#[test]
fn a_relay_document_that_is_not_gouvernail_or_newer_or_another_is_refused_and_nothing_is_kept() {
    let relay = Relay::start();
    let mut js = JsPeer::start(&relay.url());

    let plain = js.ask(json!({"cmd": "create", "content": {"hello": "world"}})).unwrap();
    let (mut rust, kind) = fetch_refused(&relay, plain["id"].as_str().unwrap());
    assert_eq!(kind, ErrorKind::NotGouvernail);
    let id = RelayDocumentId::parse(plain["id"].as_str().unwrap()).unwrap().document_id();
    let status = rust.session.document_status(&id, &mut rust.docs).unwrap();
    assert!(status.explanation().unwrap().contains("ne provient pas de Gouvernail"));

    let newer = js.ask(json!({"cmd": "create", "content": {}, "gouvernail": {"schema": 99}})).unwrap();
    let (_, kind) = fetch_refused(&relay, newer["id"].as_str().unwrap());
    assert_eq!(kind, ErrorKind::UnsupportedSchema { found: 99, supported: gouvernail::model::SCHEMA_VERSION });

    let other = js
        .ask(json!({"cmd": "create", "content": {}, "gouvernail": {"schema": 2, "id": gouvernail::model::new_id()}}))
        .unwrap();
    let (_, kind) = fetch_refused(&relay, other["id"].as_str().unwrap());
    assert_eq!(kind, ErrorKind::RelayWrongDocument);
}

#[test]
fn changes_that_raise_a_followed_document_to_a_newer_schema_are_refused_and_rolled_back() {
    let relay = Relay::start();
    let (mut rust, id) = shared_workspace(&relay, "rust");
    let rid = relay_id(&id);
    let heads_before = rust.docs.get_mut(&id).unwrap().heads();
    let mut js = JsPeer::start(&relay.url());
    js.ask(json!({"cmd": "find", "id": rid})).unwrap();
    js.ask(json!({"cmd": "set", "id": rid, "path": ["meta", "schema_version"], "value": 99})).unwrap();
    rust.wait_until("a refusal", |c| c.events.iter().any(|e| matches!(e, Event::Refused { .. })));
    let doc = rust.docs.get_mut(&id).unwrap();
    assert_eq!(doc.heads(), heads_before, "nothing changed here");
    assert_eq!(doc.meta().schema_version, gouvernail::model::SCHEMA_VERSION);
    assert_eq!(value(doc, "ind-1", "2026-01"), Some(12.5));
    assert!(matches!(rust.session.document_status(&id, &mut rust.docs), Some(DocumentStatus::Refused(_))));
    // Edits here still work, and are no longer sent.
    let sent = rust.frames_sent;
    rust.edit(&id, |doc| record(doc, "ind-1", "2026-02", 1.0, "Secrétaire"));
    assert_eq!(rust.frames_sent, sent);
}

#[test]
fn edits_made_offline_go_out_after_the_relay_restarts() {
    let mut relay = Relay::start();
    let (mut a, id) = shared_workspace(&relay, "a");
    relay.restart();
    a.wait_until("the connection to drop", |c| !c.is_connected());
    a.edit(&id, |doc| record(doc, "ind-1", "2026-02", 99.0, "Hors ligne"));
    a.edit(&id, |doc| doc.apply(&Command::SetTitle("Renommée hors ligne".into()), &ctx("A", "Titre")).unwrap());
    assert_eq!(
        a.session.document_status(&id, &mut a.docs),
        Some(DocumentStatus::Disconnected { connection: ConnectionStatus::Connecting, pending: true })
    );

    a.connect(&relay.url());
    a.wait_synced(&id);
    // A newcomer gets everything, including what was written before the restart.
    let b = newcomer(&relay, &id);
    assert_eq!(value(&b.docs[&id], "ind-1", "2026-01"), Some(12.5));
    assert_eq!(value(&b.docs[&id], "ind-1", "2026-02"), Some(99.0));
    assert_eq!(b.docs[&id].meta().title, "Renommée hors ligne");
}

#[test]
fn a_connection_cut_in_the_middle_of_a_sync_resumes_and_converges() {
    let relay = Relay::start();
    // A pushes a document of some size and is cut right after sending its changes.
    let mut a = Client::new("a");
    a.connect(&relay.url());
    let mut doc = new_workspace("Grande commune");
    for i in 0..30 {
        create_indicator(&mut doc, &format!("ind-{i}"), "Indicateur");
        for month in 1..=12 {
            record(&mut doc, &format!("ind-{i}"), &format!("2025-{month:02}"), f64::from(month), "A");
        }
    }
    let id = a.share(doc);
    let before = a.frames_sent;
    a.wait_until("the changes to go out", |c| c.frames_sent > before);
    a.cut();
    a.connect(&relay.url());
    a.wait_synced(&id);

    // B asks for it and is cut while it arrives (what came is not handled).
    let mut b = Client::new("b");
    b.connect(&relay.url());
    b.deaf = true;
    let out = b.session.fetch(RelayDocumentId::parse(&relay_id(&id)).unwrap());
    b.handle(out);
    b.wait_until("part of the answer", |c| c.bytes_received > 1000);
    b.cut();
    assert!(b.docs.is_empty());
    b.deaf = false;
    b.connect(&relay.url());
    b.wait_until("the document", |c| c.docs.contains_key(&id));
    b.wait_synced(&id);
    assert_eq!(a.docs[&id].workspace().unwrap(), b.docs[&id].workspace().unwrap());
}

#[test]
fn a_relay_that_lost_its_data_gets_the_document_back_from_a_client() {
    let mut relay = Relay::start();
    let (mut a, id) = shared_workspace(&relay, "a");
    relay.restart_empty();
    a.wait_until("the connection to drop", |c| !c.is_connected());
    a.connect(&relay.url());
    a.wait_synced(&id);
    let b = newcomer(&relay, &id);
    assert_eq!(value(&b.docs[&id], "ind-1", "2026-01"), Some(12.5));
}
