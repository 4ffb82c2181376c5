//! Storage in a real browser (headless Chromium through wasm-bindgen-test):
//! documents in IndexedDB saved incrementally, compacted, read back; one
//! damaged chunk puts aside its document only; a full quota; two tabs; a
//! newer version taking the database; settings and the move from
//! `localStorage`. Each test uses its own database.
#![cfg(target_arch = "wasm32")]

use gouvernail::model::kinds::indicator::{Indicator, Measurement};
use gouvernail::model::*;
use gouvernail::storage::browser::local::{LocalSettings, LocalStrings};
use gouvernail::storage::browser::{IndexedDb, Tabs};
use gouvernail::storage::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn ctx() -> ChangeContext {
    ChangeContext::new("Test", 1_795_897_288_000, "test")
}

fn factory() -> idb::Factory {
    idb::Factory::new().unwrap()
}

/// A database of its own for each test, emptied first.
async fn fresh(name: &str) -> IndexedDb {
    let _ = factory().delete(name).unwrap().await;
    IndexedDb::open_with(factory(), name).await.unwrap()
}

async fn open(db: &IndexedDb) -> Library<IndexedDb> {
    Library::open(db.clone(), automerge::ActorId::random()).await.unwrap().0
}

fn add_indicator(lib: &Library<IndexedDb>, doc: &str, id: &str) {
    let entity = Entity::Indicator(Indicator { name: format!("Indicateur {id}"), ..Default::default() });
    lib.apply(doc, &Command::Create { id: id.into(), entity }, &ctx()).unwrap();
}

fn measure(lib: &Library<IndexedDb>, doc: &str, id: &str, period: &str, value: f64) {
    let cmd = Command::RecordMeasurement {
        indicator_id: id.into(),
        period: Period::parse(period).unwrap(),
        measurement: Measurement { value, ..Default::default() },
    };
    lib.apply(doc, &cmd, &ctx()).unwrap();
}

async fn chunks(db: &IndexedDb, id: &str) -> Vec<ChunkKey> {
    let keys = db.keys(Area::Chunks, &[id.to_string()]).await.unwrap();
    let mut chunks: Vec<ChunkKey> = keys.iter().filter_map(|k| ChunkKey::parse(k)).map(|(_, c)| c).collect();
    chunks.sort();
    chunks
}

async fn value_of(lib: &Library<IndexedDb>, doc: &str, indicator: &str, period: &str) -> Option<f64> {
    lib.read(doc).await;
    let (ws, _) = lib.workspace(doc)?;
    ws.measurements.get(indicator)?.get(period).map(|m| m.value)
}

#[wasm_bindgen_test]
async fn a_save_after_one_edit_writes_one_small_chunk_and_reads_back() {
    let db = fresh("test-incremental").await;
    let lib = open(&db).await;
    let id = lib.create(DocKind::Workspace, "Mairie", &ctx()).unwrap();
    add_indicator(&lib, &id, "i");
    lib.save_pending(1).await.unwrap();
    assert_eq!(chunks(&db, &id).await.iter().map(|c| c.kind).collect::<Vec<_>>(), vec![ChunkKind::Snapshot]);
    measure(&lib, &id, "i", "2026-10", 42.0);
    let outcome = lib.save_pending(2).await.unwrap();
    assert!(outcome.bytes_written < 1_000, "{} bytes for one value", outcome.bytes_written);
    let kinds: Vec<ChunkKind> = chunks(&db, &id).await.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![ChunkKind::Snapshot, ChunkKind::Incremental]);
    drop(lib);
    // Another connection (a reload) reads snapshot and change together.
    let other = IndexedDb::open_with(factory(), "test-incremental").await.unwrap();
    let reopened = open(&other).await;
    assert_eq!(reopened.documents().len(), 1);
    assert_eq!(value_of(&reopened, &id, "i", "2026-10").await, Some(42.0));
}

#[wasm_bindgen_test]
async fn a_compaction_writes_one_snapshot_in_place_of_the_chunks() {
    let db = fresh("test-compaction").await;
    let lib = open(&db).await;
    let id = lib.create(DocKind::Workspace, "Mairie", &ctx()).unwrap();
    add_indicator(&lib, &id, "i");
    lib.save_pending(1).await.unwrap();
    let mut month = 0;
    while lib.compact_due(2).await.unwrap().is_empty() {
        month += 1;
        assert!(month < 1_000, "never compacted");
        measure(&lib, &id, "i", &format!("{}-{:02}", 2000 + month / 12, month % 12 + 1), month as f64);
        lib.save_pending(2).await.unwrap();
    }
    assert!(month > 20, "compacted after {month} edits only");
    let after = chunks(&db, &id).await;
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].kind, ChunkKind::Snapshot);
    let reopened = open(&IndexedDb::open_with(factory(), "test-compaction").await.unwrap()).await;
    reopened.read(&id).await;
    assert_eq!(reopened.workspace(&id).unwrap().0.measurements["i"].len(), month);
}

#[wasm_bindgen_test]
async fn one_damaged_chunk_puts_aside_its_document_and_no_other() {
    let db = fresh("test-damaged").await;
    let lib = open(&db).await;
    let good = lib.create(DocKind::Workspace, "Bonne", &ctx()).unwrap();
    let bad = lib.create(DocKind::Workspace, "Abîmée", &ctx()).unwrap();
    add_indicator(&lib, &good, "i");
    add_indicator(&lib, &bad, "i");
    lib.save_pending(1).await.unwrap();
    let chunk = chunks(&db, &bad).await.remove(0);
    let key = chunk.key(&bad);
    let mut bytes = db.get(Area::Chunks, &key).await.unwrap().unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    db.write(vec![Write::Put { area: Area::Chunks, key, value: bytes.clone() }]).await.unwrap();

    let lib = open(&db).await;
    assert!(lib.read(&good).await);
    assert!(!lib.read(&bad).await);
    let unreadable = lib.take_unreadable();
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0].original_key, bad);
    assert!(chunks(&db, &bad).await.is_empty());
    assert_eq!(lib.quarantined(), vec![vec![bad.clone(), chunk.label()]]);
    assert_eq!(lib.quarantined_value(&[bad.clone(), chunk.label()]).await.unwrap(), bytes);
    assert_eq!(lib.documents().iter().map(|d| d.id.clone()).collect::<Vec<_>>(), vec![good.clone()]);
    assert!(lib.workspace(&good).unwrap().0.indicators.contains_key("i"));
}

/// `navigator.storageBuckets.open(name, {quota})`: an IndexedDB factory
/// whose quota the test chooses (Chromium enforces it like the origin's).
async fn bucket(name: &str, quota: f64) -> Option<(idb::Factory, JsValue)> {
    let navigator = web_sys::window()?.navigator();
    let buckets = js_sys::Reflect::get(&navigator, &"storageBuckets".into()).ok()?;
    if buckets.is_undefined() {
        return None;
    }
    let _ = JsFuture::from(call(&buckets, "delete", &[name.into()])?.dyn_into::<js_sys::Promise>().ok()?).await;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"quota".into(), &quota.into()).ok()?;
    let bucket =
        JsFuture::from(call(&buckets, "open", &[name.into(), options.into()])?.dyn_into::<js_sys::Promise>().ok()?)
            .await
            .ok()?;
    let factory: web_sys::IdbFactory = js_sys::Reflect::get(&bucket, &"indexedDB".into()).ok()?.dyn_into().ok()?;
    Some((factory.into(), bucket))
}

/// Bytes the bucket's quota counts as used now (`StorageBucket.estimate()`).
async fn usage(bucket: &JsValue) -> f64 {
    let promise = call(bucket, "estimate", &[]).unwrap().dyn_into::<js_sys::Promise>().unwrap();
    let estimate = JsFuture::from(promise).await.unwrap();
    js_sys::Reflect::get(&estimate, &"usage".into()).unwrap().as_f64().unwrap()
}

/// Lets the browser run other tasks (message delivery).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5);
    });
    let _ = JsFuture::from(promise).await;
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let function: js_sys::Function = js_sys::Reflect::get(target, &method.into()).ok()?.dyn_into().ok()?;
    function.apply(target, &args.iter().collect::<js_sys::Array>()).ok()
}

#[wasm_bindgen_test]
async fn a_full_quota_is_reported_and_the_edit_kept_in_memory_until_there_is_room() {
    let quota = 2.0 * 1024.0 * 1024.0;
    let (factory, bucket) = bucket("test-quota", quota).await.expect("storage buckets in Chromium");
    let db = IndexedDb::open_with(factory.clone(), "gouvernail").await.unwrap();
    let lib = open(&db).await;
    let id = lib.create(DocKind::Workspace, "Mairie", &ctx()).unwrap();
    lib.save_pending(1).await.unwrap();
    // Someone else's data, in another database of the bucket, fills it
    // until not one more value fits.
    let other = IndexedDb::open_with(factory.clone(), "remplissage").await.unwrap();
    let mut fillers = 0;
    for size in [256 * 1024, 32 * 1024, 4 * 1024, 512, 64] {
        loop {
            let key = vec![fillers.to_string()];
            match other.write(vec![Write::Put { area: Area::Views, key, value: vec![7; size] }]).await {
                Ok(()) => fillers += 1,
                Err(error) => {
                    assert_eq!(error, StoreError::QuotaExceeded);
                    break;
                }
            }
            assert!(fillers < 5_000, "the quota never filled up");
        }
    }
    add_indicator(&lib, &id, "i");
    for month in 1..=9 {
        measure(&lib, &id, "i", &format!("2026-0{month}"), month as f64);
    }
    assert_eq!(lib.save_pending(2).await.unwrap_err(), StoreError::QuotaExceeded);
    assert!(lib.has_pending());
    assert_eq!(lib.workspace(&id).unwrap().0.measurements["i"].len(), 9);
    assert!(lib.export_backup(3).await.to_json().contains(&id));
    // Room again (the other database deleted: its connection steps aside on
    // `versionchange`): the pending edit is saved.
    factory.delete("remplissage").unwrap().await.unwrap();
    assert!(other.is_outdated());
    // The browser counts the freed space a moment later.
    for _ in 0..400 {
        if usage(&bucket).await < quota / 2.0 {
            break;
        }
        next_task().await;
    }
    lib.save_pending(4).await.unwrap();
    assert!(!lib.has_pending());
    let reopened = open(&IndexedDb::open_with(factory, "gouvernail").await.unwrap()).await;
    assert_eq!(value_of(&reopened, &id, "i", "2026-09").await, Some(9.0));
}

#[wasm_bindgen_test]
async fn two_tabs_merge_each_other_and_hear_of_each_other_through_a_broadcast_channel() {
    let db = fresh("test-tabs").await;
    let setup = open(&db).await;
    let id = setup.create(DocKind::Workspace, "Mairie", &ctx()).unwrap();
    setup.save_pending(1).await.unwrap();
    let tab_a = open(&IndexedDb::open_with(factory(), "test-tabs").await.unwrap()).await;
    let tab_b = open(&IndexedDb::open_with(factory(), "test-tabs").await.unwrap()).await;
    tab_a.read(&id).await;
    tab_b.read(&id).await;
    add_indicator(&tab_a, &id, "a");
    add_indicator(&tab_b, &id, "b");
    tab_a.save_pending(2).await.unwrap();
    tab_b.save_pending(3).await.unwrap();
    // B merged A's chunk before writing; A learns of B's through the channel.
    let heard = Rc::new(RefCell::new(Vec::new()));
    let log = heard.clone();
    let _listening = Tabs::join(move |doc| log.borrow_mut().push(doc)).unwrap();
    let speaking = Tabs::join(|_| {}).unwrap();
    speaking.announce(&id);
    for _ in 0..200 {
        if !heard.borrow().is_empty() {
            break;
        }
        next_task().await;
    }
    assert_eq!(*heard.borrow(), vec![id.clone()]);
    tab_a.sync_from_store(&id).await.unwrap();
    for tab in [&tab_a, &tab_b] {
        let ws = tab.workspace(&id).unwrap().0;
        assert!(ws.indicators.contains_key("a") && ws.indicators.contains_key("b"));
    }
}

#[wasm_bindgen_test]
async fn a_newer_version_taking_the_database_gets_the_last_writes_then_this_page_is_outdated() {
    let db = fresh("test-versions").await;
    let lib = Rc::new(open(&db).await);
    let id = lib.create(DocKind::Workspace, "Mairie", &ctx()).unwrap();
    lib.save_pending(1).await.unwrap();
    lib.read(&id).await;
    add_indicator(&lib, &id, "pas-encore-enregistre");
    let flushed = Rc::new(RefCell::new(false));
    let (writer, done) = (lib.clone(), flushed.clone());
    db.when_outdated(move || {
        // As the page does: issue the last writes synchronously.
        gouvernail::storage::browser::issue_now(async move {
            writer.flush(2, &mut MemoryStrings::default()).await.unwrap();
            *done.borrow_mut() = true;
        });
    });
    // A newer version opens the database with a higher version number.
    let newer = factory().open("test-versions", Some(99)).unwrap().await.unwrap();
    assert!(db.is_outdated());
    assert!(*flushed.borrow(), "the last write landed before the newer version opened");
    add_indicator(&lib, &id, "trop-tard");
    assert_eq!(lib.save_pending(3).await.unwrap_err(), StoreError::Outdated);
    assert!(lib.has_pending(), "kept in memory");
    // The newer version sees the last edit.
    let tx = newer.transaction(&["chunks"], idb::TransactionMode::ReadOnly).unwrap();
    let keys = tx.object_store("chunks").unwrap().get_all_keys(None, None).unwrap().await.unwrap();
    assert_eq!(keys.len(), 2, "snapshot and the last change");
    newer.close();
}

#[wasm_bindgen_test]
async fn the_old_local_storage_moves_into_indexed_db_and_settings_stay_in_local_storage() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let mut doc = Document::genesis(DocKind::Workspace, new_id(), "Mairie de Lauris", &ctx()).unwrap();
    let id = doc.id().to_string();
    let base64 = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(doc.save())
    };
    storage.set_item(&LegacyKey::Doc(id.clone()).to_key(), &base64).unwrap();
    storage.set_item(&LegacyKey::Quarantine("abime".into(), 0).to_key(), "illisible").unwrap();
    storage.set_item(&LegacyKey::Settings.to_key(), "{\"author\":\"Marie\"}").unwrap();
    let db = fresh("test-migration").await;
    let mut legacy = LocalStrings::open().unwrap();
    let mut settings = LocalSettings;
    let report = migrate(&mut legacy, &db, &mut settings, true).await;
    assert_eq!(report.moved, vec![id.clone()]);
    assert!(!has_legacy_data(&legacy));
    // Settings are typed JSON values in localStorage (gloo-storage).
    assert_eq!(author(&settings), "Marie");
    assert_eq!(storage.get_item(AUTHOR.key).unwrap().as_deref(), Some("\"Marie\""));
    let lib = open(&db).await;
    assert_eq!(lib.documents()[0].title, "Mairie de Lauris");
    assert_eq!(lib.quarantined().len(), 1);
    storage.clear().unwrap();
}
