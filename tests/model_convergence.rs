//! Property test: 2–4 replicas doing random commands and merging in random
//! orders always converge, and no entity is lost (DESIGN.md, invariant 6).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use gouvernail::model::kinds::indicator::Measurement;
use gouvernail::model::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
enum Op {
    CreateIndicator,
    Rename { pick: usize, name: u8 },
    Delete { pick: usize },
    Record { pick: usize, month: u8, value: i16 },
    CreateAxis,
    Merge { from: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::CreateIndicator),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(pick, name)| Op::Rename { pick, name }),
        1 => any::<usize>().prop_map(|pick| Op::Delete { pick }),
        4 => (any::<usize>(), 1u8..=4, any::<i16>()).prop_map(|(pick, month, value)| Op::Record { pick, month, value }),
        1 => Just(Op::CreateAxis),
        2 => any::<usize>().prop_map(|from| Op::Merge { from }),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<(usize, Op)>, Vec<usize>)> {
    (2usize..=4).prop_flat_map(|n| {
        (Just(n), prop::collection::vec((0..n, op()), 1..24), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
    })
}

/// What the replicas did, to check the merged result against.
#[derive(Default)]
struct Ledger {
    created: BTreeSet<String>,
    deleted: BTreeSet<String>,
    axes: BTreeSet<String>,
    /// (indicator, period) → every value written there.
    values: BTreeMap<(String, String), BTreeSet<i64>>,
}

fn known_indicators(doc: &Document) -> Vec<String> {
    doc.workspace().unwrap().indicators.keys().cloned().collect()
}

fn run(replica_count: usize, steps: &[(usize, Op)], merge_order: &[usize]) -> Result<(), TestCaseError> {
    let bytes = new_workspace("Commune").save();
    let mut replicas: Vec<Document> = (0..replica_count)
        .map(|_| {
            let mut d = Document::load(&bytes).unwrap();
            d.set_actor(&new_actor());
            d
        })
        .collect();
    let mut ledger = Ledger::default();
    let mut counter = 0;
    for (who, op) in steps {
        let who = *who;
        counter += 1;
        match op {
            Op::CreateIndicator => {
                let id = format!("ind-{counter}");
                create_indicator(&mut replicas[who], &id, "Indicateur");
                ledger.created.insert(id);
            }
            Op::Rename { pick, name } => {
                let known = known_indicators(&replicas[who]);
                if let Some(id) = known.get(pick % known.len().max(1)) {
                    let cmd = Command::Update {
                        id: id.clone(),
                        entity: Entity::Indicator(indicator(&format!("Nom {name}"))),
                    };
                    replicas[who].apply(&cmd, &ctx("R", "renommage")).unwrap();
                }
            }
            Op::Delete { pick } => {
                let known = known_indicators(&replicas[who]);
                if let Some(id) = known.get(pick % known.len().max(1)) {
                    let cmd = Command::Delete { collection: Collection::Indicators, id: id.clone() };
                    replicas[who].apply(&cmd, &ctx("R", "suppression")).unwrap();
                    ledger.deleted.insert(id.clone());
                }
            }
            Op::Record { pick, month, value } => {
                let known = known_indicators(&replicas[who]);
                if let Some(id) = known.get(pick % known.len().max(1)) {
                    let period = format!("2026-0{month}");
                    let cmd = Command::RecordMeasurement {
                        indicator_id: id.clone(),
                        period: Period::parse(&period).unwrap(),
                        measurement: Measurement { value: *value as f64, ..Default::default() },
                    };
                    replicas[who].apply(&cmd, &ctx("R", "mesure")).unwrap();
                    ledger.values.entry((id.clone(), period)).or_default().insert(*value as i64);
                }
            }
            Op::CreateAxis => {
                let id = format!("axe-{counter}");
                let axis = gouvernail::model::kinds::strategy::Axis { title: "Axe".into(), ..Default::default() };
                replicas[who]
                    .apply(&Command::Create { id: id.clone(), entity: Entity::Axis(axis) }, &ctx("R", "axe"))
                    .unwrap();
                ledger.axes.insert(id);
            }
            Op::Merge { from } => {
                let from = from % replicas.len();
                if from != who {
                    let bytes = replicas[from].save();
                    replicas[who].merge_bytes(&bytes).unwrap();
                }
            }
        }
    }
    // Everyone sends their file to the first in the shuffled order, who sends
    // the result back to all: the mentor's workflow.
    let hub = merge_order[0];
    for &i in &merge_order[1..] {
        let bytes = replicas[i].save();
        replicas[hub].merge_bytes(&bytes).unwrap();
    }
    let merged = replicas[hub].save();
    for &i in &merge_order[1..] {
        replicas[i].merge_bytes(&merged).unwrap();
    }
    let states: Vec<_> = replicas.iter().map(|r| r.workspace().unwrap()).collect();
    for state in &states[1..] {
        prop_assert_eq!(state, &states[0]);
    }
    let state = &states[0];
    let expected: BTreeSet<String> = ledger.created.difference(&ledger.deleted).cloned().collect();
    let present: BTreeSet<String> = state.indicators.keys().cloned().collect();
    prop_assert_eq!(&present, &expected, "indicators lost or resurrected");
    let measured: BTreeSet<String> = state.measurements.keys().cloned().collect();
    prop_assert_eq!(&measured, &expected, "measurement series out of step with indicators");
    let axes: BTreeSet<String> = state.axes.keys().cloned().collect();
    prop_assert_eq!(axes, ledger.axes);
    for ((id, period), written) in &ledger.values {
        if expected.contains(id) {
            let value = state.measurements[id].get(period).map(|m| m.value as i64);
            prop_assert!(value.is_some_and(|v| written.contains(&v)), "measurement {id} {period} lost");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn replicas_converge_and_lose_nothing((n, steps, order) in scenario()) {
        run(n, &steps, &order)?;
    }
}
