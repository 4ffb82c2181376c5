//! Schema evolution: documents saved by this version keep loading when later
//! versions add fields, and older readers ignore fields they do not know.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use autosurgeon::{Hydrate, Reconcile};
use common::*;
use gouvernail::model::kinds::indicator::Indicator;
use gouvernail::model::*;
use std::collections::BTreeMap;

/// What a future version's indicator could look like: one more field.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile)]
struct IndicatorV2 {
    name: String,
    #[autosurgeon(missing = "Default::default")]
    rgaa_reference: String,
    #[autosurgeon(missing = "Default::default")]
    weight: Option<u64>,
}

#[derive(Debug, Hydrate)]
struct WorkspaceV2 {
    indicators: BTreeMap<String, IndicatorV2>,
}

#[test]
fn a_document_of_this_version_loads_in_a_version_with_more_fields() {
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "RGAA");
    let bytes = doc.save();
    let loaded = Document::load(&bytes).unwrap();
    let v2: WorkspaceV2 = autosurgeon::hydrate(loaded.automerge()).unwrap();
    assert_eq!(v2.indicators["i"], IndicatorV2 { name: "RGAA".into(), rgaa_reference: String::new(), weight: None });
}

#[test]
fn fields_written_by_a_newer_version_survive_an_edit_by_this_version() {
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "RGAA");
    // A newer version adds a field.
    let mut newer = automerge::AutoCommit::load(&doc.save()).unwrap();
    let v2 = IndicatorV2 { name: "RGAA".into(), rgaa_reference: "4.1".into(), weight: Some(2) };
    let indicators = match automerge::ReadDoc::get(&newer, automerge::ROOT, "indicators").unwrap() {
        Some((_, id)) => id,
        None => panic!("no indicators"),
    };
    autosurgeon::reconcile_prop(&mut newer, &indicators, "i", &v2).unwrap();
    newer.commit();
    // This version edits the indicator without knowing the new field.
    let mut old = Document::load(&newer.save()).unwrap();
    let edit = Indicator { name: "Taux RGAA".into(), ..Default::default() };
    old.apply(&Command::Update { id: "i".into(), entity: Entity::Indicator(edit) }, &ctx("M", "renommage")).unwrap();
    let back: WorkspaceV2 = autosurgeon::hydrate(old.automerge()).unwrap();
    assert_eq!(back.indicators["i"].name, "Taux RGAA");
    assert_eq!(back.indicators["i"].rgaa_reference, "4.1");
}

#[test]
fn a_document_from_a_future_schema_is_refused_with_a_clear_message() {
    let mut doc = new_workspace("W");
    let mut future = automerge::AutoCommit::load(&doc.save()).unwrap();
    let meta = match automerge::ReadDoc::get(&future, automerge::ROOT, "meta").unwrap() {
        Some((_, id)) => id,
        None => panic!("no meta"),
    };
    automerge::transaction::Transactable::put(&mut future, &meta, "schema_version", SCHEMA_VERSION + 1).unwrap();
    let err = Document::load(&future.save()).unwrap_err();
    assert!(matches!(err.kind, ErrorKind::UnsupportedSchema { .. }));
    assert!(err.message().contains("plus récente"));
}

#[test]
fn numbers_written_as_integers_by_another_implementation_still_read() {
    // The JavaScript library stores whole numbers as integers.
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "I");
    record(&mut doc, "i", "2026", 1.5, "M");
    let mut js_like = automerge::AutoCommit::load(&doc.save()).unwrap();
    use automerge::ReadDoc;
    let (_, measurements) = js_like.get(automerge::ROOT, "measurements").unwrap().unwrap();
    let (_, series) = js_like.get(&measurements, "i").unwrap().unwrap();
    automerge::transaction::Transactable::put(&mut js_like, &series, "2026", 64_i64).unwrap();
    automerge::transaction::Transactable::put(&mut js_like, &series, "2027", 3_u64).unwrap();
    js_like.commit();
    let ws = Document::load(&js_like.save()).unwrap().workspace().unwrap();
    assert_eq!(ws.measurements["i"]["2026"].value, 64.0);
    assert_eq!(ws.measurements["i"]["2027"].value, 3.0);
}

#[test]
fn strings_written_as_collaborative_text_by_another_implementation_still_read() {
    // The JavaScript library writes `d.measurement_comments[k] = "…"` as a Text object.
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "I");
    record(&mut doc, "i", "2026", 1.0, "M");
    let mut js_like = automerge::AutoCommit::load(&doc.save()).unwrap();
    use automerge::transaction::Transactable;
    use automerge::ReadDoc;
    let (_, comments) = js_like.get(automerge::ROOT, "measurement_comments").unwrap().unwrap();
    let text = js_like.put_object(&comments, "i/2026", automerge::ObjType::Text).unwrap();
    js_like.splice_text(&text, 0, 0, "saisi en JS").unwrap();
    js_like.commit();
    let ws = Document::load(&js_like.save()).unwrap().workspace().unwrap();
    assert_eq!(ws.measurements["i"]["2026"].comment, "saisi en JS");
}
