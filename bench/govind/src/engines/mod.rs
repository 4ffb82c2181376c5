//! The contenders, by name: one place maps a name to its code, for the
//! command line, the child processes and the browser run alike.

pub mod automerge;
pub mod gouvernail;
pub mod json;
pub mod prototypes;
pub mod yrs;

use self::automerge::{AppLayout, AppLayoutBatched, Batched, PerOp, RawAutomerge};
use crate::engine::Replica;
use crate::phases::{self, LoadReport, Loader, RunReport};
use crate::workload::Workload;

/// Every engine of the suite, in the order of the reports. `run` and `load`
/// also know `automerge-app-layout-batched`, measured on demand.
pub const ALL: [&str; 6] = [
    gouvernail::Gouvernail::NAME,
    RawAutomerge::<Batched>::NAME,
    RawAutomerge::<PerOp>::NAME,
    RawAutomerge::<AppLayout>::NAME,
    yrs::Yrs::NAME,
    json::NAME,
];

/// Runs every phase of `engine`; `None` for an unknown name.
pub fn run(engine: &str, w: &Workload, loader: &dyn Loader) -> Option<RunReport> {
    Some(match engine {
        gouvernail::Gouvernail::NAME => phases::run::<gouvernail::Gouvernail>(w, loader),
        RawAutomerge::<Batched>::NAME => phases::run::<RawAutomerge<Batched>>(w, loader),
        RawAutomerge::<PerOp>::NAME => phases::run::<RawAutomerge<PerOp>>(w, loader),
        RawAutomerge::<AppLayout>::NAME => phases::run::<RawAutomerge<AppLayout>>(w, loader),
        RawAutomerge::<AppLayoutBatched>::NAME => phases::run::<RawAutomerge<AppLayoutBatched>>(w, loader),
        yrs::Yrs::NAME => phases::run::<yrs::Yrs>(w, loader),
        json::NAME => json::run(w, loader),
        _ => return None,
    })
}

/// Loads and materializes bytes saved by `engine`, in this process
/// (`gouvernail-cached-read` and `gouvernail-snapshot` read Gouvernail's files
/// with the prototype fixes).
pub fn load(engine: &str, bytes: &[u8]) -> Option<LoadReport> {
    Some(match engine {
        gouvernail::Gouvernail::NAME => phases::load_and_materialize::<gouvernail::Gouvernail>(bytes),
        RawAutomerge::<Batched>::NAME => phases::load_and_materialize::<RawAutomerge<Batched>>(bytes),
        RawAutomerge::<PerOp>::NAME => phases::load_and_materialize::<RawAutomerge<PerOp>>(bytes),
        RawAutomerge::<AppLayout>::NAME => phases::load_and_materialize::<RawAutomerge<AppLayout>>(bytes),
        RawAutomerge::<AppLayoutBatched>::NAME => phases::load_and_materialize::<RawAutomerge<AppLayoutBatched>>(bytes),
        yrs::Yrs::NAME => phases::load_and_materialize::<yrs::Yrs>(bytes),
        json::NAME => json::load(bytes),
        prototypes::CACHED_READ => prototypes::load_with_cached_read(bytes),
        prototypes::SNAPSHOT => prototypes::load_with_snapshot(bytes),
        _ => return None,
    })
}

/// Loads in this process, on a fresh object: the browser's loader (no child
/// processes there), also usable natively for profiling.
pub struct InProcess;

impl Loader for InProcess {
    fn load(&self, engine: &str, _stage: &str, _size: crate::workload::Size, bytes: &[u8]) -> LoadReport {
        load(engine, bytes).expect("known engine")
    }
}
