//! Storage: persistence, several tabs, storage full, corrupt entries, backups.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use gouvernail::model::kinds::indicator::{Indicator, Measurement};
use gouvernail::model::*;
use gouvernail::storage::*;

fn create_workspace<S: KeyValueStore>(lib: &mut Library<S>) -> String {
    lib.create(DocKind::Workspace, "Mairie de Lauris", &ctx("Marie", "Création")).unwrap()
}

fn add_indicator<S: KeyValueStore>(lib: &mut Library<S>, doc: &str, id: &str, name: &str) {
    let entity = Entity::Indicator(Indicator { name: name.into(), ..Default::default() });
    lib.apply(doc, &Command::Create { id: id.into(), entity }, &ctx("Marie", "Indicateur")).unwrap();
}

fn measure<S: KeyValueStore>(lib: &mut Library<S>, doc: &str, id: &str, period: &str, value: f64) {
    let cmd = Command::RecordMeasurement {
        indicator_id: id.into(),
        period: Period::parse(period).unwrap(),
        measurement: Measurement { value, ..Default::default() },
    };
    lib.apply(doc, &cmd, &ctx("Marie", "Mesure")).unwrap();
}

fn snapshot<S: KeyValueStore>(lib: &mut Library<S>, doc: &str) -> gouvernail::model::kinds::workspace::Workspace {
    lib.workspace(doc).unwrap().0
}

#[test]
fn documents_survive_a_reopen() {
    let store = SharedMemoryStore::default();
    let (mut lib, report) = Library::open(store.clone());
    assert_eq!(report, OpenReport::default());
    let id = create_workspace(&mut lib);
    add_indicator(&mut lib, &id, "i", "Démarches en ligne");
    measure(&mut lib, &id, "i", "2026-03", 62.0);
    assert!(lib.has_pending());
    let outcome = lib.save_pending(1).unwrap();
    assert_eq!(outcome.saved, vec![id.clone()]);
    assert!(!lib.has_pending());
    let before = snapshot(&mut lib, &id);
    drop(lib);

    let (mut lib, report) = Library::open(store);
    assert_eq!(report.found, 1);
    assert_eq!(snapshot(&mut lib, &id), before);
    assert_eq!(lib.documents()[0].title, "Mairie de Lauris");
}

#[test]
fn the_device_id_is_stored_once_and_applied_after_every_load() {
    let store = SharedMemoryStore::default();
    let (mut first, _) = Library::open(store.clone());
    let device = first.device_id();
    let id = create_workspace(&mut first);
    first.save_pending(1).unwrap();
    let (mut second, _) = Library::open(store.clone());
    assert_eq!(second.device_id(), device, "one device, one stored id");
    // Each session writes under its own actor, prefixed by the device id.
    assert_ne!(second.actor(), first.actor());
    add_indicator(&mut second, &id, "i", "I");
    let history = second.document_mut(&id).unwrap().history();
    let last_actor = &history.last().unwrap().actor;
    assert!(last_actor.starts_with(&device));
    assert_eq!(last_actor, &second.actor().to_hex_string());
}

#[test]
fn two_tabs_editing_different_indicators_lose_nothing() {
    let store = SharedMemoryStore::default();
    let (mut setup, _) = Library::open(store.clone());
    let id = create_workspace(&mut setup);
    setup.save_pending(1).unwrap();
    let (mut tab_a, _) = Library::open(store.clone());
    let (mut tab_b, _) = Library::open(store.clone());
    add_indicator(&mut tab_a, &id, "a", "Indicateur A");
    measure(&mut tab_a, &id, "a", "2026-01", 1.0);
    add_indicator(&mut tab_b, &id, "b", "Indicateur B");
    measure(&mut tab_b, &id, "b", "2026-01", 2.0);
    tab_a.save_pending(2).unwrap();
    // B saves after A: it must merge A's stored changes instead of overwriting them.
    let outcome = tab_b.save_pending(3).unwrap();
    assert_eq!(outcome.merged_from_store.len(), 1);
    // A hears about B's write through the storage event.
    let key = StorageKey::Doc(id.clone()).to_key();
    let (changed, summary) = tab_a.sync_from_store(&key).unwrap();
    assert_eq!(changed, id);
    assert!(summary.changed["indicators"].contains("b"));
    assert_eq!(snapshot(&mut tab_a, &id), snapshot(&mut tab_b, &id));

    let (mut reloaded, _) = Library::open(store);
    let ws = snapshot(&mut reloaded, &id);
    assert_eq!(ws.indicators.len(), 2);
    assert_eq!(ws.measurements["a"]["2026-01"].value, 1.0);
    assert_eq!(ws.measurements["b"]["2026-01"].value, 2.0);
}

#[test]
fn a_full_storage_keeps_everything_in_memory_and_saves_later() {
    let store = SharedMemoryStore::default();
    let (mut lib, _) = Library::open(store.clone());
    let id = create_workspace(&mut lib);
    lib.save_pending(1).unwrap();
    // Fill the storage: only a few more characters fit.
    let used = lib.used_chars() + 40;
    store.0.borrow_mut().set_quota(Some(used + 60));
    add_indicator(&mut lib, &id, "i", "Un indicateur au nom assez long pour dépasser le quota");
    for month in 1..=9 {
        measure(&mut lib, &id, "i", &format!("2026-0{month}"), month as f64);
    }
    let err = lib.save_pending(2).unwrap_err();
    assert_eq!(err, StoreError::QuotaExceeded);
    assert!(err.to_string().contains("plein"));
    assert!(lib.has_pending(), "the edit is still waiting to be saved");
    assert_eq!(snapshot(&mut lib, &id).measurements["i"].len(), 9, "nothing lost in memory");
    // The backup holds the unsaved edits.
    let backup = lib.export_backup(3).to_json();
    let (mut elsewhere, _) = Library::open(MemoryStore::new());
    elsewhere.restore_backup(&backup).unwrap();
    assert_eq!(snapshot(&mut elsewhere, &id).measurements["i"].len(), 9);
    // Once space is freed, the next save succeeds.
    store.0.borrow_mut().set_quota(None);
    lib.save_pending(4).unwrap();
    let (mut reopened, _) = Library::open(store);
    assert_eq!(snapshot(&mut reopened, &id).measurements["i"].len(), 9);
}

#[test]
fn a_corrupt_entry_is_kept_aside_reported_and_never_overwritten() {
    let store = SharedMemoryStore::default();
    let (mut lib, _) = Library::open(store.clone());
    let good = create_workspace(&mut lib);
    lib.save_pending(1).unwrap();
    let bad_key = StorageKey::Doc("0000-bad".into()).to_key();
    store.0.borrow_mut().set(&bad_key, "%%% pas du base64 %%%").unwrap();
    let truncated_key = StorageKey::Doc("0000-cut".into()).to_key();
    let good_value = store.0.borrow().get(&StorageKey::Doc(good.clone()).to_key()).unwrap();
    store.0.borrow_mut().set(&truncated_key, &good_value[..good_value.len() / 2]).unwrap();

    let (mut lib, report) = Library::open(store.clone());
    assert_eq!(report.found, 1);
    assert_eq!(report.quarantined.len(), 2);
    for q in &report.quarantined {
        let kept = q.kept_at.as_ref().unwrap();
        assert!(store.0.borrow().get(&q.original_key).is_none());
        assert!(!q.reason.is_empty());
        assert!(kept.contains("quarantine"));
    }
    assert_eq!(lib.quarantined_keys().len(), 2);
    let kept = report.quarantined.iter().find(|q| q.original_key == bad_key).unwrap();
    assert_eq!(lib.quarantined_value(kept.kept_at.as_ref().unwrap()).unwrap(), "%%% pas du base64 %%%");
    assert!(lib.document(&good).is_some());
}

#[test]
fn a_corrupt_entry_that_cannot_be_moved_is_left_untouched() {
    let store = SharedMemoryStore::default();
    let key = StorageKey::Doc("abc".into()).to_key();
    store.0.borrow_mut().set(&key, "garbage").unwrap();
    store.0.borrow_mut().set_quota(Some(0));
    let (_lib, report) = Library::open(store.clone());
    assert_eq!(report.quarantined[0].kept_at, None);
    assert_eq!(store.0.borrow().get(&key).unwrap(), "garbage");
}

#[test]
fn restoring_a_backup_merges_instead_of_replacing() {
    let (mut home, _) = Library::open(MemoryStore::new());
    let id = create_workspace(&mut home);
    add_indicator(&mut home, &id, "i", "I");
    let backup = home.export_backup(1).to_json();
    // Edits made after the backup must survive its restoration.
    measure(&mut home, &id, "i", "2026", 5.0);
    let outcomes = home.restore_backup(&backup).unwrap();
    assert!(matches!(&outcomes[0], ImportOutcome::Merged { summary, .. } if summary.is_empty()));
    assert_eq!(snapshot(&mut home, &id).measurements["i"]["2026"].value, 5.0);

    let (mut fresh, _) = Library::open(MemoryStore::new());
    let outcomes = fresh.restore_backup(&backup).unwrap();
    assert!(matches!(&outcomes[0], ImportOutcome::Added { kind: DocKind::Workspace, .. }));
}

#[test]
fn a_bad_backup_or_import_changes_nothing() {
    let (mut lib, _) = Library::open(MemoryStore::new());
    let id = create_workspace(&mut lib);
    lib.save_pending(1).unwrap();
    let mut backup = lib.export_backup(1);
    backup.documents.push(BackupEntry {
        id: "x".into(),
        kind: "Workspace".into(),
        title: "Abîmé".into(),
        data: "AAAA".into(),
    });
    let err = lib.restore_backup(&backup.to_json()).unwrap_err();
    assert!(err.message().contains("Abîmé"));
    assert!(lib.restore_backup("{ pas une sauvegarde").is_err());
    assert!(lib.import(b"garbage").is_err());
    assert_eq!(lib.documents().len(), 1);
    assert!(!lib.has_pending());
    assert!(lib.document(&id).is_some());
}

#[test]
fn importing_a_known_document_merges_and_twice_changes_nothing() {
    let (mut mentor, _) = Library::open(MemoryStore::new());
    let id = create_workspace(&mut mentor);
    add_indicator(&mut mentor, &id, "i", "I");
    let shared = mentor.document_mut(&id).unwrap().save();
    let (mut town, _) = Library::open(MemoryStore::new());
    assert!(matches!(town.import(&shared).unwrap(), ImportOutcome::Added { .. }));
    measure(&mut town, &id, "i", "2026", 3.0);
    let back = town.document_mut(&id).unwrap().save();
    match mentor.import(&back).unwrap() {
        ImportOutcome::Merged { summary, .. } => assert_eq!(summary.new_changes, 1),
        other => panic!("expected a merge, got {other:?}"),
    }
    mentor.save_pending(1).unwrap();
    match mentor.import(&back).unwrap() {
        ImportOutcome::Merged { summary, .. } => assert!(summary.is_empty()),
        other => panic!("expected a merge, got {other:?}"),
    }
    assert!(!mentor.has_pending());
}

#[test]
fn removing_a_document_forgets_it_in_storage_too() {
    let store = SharedMemoryStore::default();
    let (mut lib, _) = Library::open(store.clone());
    let id = create_workspace(&mut lib);
    lib.save_pending(1).unwrap();
    lib.remove(&id).unwrap();
    let (lib, _) = Library::open(store);
    assert!(lib.documents().is_empty());
}

#[test]
fn the_author_name_is_remembered_by_this_browser() {
    let store = SharedMemoryStore::default();
    let (mut lib, _) = Library::open(store.clone());
    assert_eq!(lib.author(), "");
    lib.set_author("  Marie Dupont (Mairie de Lauris) ").unwrap();
    let (lib, _) = Library::open(store);
    assert_eq!(lib.author(), "Marie Dupont (Mairie de Lauris)");
}

#[test]
fn when_two_tabs_write_at_the_same_instant_the_lost_change_is_written_back() {
    // Tabs are separate processes: both can read the stored copy before
    // either writes, and the later write then lacks the other's change.
    let shared = SharedMemoryStore::default();
    let (mut setup, _) = Library::open(shared.clone());
    let id = create_workspace(&mut setup);
    setup.save_pending(1).unwrap();
    let (mut tab_a, _) = Library::open(shared.clone());
    // Tab B works on what it read before A's write.
    let before_a_writes = shared.0.borrow().clone();
    let (mut tab_b, _) = Library::open(before_a_writes);
    add_indicator(&mut tab_a, &id, "a", "A");
    add_indicator(&mut tab_b, &id, "b", "B");
    tab_a.save_pending(2).unwrap();
    tab_b.save_pending(3).unwrap();
    // B's write lands over A's.
    let key = StorageKey::Doc(id.clone()).to_key();
    let b_value = tab_b.store().get(&key).unwrap();
    shared.0.borrow_mut().set(&key, &b_value).unwrap();
    // A hears the storage event, sees the stored copy lacks its change, writes back.
    tab_a.sync_from_store(&key);
    assert!(tab_a.has_pending());
    tab_a.save_pending(4).unwrap();
    let (mut reloaded, _) = Library::open(shared);
    let ws = snapshot(&mut reloaded, &id);
    assert!(ws.indicators.contains_key("a") && ws.indicators.contains_key("b"));
}

// Documents are read on first use; a workspace not read yet is shown from
// the snapshot stored with it, as long as that snapshot was made from
// exactly the stored document.

#[test]
fn a_workspace_reopens_from_its_snapshot_until_the_stored_document_changes() {
    let store = SharedMemoryStore::default();
    let (mut lib, _) = Library::open(store.clone());
    let id = create_workspace(&mut lib);
    add_indicator(&mut lib, &id, "i", "Démarches en ligne");
    measure(&mut lib, &id, "i", "2026-03", 62.5);
    lib.save_pending(1).unwrap();
    let saved = snapshot(&mut lib, &id);
    let (doc_key, snapshot_key) = (StorageKey::Doc(id.clone()).to_key(), StorageKey::Snapshot(id.clone()).to_key());
    let (mut reopened, _) = Library::open(store.clone());
    assert_eq!(snapshot(&mut reopened, &id), saved);

    // Proof that the snapshot is what is read: an edit made to it shows.
    let marked = store.0.borrow().get(&snapshot_key).unwrap().replace("Démarches en ligne", "Lu dans l'instantané");
    store.0.borrow_mut().set(&snapshot_key, &marked).unwrap();
    let (mut reopened, _) = Library::open(store.clone());
    assert_eq!(snapshot(&mut reopened, &id).indicators["i"].name, "Lu dans l'instantané");

    // An older version of the app (no snapshot) stores an edit: the
    // snapshot no longer matches the stored text and the document is read.
    let bytes = Library::open(store.clone()).0.document_mut(&id).unwrap().save();
    let (mut older_app, _) = Library::open(MemoryStore::new());
    older_app.import(&bytes).unwrap();
    measure(&mut older_app, &id, "i", "2026-04", 70.0);
    older_app.save_pending(2).unwrap();
    let written = older_app.store().get(&doc_key).unwrap();
    store.0.borrow_mut().set(&doc_key, &written).unwrap();
    assert!(reopened.sync_from_store(&doc_key).is_some(), "the open tab is told the document changed");
    for ws in [snapshot(&mut reopened, &id), snapshot(&mut Library::open(store.clone()).0, &id)] {
        assert_eq!(ws.indicators["i"].name, "Démarches en ligne");
        assert_eq!(ws.measurements["i"]["2026-04"].value, 70.0);
    }
}

#[test]
fn a_garbled_snapshot_is_ignored() {
    let store = SharedMemoryStore::default();
    let (mut lib, _) = Library::open(store.clone());
    let id = create_workspace(&mut lib);
    add_indicator(&mut lib, &id, "i", "Démarches en ligne");
    lib.save_pending(1).unwrap();
    let snapshot_key = StorageKey::Snapshot(id.clone()).to_key();
    store.0.borrow_mut().set(&snapshot_key, "{\"source\": pas du JSON").unwrap();
    let (mut reopened, report) = Library::open(store.clone());
    assert!(report.quarantined.is_empty());
    assert_eq!(snapshot(&mut reopened, &id).indicators["i"].name, "Démarches en ligne");
}

#[test]
fn an_indexed_entry_found_unreadable_when_read_is_kept_aside_and_reported() {
    let store = SharedMemoryStore::default();
    let (mut lib, _) = Library::open(store.clone());
    let id = create_workspace(&mut lib);
    lib.save_pending(1).unwrap();
    let doc_key = StorageKey::Doc(id.clone()).to_key();
    let value = store.0.borrow().get(&doc_key).unwrap();
    store.0.borrow_mut().set(&doc_key, &value[..value.len() / 2]).unwrap();

    let (mut lib, report) = Library::open(store.clone());
    assert_eq!((report.found, report.quarantined.len()), (1, 0), "known to the index, not read yet");
    assert_eq!(lib.documents().len(), 1);
    assert!(!lib.open_next(), "nothing else left to read");
    let unreadable = lib.take_unreadable();
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0].original_key, doc_key);
    let kept = unreadable[0].kept_at.clone().unwrap();
    assert_eq!(store.0.borrow().get(&kept).unwrap(), value[..value.len() / 2]);
    assert!(store.0.borrow().get(&StorageKey::Snapshot(id.clone()).to_key()).is_none(), "its snapshot goes too");
    assert!(lib.documents().is_empty());
    assert!(lib.workspace(&id).is_none());
    assert!(lib.take_unreadable().is_empty(), "reported once");
}

#[test]
fn documents_not_read_yet_are_backed_up_merged_on_import_and_follow_other_tabs() {
    let store = SharedMemoryStore::default();
    let (mut lib, _) = Library::open(store.clone());
    let id = create_workspace(&mut lib);
    add_indicator(&mut lib, &id, "i", "I");
    lib.save_pending(1).unwrap();
    let bytes = lib.document_mut(&id).unwrap().save();

    let (mut reopened, _) = Library::open(store.clone());
    assert!(reopened.contains(&id));
    assert_eq!(reopened.export_backup(2).documents.len(), 1);
    let (mut reopened, _) = Library::open(store.clone());
    assert!(matches!(reopened.import(&bytes).unwrap(), ImportOutcome::Merged { summary, .. } if summary.is_empty()));

    let (mut unread, _) = Library::open(store.clone());
    lib.remove(&id).unwrap();
    assert!(unread.sync_from_store(&StorageKey::Doc(id.clone()).to_key()).is_some());
    assert!(!unread.contains(&id));
    assert!(unread.documents().is_empty());
}

#[test]
fn the_demo_workspaces_reopen_from_snapshots_equal_to_their_documents() {
    let store = SharedMemoryStore::default();
    let (mut lib, _) = Library::open(store.clone());
    let mut ids = Vec::new();
    for mut doc in gouvernail::model::content::demo::demo_documents(1_795_897_288_000).unwrap() {
        if let ImportOutcome::Added { id, kind: DocKind::Workspace, .. } = lib.import(&doc.save()).unwrap() {
            ids.push(id);
        }
    }
    lib.save_pending(1).unwrap();
    assert!(ids.len() >= 2);
    for id in ids {
        assert!(store.0.borrow().get(&StorageKey::Snapshot(id.clone()).to_key()).is_some());
        let (mut reopened, _) = Library::open(store.clone());
        let from_snapshot = reopened.workspace(&id).unwrap();
        let doc = reopened.document_mut(&id).unwrap();
        assert_eq!(from_snapshot, (doc.workspace().unwrap(), doc.last_change_ms()));
    }
}
