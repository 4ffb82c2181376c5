//! GOV-IND v1: how Gouvernail's model layer performs on indicator data,
//! next to raw Automerge, yrs and serde_json, on one deterministic workload
//! (see `BENCHMARKS.md` at the repository root for the workload, the
//! results and their analysis).
//!
//! The library holds everything shared by the native binary (`src/main.rs`,
//! which runs each engine in child processes) and the browser run
//! (`tests/browser.rs`, wasm in headless Chromium).

pub mod clock;
pub mod engine;
pub mod engines;
pub mod phases;
pub mod prototype;
pub mod rng;
pub mod workload;
