//! The GOV-IND phases, timed the same way for every engine.
//!
//! build → 200 single edits → save → load and materialize (through a
//! [`Loader`]: a child process natively, a fresh object in the browser) →
//! fork → replica A's 100 commits, replica B's 50 → size of B's changes
//! since the fork → merge A←B, then B←A → convergence check → save → load
//! and materialize again. Every loaded state is checked against the
//! expected one (fingerprints), so a fast wrong answer cannot pass.

use crate::clock::{peak_memory_kib, timed};
use crate::engine::Replica;
use crate::workload::{state_fingerprint, Native, Size, Workload};
use serde::{Deserialize, Serialize};

/// Loading saved bytes and materializing them, as a fresh reader would.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LoadReport {
    pub load_ms: f64,
    pub materialize_ms: f64,
    /// Peak memory of the loading process (natively: its VmHWM), KiB.
    pub peak_kib: Option<u64>,
    pub measurements: usize,
    pub fingerprint: String,
    /// Size of the snapshot read instead of hydrating (`gouvernail-snapshot` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot_bytes: Option<usize>,
}

/// One run of every phase for one engine and size. `None` where a phase
/// has no meaning for the engine (serde_json does not merge).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunReport {
    pub engine: String,
    pub size: String,
    pub build_ms: f64,
    /// The 200 single-value edits, each its own commit, all together.
    pub edits_ms: f64,
    pub save_ms: f64,
    pub saved_bytes: usize,
    pub load: LoadReport,
    pub fork_ms: Option<f64>,
    /// Replica A: 100 commits of 10 value updates.
    pub a_commits_ms: Option<f64>,
    /// Replica B: 50 commits of 12 appended months and one overwrite.
    pub b_commits_ms: Option<f64>,
    pub b_changes_bytes: Option<usize>,
    /// A brings in B's changes.
    pub merge_a_from_b_ms: Option<f64>,
    /// B brings in A's changes (B's own are already in A by then).
    pub merge_b_from_a_ms: Option<f64>,
    pub final_save_ms: f64,
    pub final_saved_bytes: usize,
    pub final_load: LoadReport,
    /// Peak memory of the process that ran the phases, KiB (native only).
    pub peak_kib: Option<u64>,
}

/// Where saved bytes are loaded and materialized.
pub trait Loader {
    /// `stage` is `edited` (after the single edits) or `merged` (the end).
    fn load(&self, engine: &str, stage: &str, size: Size, bytes: &[u8]) -> LoadReport;
}

impl LoadReport {
    pub fn new(load_ms: f64, materialize_ms: f64, native: &Native) -> LoadReport {
        LoadReport {
            load_ms,
            materialize_ms,
            peak_kib: native_peak(),
            measurements: native.values().map(|s| s.len()).sum(),
            fingerprint: state_fingerprint(native),
            snapshot_bytes: None,
        }
    }
}

/// Loads and materializes in this process: what the child process does,
/// and what the browser run does with a fresh document object.
pub fn load_and_materialize<R: Replica>(bytes: &[u8]) -> LoadReport {
    let (replica, load_ms) = timed(|| R::load(bytes));
    let (snapshot, materialize_ms) = timed(|| replica.materialize());
    LoadReport::new(load_ms, materialize_ms, &R::to_native(&snapshot))
}

/// The process's peak memory, where it means one engine's work (natively,
/// each engine runs in its own process; in the browser all share one heap).
pub fn native_peak() -> Option<u64> {
    (!cfg!(target_arch = "wasm32")).then(peak_memory_kib)
}

fn expect_state(what: &str, engine: &str, got: &LoadReport, want: &Native) {
    let fingerprint = state_fingerprint(want);
    assert_eq!(got.fingerprint, fingerprint, "{engine}: the {what} state differs from the expected one");
}

/// Every phase for one engine.
pub fn run<R: Replica>(w: &Workload, loader: &dyn Loader) -> RunReport {
    let (mut replica, build_ms) = timed(|| R::build(w));
    let ((), edits_ms) = timed(|| w.edits.iter().for_each(|e| replica.edit(w, e)));
    let (bytes, save_ms) = timed(|| replica.save());
    let load = loader.load(R::NAME, "edited", w.size, &bytes);
    expect_state("loaded", R::NAME, &load, &w.after_edits());

    let (mut b, fork_ms) = timed(|| replica.fork());
    let mut a = replica;
    let mark = b.mark();
    let ((), a_commits_ms) = timed(|| w.a_commits.iter().for_each(|c| a.edit_many(w, c)));
    let ((), b_commits_ms) = timed(|| w.b_commits.iter().for_each(|c| b.append(w, c)));
    let b_changes_bytes = b.changes_since(&mark).len();
    let ((), merge_a_from_b_ms) = timed(|| a.merge(&mut b));
    let ((), merge_b_from_a_ms) = timed(|| b.merge(&mut a));
    let merged = R::to_native(&a.materialize());
    assert_eq!(merged, R::to_native(&b.materialize()), "{}: replicas did not converge", R::NAME);
    if let Err(e) = w.check_merged(&merged) {
        panic!("{}: wrong merged state: {e}", R::NAME);
    }

    let (final_bytes, final_save_ms) = timed(|| a.save());
    let final_load = loader.load(R::NAME, "merged", w.size, &final_bytes);
    expect_state("merged and reloaded", R::NAME, &final_load, &merged);
    RunReport {
        engine: R::NAME.into(),
        size: w.size.name.into(),
        build_ms,
        edits_ms,
        save_ms,
        saved_bytes: bytes.len(),
        load,
        fork_ms: Some(fork_ms),
        a_commits_ms: Some(a_commits_ms),
        b_commits_ms: Some(b_commits_ms),
        b_changes_bytes: Some(b_changes_bytes),
        merge_a_from_b_ms: Some(merge_a_from_b_ms),
        merge_b_from_a_ms: Some(merge_b_from_a_ms),
        final_save_ms,
        final_saved_bytes: final_bytes.len(),
        final_load,
        peak_kib: native_peak(),
    }
}
