//! Live sync in a real browser (headless Chromium through wasm-bindgen-test):
//! the WebSocket transport (`src/sync`) against the real relay, which
//! `scripts/with-relay.sh` starts around this test and names in
//! `GOUVERNAIL_TEST_RELAY` (its address) and `GOUVERNAIL_TEST_RELAY_KEY`.
#![cfg(target_arch = "wasm32")]

use gouvernail::model::exchange::relay::address::RelayAddress;
use gouvernail::model::exchange::relay::document_id::RelayDocumentId;
use gouvernail::model::exchange::relay::session::{Event, Replicas};
use gouvernail::model::exchange::relay::status::{ConnectionStatus, DocumentStatus};
use gouvernail::model::kinds::indicator::{Indicator, Measurement};
use gouvernail::model::*;
use gouvernail::sync::connection::{Host, RelayConnection};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RELAY: Option<&str> = option_env!("GOUVERNAIL_TEST_RELAY");
const KEY: Option<&str> = option_env!("GOUVERNAIL_TEST_RELAY_KEY");

fn address(key: &str) -> RelayAddress {
    let url = RELAY.expect("run through scripts/with-relay.sh (it starts a relay and sets GOUVERNAIL_TEST_RELAY)");
    RelayAddress::parse(url, key).unwrap()
}

fn ctx() -> ChangeContext {
    ChangeContext::new("Test", 1_795_897_288_000, "test")
}

/// An app's side of live sync: its documents, what it was told.
#[derive(Default)]
struct TestHost {
    docs: RefCell<BTreeMap<String, Document>>,
    events: RefCell<Vec<String>>,
    statuses: RefCell<Vec<ConnectionStatus>>,
}

impl Host for TestHost {
    fn with_replicas(&self, f: &mut dyn FnMut(&mut dyn Replicas)) {
        f(&mut *self.docs.borrow_mut());
    }

    fn on_events(&self, events: Vec<Event>) {
        for event in events {
            self.events.borrow_mut().push(format!("{event:?}").chars().take(40).collect());
            if let Event::Fetched(mut document) = event {
                document.set_actor(&new_actor());
                self.docs.borrow_mut().insert(document.id().to_string(), *document);
            }
        }
    }

    fn on_status(&self, status: ConnectionStatus) {
        self.statuses.borrow_mut().push(status);
    }
}

/// Waits (yielding to the browser) until `done` holds; fails after 15 s.
async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..1500 {
        if done() {
            return;
        }
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let window = web_sys::window().unwrap();
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(pause).await.unwrap();
    }
    panic!("waited 15 s for {what}");
}

fn value(host: &TestHost, id: &str, period: &str) -> Option<f64> {
    let docs = host.docs.borrow();
    docs.get(id)?.workspace().ok()?.measurements.get("ind-1")?.get(period).map(|m| m.value)
}

#[wasm_bindgen_test]
async fn two_browser_connections_converge_live_through_the_relay() {
    let key = KEY.unwrap_or_default();
    let a: Rc<TestHost> = Rc::default();
    let mut doc = Document::genesis(DocKind::Workspace, new_id(), "Commune", &ctx()).unwrap();
    let entity = Entity::Indicator(Indicator { name: "Démarches".into(), ..Default::default() });
    doc.apply(&Command::Create { id: "ind-1".into(), entity }, &ctx()).unwrap();
    let id = doc.id().to_string();
    a.docs.borrow_mut().insert(id.clone(), doc);
    let connection_a = RelayConnection::start(address(key), a.clone());
    connection_a.follow(a.docs.borrow_mut().get_mut(&id).unwrap()).unwrap();
    wait_until("A synchronised", || {
        connection_a.with_session(|s| s.document_status(&id, &mut *a.docs.borrow_mut())) == Some(DocumentStatus::Synced)
    })
    .await;
    assert!(a.statuses.borrow().contains(&ConnectionStatus::Connected));

    let b: Rc<TestHost> = Rc::default();
    let connection_b = RelayConnection::start(address(key), b.clone());
    connection_b.fetch(RelayDocumentId::from_document_id(&id).unwrap());
    wait_until("B received the document", || b.docs.borrow().contains_key(&id)).await;

    // An edit in A appears in B without reloading anything.
    {
        let mut docs = a.docs.borrow_mut();
        let doc = docs.get_mut(&id).unwrap();
        let command = Command::RecordMeasurement {
            indicator_id: "ind-1".into(),
            period: Period::parse("2026-10").unwrap(),
            measurement: Measurement { value: 42.0, ..Default::default() },
        };
        doc.apply(&command, &ctx()).unwrap();
        connection_a.local_change(doc);
    }
    wait_until("A's value in B", || value(&b, &id, "2026-10") == Some(42.0)).await;
    assert!(b.events.borrow().iter().any(|e| e.starts_with("Changed")));
    connection_a.stop();
    connection_b.stop();
}

#[wasm_bindgen_test]
async fn a_wrong_key_is_told_as_such_and_not_retried() {
    let host: Rc<TestHost> = Rc::default();
    let connection = RelayConnection::start(address("pas-la-bonne-clé"), host.clone());
    wait_until("clé refusée", || connection.status() == ConnectionStatus::KeyRefused).await;
    assert_eq!(connection.status().label(), "clé refusée");
    connection.stop();
}

#[wasm_bindgen_test]
async fn a_relay_that_is_not_there_is_unreachable() {
    let host: Rc<TestHost> = Rc::default();
    // A port nobody listens on (the discard port, closed on a test machine).
    let connection = RelayConnection::start(RelayAddress::parse("ws://127.0.0.1:9", "k").unwrap(), host.clone());
    wait_until("relais injoignable", || connection.status() == ConnectionStatus::Unreachable).await;
    connection.stop();
}
