//! Storage: persistence in chunks, several tabs, storage full, damaged
//! chunks, views, backups (ARCHITECTURE.md, invariant 6). Native, over the
//! memory store; `browser_storage.rs` runs the same kind of checks over
//! IndexedDB in Chromium.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use gouvernail::model::content::demo::realistic::{realistic_commune, CommuneSpec};
use gouvernail::model::kinds::indicator::{Indicator, Measurement};
use gouvernail::model::kinds::workspace::Workspace;
use gouvernail::model::*;
use gouvernail::storage::*;
use std::future::Future;

fn run<T>(future: impl Future<Output = T>) -> T {
    futures_executor::block_on(future)
}

fn open(store: &MemoryStore) -> (Library<MemoryStore>, OpenReport) {
    run(Library::open(store.clone(), automerge::ActorId::random())).unwrap()
}

fn create_workspace(lib: &Library<MemoryStore>) -> String {
    lib.create(DocKind::Workspace, "Mairie de Lauris", &ctx("Marie", "Création")).unwrap()
}

fn add_indicator(lib: &Library<MemoryStore>, doc: &str, id: &str, name: &str) {
    let entity = Entity::Indicator(Indicator { name: name.into(), ..Default::default() });
    lib.apply(doc, &Command::Create { id: id.into(), entity }, &ctx("Marie", "Indicateur")).unwrap();
}

fn measure(lib: &Library<MemoryStore>, doc: &str, id: &str, period: &str, value: f64) {
    let cmd = Command::RecordMeasurement {
        indicator_id: id.into(),
        period: Period::parse(period).unwrap(),
        measurement: Measurement { value, ..Default::default() },
    };
    lib.apply(doc, &cmd, &ctx("Marie", "Mesure")).unwrap();
}

/// The workspace, read first if needed.
fn snapshot(lib: &Library<MemoryStore>, doc: &str) -> Workspace {
    run(lib.read(doc));
    lib.workspace(doc).unwrap().0
}

/// The chunks of a document in store, snapshots first.
fn chunks_of(store: &MemoryStore, id: &str) -> Vec<ChunkKey> {
    let mut chunks: Vec<ChunkKey> = store
        .keys_of(Area::Chunks)
        .iter()
        .filter_map(|k| ChunkKey::parse(k))
        .filter(|(d, _)| d == id)
        .map(|(_, c)| c)
        .collect();
    chunks.sort();
    chunks
}

#[test]
fn documents_survive_a_reopen() {
    let store = MemoryStore::new();
    let (lib, report) = open(&store);
    assert_eq!(report, OpenReport::default());
    let id = create_workspace(&lib);
    add_indicator(&lib, &id, "i", "Démarches en ligne");
    measure(&lib, &id, "i", "2026-03", 62.0);
    assert!(lib.has_pending());
    let outcome = run(lib.save_pending(1)).unwrap();
    assert_eq!(outcome.saved, vec![id.clone()]);
    assert!(!lib.has_pending());
    let before = snapshot(&lib, &id);
    drop(lib);

    let (lib, report) = open(&store);
    assert_eq!(report.found, 1);
    assert_eq!(snapshot(&lib, &id), before);
    assert_eq!(lib.documents()[0].title, "Mairie de Lauris");
}

#[test]
fn a_document_is_a_snapshot_then_one_incremental_chunk_per_save() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    assert_eq!(chunks_of(&store, &id).iter().map(|c| c.kind).collect::<Vec<_>>(), vec![ChunkKind::Snapshot]);
    add_indicator(&lib, &id, "i", "I");
    run(lib.save_pending(2)).unwrap();
    measure(&lib, &id, "i", "2026-01", 1.0);
    run(lib.save_pending(3)).unwrap();
    let kinds: Vec<ChunkKind> = chunks_of(&store, &id).iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![ChunkKind::Snapshot, ChunkKind::Incremental, ChunkKind::Incremental]);
    // Nothing new: nothing written.
    let written = store.written();
    run(lib.save_pending(4)).unwrap();
    assert_eq!(store.written(), written);
    // Reading it back concatenates the chunks.
    let (reopened, _) = open(&store);
    assert_eq!(snapshot(&reopened, &id).measurements["i"]["2026-01"].value, 1.0);
}

#[test]
fn a_save_after_one_edit_of_a_realistic_commune_writes_only_that_edit() {
    let spec = CommuneSpec {
        name: "Lauris".into(),
        code: "84065".into(),
        population: 3_900,
        epci_code: "200099901".into(),
        epci_name: "CC".into(),
        seed: 3,
    };
    let mut doc = realistic_commune(&spec, 1_795_897_288_000).unwrap();
    let document_size = doc.save().len();
    assert!(document_size > 20_000, "a realistic commune is tens of kilobytes ({document_size} B)");
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let ImportOutcome::Added { id, .. } = run(lib.import(&doc.save())).unwrap() else { panic!("added") };
    run(lib.save_pending(1)).unwrap();
    // A fresh tab reads it, records one value, saves.
    let (tab, _) = open(&store);
    let indicator = snapshot(&tab, &id).indicators.keys().next().unwrap().clone();
    measure(&tab, &id, &indicator, "2026-11", 12.5);
    let outcome = run(tab.save_pending(2)).unwrap();
    assert!(outcome.bytes_written < 2_000, "{} bytes written for one edit", outcome.bytes_written);
    let (reopened, _) = open(&store);
    assert_eq!(snapshot(&reopened, &id).measurements[&indicator]["2026-11"].value, 12.5);
}

#[test]
fn the_device_id_is_stored_once_and_applied_after_every_load() {
    let store = MemoryStore::new();
    let mut settings = MemorySettings::default();
    let device = device_id(&mut settings);
    let first = run(Library::open(store.clone(), session_actor(&mut settings))).unwrap().0;
    let id = create_workspace(&first);
    run(first.save_pending(1)).unwrap();
    let second = run(Library::open(store.clone(), session_actor(&mut settings))).unwrap().0;
    assert_eq!(device_id(&mut settings), device, "one device, one stored id");
    // Each session writes under its own actor, prefixed by the device id.
    assert_ne!(second.actor(), first.actor());
    run(second.read(&id));
    add_indicator(&second, &id, "i", "I");
    let history = second.with_document(&id, |d| d.history()).unwrap();
    let last_actor = &history.last().unwrap().actor;
    assert!(last_actor.starts_with(&device));
    assert_eq!(last_actor, &second.actor().to_hex_string());
}

/// A saved workspace, read in two tabs.
fn two_tabs_on_one_workspace() -> (MemoryStore, String, Library<MemoryStore>, Library<MemoryStore>) {
    let store = MemoryStore::new();
    let (setup, _) = open(&store);
    let id = create_workspace(&setup);
    run(setup.save_pending(1)).unwrap();
    let (tab_a, _) = open(&store);
    let (tab_b, _) = open(&store);
    run(tab_a.read(&id));
    run(tab_b.read(&id));
    (store, id, tab_a, tab_b)
}

#[test]
fn two_tabs_editing_different_indicators_lose_nothing() {
    let (store, id, tab_a, tab_b) = two_tabs_on_one_workspace();
    add_indicator(&tab_a, &id, "a", "Indicateur A");
    measure(&tab_a, &id, "a", "2026-01", 1.0);
    add_indicator(&tab_b, &id, "b", "Indicateur B");
    measure(&tab_b, &id, "b", "2026-01", 2.0);
    run(tab_a.save_pending(2)).unwrap();
    // B saves after A: it reads and merges A's stored changes first.
    let outcome = run(tab_b.save_pending(3)).unwrap();
    assert_eq!(outcome.merged_from_store.len(), 1);
    assert!(outcome.merged_from_store[0].1.changed["indicators"].contains("a"));
    // A hears of B's write (the page's BroadcastChannel message).
    let (changed, summary) = run(tab_a.sync_from_store(&id)).unwrap();
    assert_eq!(changed, id);
    assert!(summary.changed["indicators"].contains("b"));
    assert_eq!(snapshot(&tab_a, &id), snapshot(&tab_b, &id));

    let (reloaded, _) = open(&store);
    let ws = snapshot(&reloaded, &id);
    assert_eq!(ws.indicators.len(), 2);
    assert_eq!(ws.measurements["a"]["2026-01"].value, 1.0);
    assert_eq!(ws.measurements["b"]["2026-01"].value, 2.0);
}

#[test]
fn two_tabs_writing_at_the_same_instant_both_keep_their_changes() {
    // Neither reads the other's write before its own: both chunks stay,
    // since a write never replaces another.
    let (store, id, tab_a, tab_b) = two_tabs_on_one_workspace();
    add_indicator(&tab_a, &id, "a", "A");
    add_indicator(&tab_b, &id, "b", "B");
    run(tab_a.flush(2, &mut MemoryStrings::default())).unwrap();
    run(tab_b.flush(3, &mut MemoryStrings::default())).unwrap();
    let (reloaded, _) = open(&store);
    let ws = snapshot(&reloaded, &id);
    assert!(ws.indicators.contains_key("a") && ws.indicators.contains_key("b"));
}

#[test]
fn a_full_storage_keeps_everything_in_memory_and_saves_later() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    // Fill the storage: only a few more bytes fit.
    store.set_quota(Some(store.used() + 100));
    add_indicator(&lib, &id, "i", "Un indicateur au nom assez long pour dépasser le quota");
    for month in 1..=9 {
        measure(&lib, &id, "i", &format!("2026-0{month}"), month as f64);
    }
    let err = run(lib.save_pending(2)).unwrap_err();
    assert_eq!(err, StoreError::QuotaExceeded);
    assert!(err.to_string().contains("plein"));
    assert!(lib.has_pending(), "the edit is still waiting to be saved");
    assert_eq!(snapshot(&lib, &id).measurements["i"].len(), 9, "nothing lost in memory");
    // The backup holds the unsaved edits.
    let backup = run(lib.export_backup(3)).to_json();
    let (elsewhere, _) = open(&MemoryStore::new());
    run(elsewhere.restore_backup(&backup)).unwrap();
    assert_eq!(snapshot(&elsewhere, &id).measurements["i"].len(), 9);
    // Once space is freed, the next save succeeds.
    store.set_quota(None);
    run(lib.save_pending(4)).unwrap();
    let (reopened, _) = open(&store);
    assert_eq!(snapshot(&reopened, &id).measurements["i"].len(), 9);
}

#[test]
fn a_damaged_chunk_puts_its_document_aside_and_no_other() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let good = create_workspace(&lib);
    let damaged = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    add_indicator(&lib, &damaged, "i", "I");
    run(lib.save_pending(2)).unwrap();
    let incremental = chunks_of(&store, &damaged).into_iter().find(|c| c.kind == ChunkKind::Incremental).unwrap();
    let key = incremental.key(&damaged);
    let mut bytes = store.value(Area::Chunks, &key).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    store.put_raw(Area::Chunks, key, bytes.clone());

    let (lib, report) = open(&store);
    assert_eq!((report.found, report.quarantined.len()), (2, 0), "known to the index, not read yet");
    assert!(run(lib.read(&good)));
    assert!(!run(lib.read(&damaged)));
    let unreadable = lib.take_unreadable();
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0].original_key, damaged);
    assert!(unreadable[0].reason.contains(&incremental.label()), "{}", unreadable[0].reason);
    assert!(unreadable[0].kept_at.is_some());
    // Every chunk of it is aside, the damaged one as it was; the other document is untouched.
    assert!(chunks_of(&store, &damaged).is_empty());
    let aside: Vec<Key> = lib.quarantined();
    assert_eq!(aside.len(), 2);
    assert_eq!(run(lib.quarantined_value(&[damaged.clone(), incremental.label()])).unwrap(), bytes);
    assert_eq!(lib.documents().len(), 1);
    assert!(lib.workspace(&damaged).is_none());
    assert!(lib.take_unreadable().is_empty(), "reported once");
    let (reopened, report) = open(&store);
    assert_eq!((report.found, reopened.quarantined().len()), (1, 2));
}

#[test]
fn a_document_missing_some_of_its_history_is_put_aside_whole() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    add_indicator(&lib, &id, "i", "I");
    run(lib.save_pending(2)).unwrap();
    let creation = chunks_of(&store, &id).into_iter().find(|c| c.kind == ChunkKind::Incremental).unwrap();
    measure(&lib, &id, "i", "2026", 1.0);
    run(lib.save_pending(3)).unwrap();
    // The chunk creating the indicator is lost: the next one's change depends on it.
    run(store.write(vec![Write::Delete { area: Area::Chunks, key: creation.key(&id) }])).unwrap();
    let (lib, _) = open(&store);
    assert!(!run(lib.read(&id)));
    let unreadable = lib.take_unreadable();
    assert!(unreadable[0].reason.contains("manquent"), "{}", unreadable[0].reason);
    assert!(chunks_of(&store, &id).is_empty());
    assert_eq!(lib.quarantined().len(), 2);
}

#[test]
fn a_damaged_document_that_cannot_be_moved_is_left_untouched() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    let chunk = chunks_of(&store, &id).remove(0);
    store.put_raw(Area::Chunks, chunk.key(&id), b"garbage".to_vec());
    store.set_quota(Some(0));
    let (lib, _) = open(&store);
    assert!(!run(lib.read(&id)));
    assert_eq!(lib.take_unreadable()[0].kept_at, None);
    assert_eq!(store.value(Area::Chunks, &chunk.key(&id)).unwrap(), b"garbage");
}

#[test]
fn restoring_a_backup_merges_instead_of_replacing() {
    let (home, _) = open(&MemoryStore::new());
    let id = create_workspace(&home);
    add_indicator(&home, &id, "i", "I");
    let backup = run(home.export_backup(1)).to_json();
    // Edits made after the backup must survive its restoration.
    measure(&home, &id, "i", "2026", 5.0);
    let outcomes = run(home.restore_backup(&backup)).unwrap();
    assert!(matches!(&outcomes[0], ImportOutcome::Merged { summary, .. } if summary.is_empty()));
    assert_eq!(snapshot(&home, &id).measurements["i"]["2026"].value, 5.0);

    let (fresh, _) = open(&MemoryStore::new());
    let outcomes = run(fresh.restore_backup(&backup)).unwrap();
    assert!(matches!(&outcomes[0], ImportOutcome::Added { kind: DocKind::Workspace, .. }));
}

#[test]
fn a_bad_backup_or_import_changes_nothing() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    let mut backup = run(lib.export_backup(1));
    backup.documents.push(BackupEntry {
        id: "x".into(),
        kind: "Workspace".into(),
        title: "Abîmé".into(),
        data: "AAAA".into(),
    });
    let err = run(lib.restore_backup(&backup.to_json())).unwrap_err();
    assert!(err.message().contains("Abîmé"));
    assert!(run(lib.restore_backup("{ pas une sauvegarde")).is_err());
    assert!(run(lib.import(b"garbage")).is_err());
    assert_eq!(lib.documents().len(), 1);
    assert!(!lib.has_pending());
    assert!(lib.workspace(&id).is_some());
}

#[test]
fn importing_a_known_document_merges_and_twice_changes_nothing() {
    let (mentor, _) = open(&MemoryStore::new());
    let id = create_workspace(&mentor);
    add_indicator(&mentor, &id, "i", "I");
    let shared = mentor.with_document(&id, |d| d.save()).unwrap();
    let (town, _) = open(&MemoryStore::new());
    assert!(matches!(run(town.import(&shared)).unwrap(), ImportOutcome::Added { .. }));
    measure(&town, &id, "i", "2026", 3.0);
    let back = town.with_document(&id, |d| d.save()).unwrap();
    match run(mentor.import(&back)).unwrap() {
        ImportOutcome::Merged { summary, .. } => assert_eq!(summary.new_changes, 1),
        other => panic!("expected a merge, got {other:?}"),
    }
    run(mentor.save_pending(1)).unwrap();
    match run(mentor.import(&back)).unwrap() {
        ImportOutcome::Merged { summary, .. } => assert!(summary.is_empty()),
        other => panic!("expected a merge, got {other:?}"),
    }
    assert!(!mentor.has_pending());
}

#[test]
fn removing_a_document_forgets_it_in_storage_and_in_other_tabs() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    let (other_tab, _) = open(&store);
    run(lib.remove(&id)).unwrap();
    assert!(store.keys_of(Area::Chunks).is_empty() && store.keys_of(Area::Documents).is_empty());
    assert!(run(other_tab.sync_from_store(&id)).is_some());
    assert!(other_tab.documents().is_empty());
    assert!(open(&store).0.documents().is_empty());
}

#[test]
fn the_author_name_is_remembered_by_this_browser() {
    let mut settings = MemorySettings::default();
    assert_eq!(author(&settings), "");
    set_author(&mut settings, "  Marie Dupont (Mairie de Lauris) ").unwrap();
    assert_eq!(author(&settings.clone()), "Marie Dupont (Mairie de Lauris)");
}

#[test]
fn a_compaction_replaces_the_chunks_it_holds_and_nothing_else() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    add_indicator(&lib, &id, "i", "Un indicateur");
    run(lib.save_pending(1)).unwrap();
    let (other_tab, _) = open(&store);
    run(other_tab.read(&id));
    let mut month = 0;
    while run(lib.compact_due(2)).unwrap().is_empty() {
        month += 1;
        assert!(month < 1_000, "never compacted");
        measure(&lib, &id, "i", &format!("{}-{:02}", 2000 + month / 12, month % 12 + 1), month as f64);
        run(lib.save_pending(2)).unwrap();
        if month == 3 {
            // Meanwhile, another tab saves a change this one has not seen.
            add_indicator(&other_tab, &id, "autre", "De l'autre onglet");
            run(other_tab.flush(2, &mut MemoryStrings::default())).unwrap();
        }
    }
    let chunks = chunks_of(&store, &id);
    assert_eq!(chunks.len(), 1, "one snapshot replaced every chunk, the other tab's included once merged");
    assert_eq!(chunks[0].kind, ChunkKind::Snapshot);
    let ws = snapshot(&open(&store).0, &id);
    assert_eq!(ws.measurements["i"].len(), month);
    assert!(ws.indicators.contains_key("autre"));
    // The other tab follows: it merges the new snapshot and forgets the old chunks.
    run(other_tab.sync_from_store(&id));
    add_indicator(&other_tab, &id, "encore", "Encore");
    run(other_tab.save_pending(3)).unwrap();
    let ws = snapshot(&open(&store).0, &id);
    assert_eq!(ws.measurements["i"].len(), month);
    assert!(ws.indicators.contains_key("encore"));
}

#[test]
fn a_chunk_another_tab_adds_during_a_compaction_is_kept() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    add_indicator(&lib, &id, "i", "I");
    run(lib.save_pending(1)).unwrap();
    for n in 0..120 {
        measure(&lib, &id, "i", &format!("{}", 1900 + n), n as f64);
        run(lib.save_pending(2)).unwrap();
    }
    // The other tab's chunk lands after the compaction has read what is
    // stored and before it writes: it is not among the chunks it replaces.
    let (other_tab, _) = open(&store);
    run(other_tab.read(&id));
    add_indicator(&other_tab, &id, "autre", "Autre");
    let other_tab = std::rc::Rc::new(other_tab);
    let writer = other_tab.clone();
    store.before_next_write(move |_| {
        // The memory store answers at once: no executor needed inside the write.
        futures_util::FutureExt::now_or_never(writer.flush(3, &mut MemoryStrings::default())).unwrap().unwrap();
    });
    assert!(!run(lib.compact_due(4)).unwrap().is_empty());
    let kinds: Vec<ChunkKind> = chunks_of(&store, &id).iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![ChunkKind::Snapshot, ChunkKind::Incremental]);
    assert!(snapshot(&open(&store).0, &id).indicators.contains_key("autre"));
}

// Documents are read on first use; a workspace not read yet is shown from
// the view stored with it, as long as that view was made from exactly the
// stored chunks.

#[test]
fn a_workspace_reopens_from_its_view_until_the_stored_chunks_change() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    add_indicator(&lib, &id, "i", "Démarches en ligne");
    measure(&lib, &id, "i", "2026-03", 62.5);
    run(lib.save_pending(1)).unwrap();
    let saved = snapshot(&lib, &id);
    // The first save is a snapshot, with its view: shown without reading.
    let (reopened, _) = open(&store);
    assert!(reopened.is_unread(&id));
    assert_eq!(reopened.workspace(&id).unwrap().0, saved);
    assert!(reopened.is_unread(&id), "shown from the view");

    // Another edit adds a chunk: the view is stale until refreshed.
    measure(&lib, &id, "i", "2026-04", 70.0);
    run(lib.save_pending(2)).unwrap();
    let (reopened, _) = open(&store);
    assert!(reopened.workspace(&id).is_none(), "a stale view is never shown");
    assert_eq!(snapshot(&reopened, &id).measurements["i"]["2026-04"].value, 70.0);
    // Refreshed (the page does it when hidden): shown from the view again.
    assert_eq!(run(lib.refresh_views()).unwrap(), 1);
    assert_eq!(run(lib.refresh_views()).unwrap(), 0, "fresh already");
    let (reopened, _) = open(&store);
    assert_eq!(reopened.workspace(&id).unwrap().0.measurements["i"]["2026-04"].value, 70.0);
    assert!(reopened.is_unread(&id));

    // Proof that the view is what is read: another tab's chunk makes it stale at once.
    let (other_tab, _) = open(&store);
    run(other_tab.read(&id));
    measure(&other_tab, &id, "i", "2026-05", 80.0);
    run(other_tab.save_pending(3)).unwrap();
    assert!(run(reopened.sync_from_store(&id)).is_some(), "the open tab is told the document changed");
    assert!(reopened.workspace(&id).is_none());
    assert_eq!(snapshot(&reopened, &id).measurements["i"]["2026-05"].value, 80.0);
}

#[test]
fn a_garbled_view_is_ignored() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    add_indicator(&lib, &id, "i", "Démarches en ligne");
    run(lib.save_pending(1)).unwrap();
    store.put_raw(Area::Views, vec![id.clone()], b"{\"source\": pas du JSON".to_vec());
    let (reopened, report) = open(&store);
    assert!(report.quarantined.is_empty());
    assert!(reopened.workspace(&id).is_none());
    assert_eq!(snapshot(&reopened, &id).indicators["i"].name, "Démarches en ligne");
    // Its view is then rewritten.
    assert_eq!(run(reopened.refresh_views()).unwrap(), 1);
}

#[test]
fn documents_not_read_yet_are_backed_up_merged_on_import_and_follow_other_tabs() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    add_indicator(&lib, &id, "i", "I");
    run(lib.save_pending(1)).unwrap();
    let bytes = lib.with_document(&id, |d| d.save()).unwrap();

    let (reopened, _) = open(&store);
    assert!(reopened.contains(&id));
    assert_eq!(run(reopened.export_backup(2)).documents.len(), 1);
    assert!(reopened.is_unread(&id), "read for the backup, not kept");
    let (reopened, _) = open(&store);
    assert!(
        matches!(run(reopened.import(&bytes)).unwrap(), ImportOutcome::Merged { summary, .. } if summary.is_empty())
    );

    let (unread, _) = open(&store);
    let new = create_workspace(&lib);
    run(lib.save_pending(3)).unwrap();
    assert!(run(unread.sync_from_store(&new)).is_some(), "a document added by another tab");
    assert!(unread.contains(&new) && unread.workspace(&new).is_some());
    run(lib.remove(&id)).unwrap();
    assert!(run(unread.sync_from_store(&id)).is_some());
    assert!(!unread.contains(&id));
    assert_eq!(unread.documents().len(), 1);
}

#[test]
fn the_demo_workspaces_reopen_from_views_equal_to_their_documents() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let mut ids = Vec::new();
    for mut doc in gouvernail::model::content::demo::demo_documents(1_795_897_288_000).unwrap() {
        if let ImportOutcome::Added { id, kind: DocKind::Workspace, .. } = run(lib.import(&doc.save())).unwrap() {
            ids.push(id);
        }
    }
    run(lib.save_pending(1)).unwrap();
    assert!(ids.len() >= 2);
    for id in ids {
        assert!(store.value(Area::Views, std::slice::from_ref(&id)).is_some());
        let (reopened, _) = open(&store);
        let from_view = reopened.workspace(&id).unwrap();
        run(reopened.read(&id));
        let from_doc = reopened.with_document(&id, |doc| (doc.workspace().unwrap(), doc.last_change_ms())).unwrap();
        assert_eq!(from_view, from_doc);
    }
}

#[test]
fn an_edit_waits_for_its_document_to_be_read() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    let (reopened, _) = open(&store);
    let cmd = Command::SetTitle("Autre titre".into());
    let err = reopened.apply(&id, &cmd, &ctx("Marie", "Titre")).unwrap_err();
    assert!(err.message().contains("en cours de lecture"));
    assert!(!reopened.has_pending());
    run(reopened.read(&id));
    reopened.apply(&id, &cmd, &ctx("Marie", "Titre")).unwrap();
    assert_eq!(reopened.documents()[0].title, "Autre titre");
}

#[test]
fn the_last_edits_of_a_page_torn_down_before_its_write_landed_come_back_from_the_journal() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    add_indicator(&lib, &id, "i", "Modifié juste avant de fermer");
    let new = lib.create(DocKind::Roadmap, "Créée juste avant de fermer", &ctx("Marie", "Création")).unwrap();
    // The page goes: the journal is written at once, the store's write never lands.
    let mut strings = MemoryStrings::default();
    store.cut_after(Some(0));
    assert!(run(lib.flush(2, &mut strings)).is_err());
    store.cut_after(None);
    assert!(journal::has_entries(&strings));
    // The next start moves the journal into the store.
    let mut touched = run(journal::replay(&mut strings, &store)).unwrap();
    touched.sort();
    let mut expected = vec![id.clone(), new.clone()];
    expected.sort();
    assert_eq!(touched, expected);
    assert!(!journal::has_entries(&strings));
    let (reopened, _) = open(&store);
    assert!(snapshot(&reopened, &id).indicators.contains_key("i"));
    assert!(reopened.documents().iter().any(|d| d.title == "Créée juste avant de fermer"));
    // Replaying twice, or after the write did land, changes nothing.
    assert!(run(journal::replay(&mut strings, &store)).unwrap().is_empty());
}

#[test]
fn a_flush_that_lands_leaves_nothing_in_the_journal() {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    let mut strings = MemoryStrings::default();
    run(lib.flush(1, &mut strings)).unwrap();
    assert!(!journal::has_entries(&strings));
    assert!(!lib.has_pending());
    assert!(open(&store).0.contains(&id));
}

/// A workspace created and stored here, and a copy of it in another browser.
fn stored_here_and_held_elsewhere() -> (MemoryStore, Library<MemoryStore>, Library<MemoryStore>, String) {
    let store = MemoryStore::new();
    let (lib, _) = open(&store);
    let id = create_workspace(&lib);
    run(lib.save_pending(1)).unwrap();
    let (elsewhere, _) = open(&MemoryStore::new());
    run(elsewhere.import(&lib.with_document(&id, |d| d.save()).unwrap())).unwrap();
    (store, lib, elsewhere, id)
}

#[test]
fn changes_received_from_elsewhere_are_merged_and_saved_incrementally() {
    // What a sync relay delivers: the changes another replica made since a
    // state both share.
    let (store, _here, elsewhere, id) = stored_here_and_held_elsewhere();
    let shared = elsewhere.with_document(&id, |d| d.heads()).unwrap();
    add_indicator(&elsewhere, &id, "r", "Reçu du relais");
    let changes = elsewhere.with_document(&id, |d| d.save_after(&shared)).unwrap();

    let (reopened, _) = open(&store);
    assert!(run(reopened.receive_changes(&id, b"pas des changements")).is_err());
    assert!(!reopened.has_pending());
    let summary = run(reopened.receive_changes(&id, &changes)).unwrap();
    assert!(summary.changed["indicators"].contains("r"));
    let outcome = run(reopened.save_pending(2)).unwrap();
    assert!(outcome.bytes_written < changes.len() + 500, "written as one incremental chunk");
    assert!(snapshot(&open(&store).0, &id).indicators.contains_key("r"));
    assert!(run(reopened.receive_changes("inconnu", &changes)).is_err());
}

#[test]
fn changes_a_live_sync_session_receives_into_a_lent_document_are_saved_incrementally() {
    use gouvernail::model::document::sync::SyncState;
    let (store, lib, elsewhere, id) = stored_here_and_held_elsewhere();
    add_indicator(&elsewhere, &id, "r", "Reçu en direct");
    elsewhere.apply(&id, &Command::SetTitle("Mairie de Lauris (relais)".into()), &ctx("Marie", "Titre")).unwrap();

    // Automerge's sync protocol between the two until neither has more to say.
    let (mut ours, mut theirs) = (SyncState::new(), SyncState::new());
    // A Bloom filter false positive (about 1 %) can split the two changes
    // over two messages: gather what every message brought.
    let mut received = MergeSummary::default();
    for _ in 0..10 {
        let to_us = elsewhere.with_document(&id, |d| d.generate_sync_message(&mut theirs)).unwrap();
        if let Some(message) = &to_us {
            let summary = lib.with_read_documents(|docs| {
                docs.get_mut(&id).unwrap().receive_sync_message(&mut ours, message).unwrap()
            });
            received.new_changes += summary.new_changes;
            for (collection, ids) in summary.changed {
                received.changed.entry(collection).or_default().extend(ids);
            }
        }
        let to_them = lib.with_read_documents(|docs| docs.get_mut(&id).unwrap().generate_sync_message(&mut ours));
        if let Some(message) = &to_them {
            elsewhere.with_document(&id, |d| d.receive_sync_message(&mut theirs, message).unwrap());
        }
        if to_us.is_none() && to_them.is_none() {
            break;
        }
    }
    assert!(received.changed["indicators"].contains("r"));
    assert!(!lib.has_pending(), "lending the documents marks nothing by itself");
    lib.received_live(&id);
    assert_eq!(lib.documents().iter().find(|d| d.id == id).unwrap().title, "Mairie de Lauris (relais)");
    let outcome = run(lib.save_pending(2)).unwrap();
    assert!(outcome.saved.contains(&id));
    assert!(outcome.bytes_written < 2_000, "one incremental chunk, not the document: {}", outcome.bytes_written);
    assert!(snapshot(&open(&store).0, &id).indicators.contains_key("r"));
    lib.received_live("inconnu");
    assert!(!lib.has_pending());
}
