//! The floor: no CRDT at all. The native structure (`BTreeMap` of
//! `BTreeMap`) serialized with serde_json; loading is deserializing, which
//! already yields the native structure, so materializing costs nothing.
//! There is no fork or merge: replica A's and B's edits are applied one
//! after the other to reach the same final size.

use crate::clock::timed;
use crate::phases::{native_peak, LoadReport, Loader, RunReport};
use crate::workload::{period, state_fingerprint, Edit, Native, Workload};

pub const NAME: &str = "serde-json";

fn set(w: &Workload, state: &mut Native, e: &Edit) {
    if let Some(series) = state.get_mut(&w.ids[e.indicator]) {
        series.insert(period(e.month), e.value);
    }
}

fn build(w: &Workload) -> Native {
    w.ids
        .iter()
        .zip(&w.values)
        .map(|(id, series)| (id.clone(), series.iter().enumerate().map(|(k, v)| (period(k), *v)).collect()))
        .collect()
}

pub fn load(bytes: &[u8]) -> LoadReport {
    let (native, load_ms) = timed(|| serde_json::from_slice::<Native>(bytes).expect("json"));
    LoadReport::new(load_ms, 0.0, &native)
}

pub fn run(w: &Workload, loader: &dyn Loader) -> RunReport {
    let (mut state, build_ms) = timed(|| build(w));
    let ((), edits_ms) = timed(|| w.edits.iter().for_each(|e| set(w, &mut state, e)));
    let (bytes, save_ms) = timed(|| serde_json::to_vec(&state).expect("json"));
    let load = loader.load(NAME, "edited", w.size, &bytes);
    assert_eq!(load.fingerprint, state_fingerprint(&w.after_edits()), "{NAME}: wrong loaded state");

    for e in w.a_commits.iter().flatten() {
        set(w, &mut state, e);
    }
    for b in &w.b_commits {
        for (k, v) in b.values.iter().enumerate() {
            set(w, &mut state, &Edit { indicator: b.indicator, month: b.first_month + k, value: *v });
        }
        set(w, &mut state, &b.overwrite);
    }
    w.check_merged(&state).expect("serde-json final state");
    let (final_bytes, final_save_ms) = timed(|| serde_json::to_vec(&state).expect("json"));
    let final_load = loader.load(NAME, "merged", w.size, &final_bytes);
    assert_eq!(final_load.fingerprint, state_fingerprint(&state), "{NAME}: wrong final state");
    RunReport {
        engine: NAME.into(),
        size: w.size.name.into(),
        build_ms,
        edits_ms,
        save_ms,
        saved_bytes: bytes.len(),
        load,
        fork_ms: None,
        a_commits_ms: None,
        b_commits_ms: None,
        b_changes_bytes: None,
        merge_a_from_b_ms: None,
        merge_b_from_a_ms: None,
        final_save_ms,
        final_saved_bytes: final_bytes.len(),
        final_load,
        peak_kib: native_peak(),
    }
}
