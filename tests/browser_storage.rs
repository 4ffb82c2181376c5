//! Storage in a real browser (headless Chromium through wasm-bindgen-test):
//! localStorage persistence, two tabs, a full quota, a corrupt entry.
#![cfg(target_arch = "wasm32")]

use gouvernail::model::kinds::indicator::{Indicator, Measurement};
use gouvernail::model::*;
use gouvernail::storage::browser::BrowserStore;
use gouvernail::storage::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn ctx() -> ChangeContext {
    ChangeContext::new("Test", 1_795_897_288_000, "test")
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear() {
    local_storage().clear().unwrap();
}

fn open() -> (Library<BrowserStore>, OpenReport) {
    Library::open(BrowserStore::open().unwrap())
}

fn add_indicator(lib: &mut Library<BrowserStore>, doc: &str, id: &str) {
    let entity = Entity::Indicator(Indicator { name: format!("Indicateur {id}"), ..Default::default() });
    lib.apply(doc, &Command::Create { id: id.into(), entity }, &ctx()).unwrap();
    let cmd = Command::RecordMeasurement {
        indicator_id: id.into(),
        period: Period::parse("2026-10").unwrap(),
        measurement: Measurement { value: 42.0, ..Default::default() },
    };
    lib.apply(doc, &cmd, &ctx()).unwrap();
}

#[wasm_bindgen_test]
fn documents_persist_in_local_storage_across_a_reopen() {
    clear();
    let (mut lib, _) = open();
    let id = lib.create(DocKind::Workspace, "Mairie", &ctx()).unwrap();
    add_indicator(&mut lib, &id, "i");
    lib.save_pending(1).unwrap();
    assert!(local_storage().get_item(&StorageKey::Doc(id.clone()).to_key()).unwrap().is_some());
    drop(lib);
    let (mut lib, report) = open();
    assert_eq!(report.found, 1);
    let ws = lib.document(&id).unwrap().workspace().unwrap();
    assert_eq!(ws.measurements["i"]["2026-10"].value, 42.0);
    clear();
}

#[wasm_bindgen_test]
fn two_tabs_editing_different_indicators_keep_both_edits() {
    clear();
    let (mut setup, _) = open();
    let id = setup.create(DocKind::Workspace, "Mairie", &ctx()).unwrap();
    setup.save_pending(1).unwrap();
    let (mut tab_a, _) = open();
    let (mut tab_b, _) = open();
    add_indicator(&mut tab_a, &id, "a");
    add_indicator(&mut tab_b, &id, "b");
    tab_a.save_pending(2).unwrap();
    tab_b.save_pending(3).unwrap();
    let (mut reloaded, _) = open();
    let ws = reloaded.document(&id).unwrap().workspace().unwrap();
    assert!(ws.indicators.contains_key("a") && ws.indicators.contains_key("b"));
    clear();
}

#[wasm_bindgen_test]
fn a_full_local_storage_reports_quota_and_keeps_the_edit_in_memory() {
    clear();
    let (mut lib, _) = open();
    let id = lib.create(DocKind::Workspace, "Mairie", &ctx()).unwrap();
    lib.save_pending(1).unwrap();
    // Fill localStorage until the browser refuses even one more character,
    // with smaller and smaller items.
    let storage = local_storage();
    let mut fillers = Vec::new();
    for size in [256 * 1024, 16 * 1024, 1024, 64, 1] {
        let chunk = "x".repeat(size);
        while storage.set_item(&format!("f/{}", fillers.len()), &chunk).is_ok() {
            fillers.push(format!("f/{}", fillers.len()));
            assert!(fillers.len() < 2_000, "localStorage never filled up");
        }
    }
    add_indicator(&mut lib, &id, "i");
    assert_eq!(lib.save_pending(2).unwrap_err(), StoreError::QuotaExceeded);
    assert!(lib.has_pending());
    assert!(lib.document(&id).unwrap().workspace().unwrap().indicators.contains_key("i"));
    assert!(lib.export_backup(3).to_json().contains(&id));
    // Free space: the pending edit is saved.
    for key in &fillers {
        storage.remove_item(key).unwrap();
    }
    lib.save_pending(4).unwrap();
    let (mut reloaded, _) = open();
    assert!(reloaded.document(&id).unwrap().workspace().unwrap().indicators.contains_key("i"));
    clear();
}

#[wasm_bindgen_test]
fn a_corrupt_entry_is_reported_and_kept_aside() {
    clear();
    let key = StorageKey::Doc("abîmé".into()).to_key();
    local_storage().set_item(&key, "ceci n'est pas un document").unwrap();
    let (lib, report) = open();
    assert_eq!(report.quarantined.len(), 1);
    let kept = report.quarantined[0].kept_at.clone().unwrap();
    assert_eq!(local_storage().get_item(&kept).unwrap().unwrap(), "ceci n'est pas un document");
    assert!(local_storage().get_item(&key).unwrap().is_none());
    assert_eq!(lib.quarantined_keys(), vec![kept]);
    clear();
}
