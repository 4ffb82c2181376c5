//! Live sync through the relay, measured (issue 15): Gouvernail's protocol
//! core over a native WebSocket, side by side with two JavaScript
//! automerge-repo clients (`relay/peer.mjs`) doing the same on the same
//! GOV-IND workspace. Run by `bash bench/relay.sh`, which starts the relay
//! (`scripts/with-relay.sh`) and writes the workspaces with `govind
//! workspace`; not a test.
//!
//! ```text
//! relay_bench <workspace file>…   one file per run (each its own document id); JSON on stdout
//! ```
//!
//! For each run:
//! * push: a client that holds the workspace follows it, until the relay
//!   acknowledged everything (time, bytes sent and received);
//! * first sync: a fresh client asks for it, until it holds the whole
//!   document (time, bytes received after the handshake);
//! * one edit: the first client records one value, until the second has it
//!   (20 edits a run, each after the previous was acknowledged).
//!
//! The JavaScript side: client A imports the same saved file
//! (`repo.import`), client B finds it (`repo.find`), then A sets one value
//! and B waits for it (automerge-repo throttles outgoing changes to 100 ms).

#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/relay_support/mod.rs"]
mod relay_support;

/// Native only: the WebSocket and the child processes are the test support's.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::relay_support::{Client, JsPeer};
    use gouvernail::model::exchange::relay::document_id::RelayDocumentId;
    use gouvernail::model::exchange::relay::session::Event;
    use gouvernail::model::kinds::indicator::Measurement;
    use gouvernail::model::{ChangeContext, Command, Document, Period};
    use serde_json::{json, Value};
    use std::time::Instant;

    const EDITS: usize = 20;

    fn ms(since: Instant) -> f64 {
        since.elapsed().as_secs_f64() * 1000.0
    }

    fn relay_url() -> String {
        let relay = std::env::var("GOUVERNAIL_TEST_RELAY").expect("run through scripts/with-relay.sh");
        let key = std::env::var("GOUVERNAIL_TEST_RELAY_KEY").expect("the relay's key");
        format!("{relay}/?key={key}")
    }

    fn record(indicator: &str, period: &str, value: f64) -> Command {
        Command::RecordMeasurement {
            indicator_id: indicator.into(),
            period: Period::parse(period).unwrap(),
            measurement: Measurement { value, comment: String::new() },
        }
    }

    fn rust_run(url: &str, bytes: &[u8]) -> Value {
        let document = Document::load(bytes).expect("a Gouvernail workspace");
        let id = document.id().to_string();
        let relay_id = RelayDocumentId::from_document_id(&id).expect("a UUID id");
        let indicator = document.workspace().unwrap().indicators.keys().next().cloned().expect("an indicator");

        let mut a = Client::new("bench-a");
        a.connect(url);
        let start = Instant::now();
        a.share(document);
        a.wait_synced(&id);
        let push_ms = ms(start);
        let (push_sent, push_received) = (a.bytes_sent, a.bytes_received);

        let mut b = Client::new("bench-b");
        b.connect(url);
        let before = b.bytes_received;
        let start = Instant::now();
        let out = b.session.fetch(relay_id);
        b.handle(out);
        b.wait_until("the workspace", |c| c.docs.contains_key(&id));
        let fetch_ms = ms(start);
        let fetch_bytes = b.bytes_received - before;
        b.wait_synced(&id);

        let mut edit_ms = Vec::new();
        for i in 0..EDITS {
            let value = 1000.0 + i as f64;
            let period = format!("2030-{:02}", i % 12 + 1);
            let command = record(&indicator, &period, value);
            let ctx = ChangeContext::new("Bench", 1_795_897_288_000 + i as i64, "Mesure");
            b.events.clear();
            let start = Instant::now();
            a.edit(&id, |doc| doc.apply(&command, &ctx).unwrap());
            b.wait_until("the edit", |c| c.events.iter().any(|e| matches!(e, Event::Changed { .. })));
            edit_ms.push(ms(start));
            let arrived = b.docs[&id].workspace().unwrap().measurements[&indicator].get(&period).map(|m| m.value);
            assert_eq!(arrived, Some(value));
            a.wait_synced(&id);
            b.wait_synced(&id);
        }
        json!({
            "push_ms": push_ms, "push_bytes_sent": push_sent, "push_bytes_received": push_received,
            "first_sync_ms": fetch_ms, "first_sync_bytes": fetch_bytes, "edit_ms": edit_ms,
        })
    }

    fn js_run(url: &str, file: &str) -> Value {
        let mut a = JsPeer::start(url);
        let mut b = JsPeer::start(url);
        let start = Instant::now();
        let id = a.ask(json!({"cmd": "import", "file": file})).unwrap()["id"].as_str().unwrap().to_string();
        let import_ms = ms(start);
        let before = b.ask(json!({"cmd": "stats"})).unwrap()["received"].as_f64().unwrap();
        let found = b.ask(json!({"cmd": "find", "id": id, "quiet": true})).unwrap();
        let after = b.ask(json!({"cmd": "stats"})).unwrap()["received"].as_f64().unwrap();
        let content = b.ask(json!({"cmd": "get", "id": id})).unwrap()["content"].clone();
        let indicator = content["measurements"].as_object().unwrap().keys().next().unwrap().clone();
        let mut edit_ms = Vec::new();
        for i in 0..EDITS {
            let value = 1000 + i;
            let period = format!("2030-{:02}", i % 12 + 1);
            let path = json!(["measurements", indicator, period]);
            b.send(json!({"cmd": "wait", "id": id, "path": path, "value": value}));
            let start = Instant::now();
            a.ask(json!({"cmd": "set", "id": id, "path": path, "value": value})).unwrap();
            b.answer().unwrap();
            edit_ms.push(ms(start));
        }
        json!({
            "import_ms": import_ms, "first_sync_ms": found["ms"], "first_sync_bytes": after - before, "edit_ms": edit_ms,
        })
    }

    pub fn main() {
        let files: Vec<String> = std::env::args().skip(1).collect();
        assert!(!files.is_empty(), "usage: relay_bench <workspace file>…");
        let url = relay_url();
        let mut runs = Vec::new();
        for file in &files {
            let bytes = std::fs::read(file).expect("the workspace file");
            let rust = rust_run(&url, &bytes);
            let js = js_run(&url, file);
            eprintln!("rust {rust}\njs   {js}");
            runs.push(json!({"file_bytes": bytes.len(), "rust": rust, "js": js}));
        }
        println!("{}", serde_json::to_string_pretty(&json!({ "runs": runs })).unwrap());
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
