//! Moving the previous versions' `localStorage` data into the store: every
//! document, setting and entry put aside comes along; a migration cut at any
//! point resumes and loses nothing; an older version still open in another
//! tab never overwrites the new store.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use common::*;
use gouvernail::model::*;
use gouvernail::storage::*;
use std::future::Future;

fn run<T>(future: impl Future<Output = T>) -> T {
    futures_executor::block_on(future)
}

/// What the previous version left in `localStorage`: the demo, a user's
/// workspace, a snapshot, an entry it had put aside, its device id and settings.
struct OldBrowser {
    legacy: MemoryStrings,
    docs: Vec<(String, Vec<u8>)>,
    device: String,
}

fn old_browser() -> OldBrowser {
    let legacy = MemoryStrings::default();
    let mut docs = Vec::new();
    let mut index = serde_json::Map::new();
    let mut all = demo_documents_saved();
    let mut mine = new_workspace("Mairie de Cucuron");
    create_indicator(&mut mine, "i", "Démarches en ligne");
    record(&mut mine, "i", "2026-03", 42.0, "Jeanne");
    all.push((mine.id().to_string(), mine.save(), mine.meta().clone()));
    for (id, bytes, meta) in all {
        legacy.insert(&LegacyKey::Doc(id.clone()).to_key(), &STANDARD.encode(&bytes));
        legacy.insert(&LegacyKey::Snapshot(id.clone()).to_key(), "{\"source\":{}}");
        index.insert(
            id.clone(),
            serde_json::json!({"id": id, "kind": meta.kind, "title": meta.title, "demo": meta.demo, "saved_at": 7}),
        );
        docs.push((id, bytes));
    }
    legacy.insert(&LegacyKey::Index.to_key(), &serde_json::Value::Object(index).to_string());
    legacy.insert(&LegacyKey::Quarantine("abime".into(), 0).to_key(), "ceci n'est pas un document");
    let device = "00112233445566778899aabbccddeeff".to_string();
    legacy.insert(&LegacyKey::Device.to_key(), &device);
    legacy.insert(&LegacyKey::Settings.to_key(), "{\"author\":\"Jeanne Martin\"}");
    legacy.insert("une-autre-app/cle", "à ne pas toucher");
    OldBrowser { legacy, docs, device }
}

fn demo_documents_saved() -> Vec<(String, Vec<u8>, Meta)> {
    gouvernail::model::content::demo::demo_documents(1_795_897_288_000)
        .unwrap()
        .into_iter()
        .map(|mut d| (d.id().to_string(), d.save(), d.meta().clone()))
        .collect()
}

/// Checks that the new store holds everything the old browser had.
fn assert_everything_moved(old: &OldBrowser, store: &MemoryStore, settings: &mut MemorySettings) {
    let remaining: Vec<String> = old.legacy.keys().into_iter().filter(|k| k.starts_with("gouvernail/")).collect();
    assert!(remaining.is_empty(), "old keys left: {remaining:?}");
    assert_eq!(old.legacy.get("une-autre-app/cle").as_deref(), Some("à ne pas toucher"));
    assert_eq!(device_id(settings), old.device);
    assert_eq!(author(settings), "Jeanne Martin");
    let (lib, report) = run(Library::open(store.clone(), session_actor(settings))).unwrap();
    assert_eq!(report.found, old.docs.len());
    assert!(report.quarantined.is_empty());
    assert_eq!(lib.quarantined(), vec![vec!["abime".to_string(), "gouvernail/v1/quarantine/abime/0".to_string()]]);
    assert_eq!(
        run(lib.quarantined_value(&lib.quarantined()[0])).unwrap(),
        b"ceci n'est pas un document".to_vec(),
        "still aside, as it was"
    );
    for (id, bytes) in &old.docs {
        assert!(run(lib.read(id)), "{id} reads");
        let mut original = Document::load(bytes).unwrap();
        let heads = lib.with_document(id, |d| d.heads()).unwrap();
        assert_eq!(heads, original.heads(), "{id}: the same history");
    }
}

#[test]
fn the_old_storage_moves_with_everything_still_there_and_editable() {
    let mut old = old_browser();
    let store = MemoryStore::new();
    let mut settings = MemorySettings::default();
    let report = run(migrate(&mut old.legacy, &store, &mut settings, true));
    assert_eq!(report.moved.len(), old.docs.len());
    assert_eq!(report.stopped, None);
    assert_everything_moved(&old, &store, &mut settings);
    // Editable: the user's workspace takes an edit, saved incrementally.
    let (lib, _) = run(Library::open(store.clone(), session_actor(&mut settings))).unwrap();
    let mine = &old.docs.last().unwrap().0;
    run(lib.read(mine));
    lib.apply(mine, &Command::SetTitle("Mairie de Cucuron (2027)".into()), &ctx("Jeanne", "Titre")).unwrap();
    let outcome = run(lib.save_pending(1)).unwrap();
    assert!(outcome.bytes_written < 1_000);
    let (reopened, _) = run(Library::open(store.clone(), session_actor(&mut settings))).unwrap();
    assert!(reopened.documents().iter().any(|d| d.title == "Mairie de Cucuron (2027)"));
    // Nothing left to move: a second start does nothing.
    assert!(!has_legacy_data(&old.legacy));
    assert_eq!(run(migrate(&mut old.legacy, &store, &mut settings, true)), MigrationReport::default());
}

#[test]
fn a_migration_cut_at_any_point_resumes_at_the_next_start_and_loses_nothing() {
    let mut cuts = 0;
    loop {
        let mut old = old_browser();
        let store = MemoryStore::new();
        let mut settings = MemorySettings::default();
        // The tab is closed (or the browser crashes) after `cuts` operations.
        store.cut_after(Some(cuts));
        let first = run(migrate(&mut old.legacy, &store, &mut settings, true));
        store.cut_after(None);
        let done = first.stopped.is_none();
        if !done {
            assert!(has_legacy_data(&old.legacy), "cut after {cuts}: the rest is still there");
            let second = run(migrate(&mut old.legacy, &store, &mut settings, true));
            assert_eq!(second.stopped, None);
        }
        assert_everything_moved(&old, &store, &mut settings);
        if done {
            break;
        }
        cuts += 1;
    }
    assert!(cuts > 10, "the cut was tried at every one of the {cuts} steps");
}

#[test]
fn a_full_storage_stops_the_migration_which_resumes_once_there_is_room() {
    let mut old = old_browser();
    let store = MemoryStore::new();
    let mut settings = MemorySettings::default();
    store.set_quota(Some(12_000));
    let first = run(migrate(&mut old.legacy, &store, &mut settings, true));
    assert_eq!(first.stopped, Some(StoreError::QuotaExceeded));
    assert!(!first.moved.is_empty() && first.moved.len() < old.docs.len(), "{:?}", first.moved);
    // What moved is readable already; the rest waits in the old storage.
    let (lib, _) = run(Library::open(store.clone(), session_actor(&mut settings))).unwrap();
    assert_eq!(lib.documents().len(), first.moved.len());
    store.set_quota(None);
    run(migrate(&mut old.legacy, &store, &mut settings, true));
    assert_everything_moved(&old, &store, &mut settings);
}

#[test]
fn unreadable_old_entries_are_put_aside_not_lost() {
    let legacy = MemoryStrings::default();
    legacy.insert(&LegacyKey::Doc("pas-base64".into()).to_key(), "ceci n'est pas un document");
    legacy.insert(&LegacyKey::Doc("pas-automerge".into()).to_key(), &STANDARD.encode(b"pas automerge"));
    let store = MemoryStore::new();
    let report = run(migrate(&mut legacy.clone(), &store, &mut MemorySettings::default(), true));
    assert_eq!(report.quarantined.len(), 2);
    assert!(legacy.keys().is_empty());
    let (lib, open_report) = run(Library::open(store.clone(), automerge::ActorId::random())).unwrap();
    assert_eq!(open_report.found, 0);
    let kept = lib.quarantined();
    assert_eq!(kept.len(), 2);
    let value = run(lib.quarantined_value(&["pas-base64".to_string(), "gouvernail/v1/doc/pas-base64".to_string()]));
    assert_eq!(value.unwrap(), b"ceci n'est pas un document");
}

#[test]
fn without_persistent_storage_the_old_data_is_shown_and_left_in_place() {
    let mut old = old_browser();
    let before = old.legacy.0.borrow().clone();
    let memory = MemoryStore::new();
    let report = run(migrate(&mut old.legacy, &memory, &mut MemorySettings::default(), false));
    assert_eq!(report.moved.len(), old.docs.len());
    assert_eq!(*old.legacy.0.borrow(), before, "nothing removed from the old storage");
    let (lib, _) = run(Library::open(memory, automerge::ActorId::random())).unwrap();
    assert_eq!(lib.documents().len(), old.docs.len());
}

#[test]
fn an_older_version_writing_its_old_keys_after_the_move_never_overwrites_the_new_store() {
    let mut old = old_browser();
    let store = MemoryStore::new();
    let mut settings = MemorySettings::default();
    run(migrate(&mut old.legacy, &store, &mut settings, true));
    let (id, bytes) = old.docs.last().unwrap().clone();
    // This version edits the workspace.
    let (lib, _) = run(Library::open(store.clone(), session_actor(&mut settings))).unwrap();
    run(lib.read(&id));
    lib.apply(&id, &Command::SetTitle("Titre de la nouvelle version".into()), &ctx("Jeanne", "Titre")).unwrap();
    run(lib.save_pending(1)).unwrap();
    // The older version, still open in another tab, saves its own edit of
    // the copy it held, under its old key.
    let mut older = Document::load(&bytes).unwrap();
    record(&mut older, "i", "2026-04", 50.0, "Paul");
    old.legacy.insert(&LegacyKey::Doc(id.clone()).to_key(), &STANDARD.encode(older.save()));
    // This version hears of it (the `storage` event), moves it and merges it.
    let report = run(migrate(&mut old.legacy, &store, &mut settings, true));
    assert_eq!(report.moved, vec![id.clone()]);
    let (changed, summary) = run(lib.sync_from_store(&id)).unwrap();
    assert_eq!((changed.as_str(), summary.new_changes), (id.as_str(), 1));
    let ws = lib.workspace(&id).unwrap().0;
    assert_eq!(ws.meta.title, "Titre de la nouvelle version");
    assert_eq!(ws.measurements["i"]["2026-04"].value, 50.0);
    assert!(!has_legacy_data(&old.legacy));
    let (reopened, _) = run(Library::open(store, session_actor(&mut settings))).unwrap();
    run(reopened.read(&id));
    assert_eq!(reopened.workspace(&id).unwrap().0, ws);
}
