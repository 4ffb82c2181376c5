//! Merging replicas: convergence, conflicts, genesis, summaries.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use gouvernail::model::*;

#[test]
fn concurrent_edits_merged_in_both_orders_give_identical_state() {
    let mut origin = new_workspace("EPCI");
    create_indicator(&mut origin, "i1", "Démarches en ligne");
    create_indicator(&mut origin, "i2", "Satisfaction");
    let mut a = origin.fork();
    let mut b = origin.fork();
    record(&mut a, "i1", "2026-01", 10.0, "A");
    create_indicator(&mut a, "i3", "RGAA");
    record(&mut b, "i2", "2026-01", 80.0, "B");
    let mut renamed = indicator("Démarches 100 % en ligne");
    renamed.target = Some(75.0);
    b.apply(&Command::Update { id: "i1".into(), entity: Entity::Indicator(renamed) }, &ctx("B", "Renommage")).unwrap();
    b.apply(&Command::Delete { collection: Collection::Indicators, id: "i2".into() }, &ctx("B", "Suppression"))
        .unwrap();

    let mut ab = a.fork();
    ab.merge(&mut b).unwrap();
    let mut ba = b.fork();
    ba.merge(&mut a).unwrap();
    let left = ab.workspace().unwrap();
    assert_eq!(left, ba.workspace().unwrap());
    assert_eq!(left.indicators["i1"].name, "Démarches 100 % en ligne");
    assert_eq!(left.indicators["i1"].target, Some(75.0));
    assert_eq!(left.measurements["i1"]["2026-01"].value, 10.0);
    assert!(left.indicators.contains_key("i3"));
    assert!(!left.indicators.contains_key("i2"));
    assert_eq!(ab.heads().len(), 2);
}

#[test]
fn concurrent_edits_of_different_fields_of_one_entity_both_survive() {
    // A field left at its default is not stored (see `sparse`): an update
    // must not write it either, or its put would conflict with the other
    // replica's edit of that field and win half the time, by actor order.
    // Several rounds, each with new random actors, so a lost edit shows.
    for _ in 0..8 {
        let mut origin = new_workspace("W");
        create_indicator(&mut origin, "i", "Nom");
        let mut a = origin.fork();
        let mut b = origin.fork();
        let mut ia = indicator("Nom");
        ia.unit = "€".into();
        ia.target = Some(50.0);
        a.apply(&Command::Update { id: "i".into(), entity: Entity::Indicator(ia) }, &ctx("A", "unité")).unwrap();
        let mut ib = indicator("Nom");
        ib.source = "INSEE".into();
        ib.definition = "Part des démarches".into();
        b.apply(&Command::Update { id: "i".into(), entity: Entity::Indicator(ib) }, &ctx("B", "source")).unwrap();
        let mut ba = b.fork();
        a.merge(&mut b).unwrap();
        ba.merge(&mut a).unwrap();
        for merged in [&a.workspace().unwrap().indicators["i"], &ba.workspace().unwrap().indicators["i"]] {
            assert_eq!((merged.unit.as_str(), merged.target), ("€", Some(50.0)));
            assert_eq!((merged.source.as_str(), merged.definition.as_str()), ("INSEE", "Part des démarches"));
        }
    }
}

#[test]
fn concurrent_values_of_one_measurement_stay_visible_as_a_conflict() {
    let mut origin = new_workspace("W");
    create_indicator(&mut origin, "i", "I");
    let mut a = origin.fork();
    let mut b = origin.fork();
    // Both create the period concurrently.
    record(&mut a, "i", "2026-03", 61.0, "A");
    record(&mut b, "i", "2026-03", 64.0, "B");
    a.merge(&mut b).unwrap();
    let records = &a.measurement_records("i").unwrap()["2026-03"];
    let mut values: Vec<(f64, &str)> = records.iter().map(|r| (r.value, r.author.as_str())).collect();
    values.sort_by(|x, y| x.0.total_cmp(&y.0));
    assert_eq!(values, [(61.0, "A"), (64.0, "B")]);
    // The value the snapshot shows comes first.
    assert_eq!(records[0].value, a.workspace().unwrap().measurements["i"]["2026-03"].value);

    // Both correct an existing value concurrently.
    let mut c = a.fork();
    let mut d = a.fork();
    record(&mut c, "i", "2026-03", 70.0, "C");
    record(&mut d, "i", "2026-03", 71.0, "D");
    c.merge(&mut d).unwrap();
    let mut values: Vec<f64> = c.measurement_records("i").unwrap()["2026-03"].iter().map(|m| m.value).collect();
    values.sort_by(f64::total_cmp);
    assert_eq!(values, [70.0, 71.0]);
    let winner = c.workspace().unwrap().measurements["i"]["2026-03"].value;
    assert!(winner == 70.0 || winner == 71.0);

    // A later edit that saw both resolves the conflict.
    record(&mut c, "i", "2026-03", 72.0, "C");
    assert_eq!(c.measurement_records("i").unwrap()["2026-03"].len(), 1);
}

#[test]
fn importing_never_creates_a_document_from_scratch() {
    let mut original = new_workspace("Lauris");
    create_indicator(&mut original, "i", "I");
    let genesis_hash = original.history()[0].hash.clone();

    // Two replicas that each "create the same document" independently lose
    // data on merge: that is why only genesis() makes root objects, and why
    // merge refuses documents with another id.
    let mut impostor = new_workspace("Lauris");
    assert_eq!(original.merge(&mut impostor).unwrap_err().kind, ErrorKind::DifferentDocument);
    assert_eq!(original.merge_bytes(&impostor.save()).unwrap_err().kind, ErrorKind::DifferentDocument);

    // What arrives as bytes is opened as is, with its own genesis.
    let mut received = Document::load(&original.save()).unwrap();
    assert_eq!(received.history()[0].hash, genesis_hash);
    assert_eq!(received.id(), original.id());
    record(&mut received, "i", "2026", 5.0, "Town");
    let summary = original.merge_bytes(&received.save()).unwrap();
    assert_eq!(summary.new_changes, 1);
    assert_eq!(original.workspace().unwrap().measurements["i"]["2026"].value, 5.0);
}

#[test]
fn merge_summary_says_how_many_changes_from_whom_and_which_entities() {
    let mut origin = new_workspace("W");
    create_indicator(&mut origin, "i1", "I1");
    create_indicator(&mut origin, "i2", "I2");
    let mut town = origin.fork();
    record(&mut town, "i1", "2026-01", 1.0, "Jeanne");
    record(&mut town, "i1", "2026-02", 2.0, "Jeanne");
    create_indicator(&mut town, "i3", "I3");
    let summary = origin.merge_bytes(&town.save()).unwrap();
    assert_eq!(summary.new_changes, 3);
    assert!(summary.authors.contains("Jeanne"));
    assert!(summary.changed["measurements"].contains("i1"));
    assert!(summary.changed["indicators"].contains("i3"));
    assert!(!summary.changed["indicators"].contains("i2"));

    // Importing the same thing twice changes nothing.
    let heads = origin.heads();
    let again = origin.merge_bytes(&town.save()).unwrap();
    assert!(again.is_empty());
    assert_eq!(origin.heads(), heads);
}

#[test]
fn a_failed_import_changes_nothing() {
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "I");
    let before = doc.save();
    let mut other = doc.fork();
    record(&mut other, "i", "2026", 1.0, "X");
    let bytes = other.save();
    assert!(doc.merge_bytes(&bytes[..bytes.len() - 3]).is_err());
    assert!(doc.merge_bytes(b"garbage").is_err());
    assert_eq!(doc.save(), before);
}

#[test]
fn roadmap_statuses_of_different_towns_merge_in_any_order() {
    use gouvernail::model::kinds::roadmap::{ParticipantStatus, ProgressStatus, RoadmapAction};
    let mut mentor =
        Document::genesis(DocKind::Roadmap, new_id(), "Feuille de route", &ctx("Avignon", "Création")).unwrap();
    mentor
        .apply(
            &Command::Create {
                id: "ac".into(),
                entity: Entity::RoadmapAction(RoadmapAction { title: "Référent".into(), ..Default::default() }),
            },
            &ctx("Avignon", "a"),
        )
        .unwrap();
    let shared = mentor.save();
    let towns = ["84065", "84042", "84129"];
    let files: Vec<Vec<u8>> = towns
        .iter()
        .map(|code| {
            let mut town = Document::load(&shared).unwrap();
            town.set_actor(&new_actor());
            let status =
                ParticipantStatus { status: ProgressStatus::Done, updated_by: code.to_string(), ..Default::default() };
            town.apply(
                &Command::SetParticipantStatus { action_id: "ac".into(), participant: code.to_string(), status },
                &ctx(code, "statut"),
            )
            .unwrap();
            town.save()
        })
        .collect();
    let mut results = Vec::new();
    for order in [[0, 1, 2], [2, 0, 1], [1, 2, 0]] {
        let mut m = Document::load(&shared).unwrap();
        for i in order {
            m.merge_bytes(&files[i]).unwrap();
        }
        results.push(m.roadmap().unwrap());
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]));
    assert_eq!(results[0].statuses["ac"].len(), 3);
}
