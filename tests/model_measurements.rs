//! How measurements are stored (schema 2: one number per value, comments
//! apart), who recorded them, and how documents of schema 1 keep working.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT};
use common::*;
use gouvernail::model::kinds::indicator::Measurement;
use gouvernail::model::*;

fn record_with(
    doc: &mut Document,
    indicator_id: &str,
    period: &str,
    value: f64,
    comment: &str,
    author: &str,
    time_ms: i64,
) {
    let measurement = Measurement { value, comment: comment.into() };
    let command = Command::RecordMeasurement {
        indicator_id: indicator_id.into(),
        period: Period::parse(period).unwrap(),
        measurement,
    };
    doc.apply(&command, &ChangeContext::new(author, time_ms, "Mesure")).unwrap();
}

fn map(doc: &AutoCommit, parent: &ObjId, key: &str) -> ObjId {
    match doc.get(parent, key).unwrap() {
        Some((Value::Object(ObjType::Map), id)) => id,
        other => panic!("{key} is not a map: {other:?}"),
    }
}

fn series(doc: &AutoCommit, indicator_id: &str) -> ObjId {
    let measurements = map(doc, &ROOT, "measurements");
    map(doc, &measurements, indicator_id)
}

fn comment_keys(doc: &AutoCommit) -> Vec<String> {
    doc.keys(map(doc, &ROOT, "measurement_comments")).collect()
}

// --- layout ---

#[test]
fn a_value_is_one_number_and_a_comment_is_stored_only_when_there_is_one() {
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "I");
    record_with(&mut doc, "i", "2026-01", 12.5, "", "Marie", 1);
    record_with(&mut doc, "i", "2026-02", 13.0, "estimation", "Marie", 2);
    let raw = doc.automerge();
    let s = series(raw, "i");
    assert!(
        matches!(raw.get(&s, "2026-01").unwrap(), Some((Value::Scalar(v), _)) if v.as_ref() == &ScalarValue::F64(12.5))
    );
    assert_eq!(comment_keys(raw), ["i/2026-02"]);

    let ws = doc.workspace().unwrap();
    assert_eq!(ws.measurements["i"]["2026-01"], Measurement { value: 12.5, comment: String::new() });
    assert_eq!(ws.measurements["i"]["2026-02"], Measurement { value: 13.0, comment: "estimation".into() });

    // Recording the value again without a comment removes the comment.
    record_with(&mut doc, "i", "2026-02", 14.0, "", "Marie", 3);
    assert!(comment_keys(doc.automerge()).is_empty());
    assert_eq!(doc.workspace().unwrap().measurements["i"]["2026-02"].comment, "");
}

#[test]
fn deleting_a_measurement_or_its_indicator_removes_its_comments() {
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "I");
    create_indicator(&mut doc, "j", "J");
    record_with(&mut doc, "i", "2026-01", 1.0, "a", "M", 1);
    record_with(&mut doc, "i", "2026-02", 2.0, "b", "M", 1);
    record_with(&mut doc, "j", "2026-01", 3.0, "c", "M", 1);
    let delete = Command::DeleteMeasurement { indicator_id: "i".into(), period: Period::parse("2026-01").unwrap() };
    doc.apply(&delete, &ctx("M", "suppression")).unwrap();
    assert_eq!(comment_keys(doc.automerge()), ["i/2026-02", "j/2026-01"]);

    doc.apply(&Command::Delete { collection: Collection::Indicators, id: "i".into() }, &ctx("M", "suppression"))
        .unwrap();
    assert_eq!(comment_keys(doc.automerge()), ["j/2026-01"]);
    let ws = reload(&mut doc).workspace().unwrap();
    assert!(!ws.measurements.contains_key("i"));
    assert_eq!(ws.measurements["j"]["2026-01"].comment, "c");
}

#[test]
fn a_merge_summary_counts_a_comment_as_a_change_of_its_indicator_measurements() {
    let mut a = new_workspace("W");
    create_indicator(&mut a, "i", "I");
    let mut b = a.fork();
    record_with(&mut b, "i", "2026-01", 1.0, "vu en réunion", "B", 5);
    let summary = a.merge(&mut b).unwrap();
    assert!(summary.changed["measurements"].contains("i"));
    assert!(!summary.changed.contains_key("measurement_comments"));
    assert_eq!(a.workspace().unwrap().measurements["i"]["2026-01"].comment, "vu en réunion");
}

// --- who recorded it ---

#[test]
fn who_recorded_a_value_and_when_comes_from_the_change_that_wrote_it() {
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "I");
    record_with(&mut doc, "i", "2026-01", 1.0, "", "Marie", 1_000);
    record_with(&mut doc, "i", "2026-02", 2.0, "", "Paul", 2_000);
    record_with(&mut doc, "i", "2026-01", 1.5, "", "Paul", 3_000);
    let records = reload(&mut doc).measurement_records("i").unwrap();
    assert_eq!(records["2026-01"].len(), 1);
    assert_eq!(
        (records["2026-01"][0].value, records["2026-01"][0].author.as_str(), records["2026-01"][0].time_ms),
        (1.5, "Paul", 3_000)
    );
    assert_eq!((records["2026-02"][0].author.as_str(), records["2026-02"][0].time_ms), ("Paul", 2_000));
}

#[test]
fn values_of_a_batch_are_attributed_to_its_author() {
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "I");
    let commands: Vec<Command> = ["2025-01", "2025-02"]
        .iter()
        .map(|p| Command::RecordMeasurement {
            indicator_id: "i".into(),
            period: Period::parse(p).unwrap(),
            measurement: Measurement { value: 1.0, comment: String::new() },
        })
        .collect();
    doc.apply_batch(&commands, &ChangeContext::new("Import de Lucie", 42, "Import CSV")).unwrap();
    let records = doc.measurement_records("i").unwrap();
    assert!(records.values().all(|r| r[0].author == "Import de Lucie" && r[0].time_ms == 42));
}

// --- schema 1 ---

/// A workspace as version 1 wrote it: schema 1, a measurement map per value, no comment map.
fn schema1_workspace() -> Vec<u8> {
    let mut doc = new_workspace("Ancien");
    create_indicator(&mut doc, "i", "I");
    let mut raw = AutoCommit::load(&doc.save()).unwrap();
    let meta = map(&raw, &ROOT, "meta");
    raw.put(&meta, "schema_version", 1_u64).unwrap();
    raw.delete(ROOT, "measurement_comments").unwrap();
    let s = series(&raw, "i");
    let m = raw.put_object(&s, "2025", ObjType::Map).unwrap();
    raw.put(&m, "value", 40.0).unwrap();
    raw.put(&m, "comment", "saisie papier").unwrap();
    raw.put(&m, "author", "Josette").unwrap();
    raw.put(&m, "recorded_at", 1_700_000_000_000_i64).unwrap();
    raw.commit();
    raw.save()
}

#[test]
fn a_schema_1_document_still_reads_with_its_authors() {
    let mut doc = Document::load(&schema1_workspace()).unwrap();
    assert_eq!(doc.meta().schema_version, 1);
    let ws = doc.workspace().unwrap();
    assert_eq!(ws.measurements["i"]["2025"], Measurement { value: 40.0, comment: "saisie papier".into() });
    let records = doc.measurement_records("i").unwrap();
    assert_eq!((records["2025"][0].author.as_str(), records["2025"][0].time_ms), ("Josette", 1_700_000_000_000));
}

#[test]
fn the_first_value_recorded_in_a_schema_1_document_raises_it_to_schema_2() {
    let mut doc = Document::load(&schema1_workspace()).unwrap();
    record_with(&mut doc, "i", "2026", 45.0, "en ligne", "Marie", 9);
    record_with(&mut doc, "i", "2025", 41.0, "", "Marie", 9);
    assert_eq!(doc.meta().schema_version, SCHEMA_VERSION);
    let mut reloaded = reload(&mut doc);
    assert_eq!(reloaded.meta().schema_version, 2);
    let ws = reloaded.workspace().unwrap();
    assert_eq!(ws.measurements["i"]["2026"], Measurement { value: 45.0, comment: "en ligne".into() });
    // The schema 1 map was replaced by a number, its comment with it.
    assert_eq!(ws.measurements["i"]["2025"], Measurement { value: 41.0, comment: String::new() });
    assert_eq!(reloaded.measurement_records("i").unwrap()["2025"][0].author, "Marie");
}

#[test]
fn a_replica_still_in_schema_1_merges_with_a_raised_one() {
    let bytes = schema1_workspace();
    let mut old = Document::load(&bytes).unwrap();
    let mut new = Document::load(&bytes).unwrap();
    new.set_actor(&new_actor());
    record_with(&mut new, "i", "2026", 45.0, "", "Marie", 9);
    old.merge(&mut new).unwrap();
    assert_eq!(old.meta().schema_version, 2);
    let ws = old.workspace().unwrap();
    assert_eq!(ws.measurements["i"]["2025"].value, 40.0);
    assert_eq!(ws.measurements["i"]["2026"].value, 45.0);
}

// --- bulk writes ---

fn record_command(indicator_id: &str, period: &str, value: f64, comment: &str) -> Command {
    Command::RecordMeasurement {
        indicator_id: indicator_id.into(),
        period: Period::parse(period).unwrap(),
        measurement: Measurement { value, comment: comment.into() },
    }
}

#[test]
fn a_batch_creating_indicators_with_their_values_reads_as_the_same_commands_one_by_one() {
    let commands = vec![
        Command::Create { id: "i".into(), entity: Entity::Indicator(indicator("I")) },
        record_command("i", "2026-01", 1.0, ""),
        record_command("i", "2026-02", 2.0, "estimé"),
        Command::Create { id: "j".into(), entity: Entity::Indicator(indicator("J")) },
        record_command("j", "2026-01", 3.0, ""),
        // The same period twice: the later value wins, as one by one.
        record_command("j", "2026-01", 4.0, ""),
        record_command("i", "2026-03", 5.0, ""),
    ];
    let mut batched = new_workspace("W");
    let mut one_by_one = batched.fork();
    batched.apply_batch(&commands, &ctx("Import", "Import")).unwrap();
    for command in &commands {
        one_by_one.apply(command, &ctx("Import", "Import")).unwrap();
    }
    let ws = reload(&mut batched).workspace().unwrap();
    assert_eq!(ws.measurements, one_by_one.workspace().unwrap().measurements);
    assert_eq!(ws.measurements["j"]["2026-01"].value, 4.0);
    assert_eq!(ws.measurements["i"]["2026-02"].comment, "estimé");
    assert!(batched.measurement_records("i").unwrap().values().all(|r| r.len() == 1 && r[0].author == "Import"));
}

#[test]
fn a_batch_with_one_invalid_value_changes_nothing() {
    let mut doc = new_workspace("W");
    let before = doc.save();
    let commands = vec![
        Command::Create { id: "i".into(), entity: Entity::Indicator(indicator("I")) },
        record_command("i", "2026-01", 1.0, ""),
        record_command("i", "2026-02", f64::NAN, ""),
    ];
    let err = doc.apply_batch(&commands, &ctx("Import", "Import")).unwrap_err();
    assert!(err.message().contains("nombre"));
    assert!(doc.workspace().unwrap().indicators.is_empty());
    assert_eq!(doc.save(), before);
}

#[test]
fn a_refused_command_leaves_a_schema_1_document_in_schema_1() {
    let mut doc = Document::load(&schema1_workspace()).unwrap();
    let commands = vec![record_command("i", "2026", 45.0, ""), record_command("absent", "2026", 1.0, "")];
    assert!(doc.apply_batch(&commands, &ctx("M", "Import")).is_err());
    assert_eq!(doc.meta().schema_version, 1);
    assert_eq!(reload(&mut doc).meta().schema_version, 1);
    // The next value recorded still raises it.
    record_with(&mut doc, "i", "2026", 45.0, "", "M", 1);
    assert_eq!(reload(&mut doc).meta().schema_version, 2);
}
